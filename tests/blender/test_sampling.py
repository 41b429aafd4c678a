"""Surface sampling of a run's components on real bpy data."""
import bpy
import numpy as np

from codeform.metrics.pointcloud import compare
from codeform.pipeline.program import SceneProgram
from codeform.scene import runs
from codeform.scene.sampling import components_of, sample_component

GEOMETRY = '''import bpy


def build_box(ctx):
    bpy.ops.mesh.primitive_cube_add(size=2, location=(0, 0, 1))
    mod = bpy.context.active_object.modifiers.new("Bevel", "BEVEL")
    mod.width = 0.2


def build_ball(ctx):
    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.5, location=(3, 0, 0.5))
'''


def test_samples_follow_the_evaluated_world_space_surface(empty_scene):
    runs.install(SceneProgram.from_sources("s", {}, {"geometry": GEOMETRY}))
    assert components_of("s") == ["ball", "box"]
    pts, nrm = sample_component("s", "ball", 1500)
    radius = np.linalg.norm(pts - [3, 0, 0.5], axis=1)
    assert pts.shape == (1500, 3) and np.all(np.abs(radius - 0.5) < 0.02)
    box, _ = sample_component("s", "box", 1500)
    assert box[:, 2].min() >= -1e-6 and box[:, 2].max() <= 2 + 1e-6
    # Bevel applied: no sample sits exactly at a cube corner.
    corner = np.abs(np.abs(box[:, :2]) - 1).max(axis=1)
    assert corner.max() > 0


def test_same_scene_same_samples_and_an_edit_is_measurable(empty_scene):
    program = SceneProgram.from_sources("s", {}, {"geometry": GEOMETRY})
    runs.install(program)
    before = sample_component("s", "ball")
    runs.apply(program, start="geometry")
    again = sample_component("s", "ball")
    assert np.array_equal(before[0], again[0])
    program.replace_parts("geometry", {"ball": "def build_ball(ctx):\n    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.7, location=(3, 0, 0.7))\n"})
    runs.apply(program)
    after = sample_component("s", "ball")
    c = compare(before[0], after[0], before[1], after[1])
    assert c.chamfer > 0.1
