"""What each provider puts on the wire, and what it makes of the answer (real SDKs, fake server)."""
import pytest

import fakevlm
from codeform.vlm import Session, VLMRequest
from codeform.vlm.models import list_models
from conftest import HTTP_PROVIDERS, TEST_KEY

pytestmark = pytest.mark.e2e


def request(images=(), **fields):
    return VLMRequest(purpose="component", system="You write Blender code.", prompt="Build the seat.",
                      images=list(images), stage="geometry", component="seat", **fields)


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_images_text_history_and_settings_arrive_in_order(provider, connect, fake_vlm, png_512):
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 64
    r = request([png_512, jpeg], history=[("user", "Earlier question"), ("assistant", "Earlier answer")],
                cache_prefix="API NOTES: use bpy.data.meshes.new", max_tokens=777, temperature=0.2)
    connect(provider).complete(r)
    got = fake_vlm.last
    assert got.images == [png_512, jpeg] and got.image_media_types == ["image/png", "image/jpeg"]
    assert [t for t in got.turns if t[0] != "system"] == [
        ("user", "Earlier question"), ("assistant", "Earlier answer"), ("user", "Build the seat.")]
    assert got.system.startswith("You write Blender code.") and got.system.endswith("use bpy.data.meshes.new")
    assert got.max_tokens == 777
    assert got.body.get("temperature") == (None if provider == "anthropic" else 0.2)   # anthropic 2.x has none
    ua = got.headers["user-agent"]
    assert ua.startswith("CodeForm/0.") and ("openai-python" in ua or "anthropic-python" in ua)


def test_openai_sends_max_completion_tokens_and_compatible_servers_max_tokens(connect, fake_vlm):
    connect("openai").complete(request())
    assert "max_completion_tokens" in fake_vlm.last.body and "max_tokens" not in fake_vlm.last.body
    connect("openai-compatible").complete(request())
    assert "max_tokens" in fake_vlm.last.body and "temperature" not in fake_vlm.last.body


def test_openai_key_goes_in_the_bearer_header(connect, fake_vlm):
    fake_vlm.require_key = TEST_KEY
    assert connect("openai").complete(request()).text == "OK"
    assert fake_vlm.last.headers["authorization"] == f"Bearer {TEST_KEY}"


def test_anthropic_marks_the_stable_prefix_for_caching_and_counts_cached_tokens(connect, fake_vlm):
    client = connect("anthropic")
    session = Session(client)
    r = request(cache_prefix="API NOTES " * 400)
    first = session.complete(r)
    blocks = fake_vlm.last.body["system"]
    assert [b.get("cache_control") for b in blocks] == [None, {"type": "ephemeral"}]
    assert first.usage.cache_write_tokens > 0 and first.usage.cached_tokens == 0
    second = session.complete(r)
    assert second.usage.cached_tokens == first.usage.cache_write_tokens
    assert second.usage.input_tokens == first.usage.input_tokens      # cached tokens still count as input
    assert second.usage.cost_usd < first.usage.cost_usd
    assert session.totals()["cached_tokens"] == second.usage.cached_tokens


def test_openai_reports_cached_prompt_tokens(connect, fake_vlm):
    client = connect("openai")
    client.complete(request(cache_prefix="API NOTES " * 400))
    again = client.complete(request(cache_prefix="API NOTES " * 400))
    assert again.usage.cached_tokens > 1000 and again.usage.cost_usd > 0


def test_compatible_local_server_needs_no_key_and_no_model(connect, fake_vlm):
    fake_vlm.models = ["llava:13b", "qwen2.5vl:7b"]
    client = connect("openai-compatible", model=None)
    reply = client.complete(request())
    assert fake_vlm.last.headers["authorization"] == "Bearer not-needed"
    assert reply.model == fake_vlm.last.model == "llava:13b"
    assert [r.wire for r in fake_vlm.requests] == ["models", "openai"]


def test_compatible_server_key_from_the_environment(connect, fake_vlm, monkeypatch):
    monkeypatch.setenv("CODEFORM_API_KEY", "sk-compat-env-0001")
    connect("openai-compatible").complete(request())
    assert fake_vlm.last.key == "sk-compat-env-0001"


@pytest.mark.parametrize("provider, base", [("openai", "openai_base_url"), ("openai-compatible", "url"),
                                            ("anthropic", "anthropic_base_url")])
def test_list_models(provider, base, fake_vlm):
    fake_vlm.models = ["vision-a", "vision-b"]
    assert list_models(provider, base_url=getattr(fake_vlm, base), api_key=TEST_KEY) == ["vision-a", "vision-b"]
    assert fake_vlm.last.wire == "models" and ("anthropic-version" in fake_vlm.last.headers) == (provider == "anthropic")


def test_list_models_failures_are_one_line(fake_vlm):
    from codeform.vlm import ProviderError
    fake_vlm.script_models(fakevlm.status(401))
    with pytest.raises(ProviderError, match="rejected the API key: set CODEFORM_API_KEY"):
        list_models("openai-compatible", base_url=fake_vlm.url)
    fake_vlm.script_models(fakevlm.status(404))
    with pytest.raises(ProviderError, match="has no model list .404.: check that the base URL ends in /v1"):
        list_models("openai-compatible", base_url=fake_vlm.url)


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_truncated_reply_is_continued_once_and_joined(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.truncated("```python\ndef build_seat(ctx):\n    x = 1\n", output_tokens=4096),
                    fakevlm.reply("```python\n    return x\n```", output_tokens=8))
    reply = connect(provider).complete(request())
    assert reply.text == "```python\ndef build_seat(ctx):\n    x = 1\n    return x\n```"
    assert not reply.truncated and reply.calls == 2 and reply.usage.output_tokens == 4104
    follow_up = fake_vlm.last.turns
    assert follow_up[-2] == ("assistant", "```python\ndef build_seat(ctx):\n    x = 1")
    assert follow_up[-1][0] == "user" and "cut off at the output token limit" in follow_up[-1][1]


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_reply_still_cut_after_the_continuation_is_reported(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.truncated("part one "), fakevlm.truncated("part two"))
    reply = connect(provider).complete(request())
    assert reply.truncated and reply.text == "part one part two" and len(fake_vlm.requests) == 2
    session = Session(connect(provider, continue_truncated=False))
    fake_vlm.script(fakevlm.truncated("cut"))
    assert session.complete(request()).truncated and "1 cut at the token limit" in session.summary()


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_refusal_comes_back_as_text_for_the_parser(provider, connect, fake_vlm):
    from codeform.vlm import ReplyError
    from codeform.vlm.parse import extract_code
    fake_vlm.script(fakevlm.refusal("I'm sorry, but I can't help with that."))
    reply = connect(provider).complete(request())
    assert reply.stop_reason == "refusal"
    with pytest.raises(ReplyError, match="the model refused"):
        extract_code(reply.text)
