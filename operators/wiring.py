"""How the sidebar's jobs call the engine: the ports the pipeline needs, built on the main
thread from the operators' snapshots. Each function is reached only when `engine.missing()`
says the part it calls is present."""
from __future__ import annotations

import copy
import re

from ..jobs.runner import Job
from ..pipeline.errors import ProgramError
from ..pipeline.program import MAX_RUN_NAME, STAGES
from ..scene import store


def new_run_name(image_name: str) -> str:
    """A run name from the image's name, unique in this file."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", image_name.rsplit(".", 1)[0]).strip("_") or "run"
    base = base[:MAX_RUN_NAME - 3]
    taken = set(store.list_runs())
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


class MainThreadLive:
    """The engine's live-scene port for a job thread: each show() runs on Blender's main
    thread inside a timer tick (the job waits for it), on a copy of the program, so the
    engine's threads never share an object with bpy code."""

    def __init__(self, ctx, live):
        self.ctx, self.live = ctx, live

    def show(self, program, note: str = "", final: bool = False) -> float:
        snapshot = copy.deepcopy(program)
        # Named undo steps for what the artist would undo: a stage, the final program.
        undo = f"CodeForm: {note}" if note in STAGES else ("CodeForm: reconstruct" if final else None)
        return self.ctx.on_main(self.live.show, snapshot, note, final, undo=undo)


def forward_event(ctx, event, pause_after_stage: bool) -> None:
    """A pipeline Progress onto the sidebar: the progress line, the stage's status, and the
    pause after each kept stage in stepping mode."""
    stage, state = getattr(event, "stage", ""), getattr(event, "state", "")
    fraction = None
    if stage in STAGES:
        i = STAGES.index(stage)
        fraction = (i + (1.0 if state in ("kept", "accepted") else 0.1)) / len(STAGES)
        if state == "started":
            ctx.stage_state(stage, "running")
        elif state == "kept":
            ctx.stage_state(stage, "done")
        elif state == "failed" and not getattr(event, "component", ""):
            ctx.stage_state(stage, "failed", getattr(event, "message", ""))
    ctx.progress(event, **({"fraction": fraction} if fraction is not None else {}))
    if pause_after_stage and state == "kept" and stage in STAGES[:-1]:
        ctx.pause(f"{stage} kept; Next Stage goes on with {STAGES[STAGES.index(stage) + 1]}")


def reconstruct_job(context, *, run: str, image: bytes, hint: str, pause_after_stage: bool, settings) -> Job:
    """The staged reconstruction of `image` as run `run`, on a job thread."""
    from . import engine
    wiring, live_mod = engine.module("scene.wiring"), engine.module("scene.live")
    pipeline, records = engine.module("pipeline.engine"), engine.module("pipeline.records")
    reference = engine.module("metrics.reference")
    gone = wiring.missing_layers()
    if gone:
        raise ProgramError(f"this build of CodeForm lacks {', '.join(gone)}, which reconstruction needs")
    live = live_mod.LiveScene(context.scene, undo_steps=False)  # the runner pushes the undo steps

    def work(ctx):
        ref = reference.load_reference(image, name=run)
        session = settings.session(ctx.cancel)
        pool = wiring.open_worker_pool(size=max(1, min(2, settings.concurrency)))
        try:
            ports = wiring.build_ports(session, pool=pool, live=MainThreadLive(ctx, live),
                                       events=lambda ev: forward_event(ctx, ev, pause_after_stage))
            config = records.PipelineConfig(iterations=settings.iterations, concurrency=settings.concurrency,
                                            render_size=settings.render_size, hint=hint, run_name=run,
                                            cancel=ctx.cancel)
            result = pipeline.Reconstructor(ports, config).run(ref)
        finally:
            pool.close()
        for problem in live.problems:
            ctx.warn(problem)
        if result.error is not None and not ctx.cancel.is_set():
            raise result.error
        usage = result.usage or {}
        return (f"Reconstructed {run}: {len(result.program.applied_stages()) if result.program else 0} stages, "
                f"{int(usage.get('calls', 0))} calls, ${usage.get('cost_usd', 0.0):.2f}")

    return Job("Reconstruct", work, kind="reconstruct", run=run, secrets=(settings.api_key,))


def rerun_job(context, *, run: str, stage: str, hint: str, settings) -> Job:
    raise ProgramError("re-running a stage is not part of this build")


def edit_job(context, *, run: str, instruction: str, settings) -> Job:
    raise ProgramError("editing by sentence is not part of this build")


def undo_edit(*, run: str, stage: str, version: int) -> str:
    raise ProgramError("undoing an edit is not part of this build")
