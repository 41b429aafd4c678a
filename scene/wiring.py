"""The one place the reconstruction engine's ports are wired to the real layers:
VLM session (vlm/), sandbox policy (sandbox/policy.py), API linter and retrieval (rag/),
rehearsal in a worker process (worker/), and the live scene (scene/live.py).

The CLI, the sidebar, the benchmark and the demo call `build_ports`. A layer that is not in
this build is never faked: `missing_layers()` names it, and `build_ports` refuses with one
line that says what is missing.
"""
from __future__ import annotations

import contextlib
import importlib
from dataclasses import asdict
from typing import Any, Callable, Iterator

from ..pipeline.errors import CodeFormError
from ..pipeline.ports import Context, Exemplar, Issue, ModelRequest, Ports, RenderRequest

_LAYERS = {
    "vlm": (("vlm.session", "Session"), ("vlm.base", "VLMRequest")),
    "policy": (("sandbox.policy", "check_code"),),
    "linter": (("rag.lint", "lint_code"),),
    "retrieval": (("rag.retrieve", "Retriever"),),
    "worker": (("worker", "WorkerPool"), ("worker", "RehearsalJob"), ("worker", "RenderSpec")),
}
_WHAT = {
    "vlm": "the model providers (vlm/)",
    "policy": "the sandbox policy (sandbox/policy.py)",
    "linter": "the API linter (rag/lint.py)",
    "retrieval": "retrieval (rag/retrieve.py)",
    "worker": "the rehearsal worker (worker/)",
}


class MissingLayer(CodeFormError):
    exit_code = 1


def _module(name: str):
    return importlib.import_module(f"{__package__.rsplit('.', 1)[0]}.{name}")


def missing_layers(layers: tuple[str, ...] = tuple(_LAYERS)) -> list[str]:
    out = []
    for layer in layers:
        for mod, attr in _LAYERS[layer]:
            try:
                ok = hasattr(_module(mod), attr)
            except ImportError:
                ok = False
            if not ok:
                out.append(_WHAT[layer])
                break
    return out


def require(layers: tuple[str, ...]) -> None:
    gone = missing_layers(layers)
    if gone:
        raise MissingLayer(f"this build of CodeForm lacks {', '.join(gone)}, which reconstruction needs")


# ---------------------------------------------------------------------------
# Adapters: the real layers in the engine's port shapes
# ---------------------------------------------------------------------------

class SessionModel:
    """ModelRequest -> vlm.base.VLMRequest through a vlm.session.Session."""

    def __init__(self, session: Any):
        self.session = session
        self._request = _module("vlm.base").VLMRequest

    def complete(self, request: ModelRequest):
        return self.session.complete(self._request(**asdict(request)))


def policy_check() -> Callable[[str], list[Issue]]:
    check_code = _module("sandbox.policy").check_code

    def check(code: str) -> list[Issue]:
        return [Issue(v.line, v.message) for v in check_code(code)]
    return check


def lint_check() -> Callable[[str], list[Issue]]:
    lint_code = _module("rag.lint").lint_code

    def check(code: str) -> list[Issue]:
        return [Issue(f.line, f.message, list(f.suggestions)) for f in lint_code(code)]
    return check


class RetrieverContext:
    """rag.retrieve.Retriever.for_prompt in the engine's Context shape."""

    def __init__(self, retriever: Any):
        self.retriever = retriever

    def for_prompt(self, stage: str, description: str, error: str | None = None) -> Context:
        got = self.retriever.for_prompt(stage, description, error=error)
        ex = getattr(got, "exemplar", None)
        exemplar = None
        if ex is not None:
            code = ex.code_for(stage) if hasattr(ex, "code_for") else getattr(ex, "code", "")
            if code.strip():
                exemplar = Exemplar(ex.name, ex.description, code)
        return Context(text=got.text, chunk_ids=list(got.chunk_ids), exemplar=exemplar)


