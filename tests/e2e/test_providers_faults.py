"""Every fault the fake server can inject, through the real SDKs: what the provider does and
what the person reads. Latencies are tiny (Retry-After 0.1-0.2 s, 10 ms backoff)."""
import threading
import time

import pytest

import fakevlm
from codeform.vlm import Cancelled, ProviderError, VLMRequest, make_client
from conftest import HTTP_PROVIDERS

pytestmark = pytest.mark.e2e

LABEL = {"openai": "OpenAI", "anthropic": "Anthropic", "openai-compatible": "the server at http://127.0.0.1:"}
KEY_ENV = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "openai-compatible": "CODEFORM_API_KEY"}


def request():
    return VLMRequest(purpose="component", system="s", prompt="Build the seat.", stage="geometry", component="seat")


def fails(client, *, cancel=None) -> str:
    with pytest.raises(ProviderError) as err:
        client.complete(request(), cancel)
    message = str(err.value)
    assert "\n" not in message and err.value.exit_code == 6
    return message


@pytest.fixture(params=HTTP_PROVIDERS)
def provider(request):
    return request.param


# -- retried, then fine ---------------------------------------------------------------------
def test_429_honours_retry_after_then_succeeds(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.status(429, retry_after=0.2), fakevlm.reply("done"))
    client = connect(provider, backoff_s=5.0)      # Retry-After, not the backoff, sets the wait
    start = time.perf_counter()
    reply = client.complete(request())
    assert reply.text == "done" and reply.attempts == 2
    assert 0.2 <= time.perf_counter() - start < 2.0


def test_retry_after_ms_header(connect, fake_vlm):
    fake_vlm.script(fakevlm.status(429, retry_after_ms=150), fakevlm.reply("done"))
    client = connect("openai", backoff_s=5.0)
    start = time.perf_counter()
    assert client.complete(request()).text == "done"
    assert 0.15 <= time.perf_counter() - start < 2.0


@pytest.mark.parametrize("code", [500, 502, 503, 529])
def test_server_errors_are_retried(provider, connect, fake_vlm, code):
    fake_vlm.script(fakevlm.status(code), fakevlm.status(code), fakevlm.reply("done"))
    reply = connect(provider).complete(request())
    assert reply.text == "done" and reply.attempts == 3 and len(fake_vlm.requests) == 3


@pytest.mark.parametrize("fault", [fakevlm.malformed(), fakevlm.drop(), fakevlm.html_error(502)],
                         ids=["malformed", "dropped", "html-502"])
def test_transient_faults_are_retried(provider, connect, fake_vlm, fault):
    fake_vlm.script(fault, fakevlm.reply("done"))
    assert connect(provider).complete(request()).text == "done"
    assert len(fake_vlm.requests) == 2


def test_injected_latency(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.reply("late", latency_s=0.05))
    client = connect(provider)
    reply = client.complete(request())
    assert reply.text == "late" and reply.latency_s >= 0.05


def test_a_slow_stream_within_the_timeout_arrives_whole(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.slow("x" * 400, chunk_delay_s=0.03, chunks=6))
    reply = connect(provider).complete(request())
    assert reply.text == "x" * 400 and reply.latency_s >= 0.15


# -- retried, then given up: the message a person reads -------------------------------------------
def test_429_that_persists(provider, connect, fake_vlm):
    fake_vlm.script(*[fakevlm.status(429, retry_after=0.1)] * 3)
    message = fails(connect(provider))
    assert message.startswith(LABEL[provider])
    assert "kept rate-limiting the calls (429, 3 attempts): wait a minute or lower Concurrent Calls" in message
    assert len(fake_vlm.requests) == 3


def test_retry_after_too_long_is_reported_not_waited(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.status(429, retry_after=3600))
    client = connect(provider)
    start = time.perf_counter()
    message = fails(client)
    assert "asks to wait 3600 s before the next call (Retry-After)" in message
    assert time.perf_counter() - start < 1.0 and len(fake_vlm.requests) == 1


@pytest.mark.parametrize("code, words", [(503, "failed with HTTP 503 (3 attempts): the service is having trouble"),
                                         (529, "is overloaded (3 attempts)"),
                                         (500, "failed with HTTP 500 (3 attempts)")])
def test_server_errors_that_persist(provider, connect, fake_vlm, code, words):
    fake_vlm.script(*[fakevlm.status(code)] * 3)
    assert words in fails(connect(provider))


