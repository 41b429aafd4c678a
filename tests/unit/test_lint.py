"""The API linter against the shipped Blender 5.0 tables, bpy-free."""
import json
import threading
from pathlib import Path

import pytest

from codeform.cli import main
from codeform.rag.exemplars import load_exemplars
from codeform.rag.lint import lint_code
from codeform.rag.tables import load_tables, tables_path

DATA = Path(__file__).resolve().parents[1] / "data" / "rag"


@pytest.fixture(scope="module")
def tables():
    return load_tables(tables_path("5.0.1"))


def messages(code, tables):
    return [f.message for f in lint_code(code, tables)]


def test_modern_code_is_clean(tables):
    code = '''import bpy
import bmesh
from mathutils import Matrix, Vector


def build_seat(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=(0, 0, 0.45))
    seat = bpy.context.active_object
    seat.data.transform(Matrix.Diagonal((0.4, 0.4, 0.05, 1.0)))
    bevel = seat.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.01
    bevel.limit_method = 'ANGLE'
    seat.data.shade_smooth()
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, segments=16, radius1=0.1, radius2=0.1, depth=0.4)
    for v in bm.verts:
        v.co.z += 0.2
    bm.free()
    ctx.collection.objects.link(bpy.data.objects.new("Pivot", None))


def material_seat(ctx):
    mat = bpy.data.materials.new("Oak")
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.5, 0.3, 0.1, 1.0)
    bsdf.inputs["Coat Weight"].default_value = 0.3
    noise = mat.node_tree.nodes.new("ShaderNodeTexNoise")
    mat.node_tree.links.new(noise.outputs["Color"], bsdf.inputs["Base Color"])
    for obj in ctx.objects:
        obj.data.materials.append(mat)
    bpy.context.scene.render.engine = 'BLENDER_EEVEE'
'''
    assert messages(code, tables) == []


def test_each_finding_has_a_line_a_reason_and_the_closest_names(tables):
    code = 'import bpy\n\nobj = bpy.context.active_object\nmod = obj.modifiers.new("B", "BEVEL")\nmod.segmetns = 3\n'
    (finding,) = lint_code(code, tables)
    assert finding.line == 5
    assert "BevelModifier" in finding.message and "segmetns" in finding.message
    assert finding.suggestions[0] == "segments"
    assert finding.format("f.py") == "f.py:5: BevelModifier has no attribute 'segmetns' (did you mean segments)"


def test_removed_apis_say_what_replaced_them(tables):
    (msg,) = messages('import bpy\nmat = bpy.data.materials.new("M")\n'
                      'mat.node_tree.nodes["Principled BSDF"].inputs["Specular"].default_value = 0.5\n', tables)
    assert "Specular IOR Level" in msg
    (msg,) = messages('import bpy\nbpy.context.scene.render.engine = "BLENDER_EEVEE_NEXT"\n', tables)
    assert "'BLENDER_EEVEE'" in msg


def test_version_guards_are_not_findings(tables):
    code = '''import bpy
mesh = bpy.data.meshes.new("M")
try:
    mesh.use_auto_smooth = True
except AttributeError:
    mesh.shade_smooth()
if bpy.app.version < (4, 1, 0):
    mesh.use_auto_smooth = True
if hasattr(mesh, "use_auto_smooth"):
    mesh.use_auto_smooth = True
mat = bpy.data.materials.new("M")
bsdf = mat.node_tree.nodes["Principled BSDF"]
if "Specular" in bsdf.inputs:
    bsdf.inputs["Specular"].default_value = 0.5
else:
    bsdf.inputs["Specular IOR Level"].default_value = 0.5
'''
    assert messages(code, tables) == []


def test_an_unrelated_except_does_not_hide_findings(tables):
    code = 'import bpy\ntry:\n    bpy.data.meshes.new("M").use_auto_smooth = True\nexcept ZeroDivisionError:\n    pass\n'
    assert len(messages(code, tables)) == 1


