"""Keys, addresses, retry timing, prices and CLI options of the VLM layer (bpy-free, no network)."""
import argparse
import email.utils
import time

import pytest

from codeform.pipeline.errors import ProgramError, ProviderError
from codeform.vlm import Usage, VLMRequest, make_client
from codeform.vlm.cli_args import add_provider_arguments, client_from_args
from codeform.vlm.env import is_local_url, normalize_base_url, resolve_key, user_agent
from codeform.vlm.errors import redact
from codeform.vlm.prices import estimate_cost, price_for
from codeform.vlm.retrying import join_continuation, parse_retry_after


def test_environment_key_wins_over_the_preferences(monkeypatch):
    assert resolve_key("openai", "sk-from-prefs") == "sk-from-prefs"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    assert resolve_key("openai", "sk-from-prefs") == "sk-from-env"
    assert resolve_key("openai-compatible", None) is None      # never sends the OpenAI key elsewhere
    monkeypatch.setenv("CODEFORM_API_KEY", " sk-compat ")
    assert resolve_key("openai-compatible", None) == "sk-compat"


@pytest.mark.parametrize("url, local", [
    ("http://127.0.0.1:11434/v1", True), ("http://localhost:1234/v1", True), ("http://192.168.1.20:8000/v1", True),
    ("http://gpu-box:8000/v1", True), ("http://[::1]:8000/v1", True), ("http://studio.local:1234", True),
    ("https://openrouter.ai/api/v1", False), ("https://api.example.com/v1", False), ("http://8.8.8.8/v1", False),
])
def test_local_urls(url, local):
    assert is_local_url(url) is local


@pytest.mark.parametrize("given, expected", [
    ("http://127.0.0.1:11434", "http://127.0.0.1:11434/v1"),
    ("http://127.0.0.1:11434/", "http://127.0.0.1:11434/v1"),
    ("127.0.0.1:1234/v1/", "http://127.0.0.1:1234/v1"),
    ("http://host:8000/v1/chat/completions", "http://host:8000/v1"),
    ("https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1"),
])
def test_base_url_normalization(given, expected):
    assert normalize_base_url(given) == expected


def test_missing_keys_are_actionable_errors():
    with pytest.raises(ProviderError, match=r"no OpenAI API key: set it in Preferences > Add-ons > CodeForm or OPENAI_API_KEY"):
        make_client("openai")
    with pytest.raises(ProviderError, match="no Anthropic API key: .*ANTHROPIC_API_KEY"):
        make_client("anthropic")
    with pytest.raises(ProviderError, match="no API key for https://openrouter.ai/api/v1: set CODEFORM_API_KEY"):
        make_client("openai-compatible", base_url="https://openrouter.ai/api/v1")
    with pytest.raises(ProgramError, match="needs a base URL"):
        make_client("openai-compatible")
    with pytest.raises(ProgramError, match="unknown provider 'gemini'"):
        make_client("gemini")
    # a local server works without a key
    assert make_client("openai-compatible", base_url="http://127.0.0.1:9/v1").provider == "openai-compatible"


def test_a_missing_sdk_is_a_one_line_provider_error(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "anthropic", None)      # what a Blender without the wheel sees
    with pytest.raises(ProviderError, match="the 'anthropic' Python package is missing: reinstall the CodeForm"):
        make_client("anthropic", api_key="sk-x")


def test_user_agent_names_codeform_and_blender_only_when_loaded(monkeypatch):
    import sys
    import types
    monkeypatch.delitem(sys.modules, "bpy", raising=False)   # other tests in this process may have loaded it
    assert user_agent("sdk/1").startswith("CodeForm/0.") and "Blender" not in user_agent("sdk/1")
    fake_bpy = types.SimpleNamespace(app=types.SimpleNamespace(version_string="5.0.1 Release"))
    monkeypatch.setitem(sys.modules, "bpy", fake_bpy)
    assert " Blender/5.0.1 sdk/1" in user_agent("sdk/1")


def test_retry_after_forms():
    assert parse_retry_after({"retry-after": "2"}) == 2.0
    assert parse_retry_after({"retry-after": "0.25"}) == 0.25
    assert parse_retry_after({"retry-after-ms": "150", "retry-after": "9"}) == 0.15
    date = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= parse_retry_after({"retry-after": date}) <= 30.5
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({}) is None


