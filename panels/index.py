"""Index sub-panel: the retrieval index's status and Build Index with progress."""
import bpy

from ..operators import index as index_ops
from .common import SidebarPanel, draw_failure, draw_progress, job_live, job_props


class CODEFORM_PT_index(SidebarPanel, bpy.types.Panel):
    bl_label = "Index"
    bl_order = 4
    bl_options = {"DEFAULT_CLOSED"}

    def draw(self, context):
        layout = self.layout
        p = job_props(context)
        status = index_ops.cached_status()
        col = layout.column(align=True)
        for label, value, icon in status.rows():
            row = col.row(align=True)
            split = row.split(factor=0.4, align=True)
            split.label(text=label)
            split.label(text=value, icon=icon)
        if job_live(context, ("index",)):
            draw_progress(layout, context, p)
            layout.operator("codeform.cancel_job", text="Cancel", icon="CANCEL")
            return
        layout.operator("codeform.build_index", icon="FILE_REFRESH")
        if p.kind == "index" and p.state == "failed":
            draw_failure(layout, context, p)


classes = (CODEFORM_PT_index,)
register, unregister = bpy.utils.register_classes_factory(classes)
