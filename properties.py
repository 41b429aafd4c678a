"""Properties CodeForm attaches to Blender types; every one is removed on unregister.

The active run is file data (it belongs to the scene it reconstructs). Job progress is
session state and lives on the WindowManager, so Ctrl+Z never rewinds it.
"""
import bpy
from bpy.props import PointerProperty, StringProperty


class CODEFORM_PG_session(bpy.types.PropertyGroup):
    status: StringProperty(name="Status", description="What CodeForm did last")


classes = (CODEFORM_PG_session,)
_register, _unregister = bpy.utils.register_classes_factory(classes)


def register():
    _register()
    bpy.types.Scene.codeform_run = StringProperty(
        name="Run", description="The CodeForm run shown in the sidebar")
    bpy.types.WindowManager.codeform = PointerProperty(type=CODEFORM_PG_session)


def unregister():
    del bpy.types.WindowManager.codeform
    del bpy.types.Scene.codeform_run
    _unregister()
