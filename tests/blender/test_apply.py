"""Live-scene apply, per-stage undo/redo, storage in the .blend, on real bpy data."""
from pathlib import Path

import pytest

import bpy

from codeform.pipeline.errors import CodeRaised, ProgramError
from codeform.pipeline.program import STAGES, SceneProgram
from codeform.pipeline.programfile import load_program_path
from codeform.scene import runs, store
from codeform.scene.apply import apply_program, applied_record
from codeform.scene.fingerprint import object_fingerprint, run_fingerprints
from codeform.scene.ownership import owned, owned_objects

ROOT = Path(__file__).resolve().parents[2]

GEOMETRY = '''import bpy
import random


def build_block(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 0.5))
    bpy.context.active_object.name = "Block"


def build_pebbles(ctx):
    for i in range(5):
        bpy.ops.mesh.primitive_ico_sphere_add(radius=0.05, location=(random.uniform(-1, 1), random.uniform(-1, 1), 0))
        bpy.context.active_object.name = "Pebble"
'''

MATERIAL = '''import bpy


def material_block(ctx):
    mat = bpy.data.materials.new("Red")
    mat.diffuse_color = (1, 0, 0, 1)
    for obj in ctx.objects:
        obj.data.materials.append(mat)
    bpy.ops.object.select_all(action='DESELECT')
    for obj in ctx.objects:
        obj.select_set(True)
        bpy.context.view_layer.objects.active = obj
    bpy.ops.object.shade_smooth()


def material_pebbles(ctx):
    grey = bpy.data.materials.new("Grey")
    for obj in ctx.objects:
        obj.data.materials.append(grey)
'''

COMPOSITION = '''import bpy


def compose_camera(ctx):
    cam = bpy.data.objects.new("Cam", bpy.data.cameras.new("Cam"))
    ctx.collection.objects.link(cam)
    cam.location = (4, -4, 3)
    bpy.context.scene.camera = cam
    ctx.object("Block").location.x = 0.25
'''

LIGHTING = '''import bpy


def light_sun(ctx):
    sun = bpy.data.objects.new("Sun", bpy.data.lights.new("Sun", "SUN"))
    ctx.collection.objects.link(sun)


def light_world(ctx):
    world = bpy.data.worlds.new("Sky")
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = "Standard"
'''


def make_program(name="toy", **override) -> SceneProgram:
    sources = {"geometry": GEOMETRY, "material": MATERIAL, "composition": COMPOSITION, "lighting": LIGHTING}
    sources.update(override)
    bp = {"components": [{"name": "block"}, {"name": "pebbles"}]}
    return SceneProgram.from_sources(name, bp, sources)


@pytest.fixture
def artist_scene(empty_scene):
    """The artist's own work, which nothing CodeForm does may touch."""
    mesh = bpy.data.meshes.new("ArtistMesh")
    mesh.from_pydata([(0, 0, 0), (1, 0, 0), (0, 1, 0)], [], [(0, 1, 2)])
    obj = bpy.data.objects.new("ArtistObject", mesh)
    mat = bpy.data.materials.new("ArtistMaterial")
    mesh.materials.append(mat)
    coll = bpy.data.collections.new("ArtistCollection")
    empty_scene.collection.children.link(coll)
    coll.objects.link(obj)
    cam = bpy.data.objects.new("ArtistCamera", bpy.data.cameras.new("ArtistCamera"))
    coll.objects.link(cam)
    empty_scene.camera = cam
    empty_scene.world = bpy.data.worlds.new("ArtistWorld")
    obj.select_set(True)
    bpy.context.view_layer.objects.active = obj
    return empty_scene


def artist_state():
    obj = bpy.data.objects["ArtistObject"]
    scene = bpy.context.scene
    return (object_fingerprint(obj), [o.name for o in bpy.data.collections["ArtistCollection"].objects],
            scene.camera.name if scene.camera else None, scene.world.name if scene.world else None,
            scene.view_settings.view_transform, obj.select_get(),
            bpy.context.view_layer.objects.active.name if bpy.context.view_layer.objects.active else None)


def test_apply_builds_stage_collections_and_tags_everything(artist_scene):
    program = make_program()
    report = runs.install(program)
    assert report.stages == list(STAGES)
    root = bpy.data.collections["CodeForm/toy"]
    assert [c.name for c in root.children] == [f"CodeForm/toy/{s}" for s in STAGES]
    geo = bpy.data.collections["CodeForm/toy/geometry"]
    assert sorted(o.name for o in geo.objects) == ["Block", "Pebble", "Pebble.001", "Pebble.002", "Pebble.003", "Pebble.004"]
    assert [o.name for o in bpy.data.collections["CodeForm/toy/lighting"].objects] == ["Sun"]
    # Nothing landed in the scene root or the artist's collection.
    assert list(artist_scene.collection.objects) == []
    assert bpy.data.objects["Block"].material_slots[0].material.name == "Red"
    assert artist_scene.camera.name == "Cam" and artist_scene.world.name == "Sky"
    assert {i.get("codeform_owner") for i in owned("toy")} >= {"toy/geometry/block", "toy/material/block", "toy/lighting/world"}


