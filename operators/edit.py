"""Edit by sentence: Apply Edit, and undo of any edit from the history."""
from __future__ import annotations

import bpy
from bpy.props import EnumProperty, IntProperty, StringProperty

from ..jobs.runner import Job
from ..pipeline.errors import ProgramError
from ..pipeline.program import STAGES
from ..scene import store
from . import engine, provider
from .jobbase import JobOperator, job_idle
from .stages import active_run

STAGE_ITEMS = [(s, s.title(), f"The {s} stage") for s in STAGES]


class CODEFORM_OT_apply_edit(JobOperator, bpy.types.Operator):
    """Change the scene as the instruction says; only the parts it is about are rewritten"""
    bl_idname = "codeform.apply_edit"
    bl_label = "Apply Edit"
    bl_options = {"REGISTER"}

    instruction: StringProperty(name="Instruction", description="Empty uses the sidebar's instruction",
                                options={"SKIP_SAVE"})

    @classmethod
    def poll(cls, context):
        problem = engine.missing("edit") or provider.provider_problem(context)
        if problem:
            cls.poll_message_set(problem)
            return False
        if not store.list_runs():
            cls.poll_message_set("Reconstruct something first: edits change an existing run")
            return False
        if not context.scene.codeform.instruction.strip():
            cls.poll_message_set("Type what to change, e.g. 'make the legs thinner and brass'")
            return False
        return job_idle(cls)

    def make_job(self, context) -> Job:
        from . import wiring
        run = active_run(context)
        if not run:
            raise ProgramError("Pick a CodeForm run first")
        instruction = (self.instruction or context.scene.codeform.instruction).strip()
        return wiring.edit_job(context, run=run, instruction=instruction, settings=provider.snapshot(context))

    def summary(self, runner) -> str:
        return getattr(runner.result, "message", "") or "Apply Edit: done"

    def _outcome(self, runner):
        question = getattr(runner.result, "question", "") if runner.state == "done" else ""
        if not question:
            return super()._outcome(runner)
        # Not a failure, and not a change: the artist says it more precisely and tries again.
        for warning in runner.warnings:
            self.report({"WARNING"}, warning)
        message = f"The model asks: {question} (nothing was changed)"
        context = bpy.context
        context.window_manager.codeform.status = message
        self.report({"WARNING"}, message)
        return {"CANCELLED"}


class CODEFORM_OT_edit_undo(bpy.types.Operator):
    """Undo this edit: the parts it changed go back to what they were; later edits stay"""
    bl_idname = "codeform.edit_undo"
    bl_label = "Undo Edit"
    bl_options = {"REGISTER"}

    run: StringProperty(name="Run")
    stage: EnumProperty(name="Stage", items=STAGE_ITEMS)
    version: IntProperty(name="Version", description="Index of the version the edit made", min=0)

    @classmethod
    def poll(cls, context):
        return job_idle(cls, engine.missing("edit"))

    def execute(self, context):
        from . import wiring
        from ..pipeline.errors import CodeFormError
        try:
            message = wiring.undo_edit(run=self.run or active_run(context), stage=self.stage, version=self.version)
        except CodeFormError as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        context.window_manager.codeform.status = message
        self.report({"INFO"}, message)
        return {"FINISHED"}


classes = (CODEFORM_OT_apply_edit, CODEFORM_OT_edit_undo)
register, unregister = bpy.utils.register_classes_factory(classes)
