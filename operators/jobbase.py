"""The operator side of a job, after the extension manager's pattern.

`invoke()` (a click) starts the job on a thread and watches for ESC with a modal handler
that passes every other event through, so the artist keeps working; the status bar says
how to cancel. `execute()` (scripts, `EXEC_DEFAULT`, background mode) runs the same job
blocking. Either way the outcome is reported once, in one line; details go to the console.
"""
from __future__ import annotations

import bpy

from ..jobs import host
from ..jobs.runner import Job, JobRunner
from ..pipeline.errors import CodeFormError


def job_idle(cls, problem: str | None = None) -> bool:
    """poll() helper: False, with the reason, when `problem` says why this operator cannot
    start or while another job runs."""
    if problem:
        cls.poll_message_set(problem)
        return False
    if host.busy():
        cls.poll_message_set(f"{host.active().job.label} is running; wait for it or cancel it")
        return False
    return True


class JobOperator:
    """Mixin: subclasses implement `make_job(context) -> Job` (main thread: snapshot the
    inputs, raise CodeFormError for bad ones) and may override `summary(runner)`."""

    _runner: JobRunner | None = None
    _timer = None

    def make_job(self, context) -> Job:
        raise NotImplementedError

    def summary(self, runner: JobRunner) -> str:
        result = runner.result
        return result if isinstance(result, str) and result else f"{runner.job.label}: done"

    def _make(self, context) -> Job | None:
        try:
            return self.make_job(context)
        except CodeFormError as exc:
            self.report({"ERROR"}, str(exc))
            return None

    def execute(self, context):
        job = self._make(context)
        if job is None:
            return {"CANCELLED"}
        return self._outcome(host.start(job, synchronous=True))

    def invoke(self, context, event):
        if bpy.app.background or context.window is None:
            return self.execute(context)
        job = self._make(context)
        if job is None:
            return {"CANCELLED"}
        self._runner = host.start(job, synchronous=False)
        wm = context.window_manager
        self._timer = wm.event_timer_add(0.25, window=context.window)
        wm.modal_handler_add(self)
        if context.workspace is not None:
            context.workspace.status_text_set(f"CodeForm: {job.label}…  Esc to cancel")
        return {"RUNNING_MODAL"}

    def modal(self, context, event):
        runner = self._runner
        if runner is None:
            return {"CANCELLED"}
        if runner.finished:
            self._cleanup(context)
            return self._outcome(runner)
        if event.type == "ESC" and event.value == "PRESS":
            runner.cancel()
            return {"RUNNING_MODAL"}
        return {"PASS_THROUGH"}

    def cancel(self, context):
        # Blender drops modal handlers when a file is loaded; the job goes with them.
        if self._runner is not None and not self._runner.finished:
            self._runner.cancel()
        self._cleanup(context)

    def _cleanup(self, context) -> None:
        if self._timer is not None:
            context.window_manager.event_timer_remove(self._timer)
            self._timer = None
        if context.workspace is not None:
            context.workspace.status_text_set(None)

    def _outcome(self, runner: JobRunner):
        for warning in runner.warnings:
            self.report({"WARNING"}, warning)
        if runner.state == "done":
            message = self.summary(runner)
            bpy.context.window_manager.codeform.status = message
            self.report({"INFO"}, message)
            return {"FINISHED"}
        if runner.state == "cancelled":
            self.report({"WARNING"}, f"{runner.job.label}: cancelled")
            return {"CANCELLED"}
        self.report({"ERROR"}, runner.error)
        return {"CANCELLED"}
