"""Sandbox targets: policy check of a 300-line program <= 20 ms; the guarded facade <= 2x plain
exec on a typical 30-component program; warm worker round trip (run + 256x256 Workbench
render) <= 1 s; cold worker start reported; live apply by importing the rehearsal vs running
the code again."""
from __future__ import annotations

import builtins
import contextlib
import statistics
import time
from typing import Any, Callable, Iterator

from .synthetic import shelf_program

REPEATS = 7


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms"


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _timed(fn: Callable[[], Any], repeats: int = REPEATS, before: Callable[[], Any] | None = None) -> list[float]:
    out = []
    for _ in range(repeats):
        if before:
            before()
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


@contextlib.contextmanager
def _plain_exec() -> Iterator[None]:
    """Stage code run the way an unprotected add-on would: exec with the real builtins and
    modules, the real ctx. Only the baseline for the facade's cost; never used for real."""
    from ..sandbox import executor
    saved = (executor.guarded_stage, executor.load_stage_module, executor.call_part)

    def load(code: str, run: str, stage: str) -> dict[str, Any]:
        namespace = {"__name__": f"codeform_{stage}", "__builtins__": builtins}
        exec(compile(code, executor.code_filename(run, stage), "exec", dont_inherit=True), namespace)
        return namespace

    executor.guarded_stage = lambda run, stage, limits=None: executor.deferred_view_layer_updates()
    executor.load_stage_module = load
    executor.call_part = lambda namespace, function, ctx, run, stage, part: namespace[function](ctx)
    try:
        yield
    finally:
        executor.guarded_stage, executor.load_stage_module, executor.call_part = saved


def _policy() -> list[str]:
    from ..sandbox import policy
    code = shelf_program(40).stages["geometry"].code
    lines = code.count("\n") + 1

    def check() -> None:
        policy._known.clear()  # the cache would hide the work
        assert policy.check_code(code) == []

    samples = _timed(check, repeats=21)
    return [f"  policy check, {lines}-line program             {_ms(samples)}   target <= 20 ms"]


def _facade() -> list[str]:
    import bpy
    from ..scene.apply import apply_program
    program = shelf_program(30)
    fresh = lambda: bpy.ops.wm.read_factory_settings(use_empty=True)  # noqa: E731
    apply_program(program)  # warm caches (policy, operators' RNA) on both sides
    with _plain_exec():
        plain = _timed(lambda: apply_program(program), before=fresh)
    guarded = _timed(lambda: apply_program(program), before=fresh)
    ratio = _median(guarded) / _median(plain)
    loop = "import bpy\n\n\ndef build_item_000(ctx):\n    s = 0\n    for i in range(200000):\n        s += i\n"
    loop_program = shelf_program(1)
    loop_program.set_stage_code("geometry", loop)
    loop_program.stages["material"].versions.clear()
    loop_program.stages["material"].current = -1
    with _plain_exec():
        loop_plain = _timed(lambda: apply_program(loop_program, start="geometry"), repeats=5)
    loop_guarded = _timed(lambda: apply_program(loop_program, start="geometry"), repeats=5)
    return [
        f"  apply 30 components, plain exec             {_ms(plain)}",
        f"  apply 30 components, guarded facade        {_ms(guarded)}   ({ratio:.2f}x, target <= 2x)",
        f"  pure-Python loop of 200k steps, plain       {_ms(loop_plain)}",
        f"  same loop under the deadline's line hook    {_ms(loop_guarded)}   "
        f"({_median(loop_guarded) / _median(loop_plain):.1f}x: the cost of an uncatchable deadline)",
    ]


def _worker() -> list[str]:
    from ..worker import RehearsalJob, RenderSpec, WorkerPool
    program = shelf_program(30).to_json()
    job = RehearsalJob(program=program, renders=[RenderSpec("view", size=256)])
    t = time.perf_counter()
    with WorkerPool(size=1, warm_up=True) as pool:
        first = pool.rehearse(job)
        cold = time.perf_counter() - t
        assert first.ok, first.error
        hello = pool.hellos[0]
        trips = []
        for _ in range(REPEATS):
            result = pool.rehearse(job)
            assert result.ok, result.error
            trips.append(result.timings["total"])
        apply_s = _median([pool.rehearse(RehearsalJob(program=program)).timings["apply"] for _ in range(3)])
    return [
        f"  cold worker start (import bpy + warm-up)    {hello['start_s'] * 1000:7.1f} ms   "
        f"(import {hello['import_s']:.2f} s, first render {hello['warm_up_s']:.2f} s; network: {hello['network']})",
        f"  first job incl. waiting for the start       {cold * 1000:7.1f} ms",
        f"  warm round trip, 30 components + 256 px     {_ms(trips)}   target <= 1000 ms "
        f"(apply in the worker {apply_s * 1000:.0f} ms)",
    ]


def _live_import() -> list[str]:
    import bpy
    from ..scene.apply import apply_program
    from ..worker import RehearsalJob, WorkerPool
    from ..worker import pool as pool_module
    program = shelf_program(100)
    fresh = lambda: bpy.ops.wm.read_factory_settings(use_empty=True)  # noqa: E731
    with WorkerPool(size=1, warm_up=False) as pool:
        rehearsal = pool.rehearse(RehearsalJob(program=program.to_json(), keep_blend=True))
        assert rehearsal.ok, rehearsal.error
        kept = dict(pool_module._REHEARSED)
        pool_module._REHEARSED.clear()
        rerun = _timed(lambda: apply_program(program), repeats=5, before=fresh)
        pool_module._REHEARSED.update(kept)
        imported = _timed(lambda: apply_program(program), repeats=5, before=fresh)
        pool_module._REHEARSED.clear()
    return [
        f"  live apply, 100 components, run the code   {_ms(rerun)}",
        f"  live apply, import the worker's rehearsal  {_ms(imported)}   "
        f"({_median(rerun) / _median(imported):.1f}x faster; the default for model code)",
    ]


def run(args: Any = None) -> list[str]:
    lines = [f"sandbox: medians of {REPEATS} unless noted"]
    lines += _policy()
    lines += _facade()
    lines += _worker()
    lines += _live_import()
    return lines
