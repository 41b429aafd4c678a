"""The fake VLM server itself, over plain HTTP (no SDK): where it listens, what it answers,
that it stops itself."""
import json
import socket
import time
import urllib.error
import urllib.request

import pytest

import fakevlm


def post(url, body, headers=None):
    data = json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers={"content-type": "application/json", **(headers or {})})
    with urllib.request.urlopen(req, timeout=5) as resp:
        return resp.status, dict(resp.headers), json.loads(resp.read())


def test_loopback_only_and_stops_at_the_end_of_the_block():
    with fakevlm.FakeVLM() as fake:
        port = fake.port
        assert fake.url == f"http://127.0.0.1:{port}" and fake.openai_base_url.endswith("/v1")
        assert fake._server.server_address[0] == "127.0.0.1"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=0.5)
    assert not fake.running


def test_stops_itself_when_idle():
    fake = fakevlm.FakeVLM(idle_timeout_s=0.3).start()
    deadline = time.time() + 5
    while fake.running and time.time() < deadline:
        time.sleep(0.05)
    assert not fake.running


def test_openai_shape_usage_and_request_log():
    with fakevlm.FakeVLM(fakevlm.reply("hello", input_tokens=11, output_tokens=3, cached_tokens=4)) as fake:
        status, headers, body = post(f"{fake.openai_base_url}/chat/completions", {
            "model": "m1", "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": [
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                {"type": "text", "text": "hi"}]}]}, {"authorization": "Bearer sk-abc"})
        assert status == 200 and body["object"] == "chat.completion" and body["model"] == "m1"
        assert body["choices"][0]["message"]["content"] == "hello" and body["choices"][0]["finish_reason"] == "stop"
        assert body["usage"] == {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14,
                                 "prompt_tokens_details": {"cached_tokens": 4, "audio_tokens": 0},
                                 "completion_tokens_details": body["usage"]["completion_tokens_details"]}
        got = fake.last
        assert got.key == "sk-abc" and got.system == "sys" and got.prompt == "hi"
        assert got.images == [b"\x89PNG\r\n\x1a\n"] and got.image_media_types == ["image/png"]


def test_anthropic_shape_and_x_api_key():
    with fakevlm.FakeVLM(fakevlm.truncated("cut", input_tokens=20, output_tokens=5)) as fake:
        _, _, body = post(f"{fake.url}/v1/messages", {"model": "c1", "max_tokens": 5, "messages": [
            {"role": "user", "content": "hi"}]}, {"x-api-key": "sk-ant-xyz", "anthropic-version": "2023-06-01"})
        assert body["type"] == "message" and body["content"] == [{"type": "text", "text": "cut"}]
        assert body["stop_reason"] == "max_tokens" and body["usage"]["output_tokens"] == 5
        assert fake.last.key == "sk-ant-xyz" and fake.last.max_tokens == 5


def test_faults_carry_real_error_bodies_and_retry_after():
    with fakevlm.FakeVLM(fakevlm.status(429, retry_after=2), fakevlm.status(529)) as fake:
        with pytest.raises(urllib.error.HTTPError) as err:
            post(f"{fake.openai_base_url}/chat/completions", {"model": "m", "messages": []})
        assert err.value.code == 429 and err.value.headers["Retry-After"] == "2"
        assert json.loads(err.value.read())["error"]["code"] == "rate_limit_exceeded"
        with pytest.raises(urllib.error.HTTPError) as err:
            post(f"{fake.url}/v1/messages", {"model": "m", "messages": []}, {"anthropic-version": "2023-06-01"})
        assert err.value.code == 529 and json.loads(err.value.read())["error"]["type"] == "overloaded_error"


def test_required_key_unknown_routes_and_models():
    with fakevlm.FakeVLM(require_key="sk-right", models=["a", "b"]) as fake:
        with pytest.raises(urllib.error.HTTPError) as err:
            post(f"{fake.openai_base_url}/chat/completions", {"model": "m", "messages": []},
                 {"authorization": "Bearer sk-wrong"})
        assert err.value.code == 401 and "sk-wrong" in json.loads(err.value.read())["error"]["message"]
        with pytest.raises(urllib.error.HTTPError) as err:
            post(f"{fake.url}/v2/nothing", {})
        assert err.value.code == 404
        models = urllib.request.Request(f"{fake.openai_base_url}/models", headers={"authorization": "Bearer sk-right"})
        with urllib.request.urlopen(models, timeout=5) as resp:
            assert [m["id"] for m in json.loads(resp.read())["data"]] == ["a", "b"]


def test_responder_answers_after_the_script():
    with fakevlm.FakeVLM("first", responder=lambda r: f"echo {r.prompt}") as fake:
        url = f"{fake.openai_base_url}/chat/completions"
        texts = [post(url, {"model": "m", "messages": [{"role": "user", "content": p}]})[2]["choices"][0]["message"]
                 ["content"] for p in ("a", "b")]
        assert texts == ["first", "echo b"] and fake.pending == 0


def test_reset_restores_the_constructor_settings():
    with fakevlm.FakeVLM(default="hi", models=["a"]) as fake:
        fake.models, fake.default, fake.require_key, fake.latency_s = ["z"], "changed", "sk-x", 1.0
        fake.script("queued")
        fake.reset()
        assert (fake.models, fake.default, fake.require_key, fake.latency_s, fake.pending) == (["a"], "hi", None, 0.0, 0)
