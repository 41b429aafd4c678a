"""Gate 3 in the live scene: stage code applied in process through the guarded facade.

The artist's data is protected, caps stop geometry explosions before Blender evaluates,
an endless loop ends at the deadline, nothing outlives the run, and the facade hands out
no real Blender object, module or the guard itself.
"""
import sys
import time

import pytest

import bpy

from codeform.pipeline.errors import CodeRaised, LimitExceeded, PolicyError
from codeform.pipeline.program import SceneProgram
from codeform.sandbox import executor
from codeform.sandbox.limits import Limits
from codeform.scene import runs
from codeform.scene.apply import apply_program
from codeform.scene.ownership import owned_objects
from codeform.sandbox import optable, rules


@pytest.fixture
def artist(empty_scene):
    scene = empty_scene
    mesh = bpy.data.meshes.new("ArtistMesh")
    mesh.from_pydata([(0, 0, 0), (1, 0, 0), (0, 1, 0)], [], [(0, 1, 2)])
    obj = bpy.data.objects.new("ArtistObject", mesh)
    mat = bpy.data.materials.new("ArtistMaterial")
    mesh.materials.append(mat)
    coll = bpy.data.collections.new("ArtistCollection")
    scene.collection.children.link(coll)
    coll.objects.link(obj)
    world = bpy.data.worlds.new("ArtistWorld")
    world.color = (0.3, 0.2, 0.1)
    scene.world = world
    cam = bpy.data.objects.new("ArtistCamera", bpy.data.cameras.new("ArtistCamera"))
    coll.objects.link(cam)
    scene.camera = cam
    return scene


def state():
    obj = bpy.data.objects["ArtistObject"]
    return (tuple(obj.location), [tuple(v.co) for v in obj.data.vertices], obj.data.materials[0].name,
            sorted(o.name for o in bpy.data.collections["ArtistCollection"].objects),
            tuple(bpy.data.worlds["ArtistWorld"].color), tuple(bpy.data.objects["ArtistCamera"].location))


def program(geometry, **more):
    sources = {"geometry": geometry, **more}
    return SceneProgram.from_sources("guarded", {"components": [{"name": "thing"}]}, sources)


def test_select_all_delete_and_removal_loops_touch_only_the_run(artist):
    before = state()
    code = ("import bpy\n\nbpy.ops.object.select_all(action='SELECT')\nbpy.ops.object.delete()\n"
            "for o in list(bpy.data.objects):\n    bpy.data.objects.remove(o)\n"
            "bpy.data.orphans_purge(do_recursive=True)\n\n\n"
            "def build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n    bpy.context.active_object.name = 'Thing'\n")
    runs.install(program(code))
    assert state() == before
    assert [o.name for o in owned_objects("guarded")] == ["Thing"]
    # A later stage's "delete everything" removes the run's own objects, nothing else.
    runs.install(program(code, material="import bpy\n\n\ndef material_thing(ctx):\n"
                                      "    bpy.ops.object.select_all(action='SELECT')\n    bpy.ops.object.delete()\n"))
    assert state() == before and owned_objects("guarded", ["geometry"]) == []


def test_writes_to_artist_data_are_refused_with_the_line(artist):
    before = state()
    code = "import bpy\n\n\ndef build_thing(ctx):\n    x = 1\n    bpy.data.materials['ArtistMaterial'].roughness = 0\n"
    with pytest.raises(PolicyError) as info:
        runs.install(program(code))
    assert info.value.line == 6 and "Material 'ArtistMaterial' belongs to the artist" in str(info.value)
    assert state() == before and owned_objects("guarded") == []


def test_a_later_stage_renaming_the_runs_object_keeps_it_the_runs(artist):
    code = "import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n" \
           "    bpy.context.active_object.name = 'Thing'\n"
    rename = "import bpy\n\n\ndef compose_hero(ctx):\n    ctx.object('Thing').name = 'Hero'\n"
    runs.install(program(code, material="import bpy\n", composition=rename))
    assert [o.name for o in owned_objects("guarded")] == ["Hero"]
    runs.undo("guarded", "composition")
    assert [o.name for o in owned_objects("guarded")] == ["Thing"]
    runs.undo("guarded", "geometry")
    assert owned_objects("guarded") == [] and "Hero" not in bpy.data.objects and "Thing" not in bpy.data.objects