def test_reapply_is_idempotent_no_leftovers_no_orphans(artist_scene):
    program = make_program()
    runs.install(program)
    first = run_fingerprints("toy")
    counts = {k: len(getattr(bpy.data, k)) for k in ("objects", "meshes", "materials", "lights", "cameras", "worlds", "collections")}
    for _ in range(3):
        runs.apply(program, start="geometry")
    assert run_fingerprints("toy") == first
    assert {k: len(getattr(bpy.data, k)) for k in counts} == counts


def test_random_is_seeded_per_part(artist_scene):
    program = make_program()
    runs.install(program)
    pebbles = {n: f for n, f in run_fingerprints("toy")["geometry/pebbles"].items()}
    # Changing another part must not reshuffle the pebbles.
    program.replace_parts("geometry", {"block": "def build_block(ctx):\n    import random\n    random.random()\n"
                                       "    bpy.ops.mesh.primitive_cube_add(size=2)\n"
                                       "    bpy.context.active_object.name = 'Block'\n"})
    runs.apply(program)
    assert run_fingerprints("toy")["geometry/pebbles"] == pebbles


def test_stage_undo_redo_restores_exact_scene_and_artist_state(artist_scene):
    before_artist = artist_state()
    program = make_program()
    runs.install(program, upto="geometry")
    after_geometry = run_fingerprints("toy")
    assert artist_state()[:2] == before_artist[:2]
    runs.apply(program)
    full = run_fingerprints("toy")
    assert full["geometry/block"] != after_geometry["geometry/block"]  # material + moved

    change = runs.undo("toy", "lighting")
    assert change.report.stages == [] and not change.report.full
    assert bpy.context.scene.world.name == "ArtistWorld"
    assert bpy.context.scene.view_settings.view_transform == before_artist[4]
    runs.undo("toy", "composition")
    assert bpy.context.scene.camera.name == "ArtistCamera"
    change = runs.undo("toy", "material")
    assert not change.report.full, "the snapshot should restore materials and shading exactly"
    assert run_fingerprints("toy") == after_geometry
    assert artist_state() == before_artist

    for stage in ("material", "composition", "lighting"):
        change = runs.redo("toy", stage)
        assert change.report.stages == [stage]
    assert run_fingerprints("toy") == full
    runs.undo("toy", "geometry")
    assert owned_objects("toy") == []
    assert artist_state() == before_artist


def test_undo_of_an_earlier_stage_removes_later_stages_from_scene(artist_scene):
    runs.install(make_program())
    runs.undo("toy", "material")
    program = store.load_program("toy")
    assert program.applied_stages() == ["geometry"]
    assert set(applied_record("toy")) == {"geometry"}
    assert not owned_objects("toy", ["composition", "lighting"])
    # Their versions are still in the program, one redo away.
    assert program.stage("lighting").current == 0


def test_snapshot_fallback_to_full_reapply_is_exact(artist_scene):
    # A material part that moves vertices: no snapshot can undo that, the digest notices.
    sneaky = MATERIAL + "\n\ndef material_zz(ctx):\n    bpy.data.objects['Block'].data.vertices[0].co.z += 1\n"
    program = make_program(material=sneaky)
    runs.install(program, upto="geometry")
    geometry_only = run_fingerprints("toy")
    runs.apply(program)
    change = runs.undo("toy", "material")
    assert change.report.full
    assert run_fingerprints("toy") == geometry_only


def test_program_survives_save_and_reopen(artist_scene, tmp_path):
    runs.install(make_program())
    full = run_fingerprints("toy")
    path = tmp_path / "scene.blend"
    bpy.ops.wm.save_as_mainfile(filepath=str(path))
    bpy.ops.wm.read_factory_settings(use_empty=True)
    bpy.ops.wm.open_mainfile(filepath=str(path))
    assert store.list_runs() == ["toy"]
    assert bpy.data.texts["CodeForm/toy/geometry.py"].as_string() == GEOMETRY
    assert run_fingerprints("toy") == full
    change = runs.undo("toy", "material")  # snapshots persisted in the file
    assert not change.report.full
    runs.redo("toy", "material")
    assert run_fingerprints("toy") == full


def test_hand_edited_stage_is_applied_as_user_version(artist_scene):
    runs.install(make_program())
    text = bpy.data.texts["CodeForm/toy/lighting.py"]
    text.from_string(LIGHTING.replace('"SUN"', '"POINT"'))
    program = store.load_program("toy")
    assert store.edited_stages(program) == ["lighting"]
    # Saving the program after an unrelated change keeps the unapplied hand edit.
    runs.undo("toy", "composition")
    runs.redo("toy", "composition")
    assert '"POINT"' in text.as_string()
    change = runs.apply_edited("toy", "lighting")
    assert change.program.stage("lighting").version.origin == "user"
    assert bpy.data.objects["Sun"].data.type == "POINT"
    assert store.edited_stages(change.program) == []
    with pytest.raises(ProgramError, match="has not been edited"):
        runs.apply_edited("toy", "lighting")


