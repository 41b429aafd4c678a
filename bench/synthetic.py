"""A large program written the way models write them, for benchmarks."""
from __future__ import annotations

from ..pipeline.program import SceneProgram

SHAPES = (
    "bpy.ops.mesh.primitive_cube_add(size=1, location=({x:.3f}, {y:.3f}, 0.5))",
    "bpy.ops.mesh.primitive_cylinder_add(vertices=24, radius=0.3, depth=1.0, location=({x:.3f}, {y:.3f}, 0.5))",
    "bpy.ops.mesh.primitive_uv_sphere_add(segments=16, ring_count=8, radius=0.4, location=({x:.3f}, {y:.3f}, 0.4))",
)


def shelf_program(components: int = 100, name: str = "bench") -> SceneProgram:
    """A shelf of `components` items: a primitive per item with a transform, sometimes a
    bevel; a material per item; a camera; two lights and a world."""
    geo = ["import bpy", "import math", "import random", ""]
    mat = ["import bpy", "", "",
           "def make_material(name, color, roughness):",
           "    mat = bpy.data.materials.new(name)",
           "    mat.diffuse_color = (*color, 1.0)",
           "    mat.roughness = roughness",
           "    return mat", ""]
    blueprint = {"components": []}
    for i in range(components):
        cname = f"item_{i:03d}"
        x, y = (i % 10) * 1.2, (i // 10) * 1.2
        blueprint["components"].append({"name": cname, "size": [1, 1, 1], "location": [x, y, 0.5]})
        shape = SHAPES[i % len(SHAPES)].format(x=x, y=y)
        geo += ["", f"def build_{cname}(ctx):", f"    {shape}", "    obj = bpy.context.active_object",
                f"    obj.name = 'Item_{i:03d}'",
                "    obj.rotation_euler.z = math.radians(random.uniform(-15, 15))",
                "    obj.scale.z = random.uniform(0.6, 1.4)"]
        if i % 4 == 0:
            geo += ["    bevel = obj.modifiers.new('Bevel', 'BEVEL')", "    bevel.width = 0.02"]
        geo.append("")
        mat += ["", f"def material_{cname}(ctx):",
                f"    mat = make_material('Mat_{i:03d}', ({(i * 37 % 100) / 100:.2f}, 0.4, 0.6), 0.5)",
                "    for obj in ctx.objects:",
                "        obj.data.materials.append(mat)", ""]
    comp = ["import bpy", "", "", "def compose_camera(ctx):",
            "    cam = bpy.data.objects.new('Camera', bpy.data.cameras.new('Camera'))",
            "    ctx.collection.objects.link(cam)",
            "    cam.location = (6, -14, 9)",
            "    cam.rotation_euler = (1.1, 0, 0.3)",
            "    bpy.context.scene.camera = cam", ""]
    light = ["import bpy", "", "", "def light_sun(ctx):",
             "    sun = bpy.data.objects.new('Sun', bpy.data.lights.new('Sun', 'SUN'))",
             "    ctx.collection.objects.link(sun)",
             "    sun.rotation_euler = (0.8, 0.2, 0.5)", "",
             "", "def light_world(ctx):",
             "    world = bpy.data.worlds.new('Sky')",
             "    world.color = (0.05, 0.06, 0.08)",
             "    bpy.context.scene.world = world", ""]
    return SceneProgram.from_sources(name, blueprint, {
        "geometry": "\n".join(geo), "material": "\n".join(mat),
        "composition": "\n".join(comp), "lighting": "\n".join(light)})
