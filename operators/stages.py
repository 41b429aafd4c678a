"""Per-stage undo, redo, apply hand-edited code, view code."""
import bpy
from bpy.props import EnumProperty, StringProperty

from ..pipeline.errors import CodeFormError
from ..pipeline.program import STAGES
from ..scene import runs
from .jobbase import job_idle

STAGE_ITEMS = [(s, s.title(), f"The {s} stage") for s in STAGES]


def active_run(context) -> str | None:
    """The run the sidebar shows: the scene's choice, else the newest one."""
    available = runs.list_runs()
    want = getattr(context.scene, "codeform_run", "")
    if want in available:
        return want
    return available[-1] if available else None


class _StageOperator:
    run: StringProperty(name="Run", description="CodeForm run; empty means the active one")
    stage: EnumProperty(name="Stage", items=STAGE_ITEMS)
    reads_only = False   # True: fine while a job runs (it changes nothing the job works on)

    def _run_name(self, context):
        return self.run or active_run(context)

    @classmethod
    def poll(cls, context):
        if context.mode != "OBJECT":
            cls.poll_message_set("Switch to Object Mode first")
            return False
        if not runs.list_runs():
            cls.poll_message_set("This file has no CodeForm run yet")
            return False
        return cls.reads_only or job_idle(cls)

    def _finish(self, context, call):
        name = self._run_name(context)
        if not name:
            self.report({"ERROR"}, "Pick a CodeForm run first")
            return {"CANCELLED"}
        try:
            message = call(name)
        except CodeFormError as exc:
            self.report({"ERROR"}, str(exc))
            return {"CANCELLED"}
        context.window_manager.codeform.status = message
        self.report({"INFO"}, message)
        return {"FINISHED"}


class CODEFORM_OT_stage_undo(_StageOperator, bpy.types.Operator):
    """Go back one version of this stage and re-apply the scene from it"""
    bl_idname = "codeform.stage_undo"
    bl_label = "Undo Stage"
    bl_options = {"REGISTER"}

    def execute(self, context):
        return self._finish(context, lambda run: runs.undo(run, self.stage).summary())


class CODEFORM_OT_stage_redo(_StageOperator, bpy.types.Operator):
    """Go forward one version of this stage and re-apply the scene from it"""
    bl_idname = "codeform.stage_redo"
    bl_label = "Redo Stage"
    bl_options = {"REGISTER"}

    def execute(self, context):
        return self._finish(context, lambda run: runs.redo(run, self.stage).summary())


class CODEFORM_OT_apply_edited(_StageOperator, bpy.types.Operator):
    """Apply the stage's code as edited in the Text Editor, as a new version"""
    bl_idname = "codeform.apply_edited"
    bl_label = "Apply Edited Code"
    bl_options = {"REGISTER"}

    def execute(self, context):
        return self._finish(context, lambda run: runs.apply_edited(run, self.stage).summary())


class CODEFORM_OT_view_code(_StageOperator, bpy.types.Operator):
    """Show this stage's code in a Text Editor"""
    bl_idname = "codeform.view_code"
    bl_label = "View Code"
    bl_options = {"REGISTER"}
    reads_only = True

    def execute(self, context):
        name = self._run_name(context)
        text = bpy.data.texts.get(runs.stage_text_name(name, self.stage)) if name else None
        if text is None:
            self.report({"WARNING"}, f"The {self.stage} stage has no code yet")
            return {"CANCELLED"}
        for area in context.screen.areas if context.screen else ():
            if area.type == "TEXT_EDITOR":
                area.spaces.active.text = text
                return {"FINISHED"}
        # No Text Editor open: turn the biggest non-3D area into one, like "Edit Source" does.
        areas = [a for a in (context.screen.areas if context.screen else ()) if a.type != "VIEW_3D"]
        if not areas:
            self.report({"INFO"}, f"Code is in the Text datablock {text.name!r}")
            return {"FINISHED"}
        area = max(areas, key=lambda a: a.width * a.height)
        area.type = "TEXT_EDITOR"
        area.spaces.active.text = text
        return {"FINISHED"}


classes = (CODEFORM_OT_stage_undo, CODEFORM_OT_stage_redo, CODEFORM_OT_apply_edited, CODEFORM_OT_view_code)
register, unregister = bpy.utils.register_classes_factory(classes)