def test_broken_hand_edit_keeps_scene_and_text(artist_scene):
    runs.install(make_program())
    good = run_fingerprints("toy")
    broken = LIGHTING + "\n\ndef light_oops(ctx):\n    x = 1\n    raise ValueError('bad light')\n"
    bpy.data.texts["CodeForm/toy/lighting.py"].from_string(broken)
    with pytest.raises(CodeRaised, match=r"lighting part oops, line \d+: ValueError: bad light"):
        runs.apply_edited("toy", "lighting")
    assert run_fingerprints("toy") == good
    assert bpy.data.texts["CodeForm/toy/lighting.py"].as_string() == broken
    program = store.load_program("toy")
    assert program.stage("lighting").current == 0 and len(program.stage("lighting").versions) == 2


def test_failing_stage_rolls_back_only_itself(artist_scene):
    bad = "import bpy\n\n\ndef compose_camera(ctx):\n    bpy.data.objects.new('Half', None)\n    1 / 0\n"
    program = make_program(composition=bad)
    with pytest.raises(CodeRaised) as info:
        runs.install(program)
    assert info.value.line == 6 and info.value.stage == "composition"
    assert "ZeroDivisionError" in str(info.value)
    assert "Half" not in bpy.data.objects
    assert set(applied_record("toy")) == {"geometry", "material"}
    assert owned_objects("toy", ["geometry"])
    assert bpy.context.scene.camera.name == "ArtistCamera"


def test_apply_pushes_a_named_undo_step(artist_scene):
    bpy.ops.ed.undo_push(message="before")
    program = make_program()
    apply_program(program, upto="geometry", undo_message="CodeForm: geometry")
    assert "Block" in bpy.data.objects
    bpy.ops.ed.undo()
    assert "Block" not in bpy.data.objects
    bpy.ops.ed.redo()
    assert "Block" in bpy.data.objects


def test_upto_a_missing_stage_is_a_clear_error(artist_scene):
    program = make_program()
    program.stage("composition").undo()
    with pytest.raises(ProgramError, match="composition has no current version"):
        apply_program(program, upto="lighting")


def test_two_runs_live_side_by_side(artist_scene):
    runs.install(make_program("one"))
    runs.install(make_program("two"))
    assert store.list_runs() == ["one", "two"]
    runs.undo("one", "geometry")
    assert owned_objects("one") == [] and len(owned_objects("two")) > 5
    with pytest.raises(ProgramError, match="several CodeForm runs"):
        store.load_program()


def test_bundled_desk_lamp_applies(empty_scene):
    program = load_program_path(ROOT / "examples" / "desk_lamp")
    report = runs.install(program)
    assert report.stages == list(STAGES)
    assert bpy.context.scene.camera is not None
    parts = run_fingerprints(program.name)
    assert {f"geometry/{c}" for c in program.components} <= set(parts)


def test_uv_spheres_fingerprint_the_same_on_every_apply(empty_scene):
    # Blender 5.0 builds UV spheres with faces in a different order on each call; the
    # fingerprint must see the same surface and topology regardless.
    geometry = "import bpy\n\n\ndef build_balls(ctx):\n" \
               "    for i in range(6):\n        bpy.ops.mesh.primitive_uv_sphere_add(location=(i, 0, 0))\n"
    program = SceneProgram.from_sources("balls", {}, {"geometry": geometry})
    runs.install(program)
    first = run_fingerprints("balls")
    for _ in range(4):
        runs.apply(program, start="geometry")
        assert run_fingerprints("balls") == first


def test_undo_of_the_only_geometry_version_empties_the_run(empty_scene):
    program = SceneProgram.from_sources("u", {}, {"geometry": "import bpy\n\n\ndef build_a(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n"})
    runs.install(program)
    bpy.data.objects["Cube"].select_set(True)
    bpy.context.view_layer.objects.active = bpy.data.objects["Cube"]
    change = runs.undo("u", "geometry")
    assert "no version" in change.summary()
    assert owned_objects("u") == [] and bpy.context.view_layer.objects.active is None
    runs.redo("u", "geometry")
    assert [o.name for o in owned_objects("u")] == ["Cube"]


def test_an_artist_collection_holding_the_runs_name_is_left_alone(artist_scene):
    theirs = bpy.data.collections.new("CodeForm/toy")
    artist_scene.collection.children.link(theirs)
    program = make_program()
    runs.install(program)
    runs.apply(program, start="geometry")
    ours = [c for c in bpy.data.collections if c.get("codeform_run") == "toy"]
    assert len(ours) == 1 and ours[0].name != "CodeForm/toy"
    assert len(owned_objects("toy")) == len({o.name for o in owned_objects("toy")}) > 0
    assert runs.undo("toy", "lighting").report is not None
    assert theirs.name == "CodeForm/toy" and len(theirs.objects) == 0
