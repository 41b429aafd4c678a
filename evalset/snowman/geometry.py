import bpy
import math
from mathutils import Vector


def ball(name, radius, location, squash=1.0):
    bpy.ops.mesh.primitive_uv_sphere_add(segments=48, ring_count=24, radius=radius, location=location)
    obj = bpy.context.active_object
    obj.name = name
    obj.scale = (1.0, 1.0, squash)
    obj.data.shade_smooth()
    return obj


def build_base(ctx):
    ball("Snow_Base", 0.3, (0, 0, 0.27), squash=0.9)


def build_torso(ctx):
    ball("Snow_Torso", 0.22, (0, 0, 0.7), squash=0.95)


def build_head(ctx):
    ball("Snow_Head", 0.15, (0, 0, 1.02))


def build_hat(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.14, depth=0.015, location=(0, 0, 1.15))
    brim = bpy.context.active_object
    brim.name = "Hat_Brim"
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.095, depth=0.2, location=(0, 0, 1.255))
    crown = bpy.context.active_object
    crown.name = "Hat_Crown"
    for obj in (brim, crown):
        obj.rotation_euler = (math.radians(-6), 0, 0)


def build_nose(ctx):
    bpy.ops.mesh.primitive_cone_add(vertices=24, radius1=0.02, radius2=0.002, depth=0.14,
                                    location=(0, -0.2, 1.02), rotation=(math.radians(90), 0, 0))
    nose = bpy.context.active_object
    nose.name = "Carrot_Nose"
    nose.data.shade_smooth()


def build_scarf(ctx):
    bpy.ops.mesh.primitive_torus_add(major_radius=0.16, minor_radius=0.035, major_segments=48,
                                     minor_segments=16, location=(0, 0, 0.87))
    ring = bpy.context.active_object
    ring.name = "Scarf_Ring"
    ring.data.shade_smooth()
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0.09, -0.17, 0.76))
    tail = bpy.context.active_object
    tail.name = "Scarf_Tail"
    tail.scale = (0.07, 0.02, 0.22)
    tail.rotation_euler = (math.radians(-12), math.radians(8), math.radians(-15))
    mod = tail.modifiers.new("Bevel", 'BEVEL')
    mod.width = 0.008


def build_coal(ctx):
    points = [(-0.05, -0.135, 1.06), (0.05, -0.135, 1.06),
              (0, -0.215, 0.74), (0, -0.22, 0.66), (0, -0.205, 0.58)]
    for p in points:
        bpy.ops.mesh.primitive_uv_sphere_add(segments=12, ring_count=8, radius=0.018, location=p)
        coal = bpy.context.active_object
        coal.name = "Coal"