def test_backoff_grows_with_jitter_and_respects_the_ceiling():
    client = make_client("openai-compatible", base_url="http://127.0.0.1:9/v1", backoff_s=1.0, max_backoff_s=5.0)
    for attempt, (low, high) in {1: (0.5, 1.0), 2: (1.0, 2.0), 3: (2.0, 4.0), 6: (2.5, 5.0)}.items():
        delays = [client._delay(attempt, None) for _ in range(50)]
        assert all(low <= d <= high for d in delays) and len(set(delays)) > 1
    assert 3.0 <= client._delay(1, 3.0) <= 3.3         # Retry-After wins, plus a little jitter
    assert client._delay(1, 500.0) is None             # too long: reported, not waited


def test_continuation_join_drops_a_reopened_fence():
    first = "```python\ndef build_seat(ctx):\n    x = 1\n"
    assert join_continuation(first, "```python\n    y = 2\n```") == first + "    y = 2\n```"
    assert join_continuation("Some prose ", "and more") == "Some prose and more"


def test_redact_blanks_keys_and_key_shaped_strings():
    text = "Incorrect API key provided: sk-proj-abcdef123456. Also my-secret-value here."
    out = redact(text, "my-secret-value")
    assert "abcdef123456" not in out and "my-secret-value" not in out and out.count("[key]") == 2


def test_prices(monkeypatch, tmp_path):
    assert price_for("gpt-4.1-2025-04-14") == price_for("gpt-4.1")
    assert price_for("openai/gpt-4.1") == price_for("gpt-4.1")       # OpenRouter names
    assert price_for("gpt-4.1-mini") != price_for("gpt-4.1")
    assert price_for("llama3.2-vision") is None
    usage = Usage(input_tokens=1_000_000, output_tokens=1_000_000, cached_tokens=500_000)
    assert estimate_cost("openai", "gpt-4.1", usage) == pytest.approx(1.0 + 0.25 + 8.0)
    anthropic = Usage(input_tokens=1_000_000, output_tokens=0, cached_tokens=400_000, cache_write_tokens=100_000)
    assert estimate_cost("anthropic", "claude-sonnet-4-5", anthropic) == pytest.approx(1.5 + 0.12 + 0.375)
    assert estimate_cost("replay", "gpt-4.1", usage) == 0
    override = tmp_path / "prices.json"
    override.write_text('{"models": {"llama3.2-vision": {"input": 1, "output": 2}}}')
    monkeypatch.setenv("CODEFORM_PRICES", str(override))
    assert estimate_cost("openai-compatible", "llama3.2-vision", Usage(1_000_000, 1_000_000)) == pytest.approx(3.0)


def _args(*argv):
    parser = argparse.ArgumentParser()
    add_provider_arguments(parser)
    return parser.parse_args(list(argv))


def test_cli_arguments(tmp_path):
    transcript = tmp_path / "t.json"
    transcript.write_text('{"format": "codeform.transcript", "version": 1, "model": "m", "calls": []}')
    assert client_from_args(_args("--transcript", str(transcript))).provider == "replay"
    client = client_from_args(_args("--base-url", "http://127.0.0.1:11434", "--model", "llava"))
    assert (client.provider, client.model, client.base_url) == ("openai-compatible", "llava", "http://127.0.0.1:11434/v1")
    with pytest.raises(ProgramError, match="--transcript is for --provider replay"):
        client_from_args(_args("--provider", "openai", "--transcript", str(transcript)))
    with pytest.raises(ProgramError, match="needs a transcript"):
        client_from_args(_args("--provider", "replay"))
    with pytest.raises(SystemExit):
        _args("--provider", "gemini")


def test_clients_never_show_their_key():
    client = make_client("openai-compatible", base_url="http://127.0.0.1:9/v1", api_key="sk-repr-secret-0001")
    assert "sk-repr-secret-0001" not in repr(client) and "sk-repr-secret-0001" not in str(vars(client).get("label"))


def test_request_describe_names_the_request_not_its_text():
    r = VLMRequest(purpose="component", system="SYSTEM", prompt="PROMPT", stage="geometry", component="seat")
    assert r.describe() == "purpose 'component', stage 'geometry', component 'seat'"
