"""An API key never shows up in a message, a repr, a traceback, a log line or a usage report,
on any error path — even when the server echoes the key back in full."""
import logging
import threading
import traceback

import pytest

import fakevlm
from codeform.pipeline.errors import CodeFormError
from codeform.vlm import Session, VLMRequest, make_client
from codeform.vlm.models import list_models
from conftest import HTTP_PROVIDERS

pytestmark = pytest.mark.e2e

KEY = "sk-LEAKCHECK-9f8e7d6c5b4a3921"
ECHO = "Incorrect API key provided: {key}. You can find your API key at https://example.invalid."

FAULTS = {
    "400": [fakevlm.status(400, message="Invalid value for max_tokens with key {key}")],
    "401": [fakevlm.status(401, message=ECHO)],
    "403": [fakevlm.status(403, message="Key {key} may not use this model")],
    "404": [fakevlm.status(404, message="No model for {key}")],
    "413": [fakevlm.status(413, message="too large for {key}")],
    "429-quota": [fakevlm.status(429, message="quota exceeded for {key}", error_code="insufficient_quota")],
    "429": [fakevlm.status(429, retry_after=0.05, message="slow down {key}")] * 2,
    "429-long": [fakevlm.status(429, retry_after=9999, message="slow down {key}")],
    "500": [fakevlm.status(500, message="internal error for {key}")] * 2,
    "502-html": [fakevlm.html_error(502)] * 2,
    "malformed": [fakevlm.malformed('{"key": "' + KEY + '", ')] * 2,
    "drop": [fakevlm.drop()] * 2,
    "hang": [fakevlm.hang(2.0)] * 2,
    "redirect": [fakevlm.redirect(f"http://localhost:9/{KEY}/v1?key={KEY}")],
    "error-in-200": [fakevlm.malformed('{"error": {"message": "Invalid key ' + KEY + '", "code": 401}}')],
    "cut-off": [fakevlm.cut_off()] * 2,
    "too-large": [fakevlm.gzip_bomb(32 << 20)],
}


def _assert_clean(text: str) -> None:
    assert KEY not in text
    assert KEY[3:] not in text and "9f8e7d6c5b4a" not in text


def _check_exception(exc: BaseException) -> None:
    _assert_clean(str(exc))
    _assert_clean(repr(exc))
    _assert_clean(repr(exc.args))
    _assert_clean("".join(traceback.format_exception(exc)))   # the whole chain, as --debug would show it


# every fault with the key from the preferences; a few with the key from the environment
CASES = [("preferences", f) for f in sorted(FAULTS)] + [("environment", f) for f in ("400", "401", "hang")]


@pytest.mark.parametrize("source, fault", CASES)
@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_no_error_path_leaks_the_key(provider, fault, source, fake_vlm, caplog, capsys, monkeypatch):
    caplog.set_level(logging.DEBUG)
    env = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "openai-compatible": "CODEFORM_API_KEY"}
    if source == "environment":
        monkeypatch.setenv(env[provider], KEY)
    base = {"openai": fake_vlm.openai_base_url, "anthropic": fake_vlm.anthropic_base_url,
            "openai-compatible": fake_vlm.url}[provider]
    client = make_client(provider, model="fake-vision-large", base_url=base,
                         api_key=KEY if source == "preferences" else None,
                         timeout_s=0.3, max_retries=1, backoff_s=0.01, max_retry_after_s=5)
    session = Session(client)
    fake_vlm.script(*FAULTS[fault])
    with pytest.raises(CodeFormError) as err:
        session.complete(VLMRequest(purpose="component", system="s", prompt="p", stage="geometry", component="seat"))
    assert fake_vlm.requests and fake_vlm.requests[0].key == KEY       # the key was really sent
    _check_exception(err.value)
    _assert_clean(caplog.text)
    out = capsys.readouterr()
    _assert_clean(out.out + out.err)
    _assert_clean(repr(client) + repr(session) + session.summary() + repr(session.usage_log()))


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_model_listing_failures_do_not_leak_the_key(provider, fake_vlm, caplog):
    caplog.set_level(logging.DEBUG)
    base = {"openai": fake_vlm.openai_base_url, "anthropic": fake_vlm.anthropic_base_url,
            "openai-compatible": fake_vlm.url}[provider]
    for fault in (fakevlm.status(401, message=ECHO), fakevlm.status(400, message="bad {key}"), fakevlm.drop()):
        fake_vlm.script_models(fault)
        with pytest.raises(CodeFormError) as err:
            list_models(provider, base_url=base, api_key=KEY)
        _check_exception(err.value)
    _assert_clean(caplog.text)


def test_cancel_and_budget_errors_do_not_leak_the_key(fake_vlm, caplog):
    caplog.set_level(logging.DEBUG)
    client = make_client("openai", base_url=fake_vlm.openai_base_url, api_key=KEY, timeout_s=2)
    session = Session(client, max_calls=1)
    session.complete(VLMRequest(purpose="test", system="s", prompt="p"))
    with pytest.raises(CodeFormError) as budget:
        session.complete(VLMRequest(purpose="test", system="s", prompt="p"))
    fake_vlm.script(fakevlm.hang(1.0))
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    with pytest.raises(CodeFormError) as cancelled:
        client.complete(VLMRequest(purpose="test", system="s", prompt="p"), cancel)
    for exc in (budget.value, cancelled.value):
        _check_exception(exc)
    _assert_clean(caplog.text)


@pytest.mark.parametrize("bad", ["sk-LEAK\nCHECK-9f8e7d6c5b4a3921", "sk-LEAKCHECK-9f8e7d6c5b4a3921\x00",
                                 "sk-LEAK CHECK-9f8e7d6c5b4a3921", "sk-LEAKÇHECK-9f8e7d6c5b4a3921"])
@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_mangled_key_is_refused_before_it_reaches_a_header(provider, bad, fake_vlm, caplog):
    # httpx quotes an illegal header value in its error, and the anthropic SDK logs that traceback
    caplog.set_level(logging.DEBUG)
    base = {"openai": fake_vlm.openai_base_url, "anthropic": fake_vlm.anthropic_base_url,
            "openai-compatible": fake_vlm.url}[provider]
    with pytest.raises(CodeFormError, match="contains spaces, line breaks or non-ASCII characters: paste it again") \
            as err:
        make_client(provider, base_url=base, api_key=bad)
    for text in ("".join(traceback.format_exception(err.value)), caplog.text):
        assert "9f8e7d6c5b4a3921" not in text
    assert fake_vlm.requests == []


@pytest.mark.parametrize("provider", HTTP_PROVIDERS)
def test_a_key_echoed_in_the_answer_stays_out_of_the_code_and_the_report(provider, fake_vlm):
    base = {"openai": fake_vlm.openai_base_url, "anthropic": fake_vlm.anthropic_base_url,
            "openai-compatible": fake_vlm.url}[provider]
    session = Session(make_client(provider, model="fake-vision-large", base_url=base, api_key=KEY, max_retries=0))
    fake_vlm.script(fakevlm.reply(f"```python\nAPI_KEY = '{KEY}'\n```", model=f"echo-{KEY}"))
    reply = session.complete(VLMRequest(purpose="component", system="s", prompt="p"))
    assert reply.text == "```python\nAPI_KEY = '[key]'\n```"
    _assert_clean(reply.model + session.summary() + repr(session.usage_log()))
