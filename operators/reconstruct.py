"""Reconstruct, Re-run a stage, Cancel, Next Stage, and picking the run the sidebar shows."""
from __future__ import annotations

import bpy
from bpy.props import EnumProperty, StringProperty

from ..jobs import host
from ..jobs.runner import Job
from ..pipeline.errors import ProgramError
from ..pipeline.program import STAGES
from ..scene import store
from . import engine, provider
from .jobbase import JobOperator, job_idle
from .reference import reference_bytes
from .stages import active_run

STAGE_ITEMS = [(s, s.title(), f"The {s} stage") for s in STAGES]


def reconstruct_problem(context) -> str | None:
    """Why Reconstruct cannot start now, or None."""
    problem = engine.missing("pipeline")
    if problem and problem.startswith("This build") and engine.missing("wiring") is None:
        gone = engine.module("scene.wiring").missing_layers()
        if gone:  # name the layer that is missing, not just "the pipeline"
            problem = f"This build of CodeForm does not include {gone[0]} yet"
    problem = problem or provider.provider_problem(context)
    if problem:
        return problem
    if context.mode != "OBJECT":
        return "Switch to Object Mode first"
    if context.scene.codeform.reference is None:
        return "Choose a reference image first (Reference panel)"
    return None


class CODEFORM_OT_reconstruct(JobOperator, bpy.types.Operator):
    """Reconstruct the reference image as editable Blender code, stage by stage: geometry, material, composition, lighting"""
    bl_idname = "codeform.reconstruct"
    bl_label = "Reconstruct"
    bl_options = {"REGISTER"}

    run: StringProperty(name="Run", description="Name of the new run; empty names it after the image",
                        options={"SKIP_SAVE"})
    mask: StringProperty(name="Mask", subtype="FILE_PATH", options={"SKIP_SAVE"},
                         description="The reference's foreground mask (PNG); empty uses its alpha or an estimate")

    @classmethod
    def poll(cls, context):
        return job_idle(cls, reconstruct_problem(context))

    def make_job(self, context) -> Job:
        settings = context.scene.codeform
        image_bytes, image_name = reference_bytes(settings.reference)
        from . import wiring
        return wiring.reconstruct_job(
            context, run=self.run or wiring.new_run_name(image_name), image=image_bytes,
            hint=settings.hint, pause_after_stage=settings.pause_after_stage,
            settings=provider.snapshot(context), mask=mask_bytes(self.mask))


def mask_bytes(path: str) -> bytes | None:
    """The mask file's bytes (read on the main thread), None when no mask is given."""
    if not path:
        return None
    try:
        with open(bpy.path.abspath(path), "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise ProgramError(f"Cannot read the mask {path}: {exc.strerror or exc}") from None


def rerun_problem(context) -> str | None:
    """Why Re-run Stage cannot start now, or None."""
    problem = engine.missing("rerun") or provider.provider_problem(context)
    if problem:
        return problem
    if not store.list_runs():
        return "This file has no CodeForm run yet"
    if context.scene.codeform.reference is None:
        return "Choose the reference image first (Reference panel): a re-run compares with it"
    return None


class CODEFORM_OT_stage_rerun(JobOperator, bpy.types.Operator):
    """Run this stage again with the model (optionally with a hint), as a new version; later stages are re-applied"""
    bl_idname = "codeform.stage_rerun"
    bl_label = "Re-run Stage"
    bl_options = {"REGISTER"}

    run: StringProperty(name="Run", description="CodeForm run; empty means the active one")
    stage: EnumProperty(name="Stage", items=STAGE_ITEMS)
    hint: StringProperty(name="Hint", description="What to do differently this time (optional)",
                         options={"SKIP_SAVE"})

    @classmethod
    def poll(cls, context):
        return job_idle(cls, rerun_problem(context))

    def make_job(self, context) -> Job:
        from . import wiring
        run = self.run or active_run(context)
        if not run:
            raise ProgramError("Pick a CodeForm run first")
        image_bytes, _ = reference_bytes(context.scene.codeform.reference)
        return wiring.rerun_job(context, run=run, stage=self.stage, hint=self.hint, image=image_bytes,
                                settings=provider.snapshot(context))


class CODEFORM_OT_stage_rerun_ask(bpy.types.Operator):
    """Run this stage again with the model (optionally with a hint), as a new version; later stages are re-applied"""
    bl_idname = "codeform.stage_rerun_ask"
    bl_label = "Re-run Stage"
    bl_options = {"INTERNAL"}

    run: StringProperty(name="Run")
    stage: EnumProperty(name="Stage", items=STAGE_ITEMS)
    hint: StringProperty(name="Hint", description="What to do differently this time (optional)",
                         options={"SKIP_SAVE"})

    @classmethod
    def poll(cls, context):
        return CODEFORM_OT_stage_rerun.poll(context)

    def invoke(self, context, event):
        return context.window_manager.invoke_props_dialog(self, width=360)

    def draw(self, context):
        self.layout.label(text=f"Re-run the {self.stage} stage")
        self.layout.prop(self, "hint")

    def execute(self, context):
        # The dialog is the click; the job itself runs in the background like any click.
        return bpy.ops.codeform.stage_rerun("INVOKE_DEFAULT", run=self.run, stage=self.stage, hint=self.hint)


class CODEFORM_OT_cancel_job(bpy.types.Operator):
    """Stop the running job after the current call; what was accepted stays in the scene"""
    bl_idname = "codeform.cancel_job"
    bl_label = "Cancel"
    bl_options = {"REGISTER", "INTERNAL"}

    @classmethod
    def poll(cls, context):
        if not host.busy():
            cls.poll_message_set("Nothing is running")
            return False
        return True

    def execute(self, context):
        host.cancel()
        self.report({"INFO"}, f"Cancelling {host.active().job.label}…" if host.active() else "Cancelled")
        return {"FINISHED"}


class CODEFORM_OT_next_stage(bpy.types.Operator):
    """Go on with the next stage (the run paused after the last one)"""
    bl_idname = "codeform.next_stage"
    bl_label = "Next Stage"
    bl_options = {"REGISTER", "INTERNAL"}

    @classmethod
    def poll(cls, context):
        runner = host.active()
        if runner is None or runner.finished or runner.state != "paused":
            cls.poll_message_set("The reconstruction is not paused (turn on Pause After Each Stage)")
            return False
        return True

    def execute(self, context):
        host.resume()
        return {"FINISHED"}


class CODEFORM_OT_select_run(bpy.types.Operator):
    """Show this run in the sidebar"""
    bl_idname = "codeform.select_run"
    bl_label = "Select Run"
    bl_options = {"REGISTER", "UNDO", "INTERNAL"}

    run: StringProperty(name="Run")

    def execute(self, context):
        if self.run not in store.list_runs():
            self.report({"ERROR"}, f"This file has no CodeForm run named {self.run!r}")
            return {"CANCELLED"}
        context.scene.codeform_run = self.run
        return {"FINISHED"}


classes = (CODEFORM_OT_reconstruct, CODEFORM_OT_stage_rerun, CODEFORM_OT_stage_rerun_ask, CODEFORM_OT_cancel_job, CODEFORM_OT_next_stage,
           CODEFORM_OT_select_run)
register, unregister = bpy.utils.register_classes_factory(classes)