def test_malformed_json_that_persists(provider, connect, fake_vlm):
    fake_vlm.script(*[fakevlm.malformed()] * 3)
    message = fails(connect(provider))
    assert "sent a reply that is not a" in message and "(3 attempts)" in message


def test_dropped_connections_that_persist(provider, connect, fake_vlm):
    fake_vlm.script(*[fakevlm.drop()] * 3)
    assert "could not reach" in fails(connect(provider))


def test_html_error_page_never_reaches_the_message(provider, connect, fake_vlm):
    fake_vlm.script(*[fakevlm.html_error(502)] * 3)
    message = fails(connect(provider))
    assert "failed with HTTP 502" in message and "<html" not in message


def test_no_server_at_the_address():
    with socket_closed_port() as port:
        client = make_client("openai-compatible", base_url=f"http://127.0.0.1:{port}/v1", model="m",
                             max_retries=1, backoff_s=0.01)
        message = fails(client)
    assert message == (f"could not reach the server at http://127.0.0.1:{port}/v1 (2 attempts): "
                       f"is the server (Ollama, LM Studio, vLLM, llama.cpp) running at that address?")


# -- not retried: one-line errors a person can act on ------------------------------------------------
def test_401_names_where_to_set_the_key(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.status(401))
    message = fails(connect(provider))
    if provider == "openai-compatible":
        assert message.endswith("rejected the API key: set CODEFORM_API_KEY or the key in Preferences > Add-ons > CodeForm")
    else:
        assert message == (f"{LABEL[provider]} rejected the API key: set it in Preferences > Add-ons > CodeForm "
                           f"or {KEY_ENV[provider]}")
    assert len(fake_vlm.requests) == 1


@pytest.mark.parametrize("code, words", [
    (400, "rejected the request (400): max_tokens is too large"),
    (403, "refused access (403) to model"),
    (404, "does not know model"),
    (413, "says the request is too large (413): use fewer or smaller images"),
])
def test_client_errors_are_not_retried(provider, connect, fake_vlm, code, words):
    fake_vlm.script(fakevlm.status(code, message="max_tokens is too large" if code == 400 else None))
    assert words in fails(connect(provider))
    assert len(fake_vlm.requests) == 1


def test_quota_exhausted_is_not_retried(connect, fake_vlm):
    fake_vlm.script(fakevlm.status(429, message="You exceeded your current quota, please check your plan.",
                                   error_code="insufficient_quota"))
    assert "OpenAI says the account is out of credit or quota (429): check its billing" in fails(connect("openai"))
    assert len(fake_vlm.requests) == 1


# -- timeouts and cancellation ------------------------------------------------------------------------
def test_a_hung_server_times_out_on_the_wall_clock(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.hang(3.0), fakevlm.hang(3.0))
    client = connect(provider, timeout_s=0.3, max_retries=1)
    start = time.perf_counter()
    message = fails(client)
    assert "did not answer within 0.3 s (2 attempts)" in message
    assert time.perf_counter() - start < 1.5


def test_a_slow_stream_past_the_timeout_times_out(connect, fake_vlm):
    # httpx's read timeout restarts with every chunk; the wall-clock deadline does not
    fake_vlm.script(fakevlm.slow("x" * 400, chunk_delay_s=0.15, chunks=20))
    client = connect("openai", timeout_s=0.4, max_retries=0)
    start = time.perf_counter()
    assert "did not answer within 0.4 s (1 attempt)" in fails(client)
    assert time.perf_counter() - start < 1.0


def test_cancel_while_a_call_is_in_flight(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.hang(3.0))
    client, cancel = connect(provider), threading.Event()
    threading.Timer(0.15, cancel.set).start()
    start = time.perf_counter()
    with pytest.raises(Cancelled, match="cancelled while waiting for"):
        client.complete(request(), cancel)
    assert time.perf_counter() - start < 0.6


def test_cancel_during_a_backoff_wait(provider, connect, fake_vlm):
    fake_vlm.script(fakevlm.status(503, retry_after=5))
    client, cancel = connect(provider), threading.Event()
    threading.Timer(0.15, cancel.set).start()
    start = time.perf_counter()
    with pytest.raises(Cancelled, match="cancelled while waiting to retry"):
        client.complete(request(), cancel)
    assert time.perf_counter() - start < 0.6 and len(fake_vlm.requests) == 1


class socket_closed_port:
    """A loopback port nobody listens on."""

    def __enter__(self) -> int:
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc):
        return False
