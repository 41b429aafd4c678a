"""Record a replay transcript for an evaluation scene by running the real pipeline against
a live model — usually /work/shared/tools/relay_vlm.py, where whoever writes reply.md plays
the model.

    python /work/shared/tools/relay_vlm.py /tmp/relay/chair --port 8799 &
    .venv/bin/python evalset/record.py wooden_chair --port 8799 --model-name "..." --how "..."

The transcript goes to evalset/<scene>/transcripts/<workflow>.json, a report of the run to
out/record/<scene>-<workflow>/. Providers that report no token usage (the relay) get an
estimate: text at 4 characters a token, images by OpenAI's 512-px tile rule; the
transcript's "recorded" field says so.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def image_tokens(png: bytes) -> int:
    import struct
    w, h = struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else (512, 512)
    scale = min(1.0, 768 / min(w, h)) if min(w, h) > 768 else 1.0
    tiles = math.ceil(w * scale / 512) * math.ceil(h * scale / 512)
    return 85 + 170 * tiles


def estimate_input(request) -> int:
    text = len(request.system) + len(request.cache_prefix) + len(request.prompt) + sum(len(t) for _, t in request.history)
    return text // 4 + sum(image_tokens(img) for img in request.images)


class EstimatingRecorder:
    """vlm.replay.TranscriptRecorder, with estimated usage where the provider gave none."""

    def __init__(self, client, recorded: str, model_name: str):
        from codeform.vlm.replay import TranscriptRecorder
        self.inner = TranscriptRecorder(client, recorded=recorded)
        self.provider, self.model = client.provider, model_name
        self.model_name = model_name
        self._lock = threading.Lock()
        self.estimated = 0

    def complete(self, request, cancel=None):
        reply = self.inner.complete(request, cancel)
        if not reply.usage.input_tokens and not reply.usage.output_tokens:
            reply.usage.input_tokens = estimate_input(request)
            reply.usage.output_tokens = max(1, len(reply.text) // 4)
            with self._lock:
                self.estimated += 1
                calls = [c for c in self.inner._calls if c is not None and c["reply"] is reply.text]
                for c in calls:
                    c["usage"] = {"input_tokens": reply.usage.input_tokens,
                                  "output_tokens": reply.usage.output_tokens, "cached_tokens": 0}
        return reply

    def save(self, path: Path) -> Path:
        data = self.inner.to_json()
        data["model"] = self.model_name
        if self.estimated:
            data["recorded"] += (" Token counts are estimates (text at 4 characters a token, images by OpenAI's "
                                 "512-px tile rule): the relay reports none.")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scene")
    ap.add_argument("--port", type=int, default=8799)
    ap.add_argument("--workflow", choices=("staged", "oneshot", "monolithic"), default="staged",
                    help="monolithic: the staged loop without the component-level agent")
    ap.add_argument("--iterations", type=int, default=3)
    ap.add_argument("--model-name", required=True, help="who answers behind the relay")
    ap.add_argument("--how", required=True, help="how the replies are written, for the transcript's recorded field")
    args = ap.parse_args()

    from codeform.metrics.reference import load_reference
    from codeform.pipeline.engine import Reconstructor
    from codeform.pipeline.records import PipelineConfig
    from codeform.pipeline.report import write_report
    from codeform.scene import wiring
    from codeform.vlm.base import make_client
    from codeform.vlm.session import Session

    folder = HERE / args.scene
    reference = load_reference(folder / "reference.png", mask=folder / "mask.png", name=args.scene)
    client = make_client("openai-compatible", model="relay", base_url=f"http://127.0.0.1:{args.port}/v1",
                         api_key="relay", timeout_s=3600, max_retries=0)
    recorder = EstimatingRecorder(client, args.how, args.model_name)
    session = Session(recorder, max_calls=80)
    config = PipelineConfig(iterations=args.iterations, run_name=args.scene[:24],
                            workflow="oneshot" if args.workflow == "oneshot" else "staged",
                            component_agent=args.workflow != "monolithic")
    pool = wiring.open_worker_pool(size=2)
    try:
        ports = wiring.build_ports(session, pool=pool, live=None, events=lambda e: print(e.line(), flush=True))
        result = Reconstructor(ports, config).run(reference)
    finally:
        pool.close()
        path = recorder.save(folder / "transcripts" / f"{args.workflow}.json")
        print(f"transcript: {path}")
    report = write_report(result, reference, ROOT / "out" / "record" / f"{args.scene}-{args.workflow}",
                          title=f"{args.scene} ({args.workflow}, recorded)")
    print(f"report: {report}\n{session.summary()}\ncomplete: {result.complete} {result.failure}")
    return 0 if result.complete else 1


if __name__ == "__main__":
    sys.exit(main())
