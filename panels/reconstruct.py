"""Reconstruct sub-panel: one big button; while running, progress and Cancel."""
import bpy

from ..operators.reconstruct import reconstruct_problem
from .common import SidebarPanel, draw_failure, draw_progress, job_live, job_props, wrapped

KINDS = ("reconstruct", "rerun")


class CODEFORM_PT_reconstruct(SidebarPanel, bpy.types.Panel):
    bl_label = "Reconstruct"
    bl_order = 1

    def draw(self, context):
        layout = self.layout
        p = job_props(context)
        if job_live(context, KINDS):
            draw_progress(layout, context, p)
            row = layout.row(align=True)
            row.scale_y = 1.4
            if p.state == "paused":
                row.operator("codeform.next_stage", text="Next Stage", icon="FORWARD")
            row.operator("codeform.cancel_job", text="Cancel", icon="CANCEL")
            hint = layout.row()
            hint.alignment = "CENTER"
            hint.enabled = False
            hint.label(text="Esc cancels too")
            return
        row = layout.row()
        row.scale_y = 2.0
        row.operator("codeform.reconstruct", text="Reconstruct", icon="PLAY")
        problem = reconstruct_problem(context) if not job_live(context, ()) else None
        if problem:  # the big button explains itself without a hover
            wrapped(layout, problem, icon="INFO", context=context)
        if p.kind in KINDS and p.state == "failed":
            draw_failure(layout, context, p)
        elif p.kind in KINDS and p.state == "cancelled":
            layout.label(text="Cancelled; the scene keeps what was accepted", icon="CANCEL")
        elif p.kind in KINDS and p.state == "done":
            layout.label(text=f"Done in {int(p.elapsed)} s · {p.calls} calls · ${p.cost:.2f}", icon="CHECKMARK")


classes = (CODEFORM_PT_reconstruct,)
register, unregister = bpy.utils.register_classes_factory(classes)
