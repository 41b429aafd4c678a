"""Choosing the reference image: a file, the Image Editor's image, or an image empty."""
from __future__ import annotations

import os

import bpy
from bpy.props import StringProperty

from ..pipeline.errors import ProgramError

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".exr", ".hdr", ".tga")


def editor_image(context) -> bpy.types.Image | None:
    """The image shown in an Image Editor of this screen (the active area first)."""
    areas = [context.area] if context.area else []
    areas += list(context.screen.areas) if context.screen else []
    for area in areas:
        if area is not None and area.type == "IMAGE_EDITOR":
            image = area.spaces.active.image
            if image is not None:
                return image
    return None


def image_empties(scene: bpy.types.Scene) -> list[bpy.types.Object]:
    """Empties that display an image ("Reference" / "Image" empties), active one first."""
    return [o for o in scene.objects
            if o.type == "EMPTY" and o.empty_display_type == "IMAGE" and o.data is not None]


def set_reference(scene: bpy.types.Scene, image: bpy.types.Image) -> None:
    scene.codeform.reference = image
    image.preview_ensure()  # the sidebar thumbnail; drawing must not compute it


def reference_bytes(image: bpy.types.Image) -> tuple[bytes, str]:
    """The reference's encoded file bytes and a name, read on the main thread. Packed
    images give their packed data; images with a file give that file."""
    if image.packed_file is not None:
        return bytes(image.packed_file.data), image.name
    path = bpy.path.abspath(image.filepath, library=image.library) if image.filepath else ""
    if path and os.path.isfile(path):
        with open(path, "rb") as f:
            return f.read(), os.path.basename(path)
    if image.has_data or image.source == "GENERATED":
        # painted or generated in Blender: encode what is shown, as PNG
        import tempfile
        with tempfile.TemporaryDirectory(prefix="codeform-ref-") as tmp:
            out = os.path.join(tmp, "reference.png")
            settings = bpy.context.scene.render.image_settings
            was = settings.file_format
            settings.file_format = "PNG"
            try:
                image.save_render(out)
            finally:
                settings.file_format = was
            with open(out, "rb") as f:
                return f.read(), f"{image.name}.png"
    raise ProgramError(f"the reference image {image.name!r} has no pixels or file; open it again")


class CODEFORM_OT_reference_open(bpy.types.Operator):
    """Choose an image file to reconstruct"""
    bl_idname = "codeform.reference_open"
    bl_label = "Open Reference"
    bl_options = {"REGISTER", "UNDO"}

    filepath: StringProperty(subtype="FILE_PATH", options={"SKIP_SAVE"})
    filter_image: bpy.props.BoolProperty(default=True, options={"HIDDEN", "SKIP_SAVE"})
    filter_folder: bpy.props.BoolProperty(default=True, options={"HIDDEN", "SKIP_SAVE"})

    def invoke(self, context, event):
        context.window_manager.fileselect_add(self)
        return {"RUNNING_MODAL"}

    def execute(self, context):
        path = bpy.path.abspath(self.filepath)
        if not os.path.isfile(path):
            self.report({"ERROR"}, f"No image file at {self.filepath or '(nothing chosen)'}")
            return {"CANCELLED"}
        try:
            image = bpy.data.images.load(path, check_existing=True)
        except RuntimeError:
            self.report({"ERROR"}, f"Blender cannot read {os.path.basename(path)} as an image")
            return {"CANCELLED"}
        set_reference(context.scene, image)
        self.report({"INFO"}, f"Reference: {image.name}")
        return {"FINISHED"}


class CODEFORM_OT_reference_from_editor(bpy.types.Operator):
    """Use the image shown in the Image Editor as the reference"""
    bl_idname = "codeform.reference_from_editor"
    bl_label = "Use Image Editor Image"
    bl_options = {"REGISTER", "UNDO"}

    @classmethod
    def poll(cls, context):
        if editor_image(context) is None:
            cls.poll_message_set("No Image Editor in this workspace shows an image")
            return False
        return True

    def execute(self, context):
        image = editor_image(context)
        set_reference(context.scene, image)
        self.report({"INFO"}, f"Reference: {image.name}")
        return {"FINISHED"}


class CODEFORM_OT_reference_from_empty(bpy.types.Operator):
    """Use the image of a reference-image empty in the scene (the active one if it is one)"""
    bl_idname = "codeform.reference_from_empty"
    bl_label = "Use Image Empty"
    bl_options = {"REGISTER", "UNDO"}

    object: StringProperty(name="Object", description="The image empty; empty means the active or only one")

    @classmethod
    def poll(cls, context):
        if not image_empties(context.scene):
            cls.poll_message_set("The scene has no image empty (Add > Image > Reference)")
            return False
        return True

    def execute(self, context):
        empties = image_empties(context.scene)
        if self.object:
            chosen = next((o for o in empties if o.name == self.object), None)
            if chosen is None:
                self.report({"ERROR"}, f"{self.object!r} is not an image empty in this scene")
                return {"CANCELLED"}
        else:
            active = context.view_layer.objects.active
            chosen = active if active in empties else empties[0]
        set_reference(context.scene, chosen.data)
        self.report({"INFO"}, f"Reference: {chosen.data.name} (from {chosen.name})")
        return {"FINISHED"}


class CODEFORM_OT_reference_clear(bpy.types.Operator):
    """Forget the reference image (the image itself stays in the file)"""
    bl_idname = "codeform.reference_clear"
    bl_label = "Clear Reference"
    bl_options = {"REGISTER", "UNDO", "INTERNAL"}

    def execute(self, context):
        context.scene.codeform.reference = None
        return {"FINISHED"}


classes = (CODEFORM_OT_reference_open, CODEFORM_OT_reference_from_editor, CODEFORM_OT_reference_from_empty,
           CODEFORM_OT_reference_clear)
register, unregister = bpy.utils.register_classes_factory(classes)