def test_the_artists_copy_of_a_generated_object_is_theirs_to_stage_code(artist):
    code = "import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n" \
           "    bpy.context.active_object.name = 'Thing'\n"
    runs.install(program(code))
    copy = bpy.data.objects["Thing"].copy()   # what Shift+D does: the run's tags come along
    copy.data = copy.data.copy()              # ... on the mesh too, by default
    copy.name = "ArtistThing"
    bpy.context.scene.collection.objects.link(copy)
    poke = "import bpy\n\n\ndef material_thing(ctx):\n    bpy.data.objects['ArtistThing'].location.x = 5\n"
    with pytest.raises(PolicyError, match="belongs to the artist"):
        runs.install(program(code, material=poke))
    assert copy.location.x == 0


def test_generated_data_the_artist_put_to_use_survives_undo_as_theirs(artist):
    code = "import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n" \
           "    bpy.context.active_object.name = 'Thing'\n"
    material = ("import bpy\n\n\ndef material_thing(ctx):\n    m = bpy.data.materials.new('Brass')\n"
                "    group = bpy.data.node_groups.new('Wear', 'ShaderNodeTree')\n"
                "    m.node_tree.nodes.new('ShaderNodeGroup').node_tree = group\n"
                "    for o in ctx.objects:\n        o.data.materials.append(m)\n")
    runs.install(program(code, material=material))
    mine = bpy.data.objects["ArtistObject"]
    mine.data.materials.append(bpy.data.materials["Brass"])          # the artist likes the brass
    linked = bpy.data.objects.new("AltD", bpy.data.objects["Thing"].data)  # an Alt+D duplicate
    bpy.context.scene.collection.objects.link(linked)
    runs.undo("guarded", "material")
    assert mine.data.materials[-1].name == "Brass"                   # their slot is not emptied
    assert mine.data.materials[-1].node_tree.nodes[-1].node_tree.name == "Wear"
    assert "codeform_owner" not in mine.data.materials[-1]           # and it is theirs now
    assert [o.name for o in owned_objects("guarded")] == ["Thing"]
    runs.undo("guarded", "geometry")
    assert owned_objects("guarded") == [] and "Thing" not in bpy.data.objects
    assert linked.name in bpy.data.objects and len(linked.data.vertices) == 8
    runs.redo("guarded", "geometry")
    runs.redo("guarded", "material")                                  # the run makes its own again
    assert bpy.data.objects["Thing"].data.materials[0].name == "Brass.001"


def test_world_and_camera_edited_in_place_are_copies_and_undo_restores_the_artists(artist):
    before = state()
    lighting = ("import bpy\n\n\ndef light_world(ctx):\n    w = bpy.context.scene.world\n    w.color = (1, 0, 1)\n")
    composition = ("import bpy\n\n\ndef compose_cam(ctx):\n    c = bpy.context.scene.camera\n    c.location = (9, 9, 9)\n")
    prog = program("import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n",
                   material="def material_thing(ctx):\n    pass\n", composition=composition, lighting=lighting)
    runs.install(prog)
    scene = bpy.context.scene
    assert tuple(scene.world.color) == pytest.approx((1, 0, 1)) and scene.world.name != "ArtistWorld"
    assert tuple(scene.camera.location) == (9, 9, 9) and scene.camera.name != "ArtistCamera"
    assert state() == before
    runs.undo("guarded", "composition")
    assert scene.world.name == "ArtistWorld" and scene.camera.name == "ArtistCamera"


def test_endless_loop_stops_at_the_deadline_and_rolls_back(artist):
    code = ("import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n"
            "    while True:\n        try:\n            pass\n        except:\n            pass\n")
    t = time.perf_counter()
    with executor.limits_for(Limits(seconds=0.5)), pytest.raises(LimitExceeded, match="took longer than 0.5 s"):
        apply_program(program(code))
    assert time.perf_counter() - t < 5
    assert owned_objects("guarded") == [] and sys.gettrace() is None


def test_geometry_explosion_is_stopped_before_evaluation(artist):
    code = ("import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n"
            "    o = bpy.context.active_object\n    for i in range(3):\n"
            "        o.modifiers.new(f'A{i}', 'ARRAY').count = 1500\n"
            "    bpy.ops.object.shade_smooth()\n    bpy.context.view_layer.update()\n")
    t = time.perf_counter()
    with pytest.raises(LimitExceeded, match="line 10: .*vertices, more than the budget") as info:
        apply_program(program(code))
    assert time.perf_counter() - t < 5, "the 27-billion-vertex mesh must never be evaluated"
    assert info.value.exit_code == 5 and owned_objects("guarded") == []


