"""VLM provider overhead: median wall time of one call carrying one 512x512 PNG against the
loopback fake server with zero latency, per provider. Target <= 15 ms.

What it measures is ours plus the SDK's plus the fake server's own parsing: building the
messages (base64 of the image), the SDK's serialisation and HTTP round trip over a kept-alive
loopback connection, the call thread, usage and cost accounting. The render-like PNG is what
feedback renders look like; the noise PNG is the incompressible worst case.
"""
from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

CALLS, WARMUP = 40, 5
TARGET_MS = 15.0


def _render_like_png() -> bytes:
    """Shapes on a shaded background with a little grain, like a path-traced feedback render."""
    from PIL import Image, ImageDraw
    image = Image.linear_gradient("L").resize((512, 512)).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((140, 220, 380, 260), fill=(150, 100, 60))
    for x in (160, 340):
        draw.rectangle((x, 260, x + 16, 420), fill=(120, 80, 50))
    draw.ellipse((200, 60, 320, 180), fill=(230, 230, 200))
    image = Image.blend(image, Image.effect_noise((512, 512), 40).convert("RGB"), 0.05)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def _noise_png() -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.effect_noise((512, 512), 64).convert("RGB").save(buf, "PNG")
    return buf.getvalue()


def _median_ms(client, request) -> float:
    samples = []
    for i in range(CALLS + WARMUP):
        start = time.perf_counter()
        client.complete(request)
        if i >= WARMUP:
            samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def run(args=None) -> list[str]:
    tests = Path(__file__).resolve().parent.parent / "tests"
    sys.path.insert(0, str(tests))     # the fake server lives with the tests (source checkout only)
    import json
    import tempfile

    import fakevlm
    from ..vlm import VLMRequest, make_client

    images = {"render-like": _render_like_png(), "noise": _noise_png()}
    lines = [f"vlm: one call with one 512x512 PNG against the loopback fake server, zero latency, "
             f"median of {CALLS} calls (render-like PNG {len(images['render-like']) // 1024} KiB, "
             f"noise PNG {len(images['noise']) // 1024} KiB)"]
    with fakevlm.FakeVLM(default="```python\ndef build_seat(ctx):\n    pass\n```", idle_timeout_s=120) as fake, \
            tempfile.TemporaryDirectory() as tmp:
        transcript = Path(tmp) / "t.json"
        transcript.write_text(json.dumps({"format": "codeform.transcript", "version": 1, "model": "m", "calls": [
            {"purpose": "component", "stage": "geometry", "component": "seat", "reply": "x"}] * (CALLS + WARMUP) * 2}))
        clients = {
            "openai": make_client("openai", base_url=fake.openai_base_url, api_key="sk-bench"),
            "anthropic": make_client("anthropic", base_url=fake.anthropic_base_url, api_key="sk-bench"),
            "openai-compatible": make_client("openai-compatible", base_url=fake.url, model="fake-vision-large"),
            "replay": make_client("replay", transcript=str(transcript)),
        }
        for name, client in clients.items():
            cells = []
            for kind, png in images.items():
                request = VLMRequest(purpose="component", system="You write Blender code.", prompt="Build the seat.",
                                     images=[png], stage="geometry", component="seat")
                cells.append(f"{kind} {_median_ms(client, request):6.1f} ms")
            lines.append(f"  {name:<18} {'   '.join(cells)}   target <= {TARGET_MS:.0f} ms")
    return lines
