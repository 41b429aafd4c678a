"""A broken proxy or a hostile endpoint, through the real SDKs: bodies that never end or inflate
to hundreds of megabytes, redirects to another host, garbage Retry-After values, replies of the
wrong shape. Each ends in a one-line error or a usable reply, never a hang, a traceback or a
process that eats its memory."""
import gzip
import json
import threading
import time

import pytest

import fakevlm
from codeform.vlm import ProviderError, Session, VLMRequest
from conftest import HTTP_PROVIDERS, TEST_KEY

pytestmark = pytest.mark.e2e


def request():
    return VLMRequest(purpose="component", system="s", prompt="Build the seat.", stage="geometry", component="seat")


def fails(client) -> str:
    with pytest.raises(ProviderError) as err:
        client.complete(request())
    message = str(err.value)
    assert "\n" not in message and err.value.exit_code == 6
    return message


def _reader_threads() -> set:
    return {t for t in threading.enumerate() if t.name.startswith("codeform-vlm-")}


# -- bodies that would take the process down ------------------------------------------------------
@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_an_endless_body_is_cut_off_and_not_read_on_in_the_background(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.endless(seconds=20))
    client = connect(provider, max_reply_bytes=2 << 20)
    before = _reader_threads()          # earlier tests' abandoned calls may still be winding down
    start = time.perf_counter()
    message = fails(client)
    assert "sent a reply larger than 2 MB, which no model reply is; stopped reading it" in message
    assert time.perf_counter() - start < 8 and len(fake_vlm.requests) == 1     # not retried; the body lasts 20 s
    deadline = time.monotonic() + 5                   # the call's thread is gone, not still reading
    while _reader_threads() - before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _reader_threads() - before


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_gzip_bomb_is_not_inflated_into_memory(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.gzip_bomb(64 << 20))      # 64 KB on the wire, 64 MB inflated
    message = fails(connect(provider))
    assert "sent a reply larger than 16 MB" in message and len(fake_vlm.requests) == 1


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_gzipped_reply_still_reads(provider, connect, fake_vlm):
    if provider == "anthropic":
        body = {"id": "msg_1", "type": "message", "role": "assistant", "model": "m", "stop_reason": "end_turn",
                "content": [{"type": "text", "text": "zipped"}], "usage": {"input_tokens": 3, "output_tokens": 1}}
    else:
        body = {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "zipped"}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}}
    fake_vlm.script(fakevlm.Fault("malformed", 200, body=gzip.compress(json.dumps(body).encode()),
                                  headers={"Content-Encoding": "gzip"}))
    reply = connect(provider).complete(request())
    assert reply.text == "zipped" and reply.usage.output_tokens == 1


def test_a_corrupt_gzip_body_is_a_malformed_reply(connect, fake_vlm):
    fake_vlm.script(*[fakevlm.Fault("malformed", 200, body=b"\x1f\x8b\x08\x00garbage", headers={"Content-Encoding": "gzip"})] * 2)
    assert "sent a reply that is not a chat completions response (2 attempts)" in fails(connect("openai", max_retries=1))


# -- redirects ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", [301, 307, 308])
@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_redirect_is_reported_not_followed(provider, code, connect, fake_vlm):
    # "localhost" is another origin than 127.0.0.1: were the redirect followed, the prompt,
    # the images and (with some SDKs) the key would go to the other host
    path = "/v1/messages" if provider == "anthropic" else "/v1/chat/completions"
    elsewhere = f"http://localhost:{fake_vlm.port}{path}"
    fake_vlm.script(fakevlm.redirect(elsewhere + "?token=" + TEST_KEY, code))
    message = fails(connect(provider))
    assert f"redirects the call ({code}) to {elsewhere}: set the base URL to the address the API really lives at" \
        in message
    assert TEST_KEY not in message and "token" not in message
    assert len(fake_vlm.requests) == 1


