"""Session: budget, cancellation, usage log and summary over any client (bpy-free, no network)."""
import threading
import time

import pytest

from codeform.vlm import BudgetExceeded, Cancelled, ProviderError, Session, Usage, VLMReply, VLMRequest


class ScriptedClient:
    provider, model = "openai", "gpt-4.1"

    def __init__(self, usage=Usage(1000, 200, 300, 0.01), delay=0.0, fail=None):
        self.usage, self.delay, self.fail = usage, delay, fail
        self.calls = 0
        self.lock = threading.Lock()
        self.max_parallel = self.parallel = 0

    def complete(self, request, cancel=None):
        with self.lock:
            self.calls += 1
            self.parallel += 1
            self.max_parallel = max(self.max_parallel, self.parallel)
        try:
            if self.fail:
                raise self.fail
            if self.delay and cancel is not None and cancel.wait(self.delay):
                raise Cancelled("cancelled while waiting")
            u = self.usage
            return VLMReply(f"reply to {request.purpose}", "stop", Usage(u.input_tokens, u.output_tokens,
                            u.cached_tokens, u.cost_usd), self.model, self.provider, 0.5)
        finally:
            with self.lock:
                self.parallel -= 1


def req(purpose="component", stage="geometry", component="seat"):
    return VLMRequest(purpose=purpose, system="s", prompt="p", stage=stage, component=component)


def test_every_call_is_recorded_with_its_request_and_usage():
    session = Session(ScriptedClient())
    session.complete(req())
    session.complete(req("critique", "material", ""))
    log = session.usage_log()
    assert [(r["purpose"], r["stage"], r["component"]) for r in log] == [
        ("component", "geometry", "seat"), ("critique", "material", "")]
    assert log[0]["input_tokens"] == 1000 and log[0]["cached_tokens"] == 300 and log[0]["cost_usd"] == 0.01
    totals = session.totals()
    assert totals["calls"] == 2 and totals["input_tokens"] == 2000 and totals["output_tokens"] == 400
    assert totals["by_purpose"]["critique"]["calls"] == 1
    assert session.summary() == ("2 calls to openai gpt-4.1 in 1.0 s: 2,000 input tokens (600 cached), "
                                 "400 output tokens, est. $0.0200")


def test_call_budget_stops_the_job_with_a_clear_message():
    client = ScriptedClient()
    session = Session(client, max_calls=2)
    session.complete(req())
    session.complete(req())
    with pytest.raises(BudgetExceeded, match="budget of 2 model calls is spent: raise Max Calls per Job") as err:
        session.complete(req())
    assert client.calls == 2 and err.value.exit_code == 7


def test_token_and_cost_budgets():
    session = Session(ScriptedClient(), max_tokens=2000)
    session.complete(req())
    session.complete(req())
    with pytest.raises(BudgetExceeded, match=r"budget of 2,000 tokens is spent \(2,400 used\)"):
        session.complete(req())
    session = Session(ScriptedClient(), max_cost_usd=0.015)
    session.complete(req())
    session.complete(req())
    with pytest.raises(BudgetExceeded, match=r"budget of \$0.015 is spent \(est. \$0.020 used\): raise Max Cost"):
        session.complete(req())


def test_concurrent_calls_never_exceed_the_call_budget():
    client = ScriptedClient(delay=0.05)
    session = Session(client, max_calls=5)
    results = []

    def worker():
        try:
            session.complete(req())
            results.append("ok")
        except BudgetExceeded:
            results.append("budget")

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 5 and results.count("budget") == 7 and client.calls == 5
    assert client.max_parallel > 1          # they did run at the same time


def test_cancel_before_a_call_and_while_waiting():
    client = ScriptedClient(delay=5.0)
    session = Session(client)
    timer = threading.Timer(0.1, session.cancel.set)
    timer.start()
    start = time.perf_counter()
    with pytest.raises(Cancelled):
        session.complete(req())
    assert time.perf_counter() - start < 1.0
    with pytest.raises(Cancelled):
        session.complete(req())
    assert client.calls == 1
    assert session.totals()["failed"] == 1


def test_a_failed_call_is_logged_and_reraised():
    session = Session(ScriptedClient(fail=ProviderError("OpenAI rejected the API key: set it")))
    with pytest.raises(ProviderError):
        session.complete(req())
    (record,) = session.records
    assert not record.ok and record.error.startswith("OpenAI rejected the API key")
    assert "1 failed" in session.summary()


def test_summary_names_models_without_a_price():
    client = ScriptedClient(usage=Usage(10, 10))
    client.model = "gpt-99-vision"
    session = Session(client)
    session.complete(req())
    assert "no price for gpt-99-vision in vlm/prices.json" in session.summary()
