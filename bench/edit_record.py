"""Record the replay transcripts of the edit cases against a live model.

    .venv/bin/python -m codeform.bench.edit_record CASE [CASE ...] --method ours|regenerate \
        --base-url http://127.0.0.1:8799/v1 [--model NAME] [--recorded TEXT]

Runs the case's instruction on its scene with the real ports (worker gates, retrieval, the
before render the model looks at), exactly as `codeform edit` would, and writes every call
to evalset/edits/<case>/<method>.json. With /work/shared/tools/relay_vlm.py as the server,
whoever answers the relay's prompts is the model. Servers that report no usage (the relay)
get estimated token counts, marked "estimated".
"""
from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from .edit_cases import METHODS, load_cases

FORMAT, VERSION = "codeform.transcript", 1


class Recorder:
    """Passes calls through and keeps them in transcript order (per key, request order)."""

    def __init__(self, client):
        self.client = client
        self.provider, self.model = client.provider, client.model
        self.calls: list[dict | None] = []
        self._lock = threading.Lock()

    def complete(self, request, cancel=None):
        with self._lock:
            slot = len(self.calls)
            self.calls.append(None)
        reply = self.client.complete(request, cancel)
        usage = {"input_tokens": reply.usage.input_tokens, "output_tokens": reply.usage.output_tokens}
        if not reply.usage.input_tokens:
            text = len(request.system) + len(request.cache_prefix) + len(request.prompt) + sum(
                len(t) for _, t in request.history)
            usage = {"input_tokens": text // 4 + len(request.images) * _image_tokens(request.images),
                     "output_tokens": max(1, len(reply.text) // 4), "estimated": True}
        with self._lock:
            self.calls[slot] = {"purpose": request.purpose, "stage": request.stage, "component": request.component,
                                "reply": reply.text, "usage": usage}
        return reply


def _image_tokens(images: list[bytes]) -> int:
    """Anthropic's estimate, width * height / 750, of the first image (they share a size)."""
    png = images[0] if images else b""
    if len(png) < 24:
        return 0
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return width * height // 750


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="edit_record", description=__doc__.split("\n\n")[0])
    p.add_argument("cases", nargs="+")
    p.add_argument("--method", choices=sorted(METHODS), required=True)
    p.add_argument("--base-url", required=True)
    p.add_argument("--model", default=None)
    p.add_argument("--model-name", default="", help="the model that answers, for the transcript")
    p.add_argument("--recorded", default="", help="how the replies were produced, for the transcript")
    args = p.parse_args(argv)

    from ..pipeline.edit import EditConfig, Editor
    from ..pipeline.edit_regenerate import Regenerator
    from ..scene import wiring
    from ..vlm.base import make_client
    from ..vlm.session import Session

    pool = wiring.open_worker_pool(size=2)
    retriever = wiring.open_retriever(dense=False)
    try:
        for case in load_cases(only=args.cases):
            client = Recorder(make_client("openai-compatible", base_url=args.base_url, model=args.model,
                                          timeout_s=7200, max_retries=0))
            ports = wiring.build_ports(Session(client, max_calls=20), pool=pool, retriever=retriever)
            engine = Editor if args.method == "ours" else Regenerator
            result = engine(ports, EditConfig()).run(case.scene_program(), case.instruction)
            status = ("question: " + result.question if result.needs_clarification else
                      "ok: " + ", ".join(result.changed_parts) if result.complete else "FAILED: " + result.failure)
            calls = [c for c in client.calls if c is not None]
            path = case.folder / METHODS[args.method]
            path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "recorded": args.recorded,
                                        "model": args.model_name or client.model, "calls": calls},
                                       indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{case.id}: {len(calls)} calls, {status} -> {Path(path).name}", flush=True)
    finally:
        pool.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
