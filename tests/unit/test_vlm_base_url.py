"""Base URLs as people type them into the preferences or --base-url: a missing scheme, a typo,
another protocol. Each is a usable address or a one-line error before any request."""
import pytest

from codeform.pipeline.errors import ProviderError
from codeform.vlm import make_client
from codeform.vlm.env import check_base_url


@pytest.mark.parametrize("typed, url", [
    ("127.0.0.1:11434", "http://127.0.0.1:11434"),
    ("localhost:1234/v1", "http://localhost:1234/v1"),
    ("gpu-box:8000/v1", "http://gpu-box:8000/v1"),           # a LAN name
    ("[::1]:8080/v1", "http://[::1]:8080/v1"),
    ("openrouter.ai/api/v1", "https://openrouter.ai/api/v1"),  # a public host never gets clear text
    ("  https://api.example.com/v1\n", "https://api.example.com/v1"),
])
def test_a_missing_scheme_is_http_only_on_this_machine_or_network(typed, url):
    assert check_base_url(typed, "openai-compatible") == url


@pytest.mark.parametrize("typed", ["ftp://127.0.0.1/v1", "file:///etc/passwd", "http://", "http://[::1",
                                   "http://127.0.0.1:99999/v1", "http://exa mple.com/v1", "http://host\x00/v1"])
@pytest.mark.parametrize("provider", ["openai", "anthropic", "openai-compatible"])
def test_an_address_that_is_not_a_web_address_is_one_line(provider, typed):
    with pytest.raises(ProviderError) as err:
        make_client(provider, base_url=typed, api_key="sk-test-0000000001")
    message = str(err.value)
    assert message.startswith("the base URL '") and "' is not a web address: use one like http://127.0.0.1:11434/v1" \
        in message
    assert "\n" not in message and "\x00" not in message


def test_anthropic_base_urls_lose_the_path_the_sdk_adds_and_any_query():
    from codeform.vlm.env import anthropic_base_url
    assert anthropic_base_url("https://api.anthropic.com/v1/") == "https://api.anthropic.com"
    assert anthropic_base_url("https://gw.example.com/anthropic/v1/messages?token=abc#x") == \
        "https://gw.example.com/anthropic"
