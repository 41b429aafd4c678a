"""What a reconstruction is asked to do (PipelineConfig) and what it did (Result).

The Result is what the CLI summarises, the HTML report shows and the benchmark tabulates:
every stage iteration with its render, metrics, critique and code, every component with its
attempts, the usage of every call, and the timings behind the performance targets.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from .program import STAGES, SceneProgram
from .replies import Critique

WORKFLOWS = ("staged", "oneshot")


@dataclass
class PipelineConfig:
    iterations: int = 3            # per stage: the first pass plus refinements
    until: str | None = None       # last stage to run (None: all)
    concurrency: int = 4           # component calls in flight at once
    max_repairs: int = 2           # repair calls per piece of code after its first attempt
    workflow: str = "staged"       # "staged": blueprint + staged loop; "oneshot": one program in one call
    retrieval: bool = True         # retrieved API docs in code prompts
    exemplars: bool = True         # the most similar few-shot exemplar in code prompts
    component_agent: bool = True   # geometry and material written one component per call
    render_size: int = 256
    lighting_engine: str = "CYCLES"
    lighting_render_size: int = 128  # a path-traced feedback render: 0.8 s at 128 px, 2.7 s at 256 on 2 cores
    min_improvement: float = 0.005  # a refinement must raise the stage score by this much
    max_tokens: int = 4096
    hint: str = ""
    run_name: str = "reconstruction"
    cancel: threading.Event | None = None

    def __post_init__(self) -> None:
        from .errors import ProgramError
        if self.workflow not in WORKFLOWS:
            raise ProgramError(f"unknown workflow {self.workflow!r}; use {', '.join(WORKFLOWS)}")
        if not 1 <= self.iterations <= 20:
            raise ProgramError("iterations must be from 1 to 20")
        if not 1 <= self.concurrency <= 32:
            raise ProgramError("concurrency must be from 1 to 32")
        if not 0 <= self.max_repairs <= 10:
            raise ProgramError("max_repairs must be from 0 to 10")
        if self.until is not None and self.until not in STAGES:
            raise ProgramError(f"unknown stage {self.until!r}; stages are {', '.join(STAGES)}")

    def label(self) -> str:
        """A short name of the workflow and its switches, for bench tables."""
        if self.workflow == "oneshot":
            return "one-shot"
        off = [name for name, on in (("retrieval", self.retrieval), ("exemplars", self.exemplars),
                                     ("components", self.component_agent)) if not on]
        base = f"staged x{self.iterations}"
        return base + (" -" + " -".join(off) if off else "")


@dataclass
class Attempt:
    """One piece of code through the gates: the first try or a repair."""
    purpose: str
    ok: bool
    gate: str = ""          # "reply" | "policy" | "lint" | "rehearsal" | "" when ok
    message: str = ""
    seconds: float = 0.0    # gates and rehearsal, model time excluded


@dataclass
class ComponentRecord:
    stage: str
    component: str
    iteration: int
    ok: bool
    attempts: list[Attempt] = field(default_factory=list)
    code: str = ""
    reply_to_live_s: float | None = None   # from the last reply to the piece showing in the scene
    gate_s: float = 0.0


@dataclass
class IterationRecord:
    stage: str
    iteration: int
    version: int                      # index in the stage's version history
    code: str
    metrics: dict[str, float]
    render: bytes = b""               # opaque feedback render (PNG)
    mask: bytes = b""                 # transparent-film render (PNG)
    critique: Critique | None = None  # the verifier's answer about this iteration
    note: str = ""                    # what led to this iteration
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return float(self.metrics.get("score", 0.0))


@dataclass
class StageRecord:
    stage: str
    iterations: list[IterationRecord] = field(default_factory=list)
    components: list[ComponentRecord] = field(default_factory=list)
    best: int = 0                     # iteration number kept as current
    stop_reason: str = ""
    seconds: float = 0.0

    def best_record(self) -> IterationRecord | None:
        return next((i for i in self.iterations if i.iteration == self.best), None)


@dataclass
class Result:
    program: SceneProgram | None
    config: PipelineConfig
    stages: dict[str, StageRecord] = field(default_factory=dict)
    blueprint_attempts: int = 0
    complete: bool = False
    failure: str = ""                 # why it stopped early (budget, no working code)
    warnings: list[str] = field(default_factory=list)
    usage: dict[str, float] = field(default_factory=dict)
    usage_by_purpose: dict[str, dict[str, float]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    wall_s: float = 0.0
    blockout_render: bytes = b""
    blockout_metrics: dict[str, float] = field(default_factory=dict)
    ports: dict[str, str] = field(default_factory=dict)
    calls: list[Any] = field(default_factory=list)       # events.CallRecord, one per model call
    error: Exception | None = None                       # the CodeFormError that ended the job early

    def final_metrics(self) -> dict[str, float]:
        for stage in reversed(STAGES):
            rec = self.stages.get(stage)
            best = rec.best_record() if rec else None
            if best is not None:
                return dict(best.metrics)
        return {}

    def summary(self) -> dict[str, Any]:
        """A JSON-able digest (no images, no code) for the bench and scripts."""
        return {
            "complete": self.complete,
            "failure": self.failure,
            "warnings": list(self.warnings),
            "usage": dict(self.usage),
            "wall_s": round(self.wall_s, 3),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "stages": {s: {"iterations": len(r.iterations), "best": r.best, "stop": r.stop_reason,
                           "metrics": r.best_record().metrics if r.best_record() else {},
                           "components_failed": [c.component for c in r.components if not c.ok]}
                       for s, r in self.stages.items()},
        }
