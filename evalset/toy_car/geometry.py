import bpy
import bmesh
import math


def rounded_box(name, size, location, bevel):
    bpy.ops.mesh.primitive_cube_add(size=1, location=location)
    obj = bpy.context.active_object
    obj.name = name
    obj.scale = size
    mod = obj.modifiers.new("Bevel", 'BEVEL')
    mod.width = bevel
    mod.segments = 3
    obj.data.shade_smooth()
    return obj


def build_chassis(ctx):
    rounded_box("Car_Chassis", (0.3, 0.14, 0.06), (0, 0, 0.065), 0.015)


def build_cabin(ctx):
    mesh = bpy.data.meshes.new("Car_Cabin")
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0)
    for v in bm.verts:
        if v.co.z > 0:
            v.co.x *= 0.7
            v.co.y *= 0.85
    bm.to_mesh(mesh)
    bm.free()
    cabin = bpy.data.objects.new("Car_Cabin", mesh)
    ctx.collection.objects.link(cabin)
    cabin.location = (-0.02, 0, 0.13)
    cabin.scale = (0.16, 0.12, 0.07)
    mod = cabin.modifiers.new("Bevel", 'BEVEL')
    mod.width = 0.012
    mod.segments = 3


def build_windows(ctx):
    for side in (-1, 1):
        bpy.ops.mesh.primitive_cube_add(size=1, location=(-0.025, side * 0.058, 0.135))
        win = bpy.context.active_object
        win.name = "Car_Window_Side"
        win.scale = (0.1, 0.006, 0.035)
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0.047, 0, 0.135))
    front = bpy.context.active_object
    front.name = "Car_Windshield"
    front.scale = (0.006, 0.085, 0.035)
    front.rotation_euler = (0, math.radians(-25), 0)


def build_wheels(ctx):
    for x in (-0.09, 0.09):
        for side in (-1, 1):
            bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.032, depth=0.026,
                                                location=(x, side * 0.072, 0.032),
                                                rotation=(math.radians(90), 0, 0))
            wheel = bpy.context.active_object
            wheel.name = "Car_Wheel"
            mod = wheel.modifiers.new("Bevel", 'BEVEL')
            mod.width = 0.004
            mod.segments = 2
            wheel.data.shade_smooth()


def build_headlights(ctx):
    for side in (-1, 1):
        bpy.ops.mesh.primitive_uv_sphere_add(segments=24, ring_count=12, radius=0.011,
                                             location=(0.149, side * 0.042, 0.075))
        lamp = bpy.context.active_object
        lamp.name = "Car_Headlight"
        lamp.scale = (0.5, 1.0, 1.0)
        lamp.data.shade_smooth()