def test_unknown_values_are_never_guessed_at(tables):
    code = '''import bpy
def helper(thing, name):
    thing.whatever = 1
    return thing.inputs[name]
for obj in bpy.data.objects:
    obj.data.vertices[0].co.x += 1
    obj.modifiers["Bevel"].width = 0.1
'''
    assert messages(code, tables) == []


def test_syntax_error_is_one_finding(tables):
    (finding,) = lint_code("def build_x(ctx):\n    return (\n", tables)
    assert finding.message.startswith("syntax error")


def test_no_findings_on_any_exemplar(tables):
    exemplars = load_exemplars()
    assert len(exemplars) >= 20
    dirty = {e.name: messages(e.code, tables) for e in exemplars if messages(e.code, tables)}
    assert dirty == {}


def test_real_world_mistakes_are_flagged(tables):
    mistakes = [json.loads(line) for line in (DATA / "mistakes.jsonl").read_text().splitlines() if line.strip()]
    assert len(mistakes) >= 30
    missed = [m["why"] for m in mistakes if not lint_code(m["code"], tables)]
    assert len(missed) <= 0.1 * len(mistakes), missed


def test_lint_is_safe_from_many_threads(tables):
    code = (DATA / "mistakes.jsonl").read_text().splitlines()
    snippets = [json.loads(line)["code"] for line in code[:10]]
    expected = [lint_code(s, tables) for s in snippets]
    results, errors = [], []

    def work():
        try:
            results.append([lint_code(s, tables) for s in snippets])
        except Exception as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(r == expected for r in results)