# -- headers and shapes that are not what the API promises -------------------------------------------------
@pytest.mark.parametrize("value", ["nan", "NaN", "soon", "-5", "Wed, 99 Foo 2026"])
def test_a_garbage_retry_after_falls_back_to_the_backoff(value, connect, fake_vlm):
    fake_vlm.script(fakevlm.status(429, retry_after=value), fakevlm.Fault(retry_after_ms="nan", status=503),
                    fakevlm.reply("done"))
    reply = connect("openai-compatible").complete(request())
    assert reply.text == "done" and reply.attempts == 3


def _chat(message, usage=None, **extra) -> str:
    body = {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": usage if usage is not None else {"prompt_tokens": 3, "completion_tokens": 1}}
    body.update(extra)
    return json.dumps(body)


@pytest.mark.parametrize("body", [
    _chat(None),                                     # "message": null
    _chat({"role": "assistant"}, choices=["hello"]),   # choices of strings
    '{"a":' * 50_000 + "1" + "}" * 50_000,           # nested past the JSON parser's recursion limit
    b'{"id": "c", "choices": [{"message": {"content": "\xff\xfe"}}]',   # neither JSON nor UTF-8
], ids=["null-message", "string-choices", "deep-nesting", "not-utf8"])
def test_a_reply_of_the_wrong_shape_is_retried_as_malformed(body, connect, fake_vlm):
    fake_vlm.script(fakevlm.malformed(body), fakevlm.reply("done"))
    assert connect("openai-compatible").complete(request()).text == "done"
    assert len(fake_vlm.requests) == 2


def test_content_as_a_list_of_text_parts_is_joined(connect, fake_vlm):
    parts = [{"type": "text", "text": "```python\n"}, {"type": "image_url", "image_url": {"url": "x"}},
             {"type": "text", "text": "x = 1\n```"}]
    fake_vlm.script(fakevlm.malformed(_chat({"role": "assistant", "content": parts})))
    assert connect("openai-compatible").complete(request()).text == "```python\nx = 1\n```"


@pytest.mark.parametrize("usage", [
    {"prompt_tokens": "lots", "completion_tokens": "7"},
    {"prompt_tokens": -1_000_000, "completion_tokens": -7, "prompt_tokens_details": {"cached_tokens": -5}},
    {"prompt_tokens": float("nan"), "completion_tokens": True},
    {"prompt_tokens": 1e300, "completion_tokens": [1]},
    {"prompt_tokens": 10, "completion_tokens": 1, "prompt_tokens_details": {"cached_tokens": 5_000_000}},
], ids=["strings", "negative", "nan-bool", "absurd-list", "cached-beyond-prompt"])
def test_garbage_usage_keeps_the_reply_and_never_refunds_the_budget(usage, connect, fake_vlm):
    fake_vlm.script(fakevlm.malformed(_chat({"role": "assistant", "content": "kept"}, usage=usage, model="gpt-4.1")))
    session = Session(connect("openai"), max_cost_usd=1.0)
    reply = session.complete(request())
    assert reply.text == "kept"
    u = reply.usage
    assert min(u.input_tokens, u.output_tokens, u.cached_tokens) >= 0 and u.cost_usd >= 0
    assert u.input_tokens <= 100_000_000 and u.cached_tokens <= u.input_tokens
    totals = session.totals()
    assert totals["input_tokens"] >= 0 and totals["cost_usd"] >= 0


def _message(content, **extra) -> str:
    body = {"id": "msg_1", "type": "message", "role": "assistant", "model": "m", "stop_reason": "end_turn",
            "content": content, "usage": {"input_tokens": 3, "output_tokens": 1}}
    body.update(extra)
    return json.dumps(body)


def test_anthropic_shapes(connect, fake_vlm):
    client = connect("anthropic")
    fake_vlm.script(fakevlm.malformed(_message("flattened by a proxy")))
    assert client.complete(request()).text == "flattened by a proxy"
    fake_vlm.script(fakevlm.malformed(_message([{"type": "thinking", "thinking": "hmm", "signature": "s"}],
                                               stop_reason="max_tokens")))
    reply = client.complete(request())             # nothing but thinking: an empty reply, cut at the limit
    assert reply.text == "" and reply.stop_reason == "max_tokens" and reply.truncated
    fake_vlm.script(fakevlm.malformed(_message([{"type": "text", "text": "a"}, {"type": "tool_use", "id": "t",
                                                "name": "f", "input": {}}, {"type": "text", "text": "b"}],
                                               stop_reason="pause_turn")))
    reply = client.complete(request())
    assert reply.text == "ab" and reply.stop_reason == "pause_turn"
    fake_vlm.script(fakevlm.malformed(_message({"type": "text"})), fakevlm.reply("done"))
    assert client.complete(request()).text == "done"      # content not a list: malformed, retried


# -- Refresh Models against a server that is not what it claims ------------------------------------------
@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
@pytest.mark.parametrize("body", ["<html><body>Sign in</body></html>", '[{"id": "a"}]', '{"data": null}',
                                  '{"models": [{"name": "llava"}]}', '{"data": {"id": "a"}}'],
                         ids=["html", "bare-array", "null-data", "ollama-tags", "data-object"])
def test_a_model_list_that_is_not_one_is_a_one_line_error(provider, body, fake_vlm):
    from codeform.vlm.models import list_models
    base = {"openai": fake_vlm.openai_base_url, "anthropic": fake_vlm.anthropic_base_url,
            "openai-compatible": fake_vlm.url}[provider]
    fake_vlm.script_models(fakevlm.malformed(body))
    with pytest.raises(ProviderError, match="sent a model list that is not a /v1/models response: ") as err:
        list_models(provider, base_url=base, api_key=TEST_KEY)
    assert "\n" not in str(err.value) and "Error" not in str(err.value)


def test_model_ids_are_fit_for_a_menu(fake_vlm):
    from codeform.vlm.models import list_models
    data = [{"id": 5}, {"id": None}, {}, "bare", {"id": "two\nlines"}, {"id": "x" * 5000}, {"id": " llava:13b "},
            {"id": "llava:13b"}, {"id": ""}, {"id": "qwen2.5vl:7b"}]
    fake_vlm.script_models(fakevlm.malformed(json.dumps({"object": "list", "data": data})))
    assert list_models("openai-compatible", base_url=fake_vlm.url) == ["llava:13b", "qwen2.5vl:7b"]


def test_no_model_set_and_a_garbage_model_list(connect, fake_vlm):
    fake_vlm.script_models(fakevlm.malformed("<html>login</html>"))
    message = fails(connect("openai-compatible", model=None))
    assert message.startswith("the server at http://127.0.0.1:")
    assert "sent a model list that is not a /v1/models response (asked because no model name is set)" in message
    assert [r.wire for r in fake_vlm.requests] == ["models"]


# -- addresses: TLS, credentials, paths --------------------------------------------------------------------
_CERT = """-----BEGIN CERTIFICATE-----
MIIBkTCCATagAwIBAgIUW+zEePneVbMB1o1GKQsILWAT+pAwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMzE0MjIzN1oYDzIxMjYxMDMw
MTQyMjM3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASHl/ye4ey/ep0GeasPamfO7QiQvz5AGI5krSIkf32BEFMbGa0S6nBg
pfwDnSTDUDWRqcZTYNODfaw/nwFPpm1so2QwYjAdBgNVHQ4EFgQUlDEXV4lQNcb0
zPFgJrDH5hBGEGswHwYDVR0jBBgwFoAUlDEXV4lQNcb0zPFgJrDH5hBGEGswDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC
IQDk06GMOCM2tgsznXutK+f5I4eKJU7OxheKfbhIEKKe+QIhAMuT5KnimybV4GCg
a219rHftiTSuHCiQL8GfK602lxlK
-----END CERTIFICATE-----
"""
# a throwaway self-signed test key for 127.0.0.1 (valid to 2126), not a secret
_TEST_TLS_KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg4MLD3hwbkW+79f/j
u4ph6cCi66uKX2Ked0n6mHViO/ChRANCAASHl/ye4ey/ep0GeasPamfO7QiQvz5A
GI5krSIkf32BEFMbGa0S6nBgpfwDnSTDUDWRqcZTYNODfaw/nwFPpm1s
-----END PRIVATE KEY-----
"""


@pytest.fixture(scope="module")
def tls_fake(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_text(_CERT)
    (folder / "key.pem").write_text(_TEST_TLS_KEY)
    with fakevlm.FakeVLM(tls=(str(folder / "cert.pem"), str(folder / "key.pem"))) as server:
        yield server


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_tls_problems_say_what_is_wrong_with_the_address(provider, tls_fake, fake_vlm):
    from codeform.vlm import make_client
    suffix = "" if provider == "anthropic" else "/v1"
    untrusted = make_client(provider, base_url=tls_fake.url + suffix, model="m", api_key=TEST_KEY, max_retries=2,
                            backoff_s=0.01, timeout_s=5)
    message = fails(untrusted)
    assert "has a TLS certificate this computer does not trust (self-signed certificate): use its trusted " \
           "address, or http:// for a server on this machine or network" in message
    plain_as_https = fake_vlm.url.replace("http://", "https://") + suffix
    message = fails(make_client(provider, base_url=plain_as_https, model="m", api_key=TEST_KEY, max_retries=2,
                                backoff_s=0.01, timeout_s=5))
    assert message.endswith("does not speak https: use http:// in the base URL")
    assert not tls_fake.requests and not fake_vlm.requests          # neither was retried into a request


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_credentials_in_the_base_url_are_refused_without_repeating_them(provider, fake_vlm, caplog):
    from codeform.vlm import make_client
    base = fake_vlm.url.replace("http://", "http://admin:hunter2-s3cret@")
    with pytest.raises(ProviderError) as err:
        make_client(provider, base_url=base, model="m", api_key=TEST_KEY)
    assert str(err.value).startswith("the base URL holds a user name or password (user:secret@host): remove it "
                                     "and set ")
    assert "hunter2" not in str(err.value) and "hunter2" not in caplog.text and not fake_vlm.requests


@pytest.mark.parametrize("provider, pasted", [
    ("anthropic", "/v1"), ("anthropic", "/v1/"), ("anthropic", "/v1/messages"),
    ("openai", "/v1/chat/completions"), ("openai", ""),
])
def test_base_urls_as_people_paste_them(provider, pasted, connect, fake_vlm):
    from codeform.vlm import make_client
    client = make_client(provider, base_url=fake_vlm.url + pasted, api_key=TEST_KEY, max_retries=0)
    assert client.complete(request()).text == "OK"
    assert fake_vlm.last.path == ("/v1/messages" if provider == "anthropic" else "/v1/chat/completions")


# -- errors dressed as answers, and answers cut off ----------------------------------------------------------
@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_an_error_inside_a_200_is_classified_like_its_status(provider, connect, fake_vlm):
    upstream = json.dumps({"error": {"message": "Provider returned error", "code": 502}, "user_id": "u"})
    fake_vlm.script(fakevlm.malformed(upstream), fakevlm.reply("done"))
    assert connect(provider).complete(request()).text == "done"          # a 502 in the body: retried
    denied = json.dumps({"error": {"message": "No auth credentials found \x1b[31mnow\x1b[0m", "code": 401}})
    fake_vlm.script(fakevlm.malformed(denied))
    assert "rejected the API key" in fails(connect(provider))
    fake_vlm.script(fakevlm.malformed(json.dumps({"error": {"message": "context too long\x1b[2J", "code": 400}})))
    message = fails(connect(provider))
    assert message.endswith("rejected the request (400): context too long [2J") and "\x1b" not in message


def test_fastapi_style_error_details_reach_the_message(connect, fake_vlm):
    detail = {"detail": [{"loc": ["body", "messages"], "msg": "field required", "type": "missing"}]}
    fake_vlm.script(fakevlm.status(422, body=json.dumps(detail)))
    assert fails(connect("openai-compatible")).endswith("rejected the request (422): field required")


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_reply_cut_off_mid_body_is_not_called_unreachable(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.cut_off(), fakevlm.cut_off(), fakevlm.cut_off())
    message = fails(connect(provider))
    assert "closed the connection in the middle of its reply (3 attempts): the server may have crashed" in message


@pytest.mark.parametrize("data, why", [
    (b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}", "bad Content-Length"),
    (b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * (200 << 10) + b"\r\n\r\n", "Receive buffer too long"),
], ids=["bad-length", "header-flood"])
def test_broken_http_is_not_called_unreachable(data, why, connect, fake_vlm):
    fake_vlm.script(fakevlm.raw(data), fakevlm.raw(data))
    message = fails(connect("openai-compatible", max_retries=1))
    assert f"answered with something that is not valid HTTP ({why}; 2 attempts): check the address and port" \
        in message


def test_a_trickling_model_list_cannot_hold_refresh_forever(fake_vlm):
    # httpx's read timeout restarts with every byte; the listing has no _bounded thread of its own
    from codeform.vlm.models import list_models
    fake_vlm.script_models(fakevlm.slow(json.dumps(["a", "b"]), chunk_delay_s=0.3, chunks=60))
    start = time.perf_counter()
    with pytest.raises(ProviderError, match="did not answer within 0.5 s"):
        list_models("openai-compatible", base_url=fake_vlm.url, timeout_s=0.5)
    assert time.perf_counter() - start < 5          # the body would take 18 s


@pytest.mark.parametrize("value", ["1e9", "inf", "Fri, 01 Jan 2100 00:00:00 GMT"])
def test_an_absurd_retry_after_is_reported_in_words(value, connect, fake_vlm):
    fake_vlm.script(fakevlm.status(429, retry_after=value))
    message = fails(connect("openai"))
    assert "asks to wait more than a day before the next call (Retry-After)" in message
    assert len(fake_vlm.requests) == 1


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, compress"])
def test_a_compression_that_was_not_offered_is_a_malformed_reply(encoding, connect, fake_vlm):
    # httpx inflates what it supports without a cap (zstd on Python 3.14): only gzip/deflate are
    # offered and accepted
    body = fakevlm.Fault("malformed", 200, body=b"\x28\xb5\x2f\xfd" + b"\0" * 64, headers={"Content-Encoding": encoding})
    fake_vlm.script(body, fakevlm.reply("done"))
    assert connect("openai").complete(request()).text == "done"
    assert [r.headers.get("accept-encoding") for r in fake_vlm.requests] == ["gzip, deflate"] * 2


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_405_points_at_the_base_url(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.status(405, body="<html>Method Not Allowed</html>", content_type="text/html"))
    assert "does not take API calls at that address (405): check the base URL" in fails(connect(provider))
    assert len(fake_vlm.requests) == 1


def test_a_404_keeps_the_servers_words(connect, fake_vlm):
    fake_vlm.script(fakevlm.status(404, body='{"error": "No models loaded. Please load a model in the developer page."}'))
    message = fails(connect("openai-compatible"))
    assert "does not know model 'fake-vision-large' (404): check the model name" in message
    assert message.endswith("(it says: No models loaded. Please load a model in the developer page.)")


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_reply_streamed_unasked_is_named(provider, connect, fake_vlm):
    events = ('event: message_start\ndata: {"type": "message_start"}\n\n'
              'data: {"choices": [{"delta": {"content": "hi"}}]}\n\ndata: [DONE]\n\n')
    fake_vlm.script(fakevlm.status(200, body=events, content_type="text/event-stream"))
    message = fails(connect(provider))
    assert message.endswith("streamed its reply (server-sent events) although none was asked for: turn forced "
                            "streaming off in the server or proxy")
    assert len(fake_vlm.requests) == 1
