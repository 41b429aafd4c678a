"""Tier 3: the real openai/anthropic SDKs against the loopback fake VLM server (tests/fakevlm.py).

`fake_vlm` is one server per test session (per xdist worker), reset before every test:
empty script, no responder, no key requirement, empty request log, cold prompt cache.
"""
import io

import pytest

import fakevlm


@pytest.fixture(scope="session")
def _fake_vlm_server():
    with fakevlm.FakeVLM(idle_timeout_s=600) as server:
        yield server


@pytest.fixture
def fake_vlm(_fake_vlm_server) -> fakevlm.FakeVLM:
    _fake_vlm_server.reset()
    yield _fake_vlm_server
    _fake_vlm_server.reset()


@pytest.fixture(scope="session")
def png_512() -> bytes:
    """A 512x512 PNG that looks like a feedback render (smooth shading, a few shapes)."""
    from PIL import Image, ImageDraw
    image = Image.linear_gradient("L").resize((512, 512)).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((140, 220, 380, 260), fill=(150, 100, 60))
    for x in (160, 340):
        draw.rectangle((x, 260, x + 16, 420), fill=(120, 80, 50))
    draw.ellipse((200, 60, 320, 180), fill=(230, 230, 200))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


HTTP_PROVIDERS = ("openai", "anthropic", "openai-compatible")
TEST_KEY = "sk-test-key-000000001"


@pytest.fixture
def connect(fake_vlm):
    """connect(provider, **make_client options) -> a client of the real provider pointed at
    `fake_vlm`, with test-sized retries (backoff 10 ms, 2 retries, 5 s timeout)."""
    from codeform.vlm import make_client

    def make(provider: str, **options):
        options.setdefault("backoff_s", 0.01)
        options.setdefault("max_retries", 2)
        options.setdefault("timeout_s", 5.0)
        if provider == "openai":
            return make_client("openai", base_url=fake_vlm.openai_base_url, **{"api_key": TEST_KEY, **options})
        if provider == "anthropic":
            return make_client("anthropic", base_url=fake_vlm.anthropic_base_url, **{"api_key": TEST_KEY, **options})
        if provider == "openai-compatible":
            return make_client("openai-compatible", base_url=fake_vlm.url, **{"model": "fake-vision-large", **options})
        raise ValueError(provider)
    return make
