"""How the sidebar's jobs call the engine: the ports the pipeline needs, built on the main
thread from the operators' snapshots. Each function is reached only when `engine.missing()`
says the part it calls is present.

Three jobs drive the engine: Reconstruct and Re-run Stage (`pipeline.engine.Reconstructor`)
and Apply Edit (`pipeline.edit.Editor`). Each snapshots its inputs here, on the main thread
(the image bytes, the program, the settings and key); the work runs on the job thread and
reaches the scene only through `MainThreadLive`, whose `show` runs inside a timer tick.
"""
from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any

from ..jobs.runner import Job, JobCancelled
from ..pipeline.errors import ProgramError
from ..pipeline.program import MAX_RUN_NAME, STAGES, SceneProgram
from ..scene import runs, store


def new_run_name(image_name: str) -> str:
    """A run name from the image's name, unique in this file."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", image_name.rsplit(".", 1)[0]).strip("_") or "run"
    base = base[:MAX_RUN_NAME - 3]
    taken = set(store.list_runs())
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def _engine_cancel() -> Exception:
    """The engine stops cleanly on its own Cancelled (a CodeFormError): it keeps what was
    accepted and shows it. The runner's JobCancelled would skip that, so it is translated
    wherever the engine calls back into the job."""
    from . import engine
    return engine.module("vlm.errors").Cancelled("cancelled")


class MainThreadLive:
    """The engine's live-scene port for a job thread: each show() runs on Blender's main
    thread inside a timer tick (the job waits for it), on a copy of the program, so the
    engine's threads never share an object with bpy code.

    Previews (blockout, components landing, scored iterations) push no undo step: a dozen
    of them would push the artist's own steps off Blender's undo stack. What the artist
    would undo is named: a stage kept while stepping (`keep`) and the job's result (`final`,
    named `final_undo`). The final show runs even after Cancel, so the file and the scene
    hold the program as far as it was accepted."""

    def __init__(self, ctx, live, final_undo: str = "CodeForm: reconstruct"):
        self.ctx, self.live, self.final_undo = ctx, live, final_undo
        self.rehearser = None   # set once the job's worker pool is open

    def _rehearse(self, program: SceneProgram) -> None:
        """Rehearse exactly what is about to be shown, on this job thread: the main thread
        then imports the worker's result (~15 ms) instead of running the code itself
        (40-80 ms for a component preview, which made timer ticks overrun 50 ms)."""
        if self.rehearser is None:
            return
        try:
            self.rehearser.rehearse(program.to_json(), None, [])
        except Exception:  # the show runs the code in process then, as without a worker
            pass

    def show(self, program: SceneProgram, note: str = "", final: bool = False) -> float:
        snapshot = copy.deepcopy(program)
        self._rehearse(snapshot)
        try:
            return self.ctx.on_main(self.live.show, snapshot, note, final,
                                    undo=self.final_undo if final else None, even_if_cancelled=final)
        except JobCancelled:
            raise _engine_cancel() from None

    def keep(self, program: SceneProgram, stage: str) -> None:
        """Store the program with `stage` accepted (before a pause: the file then holds it)."""
        snapshot = copy.deepcopy(program)
        self._rehearse(snapshot)
        try:
            self.ctx.on_main(self.live.show, snapshot, stage, True, undo=f"CodeForm: {stage}")
        except JobCancelled:
            raise _engine_cancel() from None


class StageTracker:
    """A pipeline Progress onto the sidebar: the progress line with a fraction, each stage's
    status, and the pause after each kept stage in stepping mode."""

    def __init__(self, ctx, stages: tuple[str, ...] = STAGES, pause_after_stage: bool = False,
                 live: MainThreadLive | None = None):
        self.ctx, self.stages, self.pause_after_stage, self.live = ctx, stages, pause_after_stage, live
        self.engine: Any = None     # the Reconstructor, once made: its program is stored before a pause
        self.running = ""
        self.placed: set[str] = set()
        self.within = 0.0           # how far the running stage is, 0..1
        for stage in stages:
            ctx.stage_state(stage, "pending")

    def fraction(self, event) -> float | None:
        """How far the whole job is: each stage an equal share, filled by its components as
        they land (geometry, material), then by scoring and critique; never backwards."""
        stage, state = getattr(event, "stage", ""), getattr(event, "state", "")
        if stage in ("blueprint", "blockout"):
            return 0.01 if stage == "blueprint" else 0.02
        if stage not in self.stages:
            return None
        if state == "started":
            self.placed, self.within = set(), 0.05
        elif state == "placed" and getattr(event, "component", ""):
            self.placed.add(event.component)
            total = len(getattr(getattr(self.engine, "program", None), "blueprint", {}).get("components", [])) or 1
            self.within = max(self.within, 0.05 + 0.6 * min(1.0, len(self.placed) / total))
        elif state in ("scored", "critique", "accepted"):
            self.within = max(self.within, 0.7 if state == "scored" else 0.85)
        elif state == "kept":
            self.within = 1.0
        return (self.stages.index(stage) + self.within) / len(self.stages)

    def __call__(self, event) -> None:
        ctx = self.ctx
        stage, state = getattr(event, "stage", ""), getattr(event, "state", "")
        if stage in self.stages:
            if state == "started":
                self.running = stage
                ctx.stage_state(stage, "running")
            elif state == "kept":
                self.running = ""
                ctx.stage_state(stage, "done")
            elif state == "failed" and not getattr(event, "component", ""):
                ctx.stage_state(stage, "failed", getattr(event, "message", ""))
        fraction = self.fraction(event)
        ctx.progress(event, **({"fraction": fraction} if fraction is not None else {}))
        if (self.pause_after_stage and state == "kept" and stage in self.stages[:-1]
                and not ctx.synchronous and self.engine is not None):
            # "kept" comes from the engine's own thread with its program settled: store it,
            # so a file saved while paused holds the stages accepted so far.
            if self.live is not None:
                self.live.keep(self.engine.program, stage)
            following = self.stages[self.stages.index(stage) + 1]
            try:
                ctx.pause(f"{stage.title()} is done. Look it over, then Next Stage writes the {following}.")
            except JobCancelled:
                raise _engine_cancel() from None

    def failed(self, message: str) -> None:
        """The job failed: the stage it was writing says so."""
        if self.running:
            self.ctx.stage_state(self.running, "failed", message)


class HintedModel:
    """The model port of a re-run with a hint: every request about the re-run stage carries
    the artist's words (the engine's own hint reaches only the blueprint)."""

    def __init__(self, model, stage: str, hint: str):
        from .. import prompts
        self.model, self.stage = model, stage
        self.note = prompts.render("rerun_hint", stage=stage, hint=hint.strip())

    def complete(self, request):
        if request.stage == self.stage:
            request = dataclasses.replace(request, prompt=request.prompt.rstrip() + "\n\n" + self.note)
        return self.model.complete(request)


def _summary(result, what: str) -> str:
    usage = result.usage or {}
    stages = len(result.program.applied_stages()) if result.program else 0
    return f"{what}: {stages} stages, {int(usage.get('calls', 0))} calls, ${usage.get('cost_usd', 0.0):.2f}"


def _pipeline_job(context, *, label: str, kind: str, run: str, image: bytes, mask: bytes | None, hint: str,
                  settings, program: SceneProgram | None = None, stage: str | None = None,
                  pause_after_stage: bool = False, final_undo: str, done: str) -> Job:
    from . import engine
    wiring, live_mod = engine.module("scene.wiring"), engine.module("scene.live")
    pipeline, records = engine.module("pipeline.engine"), engine.module("pipeline.records")
    reference = engine.module("metrics.reference")
    gone = wiring.missing_layers()
    if gone:
        raise ProgramError(f"this build of CodeForm lacks {', '.join(gone)}, which reconstruction needs")
    live = live_mod.LiveScene(context.scene, undo_steps=False)  # the runner pushes the undo steps
    reserved = engine.module("scene.ownership").foreign_names(run)
    # A re-run writes one stage; later stages are re-applied as they are.
    stages = (stage,) if stage else STAGES

    def work(ctx):
        ref = reference.load_reference(image, mask=mask, name=run)
        session = settings.session(ctx.cancel)
        shown = MainThreadLive(ctx, live, final_undo=final_undo)
        tracker = StageTracker(ctx, stages, pause_after_stage, shown)
        pool = wiring.open_worker_pool(size=max(1, min(2, settings.concurrency)))
        try:
            ports = wiring.build_ports(session, pool=pool, live=shown, events=tracker, reserved=reserved)
            shown.rehearser = ports.rehearsal
            if stage and hint.strip():
                ports.model = HintedModel(ports.model, stage, hint)
            config = records.PipelineConfig(iterations=settings.iterations, concurrency=settings.concurrency,
                                            render_size=settings.render_size, lighting_engine=settings.render_engine,
                                            hint="" if stage else hint, run_name=run, until=stage,
                                            cancel=ctx.cancel)
            recon = tracker.engine = pipeline.Reconstructor(ports, config)
            result = recon.run(ref, program, start=stage)
        finally:
            pool.close()
        for problem in live.problems:
            ctx.warn(problem)
        for warning in result.warnings:
            ctx.warn(warning)
        if result.error is not None and not ctx.cancel.is_set():
            tracker.failed(str(result.error))
            raise result.error
        return _summary(result, done)

    return Job(label, work, kind=kind, run=run, secrets=(settings.api_key,))


def reconstruct_job(context, *, run: str, image: bytes, hint: str, pause_after_stage: bool, settings,
                    mask: bytes | None = None) -> Job:
    """The staged reconstruction of `image` as run `run`, on a job thread."""
    return _pipeline_job(context, label="Reconstruct", kind="reconstruct", run=run, image=image, mask=mask,
                         hint=hint, settings=settings, pause_after_stage=pause_after_stage,
                         final_undo="CodeForm: reconstruct", done=f"Reconstructed {run}")


def rerun_job(context, *, run: str, stage: str, hint: str, settings, image: bytes,
              mask: bytes | None = None) -> Job:
    """Write `stage` of `run` again with the model (its earlier stages stay; later ones are
    re-applied on top), as new versions of the stage."""
    program = store.load_program(run)   # the snapshot the job works on
    if not program.blueprint.get("components"):
        raise ProgramError(f"run {run!r} has no blueprint to re-run a stage from (it was not reconstructed)")
    applied = program.applied_stages()
    if STAGES.index(stage) > len(applied):
        raise ProgramError(f"Re-run {STAGES[len(applied)]} first: {stage} builds on it")
    return _pipeline_job(context, label=f"Re-run {stage}", kind="rerun", run=run, image=image, mask=mask,
                         hint=hint, settings=settings, program=program, stage=stage,
                         final_undo=f"CodeForm: re-run {stage}", done=f"Re-ran {stage} of {run}")


@dataclasses.dataclass
class EditOutcome:
    """What an Apply Edit job hands back to the main thread."""
    message: str
    question: str = ""


def edit_job(context, *, run: str, instruction: str, settings) -> Job:
    """Change `run` as `instruction` says, on a job thread: only the parts it is about are
    rewritten. An ambiguous instruction ends with the model's question and changes nothing."""
    from . import engine
    wiring, live_mod = engine.module("scene.wiring"), engine.module("scene.live")
    edit = engine.module("pipeline.edit")
    gone = wiring.missing_layers()
    if gone:
        raise ProgramError(f"this build of CodeForm lacks {', '.join(gone)}, which editing needs")
    program = store.load_program(run)   # the snapshot the job edits
    edit.check_edit_input(program, instruction)
    live = live_mod.LiveScene(context.scene, undo_steps=False)
    reserved = engine.module("scene.ownership").foreign_names(run)

    def work(ctx):
        session = settings.session(ctx.cancel)
        shown = MainThreadLive(ctx, live, final_undo="CodeForm: edit")

        def events(event) -> None:
            stage, state = getattr(event, "stage", ""), getattr(event, "state", "")
            if stage in STAGES and state == "started":
                ctx.stage_state(stage, "running")
            fraction = {"edit": 0.15, "done": 1.0}.get(stage, 0.5 if stage in STAGES else None)
            ctx.progress(event, **({"fraction": fraction} if fraction is not None else {}))

        pool = wiring.open_worker_pool(size=max(1, min(2, settings.concurrency)))
        try:
            ports = wiring.build_ports(session, pool=pool, live=shown, events=events, reserved=reserved)
            shown.rehearser = ports.rehearsal
            config = edit.EditConfig(concurrency=max(1, min(32, settings.concurrency)),
                                     render_engine=settings.render_engine, render_size=settings.render_size,
                                     cancel=ctx.cancel)
            result = edit.Editor(ports, config).run(program, instruction)
        finally:
            pool.close()
        for problem in live.problems:
            ctx.warn(problem)
        for warning in result.warnings:
            ctx.warn(warning)
        if result.needs_clarification:
            return EditOutcome(f"The model asks: {result.question}", question=result.question)
        if result.error is not None and not ctx.cancel.is_set():
            raise result.error
        for stage in result.changed_stages:
            ctx.stage_state(stage, "done")
        versions = "; ".join(f"{s} now version {v + 1}" for s, v in result.new_versions.items())
        return EditOutcome(f"Edited {', '.join(result.changed_parts) or 'nothing'} ({versions})")

    def done(runner) -> None:
        if runner.abandoned:
            return
        from ..jobs import host
        outcome = runner.result if isinstance(runner.result, EditOutcome) else None
        host.set_question(outcome.question if outcome else "")

    return Job("Apply Edit", work, on_done=done, kind="edit", run=run, secrets=(settings.api_key,))


def undo_edit(*, run: str, stage: str, version: int) -> str:
    """Undo the edit that made `version` of `stage` (even under later edits) and re-apply."""
    from . import engine
    edit = engine.module("pipeline.edit")
    program = store.load_program(run)
    message = edit.revert_edit(program, stage, version)
    runs.apply(program, undo_message="CodeForm: undo edit")
    return message[:1].upper() + message[1:]
