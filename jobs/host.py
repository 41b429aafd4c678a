"""The bpy side of jobs: one active job per session, drained by one `bpy.app.timers` function.

Interactive sessions run a job's work on a thread; the timer applies what it posts on the
main thread, at most TICK_BUDGET_S of queued work per tick, mirrors its progress onto
`WindowManager.codeform.job` for the sidebar and pushes the named undo steps. In background
mode (and whenever a caller asks for it) the same job runs synchronously.

Closing the file (load_pre) or disabling the extension cancels the running job; its thread
only ever sees the cancel Event and a queue, never bpy.
"""
from __future__ import annotations

import sys
import time

import bpy

from .runner import FINISHED, Job, JobRunner

TICK_S = 0.1            # how often the timer drains the queue while a job runs
TICK_BUDGET_S = 0.03    # queued work handled per tick; one main-thread call may run past it

_active: JobRunner | None = None
_last_redraw = 0.0


class JobBusy(RuntimeError):
    pass


def active() -> JobRunner | None:
    """The running or paused job, None when idle."""
    return _active


def busy() -> bool:
    return _active is not None and not _active.finished


def start(job: Job, synchronous: bool | None = None) -> JobRunner:
    """Start `job`; synchronous by default in background mode. Raises JobBusy when a job
    is already running (operators check `busy()` in poll first)."""
    global _active
    if busy():
        raise JobBusy(f"{_active.job.label} is still running; cancel it or wait")
    sync = bpy.app.background if synchronous is None else synchronous
    runner = JobRunner(job, synchronous=sync, undo_push=_undo_push, on_progress=_mirror)
    _active = runner
    _reset_props(runner)
    if not sync and not bpy.app.timers.is_registered(_tick):
        bpy.app.timers.register(_tick, first_interval=TICK_S)
    try:
        runner.start()
    finally:
        if sync:
            _active = None
    return runner


def cancel() -> bool:
    if busy():
        _active.cancel()
        return True
    return False


def resume() -> bool:
    if busy() and _active.state == "paused":
        _active.resume()
        _mirror(_active)
        return True
    return False


def tick() -> float | None:
    """One drain of the active job; what the timer calls. Returns the next interval."""
    global _active, _last_redraw
    runner = _active
    if runner is None:
        return None
    if runner.drain(TICK_BUDGET_S):
        _active = None
        return None
    now = time.time()
    if now - _last_redraw >= 1.0:  # the elapsed time in the panel moves once a second
        _last_redraw = now
        _props().elapsed = runner.elapsed
        _redraw()
    return TICK_S


def _tick() -> float | None:
    try:
        return tick()
    except Exception as exc:  # noqa: BLE001 - a timer that raises is dropped silently by Blender
        print(f"CodeForm: job timer failed: {exc}", file=sys.stderr)
        shutdown()
        return None


def shutdown() -> None:
    """Cancel and forget the active job now (file closing, extension disabled)."""
    global _active
    runner, _active = _active, None
    if runner is not None and not runner.finished:
        runner.abandon()
    if bpy.app.timers.is_registered(_tick):
        bpy.app.timers.unregister(_tick)


def _undo_push(name: str) -> None:
    try:
        bpy.ops.ed.undo_push(message=name)
    except RuntimeError as exc:  # no window to push into: the scene change still stands
        print(f"CodeForm: could not push undo step {name!r}: {exc}", file=sys.stderr)


def _props():
    return bpy.context.window_manager.codeform.job


def _reset_props(runner: JobRunner) -> None:
    p = _props()
    p.label, p.kind, p.run = runner.job.label, runner.job.kind, runner.job.run
    p.state, p.stage, p.component, p.iteration, p.message = "running", "", "", 0, ""
    p.calls, p.cost, p.fraction, p.error, p.fix, p.pause_message = 0, 0.0, -1.0, "", "", ""
    p.question = ""
    p.started, p.elapsed = time.time(), 0.0
    p.stages.clear()


def clear_props() -> None:
    """Forget the last job's outcome (a new file was loaded)."""
    p = _props()
    for name in ("label", "kind", "run", "state", "stage", "component", "message", "error", "fix",
                 "pause_message", "question"):
        setattr(p, name, "")
    p.stages.clear()


def set_question(question: str) -> None:
    """The model's clarifying question about the last edit ("" when it asked none)."""
    _props().question = question
    _redraw()


def _mirror(runner: JobRunner) -> None:
    """Copy the runner's state onto the WindowManager for the panels; main thread only."""
    try:
        p = _props()
    except (AttributeError, ReferenceError):
        return  # the extension is being disabled
    pr = runner.progress
    p.state = runner.state
    p.stage, p.component, p.iteration, p.message = pr.stage, pr.component, pr.iteration, pr.message
    p.calls, p.cost, p.fraction = pr.calls, pr.cost_usd, pr.fraction
    p.pause_message = runner.pause_message
    p.elapsed = runner.elapsed
    for stage, (state, message) in runner.stage_states.items():
        item = p.stages.get(stage) or p.stages.add()
        item.name, item.state, item.message = stage, state, message
    if runner.state in FINISHED:
        p.error = runner.error if runner.state == "failed" else ""
        p.fix = fix_for(runner.exception) if runner.state == "failed" else ""
        if runner.state == "failed" and runner.detail:
            print(f"CodeForm: {runner.job.label} failed:\n{runner.detail}", file=sys.stderr)
    _redraw()


def fix_for(exc: BaseException | None) -> str:
    """What the artist can do about a failure: "preferences" when a setting there is the
    cause (key, model, server address, transcript), else ""."""
    from ..pipeline.errors import ProviderError
    text = str(exc or "").lower()
    if isinstance(exc, ProviderError) or any(w in text for w in ("api key", "preferences", "base url", "transcript")):
        return "preferences"
    return ""


def _redraw() -> None:
    wm = bpy.context.window_manager
    for window in wm.windows if wm else ():
        for area in window.screen.areas:
            if area.type in {"VIEW_3D", "PREFERENCES"}:
                area.tag_redraw()


@bpy.app.handlers.persistent
def _on_load_pre(*_args) -> None:
    shutdown()


@bpy.app.handlers.persistent
def _on_load_post(*_args) -> None:
    try:
        clear_props()
    except AttributeError:
        pass


def register() -> None:
    bpy.app.handlers.load_pre.append(_on_load_pre)
    bpy.app.handlers.load_post.append(_on_load_post)


def unregister() -> None:
    shutdown()
    for handlers, fn in ((bpy.app.handlers.load_pre, _on_load_pre),
                         (bpy.app.handlers.load_post, _on_load_post)):
        while fn in handlers:
            handlers.remove(fn)
