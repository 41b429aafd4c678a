"""Stages sub-panel: one row per stage with its version and per-stage undo/redo."""
import bpy

from ..pipeline.errors import CodeFormError
from ..pipeline.program import STAGES
from ..scene import store


class CODEFORM_PT_stages(bpy.types.Panel):
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "CodeForm"
    bl_label = "Stages"

    def draw(self, context):
        layout = self.layout
        runs = store.list_runs()
        if not runs:
            layout.label(text="No reconstruction in this file yet", icon="INFO")
            return
        scene = context.scene
        run = scene.codeform_run if scene.codeform_run in runs else runs[0]
        layout.label(text=f"Run: {run}", icon="SCRIPT")
        try:
            program = store.load_program(run)
        except CodeFormError as exc:
            layout.label(text=str(exc), icon="ERROR")
            return
        edited = set(store.edited_stages(program))
        col = layout.column(align=True)
        for stage in STAGES:
            st = program.stages[stage]
            row = col.row(align=True)
            icon = "CHECKMARK" if st.version else "DOT"
            version = f"v{st.current + 1}/{len(st.versions)}" if st.versions else "pending"
            row.label(text=f"{stage.title()}  {version}", icon=icon)
            for op, ico, ok in (("codeform.stage_undo", "LOOP_BACK", st.can_undo()),
                                ("codeform.stage_redo", "LOOP_FORWARDS", st.can_redo())):
                sub = row.row(align=True)
                sub.enabled = ok
                props = sub.operator(op, text="", icon=ico)
                props.stage, props.run = stage, run
            props = row.operator("codeform.view_code", text="", icon="TEXT")
            props.stage, props.run = stage, run
            if stage in edited:
                props = row.operator("codeform.apply_edited", text="", icon="FILE_REFRESH")
                props.stage, props.run = stage, run


classes = (CODEFORM_PT_stages,)
register, unregister = bpy.utils.register_classes_factory(classes)