def test_hand_edited_code_goes_through_the_same_gates(artist):
    runs.install(program("import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n"))
    bpy.data.texts["CodeForm/guarded/geometry.py"].from_string("import os\n\n\ndef build_thing(ctx):\n    pass\n")
    with pytest.raises(PolicyError, match="geometry code, line 1: import of 'os' is not allowed"):
        runs.apply_edited("guarded", "geometry")
    assert len(owned_objects("guarded")) == 1


def test_nothing_outlives_the_run(artist):
    handlers = {name: len(getattr(bpy.app.handlers, name)) for name in dir(bpy.app.handlers)
                if isinstance(getattr(bpy.app.handlers, name), list)}
    code = ("import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n"
            "    o = bpy.context.active_object\n    o.keyframe_insert('location', frame=1)\n")
    runs.install(program(code))
    assert {name: len(getattr(bpy.app.handlers, name)) for name in handlers} == handlers
    assert sys.gettrace() is None
    obj = owned_objects("guarded")[0]
    assert obj.animation_data.action is not None and len(obj.animation_data.drivers) == 0


LEAKS = [
    ("type(bpy.context.scene).bl_rna", None),
    ("bpy.context.scene._cf_r", PolicyError),
    ("getattr(bpy.data, '_cf_g')", PolicyError),
    ("bpy.context.preferences", PolicyError),
    ("bpy.data.texts", PolicyError),
    ("[m for m in (bpy, bmesh, math) if hasattr(m, 'os') or hasattr(m, 'sys')] == [] or 1/0", None),
    ("bpy.ops.wm", PolicyError),
]


@pytest.mark.parametrize("expr, error", LEAKS)
def test_the_facade_hands_out_no_real_object(artist, expr, error):
    code = f"import bpy\nimport bmesh\nimport math\n\n\ndef build_thing(ctx):\n    x = {expr}\n"
    if error:
        with pytest.raises(error):
            apply_program(program(code))
    else:
        apply_program(program(code))


def test_attribute_errors_do_not_carry_the_real_object(artist):
    # If the error carried the real scene, renaming it through the error would work.
    code = ("import bpy\n\n\ndef build_thing(ctx):\n    try:\n        bpy.context.scene.no_such_thing\n"
            "    except AttributeError as exc:\n        exc.obj.name = 'Stolen'\n")
    with pytest.raises(PolicyError, match="line 8: Scene 'Scene' belongs to the artist"):
        apply_program(program(code))
    assert bpy.context.scene.name == "Scene"
    apply_program(program("import bpy\n\n\ndef build_thing(ctx):\n"
                          "    assert isinstance(bpy.context.scene, bpy.types.Scene)\n"
                          "    assert type(ctx.objects) is list and ctx.component['name'] == 'thing'\n"))


def test_a_run_may_change_its_own_earlier_stages(artist):
    geometry = "import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n    bpy.context.active_object.name = 'Thing'\n"
    composition = "def compose_move(ctx):\n    ctx.object('Thing').location.x = 3\n"
    prog = program(geometry, material="def material_thing(ctx):\n    pass\n", composition=composition)
    runs.install(prog)
    assert bpy.data.objects["Thing"].location.x == 3


def test_code_errors_keep_their_line(artist):
    with pytest.raises(CodeRaised) as info:
        apply_program(program("import bpy\n\n\ndef build_thing(ctx):\n    y = 2\n    raise ValueError('no')\n"))
    assert info.value.line == 6 and info.value.part == "thing"


def test_the_shipped_operator_table_matches_this_blender():
    # The bpy-free policy reads the table; the facade asks the RNA. They must agree.
    import json
    shipped = json.loads(rules.OPERATOR_TABLE.read_text())
    assert optable.extract()["file_operators"] == shipped["file_operators"], \
        "regenerate it: python -m codeform.sandbox.optable"