def test_cli_prints_file_line_message_and_exits_1_on_findings(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CODEFORM_USER_DIR", str(tmp_path / "user"))
    bad = tmp_path / "bad.py"
    bad.write_text("import bpy\nbpy.ops.mesh.primitive_cube_add(radius=1)\n")
    good = tmp_path / "good.py"
    good.write_text("import bpy\nbpy.ops.mesh.primitive_cube_add(size=1)\n")
    assert main(["lint", str(good)]) == 0
    assert main(["lint", str(bad), str(good)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{bad}:2: bpy.ops.mesh.primitive_cube_add has no argument 'radius': the cube's argument is "
                   f"size= (the edge length; size=2 is the default 2 m cube)"]
    assert main(["lint", str(tmp_path / "missing.py")]) == 2


def test_cli_lints_every_stage_of_a_program_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CODEFORM_USER_DIR", str(tmp_path / "user"))
    from codeform.pipeline.program import SceneProgram
    program = SceneProgram.from_sources("p", {}, {"geometry": "import bpy\n\ndef build_a(ctx):\n    ctx.objecs\n"})
    path = tmp_path / "p.json"
    path.write_text(program.dumps())
    assert main(["lint", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"{path}[geometry]:4: ctx has no attribute 'objecs'")


def test_without_tables_for_this_blender_the_linter_stays_quiet(tmp_path, monkeypatch, caplog):
    """Another series' tables would flag valid code (4.3 has 'BLENDER_EEVEE_NEXT')."""
    import logging
    from codeform.rag import index, lint, paths
    monkeypatch.setenv("CODEFORM_USER_DIR", str(tmp_path))
    monkeypatch.setattr(paths, "blender_version", lambda: "4.3.2")
    monkeypatch.setattr(index, "can_extract", lambda: False)
    lint._warned.clear()
    with caplog.at_level(logging.WARNING, logger="codeform.rag"):
        assert lint_code('import bpy\nbpy.context.scene.render.engine = "BLENDER_EEVEE_NEXT"\n') == []
        assert lint_code("import bpy\n") == []
    assert sum("Blender 4.3.2" in r.getMessage() for r in caplog.records) == 1
    assert main(["lint", str(DATA / "mistakes.jsonl")]) == 2


def test_no_findings_on_legitimate_code_written_by_others(tables):
    """Independent code the linter was not tuned on: the sandbox's legitimate snippets, the
    evaluation set's ground-truth programs and the bundled example."""
    import re
    root = DATA.parents[2]
    sources = {}
    for path in sorted((root / "tests" / "data" / "sandbox").glob("legit_*.py")):
        parts = re.split(r"^# === (.*)$", path.read_text(), flags=re.M)
        sources.update({f"{path.name}:{parts[i]}": parts[i + 1] for i in range(1, len(parts), 2)})
    for path in sorted((root / "evalset").glob("*/*.py")) + sorted((root / "examples").glob("*/*.py")):
        sources[str(path.relative_to(root))] = path.read_text()
    assert len(sources) > 50
    dirty = {name: messages(code, tables) for name, code in sources.items() if messages(code, tables)}
    assert dirty == {}


def test_a_name_typed_differently_in_two_branches_is_not_guessed(tables):
    code = '''import bpy
mat = bpy.data.materials.new("M")
nodes = mat.node_tree.nodes
if len(nodes) > 2:
    shader = nodes.new("ShaderNodeEmission")
else:
    shader = nodes["Principled BSDF"]
shader.inputs["Color"].default_value = (1, 1, 1, 1)
same = nodes.new("ShaderNodeTexNoise") if mat else nodes.new("ShaderNodeTexNoise")
if mat:
    tex = nodes.new("ShaderNodeTexWave")
else:
    tex = nodes.new("ShaderNodeTexWave")
tex.inputs["Colour"].default_value = 1.0
'''
    (finding,) = lint_code(code, tables)
    assert finding.line == 14 and "Wave Texture" in finding.message


PUBLIC = Path(__file__).resolve().parents[1] / "data" / "public"


def _public(name):
    return (PUBLIC / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(p for p in PUBLIC.glob("*.py") if "# expect: ok\n" in p.read_text()),
                         ids=lambda p: p.stem)
def test_public_scripts_that_run_in_blender_5_get_no_finding(tables, path):
    # They ran to the end in Blender 5.0 (tests/blender/test_public_corpus.py): any finding
    # is a false positive, including the 3.x branch of `if bpy.app.version < (4, 0, 0)`.
    assert messages(path.read_text(encoding="utf-8"), tables) == []


def test_public_scripts_hear_what_changed_with_the_fix(tables):
    found = messages(_public("cgart_loop_of_rings_animated.py"), tables)
    assert any("Action has no attribute 'fcurves'" in m and "channelbag(" in m for m in found), found
    found = messages(_public("blender_object_basic.py"), tables)
    assert any("'lamps'" in m and "bpy.data.lights" in m for m in found), found
    found = messages(_public("cgart_cube_loop_whole.py"), tables)
    assert any("'gtao_factor': removed in Blender 4.2" in m for m in found), found


def test_sockets_of_nodes_made_on_an_untyped_tree_are_checked(tables):
    # `material` is a parameter, so the linter cannot type `material.node_tree`; the node id
    # (or default node name) still says which node it is (cgart_holder_materials.py).
    code = '''import bpy


def glass(material, palette):
    bsdf = material.node_tree.nodes.new(type="ShaderNodeBsdfPrincipled")
    bsdf.inputs["Specular"].default_value = 0.0
    bsdf.inputs["Roughness"].default_value = 0.25
    material.node_tree.nodes["Principled BSDF"].inputs["Transmission"].default_value = 1.0
    material.node_tree.nodes.get("Principled BSDF").inputs["Subsurface"].default_value = 0.1
    other = material.node_tree.nodes.new("MyAddonNode")
    other.inputs["Whatever"].default_value = 1
    material.node_tree.nodes["My renamed node"].inputs["Anything"].default_value = 1
'''
    found = messages(code, tables)
    assert len(found) == 3, found
    assert 'no input socket "Specular": renamed in Blender 4.0' in found[0]
    assert '"Transmission"' in found[1] and '"Subsurface"' in found[2]
    assert messages(_public("cgart_holder_materials.py"), tables)[0].startswith(
        'Principled BSDF (ShaderNodeBsdfPrincipled) has no input socket "Specular"')


def test_a_module_removed_from_blender_is_named_with_its_replacement(tables):
    found = messages("import bpy\nimport bgl\nfrom bgl import glEnable\n", tables)
    assert found == ["there is no module 'bgl': removed in Blender 5.0 with OpenGL; draw with the gpu module "
                     "(gpu.state, gpu.shader, gpu_extras.batch)"] * 2
    guarded = "try:\n    import bgl\nexcept ImportError:\n    bgl = None\nif bpy.app.version < (5, 0, 0):\n    import bgl\n"
    assert messages("import bpy\n" + guarded, tables) == []


def test_the_5_0_spelling_of_what_changed_in_4_x_is_clean(tables):
    code = '''import bpy

scene = bpy.context.scene
scene.render.engine = 'BLENDER_EEVEE'
scene.eevee.use_raytracing = True
scene.eevee.fast_gi_distance = 1.0
scene.view_settings.look = 'AgX - Punchy'
mat = bpy.data.materials.new("M")
mat.surface_render_method = 'BLENDED'
bsdf = mat.node_tree.nodes.get("Principled BSDF")
for name in ("Specular IOR Level", "Emission Color", "Transmission Weight", "Subsurface Weight", "Coat Weight"):
    bsdf.inputs[name].default_value = 0.5
bsdf.inputs["Emission Strength"].default_value = 1.0
mesh = bpy.data.meshes.new("M")
mesh.shade_smooth()
mesh.set_sharp_from_angle(angle=0.5)
bpy.ops.object.shade_smooth_by_angle(angle=0.6)
tree = bpy.data.node_groups.new("GN", "GeometryNodeTree")
tree.interface.new_socket("Geometry", in_out='OUTPUT', socket_type='NodeSocketGeometry')
scene.compositing_node_group = bpy.data.node_groups.new("Comp", "CompositorNodeTree")
'''
    assert messages(code, tables) == []


def test_shape_key_points_are_not_judged_by_a_placeholder_type(tables):
    # ShapeKey.data's items are typed UnknownType in RNA (point or bezier point by data).
    code = ("import bpy\nobj = bpy.context.active_object\nkey = obj.shape_key_add(name='Squash')\n"
            "key.data[0].co.z -= 0.5\nfor point in key.data:\n    point.co.x += 0.1\n")
    assert messages(code, tables) == []


def test_a_ctx_or_build_helper_in_a_public_script_is_not_a_part_context(tables):
    # blender-addons' camera rigs: `build_camera_rig(context, mode)` takes bpy.context; a
    # function that needs two arguments cannot be a part, and outside stage code a `ctx`
    # parameter is whatever the script passes.
    public = ("import bpy\n\n\ndef build_camera_rig(context, mode):\n    context.scene.camera = None\n\n\n"
              "def helper(ctx):\n    return ctx.view_layer\n")
    assert messages(public, tables) == []
    stage = "import bpy\n\n\ndef helper(ctx):\n    return ctx.view_layer\n\n\ndef build_seat(ctx):\n    helper(ctx)\n"
    assert messages(stage, tables) == ["ctx has no attribute 'view_layer'"]


def test_glare_options_that_became_sockets_in_5_0_name_the_socket(tables):
    code = ("import bpy\ntree = bpy.data.node_groups.new('Comp', 'CompositorNodeTree')\n"
            "glare = tree.nodes.new(type='CompositorNodeGlare')\nglare.glare_type = 'BLOOM'\nglare.threshold = 0.8\n"
            "glare.inputs['Type'].default_value = 'Bloom'\n")
    found = messages(code, tables)
    assert len(found) == 2 and "node.inputs['Type'].default_value = 'Bloom'" in found[0], found
    assert "node.inputs['Threshold'].default_value" in found[1]
