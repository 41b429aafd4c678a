"""The extension registers the way Blender installs it, and unregisters without a trace."""
import bpy
import pytest

from bpytest import MODULE, disable_extension, enable_extension

OPERATORS = ("codeform.stage_undo", "codeform.stage_redo", "codeform.apply_edited", "codeform.view_code",
             "codeform.reference_open", "codeform.reference_from_editor", "codeform.reference_from_empty",
             "codeform.reference_clear", "codeform.reconstruct", "codeform.stage_rerun",
             "codeform.stage_rerun_ask", "codeform.cancel_job", "codeform.next_stage", "codeform.select_run",
             "codeform.apply_edit", "codeform.edit_undo", "codeform.build_index", "codeform.refresh_models",
             "codeform.test_connection", "codeform.install_dense", "codeform.open_preferences")


def _registered_classes():
    return sorted(name for name in dir(bpy.types) if name.startswith("CODEFORM_"))


def test_enable_gives_preferences_and_operators(extension):
    prefs = bpy.context.preferences.addons[MODULE].preferences
    assert type(prefs).bl_idname == MODULE
    assert prefs.provider == "openai" and prefs.iterations == 3
    key_prop = prefs.bl_rna.properties["api_key"]
    assert key_prop.subtype == "PASSWORD"
    for op in OPERATORS:
        mod, name = op.split(".")
        assert getattr(bpy.ops, mod).__getattr__(name).get_rna_type() is not None
    assert hasattr(bpy.types.Scene, "codeform_run")
    assert bpy.context.window_manager.codeform.status == ""


def test_disable_and_reenable_leave_nothing_behind(extension):
    classes = _registered_classes()
    assert classes
    disable_extension()
    assert _registered_classes() == []
    assert not hasattr(bpy.types.Scene, "codeform_run")
    assert not hasattr(bpy.types.WindowManager, "codeform")
    assert not hasattr(bpy.types.Scene, "codeform")
    assert MODULE not in bpy.context.preferences.addons
    enable_extension()
    assert _registered_classes() == classes
    disable_extension()
    enable_extension()
    assert _registered_classes() == classes


def test_api_key_is_never_saved_in_a_blend(extension, tmp_path):
    prefs = bpy.context.preferences.addons[MODULE].preferences
    prefs.api_key = "sk-test-SECRET-0123456789"
    bpy.context.scene.codeform_run = "visible"
    path = tmp_path / "file.blend"
    bpy.ops.wm.save_as_mainfile(filepath=str(path), compress=False)
    data = path.read_bytes()
    assert b"sk-test-SECRET" not in data
    assert b"visible" in data  # the check itself can see plain strings in the file
    prefs.api_key = ""


def test_operators_undo_and_redo_a_stage(extension):
    from codeform.pipeline.program import SceneProgram
    from codeform.scene import runs
    program = SceneProgram.from_sources("opr", {}, {
        "geometry": "import bpy\n\ndef build_box(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n",
        "material": "import bpy\n\ndef material_box(ctx):\n    ctx.objects[0].data.materials.append(bpy.data.materials.new('M'))\n",
    })
    runs.install(program)
    assert bpy.ops.codeform.stage_undo(run="opr", stage="material") == {"FINISHED"}
    assert not bpy.data.objects["Cube"].material_slots
    assert "undid material" in bpy.context.window_manager.codeform.status
    assert bpy.ops.codeform.stage_redo(run="opr", stage="material") == {"FINISHED"}
    assert bpy.data.objects["Cube"].material_slots[0].material.name == "M"
    # Nothing left to redo: the operator reports why, the scene stays.
    with pytest.raises(RuntimeError, match="material has nothing to redo"):
        bpy.ops.codeform.stage_redo(run="opr", stage="material")
    assert bpy.data.objects["Cube"].material_slots[0].material.name == "M"


def test_operators_explain_why_they_are_disabled(extension):
    with pytest.raises(RuntimeError, match="no CodeForm run yet"):
        bpy.ops.codeform.stage_undo(stage="geometry")
