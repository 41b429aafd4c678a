"""Stages sub-panel: the four stages with status, version and best score; per-stage Undo,
Redo, Re-run, View Code and Apply Edited Code; the pause-and-step toggle."""
import bpy

from ..pipeline.program import STAGES
from . import state
from .common import STATE_ICONS, SidebarPanel, active_run, job_live, job_props, wrapped

KINDS = ("reconstruct", "rerun", "edit")


def stage_state(context, run: str, stage: str, sv) -> tuple[str, str]:
    """(state, message) of a stage: the live job's word when it is about this run, else
    done when the program has a current version, else pending."""
    p = job_props(context)
    item = p.stages.get(stage) if p.run == run and p.kind in KINDS else None
    if item is not None and item.state in ("running", "failed"):
        if item.state == "failed" or job_live(context, KINDS):
            return item.state, item.message
    if sv is not None and sv.current >= 0:
        return "done", ""
    return "pending", ""


class CODEFORM_PT_stages(SidebarPanel, bpy.types.Panel):
    bl_label = "Stages"
    bl_order = 2

    def draw(self, context):
        layout = self.layout
        run = active_run(context)
        settings = context.scene.codeform
        p = job_props(context)
        if job_live(context, KINDS) and p.run and p.run not in _runs():
            run = p.run  # the first stage is still being written: show the job's view
        if run is None:
            layout.label(text="No reconstruction in this file yet", icon="INFO")
            layout.prop(settings, "pause_after_stage")
            return
        view = state.run_view(run) or state.RunView(run)
        head = layout.row(align=True)
        head.label(text=f"Run: {run}", icon="SCRIPT")
        if len(_runs()) > 1:
            head.menu("CODEFORM_MT_runs", text="", icon="DOWNARROW_HLT")
        if view.error:
            wrapped(layout, view.error, icon="ERROR", context=context)
            return
        busy = job_live(context, KINDS)
        col = layout.column(align=True)
        for stage in STAGES:
            sv = view.stages.get(stage)
            st, message = stage_state(context, run, stage, sv)
            box = col.box()
            row = box.row()
            label = stage.title()
            if sv and sv.versions:
                label += f"  v{sv.current + 1}/{sv.versions}" if sv.current >= 0 else f"  –/{sv.versions}"
            row.label(text=label, icon=STATE_ICONS.get(st, "DOT"))
            tools = row.row(align=True)
            tools.enabled = not busy
            for op, icon, ok in (("codeform.stage_undo", "LOOP_BACK", sv and sv.can_undo),
                                 ("codeform.stage_redo", "LOOP_FORWARDS", sv and sv.can_redo)):
                sub = tools.row(align=True)
                sub.enabled = bool(ok)
                props = sub.operator(op, text="", icon=icon)
                props.stage, props.run = stage, run
            props = tools.operator("codeform.stage_rerun_ask", text="", icon="FILE_REFRESH")
            props.stage, props.run = stage, run
            sub = row.row(align=True)   # reading the code is fine while a job runs
            sub.enabled = bool(sv and sv.code)
            props = sub.operator("codeform.view_code", text="", icon="TEXT")
            props.stage, props.run = stage, run
            if sv and sv.best:
                line = box.row()
                line.scale_y = 0.7
                line.label(text=f"Best score {sv.best}", icon="BLANK1")
            if state.edited(view, stage):
                line = box.row(align=True)
                line.label(text="Code edited by hand", icon="GREASEPENCIL")
                props = line.operator("codeform.apply_edited", text="Apply", icon="CHECKMARK")
                props.stage, props.run = stage, run
            if st == "failed" and message and message != p.error:  # the job's failure shows once, above
                wrapped(box, message, icon="ERROR", context=context)
        layout.separator()
        layout.prop(settings, "pause_after_stage")  # Next Stage sits with Cancel in Reconstruct


def _runs():
    from ..scene import store
    return store.list_runs()


class CODEFORM_MT_runs(bpy.types.Menu):
    bl_label = "CodeForm Runs"

    def draw(self, context):
        for run in _runs():
            self.layout.operator("codeform.select_run", text=run).run = run


classes = (CODEFORM_PT_stages, CODEFORM_MT_runs)
register, unregister = bpy.utils.register_classes_factory(classes)
