"""Reference sub-panel: the image to reconstruct, its thumbnail and an optional hint."""
import bpy

from .common import SidebarPanel, text_field


class CODEFORM_PT_reference(SidebarPanel, bpy.types.Panel):
    bl_label = "Reference"
    bl_order = 0

    def draw(self, context):
        layout = self.layout
        settings = context.scene.codeform
        image = settings.reference
        col = layout.column()
        if image is None:
            box = col.box().column(align=True)
            box.label(text="Choose the image to reconstruct", icon="IMAGE_REFERENCE")
        else:
            preview = image.preview
            row = col.row()
            row.alignment = "CENTER"
            if preview is not None and preview.icon_id:
                row.template_icon(icon_value=preview.icon_id, scale=7.0)
            info = col.row(align=True)
            size = f"{image.size[0]}×{image.size[1]}" if image.has_data else ""
            info.label(text=f"{image.name}  {size}".strip(), icon="IMAGE_DATA")
            info.operator("codeform.reference_clear", text="", icon="X")
        sub = col.column(align=True)
        sub.operator("codeform.reference_open", text="Open Image…", icon="FILEBROWSER")
        row = sub.row(align=True)
        row.operator("codeform.reference_from_editor", text="Image Editor", icon="IMAGE")
        row.operator("codeform.reference_from_empty", text="Image Empty", icon="OUTLINER_OB_IMAGE")
        col.separator()
        text_field(col, settings, "hint", "Hint (optional): a walnut side table", icon="INFO")


classes = (CODEFORM_PT_reference,)
register, unregister = bpy.utils.register_classes_factory(classes)
