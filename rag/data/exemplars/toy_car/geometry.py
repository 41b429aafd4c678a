import bpy
import math

WHEEL_R = 0.035


def rounded_box(name, size, location, width):
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=location, scale=size)
    obj = bpy.context.active_object
    obj.name = name
    # Bake the scale into the mesh so the bevel is as wide on every side.
    bpy.ops.object.transform_apply(location=False, rotation=False, scale=True)
    bevel = obj.modifiers.new("Bevel", 'BEVEL')
    bevel.width = width
    bevel.segments = 4
    obj.data.shade_smooth()
    return obj


def build_body(ctx):
    rounded_box("Car_Body", (0.3, 0.15, 0.08), (0, 0, WHEEL_R + 0.03), 0.02)


def build_cabin(ctx):
    rounded_box("Car_Cabin", (0.16, 0.13, 0.07), (-0.02, 0, WHEEL_R + 0.1), 0.025)


def build_wheels(ctx):
    for i, (x, y) in enumerate([(0.09, 0.075), (0.09, -0.075), (-0.09, 0.075), (-0.09, -0.075)]):
        bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=WHEEL_R, depth=0.03,
                                            location=(x, y, WHEEL_R), rotation=(math.pi / 2, 0, 0))
        tyre = bpy.context.active_object
        tyre.name = f"Car_Wheel_{i}"
        tyre.data.shade_smooth()
        bevel = tyre.modifiers.new("Bevel", 'BEVEL')
        bevel.width = 0.006
        bevel.segments = 3
        bevel.limit_method = 'ANGLE'


def build_lights(ctx):
    for side, y in (("L", 0.045), ("R", -0.045)):
        bpy.ops.mesh.primitive_uv_sphere_add(segments=16, ring_count=8, radius=0.012,
                                             location=(0.15, y, WHEEL_R + 0.04))
        lamp = bpy.context.active_object
        lamp.name = f"Car_Headlight_{side}"
        lamp.data.shade_smooth()
