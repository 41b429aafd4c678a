"""A job's view of a VLM client: its budget, its cancel flag and its usage log.

Thread-safe: the component agent calls `complete` from several threads at once. A call
slot is reserved under the lock before the call starts, so concurrent calls never exceed
max_calls; token and cost budgets are checked against what finished calls spent (a call
in flight may overshoot them by its own size).
"""
from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass

from ..pipeline.errors import CodeFormError
from .base import VLMClient, VLMReply, VLMRequest
from .errors import BudgetExceeded, Cancelled
from .prices import price_for

_PREFS = "Preferences > Add-ons > CodeForm"


def _usd(amount: float) -> str:
    return f"${amount:,.2f}" if amount >= 1 else f"${amount:.3f}"


@dataclass
class CallRecord:
    provider: str
    model: str
    purpose: str
    stage: str
    component: str
    latency_s: float
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    cost_usd: float = 0.0
    stop_reason: str = ""
    truncated: bool = False
    calls: int = 1
    attempts: int = 1
    ok: bool = True
    error: str = ""              # the one-line message of a failed call (never holds a key)


class Session:
    def __init__(self, client: VLMClient, *, max_calls: int | None = None, max_tokens: int | None = None,
                 max_cost_usd: float | None = None, cancel: threading.Event | None = None):
        self.client = client
        self.max_calls, self.max_tokens, self.max_cost_usd = max_calls, max_tokens, max_cost_usd
        self.cancel = cancel if cancel is not None else threading.Event()
        self._records: list[CallRecord] = []
        self._in_flight = 0
        self._lock = threading.Lock()

    @property
    def provider(self) -> str:
        return self.client.provider

    @property
    def model(self) -> str:
        return self.client.model

    def __repr__(self) -> str:
        return f"<Session {self.provider} {self.model!r}: {len(self._records)} calls>"

    def complete(self, request: VLMRequest, cancel: threading.Event | None = None) -> VLMReply:
        """The client's reply; raises ProviderError, BudgetExceeded or Cancelled."""
        cancel = cancel or self.cancel
        with self._lock:
            if cancel.is_set():
                raise Cancelled(f"cancelled before {request.describe()}")
            self._check_budget()
            self._in_flight += 1
        start = time.perf_counter()
        try:
            reply = self.client.complete(request, cancel)
        except Exception as exc:   # logged, then re-raised as it is
            error = str(exc) if isinstance(exc, CodeFormError) else f"internal error: {type(exc).__name__}"
            self._record(CallRecord(self.provider, self.model, request.purpose, request.stage, request.component,
                                    time.perf_counter() - start, ok=False, error=error))
            raise
        finally:
            with self._lock:
                self._in_flight -= 1
        u = reply.usage
        self._record(CallRecord(reply.provider, reply.model, request.purpose, request.stage, request.component,
                                reply.latency_s, u.input_tokens, u.output_tokens, u.cached_tokens, u.cost_usd,
                                reply.stop_reason, reply.truncated, reply.calls, reply.attempts))
        return reply

    def _record(self, record: CallRecord) -> None:
        with self._lock:
            self._records.append(record)

    def _check_budget(self) -> None:   # under the lock
        calls = sum(r.calls for r in self._records) + self._in_flight
        if self.max_calls is not None and calls >= self.max_calls:
            raise BudgetExceeded(f"the job's budget of {self.max_calls} model calls is spent: raise "
                                 f"Max Calls per Job in {_PREFS} or simplify the scene")
        tokens = sum(r.input_tokens + r.output_tokens for r in self._records)
        if self.max_tokens is not None and tokens >= self.max_tokens:
            raise BudgetExceeded(f"the job's budget of {self.max_tokens:,} tokens is spent ({tokens:,} used): "
                                 f"raise the token budget or simplify the scene")
        cost = sum(r.cost_usd for r in self._records)
        if self.max_cost_usd is not None and cost >= self.max_cost_usd:
            raise BudgetExceeded(f"the job's budget of {_usd(self.max_cost_usd)} is spent (est. {_usd(cost)} used): "
                                 f"raise Max Cost per Job in {_PREFS}")

    # -- reporting -------------------------------------------------------------------------
    @property
    def records(self) -> list[CallRecord]:
        with self._lock:
            return list(self._records)

    def usage_log(self) -> list[dict]:
        """Every call as a plain dict, for reports (no prompts, no replies, no keys)."""
        return [asdict(r) for r in self.records]

    def totals(self) -> dict:
        records = self.records
        by_purpose: dict[str, dict] = {}
        for r in records:
            p = by_purpose.setdefault(r.purpose, {"calls": 0, "input_tokens": 0, "output_tokens": 0, "cost_usd": 0.0})
            p["calls"] += r.calls
            p["input_tokens"] += r.input_tokens
            p["output_tokens"] += r.output_tokens
            p["cost_usd"] += r.cost_usd
        # a local server's model is free; only the paid providers' unknown models deserve a note
        unpriced = sorted({r.model for r in records if r.ok and r.provider in ("openai", "anthropic") and r.model
                           and price_for(r.model) is None})
        return {
            "provider": self.provider, "model": self.model,
            "calls": sum(r.calls for r in records), "failed": sum(not r.ok for r in records),
            "retries": sum(max(r.attempts - r.calls, 0) for r in records),
            "truncated": sum(r.truncated for r in records),
            "input_tokens": sum(r.input_tokens for r in records),
            "output_tokens": sum(r.output_tokens for r in records),
            "cached_tokens": sum(r.cached_tokens for r in records),
            "cost_usd": sum(r.cost_usd for r in records),
            "latency_s": sum(r.latency_s for r in records),
            "unpriced_models": unpriced, "by_purpose": by_purpose,
        }

    def summary(self) -> str:
        """One line for the job summary: calls, tokens, cached share, estimated cost."""
        t = self.totals()
        models = sorted({r.model for r in self.records if r.model}) or [self.model]
        line = (f"{t['calls']} call{'s' if t['calls'] != 1 else ''} to {t['provider']} {', '.join(models)} "
                f"in {t['latency_s']:.1f} s: {t['input_tokens']:,} input tokens ({t['cached_tokens']:,} cached), "
                f"{t['output_tokens']:,} output tokens, est. ${t['cost_usd']:.4f}")
        extras = []
        if t["retries"]:
            extras.append(f"{t['retries']} retried")
        if t["failed"]:
            extras.append(f"{t['failed']} failed")
        if t["truncated"]:
            extras.append(f"{t['truncated']} cut at the token limit")
        if t["unpriced_models"]:
            extras.append(f"no price for {', '.join(t['unpriced_models'])} in vlm/prices.json")
        return line + (f" ({'; '.join(extras)})" if extras else "")
