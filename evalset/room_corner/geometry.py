import bpy
import math


def slab(name, size, location):
    bpy.ops.mesh.primitive_cube_add(size=1, location=location)
    obj = bpy.context.active_object
    obj.name = name
    obj.scale = size
    return obj


def build_floor(ctx):
    slab("Floor", (3.0, 3.0, 0.05), (0, 0, -0.025))


def build_wall_back(ctx):
    slab("Wall_Back", (3.2, 0.1, 2.6), (-0.1, 1.55, 1.3))


def build_wall_left(ctx):
    slab("Wall_Left", (0.1, 3.0, 2.6), (-1.55, 0, 1.3))


def build_window(ctx):
    cx, y, cz, w, h, t = 0.3, 1.49, 1.45, 1.0, 1.2, 0.06
    for dz in (-h / 2, h / 2):
        slab("Window_Frame", (w, 0.08, t), (cx, y, cz + dz))
    for dx in (-w / 2, w / 2):
        slab("Window_Frame", (t, 0.08, h), (cx + dx, y, cz))
    slab("Window_Bar", (w, 0.06, 0.04), (cx, y, cz))
    slab("Window_Bar", (0.04, 0.06, h), (cx, y, cz))
    slab("Window_Glass", (w - t, 0.01, h - t), (cx, y + 0.01, cz))


def build_rug(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=96, radius=0.8, depth=0.015, location=(-0.3, 0.3, 0.0075))
    bpy.context.active_object.name = "Rug"


def build_side_table(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.225, depth=0.03, location=(-0.9, 0.9, 0.535))
    bpy.context.active_object.name = "SideTable_Top"
    bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.02, depth=0.5, location=(-0.9, 0.9, 0.27))
    bpy.context.active_object.name = "SideTable_Leg"
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.16, depth=0.02, location=(-0.9, 0.9, 0.01))
    bpy.context.active_object.name = "SideTable_Base"


def build_plant(ctx):
    bpy.ops.mesh.primitive_cone_add(vertices=48, radius1=0.14, radius2=0.18, depth=0.35, location=(0.9, 1.0, 0.175))
    bpy.context.active_object.name = "Plant_Pot"
    for i, (dx, dy, dz, r) in enumerate(((0, 0, 0.62, 0.25), (0.12, -0.05, 0.75, 0.18), (-0.1, 0.06, 0.78, 0.17))):
        bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2, radius=r, location=(0.9 + dx, 1.0 + dy, dz))
        bush = bpy.context.active_object
        bush.name = "Plant_Leaves"
        bush.scale = (1.0, 1.0, 0.85)