class WorkerRehearser:
    """worker.WorkerPool.rehearse with the engine's RenderRequests."""

    def __init__(self, pool: Any, timeout_s: float = 30.0, memory_mb: int = 2048,
                 reserved: dict[str, list[str]] | None = None):
        worker = _module("worker")
        self.pool = pool
        self.reserved = reserved or {}   # the live file's names (ownership.foreign_names)
        self._job, self._spec = worker.RehearsalJob, worker.RenderSpec
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self.denoise = cycles_can_denoise()

    def rehearse(self, program: dict[str, Any], upto: str | None, renders: list[RenderRequest]):
        specs = [self._spec(name=r.name, engine=r.engine, size=r.size, transparent=r.transparent,
                            samples=r.samples, denoise=r.denoise and self.denoise) for r in renders]
        # keep_blend: the live scene then imports this rehearsal instead of running the
        # model's code again in the artist's process (worker/rehearsed.py).
        return self.pool.rehearse(self._job(program=program, upto=upto, renders=specs,
                                            timeout_s=self.timeout_s, memory_mb=self.memory_mb,
                                            keep_blend=True, reserved=self.reserved))


def cycles_can_denoise() -> bool:
    """Whether this Blender's Cycles has OpenImageDenoise (the worker is the same Blender).
    Distribution builds may lack it (Debian's 4.3), and there a render that asks to denoise
    fails outright: the lighting feedback then goes noisier instead of failing every time."""
    try:
        import _cycles
    except ImportError:
        return True
    return bool(getattr(_cycles, "with_openimagedenoise", True))


def open_worker_pool(size: int = 2, timeout_s: float = 30.0, memory_mb: int = 2048) -> Any:
    require(("worker",))
    return _module("worker").WorkerPool(size=size, timeout_s=timeout_s, memory_mb=memory_mb)


@contextlib.contextmanager
def real_ports(session: Any, *, live: Any = None, events: Callable[[Any], None] | None = None,
               retrieval: bool = True, concurrency: int = 2, cancel: Any = None,
               reserved: dict[str, list[str]] | None = None) -> Iterator[Ports]:
    """The real ports for one CLI job: a worker pool opened for it and closed after it.
    Ctrl+C sets `cancel` so the engine's other threads stop between calls too."""
    pool = open_worker_pool(size=min(2, max(1, concurrency)))
    try:
        yield build_ports(session, pool=pool, live=live, events=events, retrieval=retrieval, reserved=reserved)
    except KeyboardInterrupt:
        if cancel is not None:
            cancel.set()
        raise
    finally:
        pool.close()


def open_retriever(dense: bool = True) -> Any:
    require(("retrieval",))
    retrieve = _module("rag.retrieve")
    try:
        return retrieve.Retriever.open_default(use_dense=dense)
    except TypeError:
        return retrieve.Retriever.open_default()


def build_ports(session: Any, *, pool: Any = None, live: Any = None, events: Callable[[Any], None] | None = None,
                retriever: Any = None, retrieval: bool = True, lint: bool = True, model: Any = None,
                timeout_s: float = 30.0, memory_mb: int = 2048,
                reserved: dict[str, list[str]] | None = None) -> Ports:
    """Real ports. `session` is a vlm.session.Session (or pass `model`, anything with the
    ModelSession shape, e.g. a benchmark's fake); `pool` a worker.WorkerPool (see
    open_worker_pool); `live` a scene.live.LiveScene or None for no live scene (the benchmark);
    `retriever` a rag Retriever (opened here when None and `retrieval`); `reserved` the names
    the live scene's file already holds (scene.ownership.foreign_names, read on the main
    thread), so rehearsals name new data as the live scene would."""
    needed = ["policy", "worker"] + (["vlm"] if model is None else []) + (["linter"] if lint else []) \
        + (["retrieval"] if retrieval else [])
    require(tuple(needed))
    if pool is None:
        raise MissingLayer("build_ports needs a worker pool (scene.wiring.open_worker_pool)")
    model_port = model if model is not None else SessionModel(session)
    context = None
    if retrieval:
        context = RetrieverContext(retriever if retriever is not None else open_retriever())
    describe = {
        "model": f"{getattr(session, 'provider', '?')} {getattr(session, 'model', '')}".strip() if model is None
        else type(model).__name__,
        "rehearsal": type(pool).__name__,
        "retrieval": getattr(context.retriever, "mode", "on") if context else "off",
        "lint": "rag.lint" if lint else "off",
    }
    return Ports(model=model_port, rehearsal=WorkerRehearser(pool, timeout_s, memory_mb, reserved),
                 policy=policy_check(), linter=lint_check() if lint else None, context=context, live=live, events=events,
                 describe={k: str(v) for k, v in describe.items()})
