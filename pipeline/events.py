"""Progress events and the usage tally.

The engine posts a `Progress` for every step; the CLI prints them as lines, the UI drains
them from a queue on its main thread (`QueueSink`). Events carry the calls, tokens and cost
spent so far, so any consumer can show a running total without asking the engine.
"""
from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from typing import Any

# What a Progress.state means:
#   started    a stage or step begins            calling    a model call is under way
#   placed     a component passed the gates and replaced its placeholder
#   repairing  an error went back to the model    rejected   a gate refused code (message says which)
#   scored     a stage iteration was rendered and measured
#   critique   the verifier answered              accepted   the verifier accepted the stage
#   kept       the stage ended; its best version is current
#   failed     a component or stage gave up       stopped    the job stopped (budget, cancel)
#   done       the reconstruction finished
STATES = ("started", "calling", "placed", "repairing", "rejected", "scored", "critique", "accepted",
          "kept", "failed", "stopped", "done")


@dataclass
class Progress:
    stage: str                 # "blueprint", "blockout", a stage name, "oneshot" or "done"
    state: str
    message: str
    component: str = ""
    iteration: int = 0
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    elapsed_s: float = 0.0

    def line(self) -> str:
        where = self.stage + (f"/{self.component}" if self.component else "")
        if self.iteration:
            where += f" #{self.iteration}"
        return (f"[{self.elapsed_s:6.1f}s] {where:<28} {self.state:<9} {self.message}"
                f"  ({self.calls} calls, {self.input_tokens + self.output_tokens} tokens)")


class QueueSink:
    """Events into a queue.Queue, for a consumer on another thread (the UI's timer)."""

    def __init__(self, q: "queue.Queue[Progress] | None" = None):
        self.queue: "queue.Queue[Progress]" = q or queue.Queue()

    def __call__(self, event: Progress) -> None:
        self.queue.put(event)

    def drain(self) -> list[Progress]:
        out = []
        while True:
            try:
                out.append(self.queue.get_nowait())
            except queue.Empty:
                return out


@dataclass
class CallRecord:
    purpose: str
    stage: str
    component: str
    input_tokens: int
    output_tokens: int
    cached_tokens: int
    cost_usd: float
    latency_s: float


@dataclass
class Tally:
    """Calls, tokens, cost and model time of one job; thread-safe."""
    calls: list[CallRecord] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, request: Any, reply: Any, latency_s: float) -> None:
        usage = reply.usage
        rec = CallRecord(request.purpose, request.stage, request.component,
                         int(getattr(usage, "input_tokens", 0) or 0), int(getattr(usage, "output_tokens", 0) or 0),
                         int(getattr(usage, "cached_tokens", 0) or 0), float(getattr(usage, "cost_usd", 0.0) or 0.0),
                         latency_s)
        with self._lock:
            self.calls.append(rec)

    def totals(self) -> dict[str, float]:
        with self._lock:
            calls = list(self.calls)
        return {
            "calls": len(calls),
            "input_tokens": sum(c.input_tokens for c in calls),
            "output_tokens": sum(c.output_tokens for c in calls),
            "cached_tokens": sum(c.cached_tokens for c in calls),
            "cost_usd": round(sum(c.cost_usd for c in calls), 6),
            "model_s": round(sum(c.latency_s for c in calls), 3),
        }

    def by_purpose(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        with self._lock:
            calls = list(self.calls)
        for c in calls:
            row = out.setdefault(c.purpose, {"calls": 0, "input_tokens": 0, "output_tokens": 0, "cost_usd": 0.0})
            row["calls"] += 1
            row["input_tokens"] += c.input_tokens
            row["output_tokens"] += c.output_tokens
            row["cost_usd"] = round(row["cost_usd"] + c.cost_usd, 6)
        return out

    def summary(self) -> str:
        t = self.totals()
        cached = f", {t['cached_tokens']} cached" if t["cached_tokens"] else ""
        return (f"{t['calls']} model calls, {t['input_tokens']} input + {t['output_tokens']} output tokens"
                f"{cached}, ${t['cost_usd']:.4f}, {t['model_s']:.1f} s waiting for the model")
