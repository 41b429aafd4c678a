"""List the relay's requests that still wait for a reply, with the part of each prompt that
says what is asked (the system prompt, API docs and exemplars are left out).

    .venv/bin/python evalset/pending.py /tmp/relay/chair [--full] [--wait LOG]

With --wait, first block until requests are pending and no new one arrived for 3 s (a
batch of concurrent component calls arrives together), or until LOG (the recorder's
output) says the run is over.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path


def last_user(prompt: str) -> str:
    parts = re.split(r"^## (system|user|assistant)\s*$", prompt, flags=re.M)
    users = [parts[i + 1] for i in range(1, len(parts) - 1, 2) if parts[i] == "user"]
    return users[-1].strip() if users else prompt


def trim(text: str) -> str:
    for marker in ("Blender API documentation that may help:", "An example from CodeForm's library"):
        if marker in text:
            text = text[: text.index(marker)].rstrip() + f"\n[... {marker[:30]} ...]"
    return text


def pending(folder: Path) -> list[Path]:
    return [r for r in sorted(folder.glob("req-*")) if not (r / "reply.md").exists() and (r / "prompt.md").exists()]


def wait(folder: Path, log: Path, timeout: float = 900) -> None:
    import time
    start, seen, since = time.time(), [], time.time()
    while time.time() - start < timeout:
        now = pending(folder)
        if now != seen:
            seen, since = now, time.time()
        if now and time.time() - since > 3:
            return
        if log.exists() and "complete:" in log.read_text():
            print(log.read_text().split("transcript:")[-1])
            return
        time.sleep(0.5)


def main() -> int:
    folder = Path(sys.argv[1])
    full = "--full" in sys.argv
    if "--wait" in sys.argv:
        wait(folder, Path(sys.argv[sys.argv.index("--wait") + 1]))
    for req in pending(folder):
        prompt = (req / "prompt.md").read_text()
        images = sorted(p.name for p in req.glob("image-*.png"))
        text = last_user(prompt)
        print(f"=== {req.name} images={images}")
        text = text if full else trim(text)
        if not full:  # the component table repeats in every call: once is enough
            text = re.sub(r"(?ms)^The blueprint's components.*?\n\n", "", text)
            text = re.sub(r"(?m)^\[image-\d\.png\]\n?", "", text).strip()
        print(text)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
