"""vlm/prices.json is edited by hand. A broken table stops the job before its first paid call,
with one line naming the file, the entry and the field; it never crashes after a call, turns
the cost budget off (NaN) or refunds it (a negative price)."""
import pytest

from codeform.pipeline.errors import ProgramError
from codeform.vlm import Session, Usage, VLMReply, make_client
from codeform.vlm import prices


@pytest.fixture
def shipped(monkeypatch, tmp_path):
    """Write the shipped table: shipped('...json...')."""
    path = tmp_path / "prices.json"

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(prices, "PRICE_FILE", path)
        prices.load_prices.cache_clear()
        return path
    yield write
    prices.load_prices.cache_clear()


@pytest.mark.parametrize("text, words", [
    ('{"models": {"gpt-4.1": {"input": 2.0, "output": 8.0},}}', "line 1: Expecting property name"),
    ('{"models": [{"gpt-4.1": {}}]}', 'it needs a "models" object'),
    ("[1, 2]", 'it needs a "models" object'),
    ('{"models": {"gpt-4.1": 2.0}}', "model 'gpt-4.1': its entry must be an object"),
    ('{"models": {"gpt-4.1": {"input": 2.0}}}', "model 'gpt-4.1': 'output' is missing"),
    ('{"models": {"gpt-4.1": {"input": "2,00", "output": 8}}}', "model 'gpt-4.1': 'input' must be a number of dollars >= 0, not \"2,00\""),
    ('{"models": {"gpt-4.1": {"input": 2, "output": -8}}}', "'output' must be a number of dollars >= 0, not -8"),
    ('{"models": {"gpt-4.1": {"input": NaN, "output": 8}}}', "'input' must be a number of dollars >= 0, not NaN"),
    ('{"models": {"gpt-4.1": {"input": 2, "output": 8, "cached_input": Infinity}}}', "'cached_input' must be"),
    ('{"models": {"gpt-4.1": {"input": true, "output": 8}}}', "'input' must be a number of dollars >= 0, not true"),
])
def test_a_broken_shipped_table_stops_the_client_in_one_line(shipped, text, words):
    path = shipped(text)
    with pytest.raises(ProgramError) as err:
        make_client("openai", api_key="sk-test-0000000001", base_url="http://127.0.0.1:9/v1")
    message = str(err.value)
    assert message.startswith(f"{path} is not a valid price table: ") and words in message
    assert "\n" not in message and err.value.exit_code == 2


def test_an_unreadable_table(shipped, tmp_path):
    path = shipped("")
    path.write_bytes(b'{"models": {"\xff": {}}}')
    with pytest.raises(ProgramError, match="is not a valid price table: it is not UTF-8 text"):
        make_client("anthropic", api_key="sk-test-0000000001")
    path.unlink()
    with pytest.raises(ProgramError, match="the price table cannot be read"):
        make_client("anthropic", api_key="sk-test-0000000001")


def test_a_broken_override_names_the_variable(shipped, monkeypatch, tmp_path):
    shipped('{"models": {"gpt-4.1": {"input": 2, "output": 8}}}')
    bad = tmp_path / "mine.json"
    bad.write_text('{"models": {"llava": {"input": -1, "output": 0}}}')
    monkeypatch.setenv("CODEFORM_PRICES", str(bad))
    with pytest.raises(ProgramError, match=rf"CODEFORM_PRICES={bad} is not a valid price table: model 'llava': "
                                           rf"'input' must be a number of dollars >= 0, not -1"):
        make_client("openai-compatible", base_url="http://127.0.0.1:9/v1")


def test_a_good_table_still_prices_and_the_budget_holds(shipped):
    shipped('{"about": "mine", "models": {"gpt-4.1": {"input": 2, "output": 8.5}}}')
    assert prices.price_for("gpt-4.1") == prices.Price(2.0, 8.5, 2.0, 2.0)

    class Client:
        provider, model = "openai", "gpt-4.1"

        def complete(self, request, cancel=None):
            usage = Usage(1_000_000, 0)
            usage.cost_usd = prices.estimate_cost("openai", "gpt-4.1", usage)
            return VLMReply("x", "stop", usage, "gpt-4.1", "openai", 0.0)

    from codeform.vlm import BudgetExceeded, VLMRequest
    session = Session(Client(), max_cost_usd=3.0)
    session.complete(VLMRequest(purpose="t", system="", prompt=""))
    session.complete(VLMRequest(purpose="t", system="", prompt=""))
    with pytest.raises(BudgetExceeded):
        session.complete(VLMRequest(purpose="t", system="", prompt=""))


def test_a_price_file_that_never_ends_is_refused(monkeypatch):
    monkeypatch.setenv("CODEFORM_PRICES", "/dev/zero")
    prices.load_prices.cache_clear()
    try:
        with pytest.raises(ProgramError, match="CODEFORM_PRICES=/dev/zero is not a valid price table: it is larger "
                                               "than 4 MB"):
            make_client("openai", api_key="sk-test-0000000001")
    finally:
        prices.load_prices.cache_clear()
