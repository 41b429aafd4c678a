"""Edit sub-panel: an instruction, Apply Edit, and the edit history with one-click undo."""
import bpy

from . import state
from .common import (SidebarPanel, active_run, draw_failure, draw_progress, job_live, job_props, text_field,
                     wrapped)

MAX_SHOWN = 8


class CODEFORM_PT_edit(SidebarPanel, bpy.types.Panel):
    bl_label = "Edit"
    bl_order = 3

    def draw(self, context):
        layout = self.layout
        settings = context.scene.codeform
        p = job_props(context)
        col = layout.column(align=True)
        text_field(col, settings, "instruction", "Make the legs thinner and brass", icon="GREASEPENCIL")
        row = col.row(align=True)
        row.scale_y = 1.3
        row.operator("codeform.apply_edit", text="Apply Edit", icon="CHECKMARK")
        if job_live(context, ("edit",)):
            draw_progress(layout, context, p)
            layout.operator("codeform.cancel_job", text="Cancel", icon="CANCEL")
        elif p.kind == "edit" and p.state == "failed":
            draw_failure(layout, context, p)
        elif p.kind == "edit" and p.state == "done" and not p.question:
            wrapped(layout, context.window_manager.codeform.status or "Edited", icon="CHECKMARK", context=context)
        elif p.kind == "edit" and p.state == "done" and p.question:
            box = layout.box()
            wrapped(box, f"The model asks: {p.question}", icon="QUESTION", context=context)
            note = box.row()
            note.active = False
            note.label(text="Nothing was changed: say it more precisely", icon="BLANK1")
        run = active_run(context)
        view = state.run_view(run) if run else None
        if view is None or not view.edits:
            return
        layout.label(text="History", icon="RECOVER_LAST")
        box = layout.box().column(align=True)
        for edit in view.edits[:MAX_SHOWN]:
            row = box.row(align=True)
            row.active = edit.current
            row.label(text=edit.note, icon="CHECKMARK" if edit.current else "BLANK1")
            undo = row.row(align=True)
            undo.enabled = edit.current   # an edit already undone has nothing left to undo
            props = undo.operator("codeform.edit_undo", text="", icon="LOOP_BACK")
            props.run, props.stage, props.version = run, edit.stage, edit.version
            where = box.row()
            where.active = False
            where.scale_y = 0.7
            where.label(text=f"{edit.stage.title()} v{edit.version + 1}", icon="BLANK1")
        if len(view.edits) > MAX_SHOWN:
            box.label(text=f"… and {len(view.edits) - MAX_SHOWN} earlier edits")


classes = (CODEFORM_PT_edit,)
register, unregister = bpy.utils.register_classes_factory(classes)
