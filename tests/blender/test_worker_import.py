"""Model code reaches the live scene by importing the worker's rehearsal: the code never
runs in the artist's process, and the result is what running it in place would give —
names, tags, stage collections, per-stage snapshots, undo and redo."""
from pathlib import Path

import pytest

import bpy

from codeform.pipeline.program import SceneProgram
from codeform.sandbox import executor
from codeform.scene import fingerprint, runs
from codeform.scene.ownership import owned_objects
from codeform.worker import RehearsalJob, WorkerPool

GEOMETRY = '''import bpy


def build_block(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 0.5))
    bpy.context.active_object.name = "Block"
    bpy.context.active_object.modifiers.new("Bevel", "BEVEL").width = 0.05


def build_pebbles(ctx):
    import random
    for i in range(4):
        bpy.ops.mesh.primitive_ico_sphere_add(radius=0.05, location=(random.uniform(-1, 1), 0, 0))
'''
MATERIAL = '''import bpy


def material_block(ctx):
    mat = bpy.data.materials.new("Red")
    mat.diffuse_color = (1, 0, 0, 1)
    for obj in ctx.objects:
        obj.data.materials.append(mat)
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


def light_world(ctx):
    world = bpy.data.worlds.new("Sky")
    bpy.context.scene.world = world
    bpy.context.scene.render.resolution_x = 640
    bpy.context.scene.view_settings.view_transform = "Standard"
'''


def make_program(**override):
    sources = {"geometry": GEOMETRY, "material": MATERIAL, "composition": COMPOSITION, "lighting": LIGHTING}
    sources.update(override)
    return SceneProgram.from_sources("toy", {"components": [{"name": "block"}, {"name": "pebbles"}]}, sources)


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(size=1, warm_up=False) as p:
        yield p


@pytest.fixture
def artist(empty_scene):
    scene = empty_scene
    cam = bpy.data.objects.new("ArtistCamera", bpy.data.cameras.new("ArtistCamera"))
    scene.collection.objects.link(cam)
    scene.camera = cam
    scene.world = bpy.data.worlds.new("ArtistWorld")
    scene.render.resolution_x = 1234
    return scene


@pytest.fixture
def no_code_in_process(monkeypatch):
    def refuse(*args, **kw):
        raise AssertionError("model code ran in the artist's process")
    monkeypatch.setattr(executor, "load_stage_module", refuse)


@pytest.fixture
def in_process(monkeypatch):
    """The stages whose code ran in this process (in order), as the test goes on."""
    calls = []
    original = executor.load_stage_module
    monkeypatch.setattr(executor, "load_stage_module", lambda *a, **k: calls.append(a[2]) or original(*a, **k))
    return calls


@pytest.fixture
def comparable(monkeypatch):
    # Blender marks appended modifiers as library-override data; the flag has no effect on
    # local objects and is the one difference between an imported and a re-run modifier.
    original = fingerprint._rna_values
    monkeypatch.setattr(fingerprint, "_rna_values",
                        lambda struct, skip=(): original(struct, tuple(skip) + ("is_override_data",)))


def rehearse(pool, program, upto=None):
    result = pool.rehearse(RehearsalJob(program=program.to_json(), upto=upto, keep_blend=True))
    assert result.ok, result.error
    return result


def test_import_equals_running_in_place(pool, artist, comparable, monkeypatch):
    program = make_program()
    runs.install(program)
    in_place = fingerprint.run_fingerprints("toy")
    scene_after = (artist.camera.name, artist.world.name, artist.render.resolution_x)
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    cam = bpy.data.objects.new("ArtistCamera", bpy.data.cameras.new("ArtistCamera"))
    scene.collection.objects.link(cam)
    scene.camera = cam
    scene.world = bpy.data.worlds.new("ArtistWorld")
    scene.render.resolution_x = 1234
    rehearse(pool, program)
    monkeypatch.setattr(executor, "load_stage_module", lambda *a, **k: pytest.fail("ran in process"))
    report = runs.install(program)
    assert report.stages == ["geometry", "material", "composition", "lighting"]
    assert fingerprint.run_fingerprints("toy") == in_place
    assert (scene.camera.name, scene.world.name, scene.render.resolution_x) == scene_after
    assert report.objects == {"geometry": 5, "material": 0, "composition": 1, "lighting": 0}
    # Per-stage undo works from the imported snapshots, without a full re-apply.
    change = runs.undo("toy", "composition")
    assert not change.report.full
    assert (scene.camera.name, scene.world.name, scene.render.resolution_x) == ("ArtistCamera", "ArtistWorld", 1234)
    assert bpy.data.objects["Block"].location.x == 0