def test_the_policy_and_the_pool_stay_bpy_free():
    import subprocess
    probe = ("import sys\nimport codeform.sandbox.policy, codeform.sandbox.safe_builtins, codeform.worker\n"
             "from codeform.commands import run_code\nassert 'bpy' not in sys.modules, 'bpy was imported'\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_code_may_make_its_own_collection_active(artist):
    code = ("import bpy\n\n\ndef build_thing(ctx):\n    c = bpy.data.collections.new('Props')\n"
            "    bpy.context.scene.collection.children.link(c)\n"
            "    layer = bpy.context.view_layer.layer_collection.children['Props']\n"
            "    bpy.context.view_layer.active_layer_collection = layer\n"
            "    bpy.ops.mesh.primitive_cube_add()\n")
    runs.install(program(code))
    props = bpy.data.collections["Props"]
    assert [o.name for o in props.objects] == ["Cube"]
    assert props.name in bpy.data.collections["CodeForm/guarded/geometry"].children
    bad = code.replace("children['Props']", "children['ArtistCollection']")
    with pytest.raises(PolicyError, match="ArtistCollection"):
        runs.install(program(bad))


OWN_EXCEPTIONS = [
    ("class Boom(Exception):\n    def __str__(self):\n        while True:\n            pass\n", "Boom()", "Boom: Boom"),
    ("class Loop:\n    def __repr__(self):\n        while True:\n            pass\n", "KeyError(Loop())",
     "KeyError: <Loop>"),
    ("class Boom(ValueError):\n    def __str__(self):\n        raise RuntimeError('x')\n", "Boom('why')", "Boom: why"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("define, raised, message", OWN_EXCEPTIONS)
def test_the_codes_own_exception_is_described_without_running_its_code(artist, define, raised, message):
    # The message is built after the deadline is over: a __str__ that loops would freeze
    # Blender, one that raises would escape as a traceback.
    code = f"import bpy\n\n{define}\n\ndef build_thing(ctx):\n    raise {raised}\n"
    with pytest.raises(CodeRaised) as info:
        apply_program(program(code))
    assert str(info.value).endswith(message) and "\n" not in str(info.value)
    assert owned_objects("guarded") == []


def test_containers_from_blender_hold_only_guarded_data(artist):
    before = state()
    tries = ["for idb in bpy.data.user_map():\n        if idb.name == 'ArtistObject':\n            idb.location.x = 5\n",
             "bpy.ops.mesh.primitive_cube_add()\n    o = bpy.context.active_object\n"
             "    o['ref'] = bpy.data.objects['ArtistObject']\n    list(o.values())[0].location.x = 5\n",
             "bpy.ops.mesh.primitive_cube_add()\n    o = bpy.context.active_object\n    o['g'] = {'a': 1}\n"
             "    o['g']['ref'] = bpy.data.objects['ArtistObject']\n    o['g'].to_dict()['ref'].name = 'Stolen'\n"]
    for body in tries:
        with pytest.raises(PolicyError, match="read-only|belongs to the artist"):
            apply_program(program(f"import bpy\n\n\ndef build_thing(ctx):\n    {body}"))
    assert state() == before and bpy.data.objects.get("Stolen") is None
    apply_program(program("import bpy\n\n\ndef build_thing(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n"
                          "    o = bpy.context.active_object\n    o['g'] = {'a': 1}\n    o['g']['b'] = 2\n"
                          "    assert sorted(o['g'].keys()) == ['a', 'b'] and o['g'].to_dict() == {'a': 1, 'b': 2}\n"
                          "    assert {k: v for k, v in o.items()}['g']['b'] == 2\n"))


def test_file_path_properties_are_refused_by_their_rna_subtype(artist):
    # Whatever a property is called, Blender reads or writes where a FILE_PATH/DIR_PATH one points.
    from codeform.sandbox.facade import W, wrap
    from codeform.sandbox.guard import Guard
    tree = bpy.data.node_groups.new("Reader", "GeometryNodeTree")
    node = tree.nodes.new("GeometryNodeImportOBJ")
    guarded = wrap(node, Guard("guarded"), W)
    with pytest.raises(PermissionError, match="'default_value' is a file path"):
        guarded.inputs[0].default_value = "/etc/passwd"
    assert node.inputs[0].default_value == ""
    guarded.location = (1, 2)  # everything else about the run's own node stays writable


def test_raw_mesh_indices_are_checked_before_blender_trusts_them(artist):
    # An index past the end is an out-of-bounds read in C at the next normal or evaluation:
    # in the live scene, a segfault that loses the artist's unsaved work.
    start = ("import bpy\n\n\ndef build_thing(ctx):\n    mesh = bpy.data.meshes.new('raw')\n    mesh.vertices.add(4)\n"
             "    mesh.loops.add(4)\n    mesh.polygons.add(1)\n")
    for bad in ["mesh.loops.foreach_set('vertex_index', [0, 1, 2, 100000000])",
                "mesh.loops[3].vertex_index = -1", "mesh.polygons[0].loop_start = 3",
                "mesh.attributes['.corner_vert'].data.foreach_set('value', [0, 1, 2, 9999])"]:
        with pytest.raises(PolicyError, match="outside mesh 'raw'|read-only to stage code"):
            apply_program(program(start + f"    {bad}\n    print(mesh.polygons[0].area)\n"))
    apply_program(program(start + "    mesh.vertices.foreach_set('co', [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0])\n"
                          "    mesh.loops.foreach_set('vertex_index', [0, 1, 2, 3])\n"
                          "    mesh.polygons.foreach_set('loop_start', [0])\n    mesh.update()\n"
                          "    assert mesh.polygons[0].area == 1.0\n"
                          "    bpy.context.collection.objects.link(bpy.data.objects.new('Raw', mesh))\n"))
    assert [o.name for o in owned_objects("guarded")] == ["Raw"]


@pytest.mark.timeout(60)
def test_loops_inside_the_python_modules_stage_code_imports_stop_at_the_deadline(artist):
    # random.choices(k=...) loops in random.py, not in the stage code's own frames.
    code = "import random\n\n\ndef build_thing(ctx):\n    picked = random.choices([1, 2], k=400000000)\n"
    t = time.perf_counter()
    with executor.limits_for(Limits(seconds=0.5)), pytest.raises(LimitExceeded, match="took longer than 0.5 s"):
        apply_program(program(code))
    assert time.perf_counter() - t < 5 and sys.gettrace() is None


def test_bmesh_ops_that_copy_geometry_stop_at_the_vertex_budget(artist):
    code = ("import bmesh\n\n\ndef build_thing(ctx):\n    bm = bmesh.new()\n    bmesh.ops.create_cube(bm, size=1)\n"
            "    for i in range(40):\n        bmesh.ops.duplicate(bm, geom=bm.verts[:])\n")
    with executor.limits_for(Limits(max_vertices=20_000)), \
            pytest.raises(LimitExceeded, match="bmesh.ops.duplicate grew the BMesh to 32,768 vertices"):
        apply_program(program(code))


def test_wrappers_never_hand_out_their_slots(artist):
    # Whatever route skips the policy's attribute rules (a match pattern did), the slots
    # holding the real Blender value, the guard or the owner stay out of reach.
    from codeform.sandbox.facade import R, wrap
    from codeform.sandbox.guard import Guard
    from codeform.sandbox.modules import build_modules
    guard = Guard("guarded")
    modules = build_modules(guard)
    bpy_facade = modules["bpy"]
    wrappers = [wrap(bpy.context.scene, guard, R), bpy_facade.data, bpy_facade.data.objects, bpy_facade.context,
                bpy_facade.types, bpy_facade.types.Object, bpy_facade.ops, bpy_facade.ops.mesh,
                bpy_facade.ops.mesh.primitive_cube_add, modules["bmesh"].new()]
    checked = 0
    for wrapper in wrappers:
        slots = {s for klass in type(wrapper).__mro__ for s in getattr(klass, "__slots__", ())}
        for slot in sorted(s for s in slots if s.startswith("_cf_")):
            checked += 1
            with pytest.raises(PermissionError, match="private attribute"):
                getattr(wrapper, slot)
    assert checked >= 25
    assert bpy_facade.context.scene.name == "Scene"
    # Python sets .obj on an AttributeError to the object that lacked the name: never the
    # real value behind a wrapper.
    for wrapper in wrappers:
        try:
            getattr(wrapper, "no_such_name")
        except PermissionError:
            pass  # refused outright (bpy.ops namespaces)
        except AttributeError as exc:
            assert exc.obj is None or exc.obj is wrapper, (wrapper, exc.obj)


def test_print_output_of_a_run_is_bounded(artist, capfd):
    # A loop printing 10 MB lines filled the worker's log at ~0.2 GB/s until the deadline.
    code = ("import bpy\n\n\ndef build_thing(ctx):\n    print('first', 1, sep='-')\n"
            "    for i in range(30):\n        print('x' * 100000)\n")
    apply_program(program(code))
    out = capfd.readouterr().out
    assert out.startswith("first-1\n") and 1_000_000 <= len(out) < 1_100_000
    assert out.rstrip().endswith("the rest of this run's output was dropped]")


def test_only_strings_are_asked_whether_they_name_a_file():
    import subprocess
    # Blender's log writes to the stderr it found at start-up, so look from outside.
    code = ("import bpy; from codeform.sandbox.rnachecks import is_path_property; "
            "curve = bpy.data.curves.new('c', 'CURVE'); "
            "print(is_path_property(curve, 'bevel_depth'), is_path_property(bpy.context.scene.render, 'filepath'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "True"], done.stderr
    # A number's subtype read through RNA makes Blender print a warning on stderr, which
    # would break the CLI's one-line errors.
    assert "matches no enum" not in done.stderr
