"""List the relay's requests that still wait for a reply, with the part of each prompt that
says what is asked (the system prompt, API docs and exemplars are left out).

    .venv/bin/python evalset/pending.py /tmp/relay/chair [--full]
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


def main() -> int:
    folder = Path(sys.argv[1])
    full = "--full" in sys.argv
    for req in sorted(folder.glob("req-*")):
        if (req / "reply.md").exists():
            continue
        prompt = (req / "prompt.md").read_text()
        images = sorted(p.name for p in req.glob("image-*.png"))
        text = last_user(prompt)
        print(f"=== {req.name} images={images}")
        print(text if full else trim(text))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