def test_a_stage_at_a_time_and_redo(pool, artist, comparable, no_code_in_process):
    program = make_program()
    rehearse(pool, program, upto="geometry")
    runs.install(program, upto="geometry")
    assert [o.name for o in owned_objects("toy", ["geometry"])][0] == "Block"
    rehearse(pool, program, upto="material")
    report = runs.apply(program, upto="material")
    assert report.stages == ["geometry", "material"]
    assert bpy.data.objects["Block"].material_slots[0].material.name == "Red"
    change = runs.undo("toy", "material")
    assert not change.report.full and len(bpy.data.objects["Block"].material_slots) == 0


def test_names_the_artist_holds_are_reserved_in_the_worker(pool, artist, comparable, monkeypatch):
    from codeform.scene import ownership
    program = make_program()
    # In place, where the artist already has a "Block" (and a mesh named like the cube's
    # data), Blender names the run's new data "Block.001" and "Cube.001".
    bpy.data.objects.new("Block", None)
    bpy.data.meshes.new("Cube")
    runs.install(program)
    in_place = fingerprint.run_fingerprints("toy")
    names = sorted(o.name for o in owned_objects("toy"))
    assert "Block.001" in names
    runs.undo("toy", "geometry")
    # The worker holds the file's names, so its rehearsal makes the same ones and the live
    # scene imports it: the model's code never runs in the artist's process.
    reserved = ownership.foreign_names("toy")
    assert "Block" in reserved["objects"] and "Cube" in reserved["meshes"]
    assert not any(name.startswith("Block.001") for name in reserved.get("objects", []))
    result = pool.rehearse(RehearsalJob(program=program.to_json(), keep_blend=True, reserved=reserved))
    assert result.ok, result.error
    monkeypatch.setattr(executor, "load_stage_module", lambda *a, **k: pytest.fail("ran in process"))
    report = runs.install(program)
    assert report.stages == ["geometry", "material", "composition", "lighting"]
    assert sorted(o.name for o in owned_objects("toy")) == names
    assert fingerprint.run_fingerprints("toy") == in_place
    # The placeholders stayed in the worker: the artist's file gained nothing but the run.
    assert bpy.data.objects["Block"].get("codeform_owner") is None and bpy.data.objects["Block"].type == "EMPTY"


def test_a_name_taken_since_the_rehearsal_runs_the_code_in_place(pool, artist):
    program = make_program()
    rehearse(pool, program)   # rehearsed before the artist made a "Block"
    bpy.data.objects.new("Block", None)
    runs.install(program)
    assert "Block.001" in bpy.data.objects, "the code ran in place, where Blender renames"


def test_hand_edited_code_runs_in_place(pool, artist, in_process):
    edited = make_program()
    edited.set_stage_code("lighting", LIGHTING.replace("640", "320"), origin="user")
    runs.install(make_program(), upto="composition")
    rehearse(pool, edited)
    in_process.clear()
    runs.apply(edited)
    assert in_process == ["lighting"] and bpy.context.scene.render.resolution_x == 320


def test_a_rehearsal_of_another_blueprint_is_not_imported(pool, artist, in_process):
    rehearse(pool, make_program())
    other = make_program()
    other.blueprint = {"components": [{"name": "block", "size": [2, 2, 2]}, {"name": "pebbles"}]}
    runs.install(other)
    assert in_process == ["geometry", "material", "composition", "lighting"]
