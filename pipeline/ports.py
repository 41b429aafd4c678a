"""The ports the reconstruction engine talks through.

The engine (`pipeline.engine`) never imports Blender, the worker, the VLM SDKs or the index.
Whoever runs it — the CLI, the sidebar operator, the benchmark, a test — builds these ports
and hands them over (`scene.wiring.build_ports` wires the real ones). Each port is a small
Protocol; fakes in tests implement them in a few lines.

Threads: `model`, `context`, `linter`, `policy` and `rehearsal` are called from the engine's
worker threads (components are written concurrently) and must be thread-safe. `live` is
only ever called on the thread that called `Reconstructor.run` — the CLI runs the engine on
the main thread, so it may touch bpy; the UI runs the engine on a job thread and gives it a
`live` that posts to its main-thread queue. `events` may be called from any engine thread.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from .program import SceneProgram


@dataclass
class ModelRequest:
    """One model call; the same fields as vlm.base.VLMRequest (the adapter copies them)."""
    purpose: str                 # blueprint | component | stage | critique | repair | oneshot
    system: str
    prompt: str
    images: list[bytes] = field(default_factory=list)
    stage: str = ""
    component: str = ""
    cache_prefix: str = ""
    history: list[tuple[str, str]] = field(default_factory=list)
    max_tokens: int = 4096
    temperature: float | None = None


class ModelUsage(Protocol):
    input_tokens: int
    output_tokens: int
    cached_tokens: int
    cost_usd: float


class ModelReply(Protocol):
    text: str
    usage: ModelUsage
    truncated: bool
    latency_s: float


class ModelSession(Protocol):
    """A job's view of a VLM (vlm.session.Session): raises ProviderError for provider
    failures, a ModelFailure subclass when the job's budget is spent, Cancelled on cancel."""
    def complete(self, request: ModelRequest) -> ModelReply: ...


@dataclass
class Exemplar:
    name: str
    description: str
    code: str


@dataclass
class Context:
    """Retrieved API documentation for a prompt."""
    text: str
    chunk_ids: list[str] = field(default_factory=list)
    exemplar: Exemplar | None = None


class ContextSource(Protocol):
    def for_prompt(self, stage: str, description: str, error: str | None = None) -> Context: ...


@dataclass
class Issue:
    """A policy violation or a lint finding, one line for the model."""
    line: int
    message: str
    suggestions: list[str] = field(default_factory=list)


class CodeCheck(Protocol):
    """The sandbox policy or the API linter: [] when the code passes."""
    def __call__(self, code: str) -> list[Issue]: ...


@dataclass
class RenderRequest:
    name: str
    engine: str = "BLENDER_WORKBENCH"
    size: int = 256
    transparent: bool = False
    samples: int = 16
    denoise: bool = False


class Rehearsal(Protocol):
    """The worker's answer (worker.RehearsalResult has these fields)."""
    ok: bool
    error: dict[str, Any] | None   # {"kind", "type", "message", "stage", "part", "line"}
    objects: int
    vertices: int
    renders: dict[str, bytes]
    timings: dict[str, float]


class Rehearser(Protocol):
    def rehearse(self, program: dict[str, Any], upto: str | None,
                 renders: list[RenderRequest]) -> Rehearsal: ...


class LiveScene(Protocol):
    """Shows a program in the artist's scene (scene.apply behind it). Until `final`, the
    program is a preview — the real stages plus blockout boxes and the camera guess — and is
    not stored in the file; the final call stores the real program. Returns seconds taken."""
    def show(self, program: SceneProgram, note: str = "", final: bool = False) -> float: ...


@dataclass
class Ports:
    model: ModelSession
    rehearsal: Rehearser
    policy: CodeCheck
    linter: CodeCheck | None = None
    context: ContextSource | None = None
    live: LiveScene | None = None
    events: Callable[[Any], None] | None = None
    clock: Callable[[], float] = time.perf_counter
    describe: dict[str, str] = field(default_factory=dict)  # port -> what implements it, for reports
