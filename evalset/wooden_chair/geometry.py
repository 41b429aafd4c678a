import bpy
import bmesh
import math
from mathutils import Vector

SEAT_Z = 0.45
LEG_X, LEG_Y = 0.19, 0.17


def box(name, size, location, bevel=0.0):
    bpy.ops.mesh.primitive_cube_add(size=1, location=location)
    obj = bpy.context.active_object
    obj.name = name
    obj.scale = size
    if bevel:
        mod = obj.modifiers.new("Bevel", 'BEVEL')
        mod.width = bevel
        mod.segments = 2
    return obj


def build_seat(ctx):
    seat = box("Chair_Seat", (0.44, 0.42, 0.04), (0, 0, SEAT_Z), bevel=0.008)
    seat.data.shade_smooth()


def build_legs(ctx):
    for sx in (-1, 1):
        for sy in (-1, 1):
            bm = bmesh.new()
            bmesh.ops.create_cone(bm, cap_ends=True, segments=4, radius1=0.026, radius2=0.02, depth=0.43)
            mesh = bpy.data.meshes.new("Chair_Leg")
            bm.to_mesh(mesh)
            bm.free()
            leg = bpy.data.objects.new("Chair_Leg", mesh)
            ctx.collection.objects.link(leg)
            leg.location = (sx * LEG_X, sy * LEG_Y, 0.215)
            leg.rotation_euler = (0, 0, math.radians(45))


def build_stretchers(ctx):
    for sx in (-1, 1):
        box("Chair_Stretcher_Side", (0.022, 0.34, 0.022), (sx * LEG_X, 0, 0.13))
    box("Chair_Stretcher_Front", (0.38, 0.022, 0.022), (0, -LEG_Y, 0.16))
    box("Chair_Stretcher_Back", (0.38, 0.022, 0.022), (0, LEG_Y, 0.10))


def build_back_posts(ctx):
    for sx in (-1, 1):
        post = box("Chair_BackPost", (0.034, 0.034, 0.46), (sx * LEG_X, 0.19, 0.695))
        post.rotation_euler = (math.radians(-6), 0, 0)


def build_top_rail(ctx):
    curve_pts = 9
    mesh = bpy.data.meshes.new("Chair_TopRail")
    bm = bmesh.new()
    verts = []
    for i in range(curve_pts):
        t = i / (curve_pts - 1)
        x = -0.21 + 0.42 * t
        y = 0.215 + 0.03 * (1 - (2 * t - 1) ** 2)
        ring = []
        for dy, dz in ((-0.012, -0.035), (0.012, -0.035), (0.012, 0.035), (-0.012, 0.035)):
            ring.append(bm.verts.new((x, y + dy, 0.88 + dz)))
        verts.append(ring)
    for a, b in zip(verts, verts[1:]):
        for k in range(4):
            bm.faces.new((a[k], a[(k + 1) % 4], b[(k + 1) % 4], b[k]))
    bm.faces.new(verts[0][::-1])
    bm.faces.new(verts[-1])
    bm.to_mesh(mesh)
    bm.free()
    rail = bpy.data.objects.new("Chair_TopRail", mesh)
    ctx.collection.objects.link(rail)
    mod = rail.modifiers.new("Bevel", 'BEVEL')
    mod.width = 0.006
    mod.segments = 2


def build_spindles(ctx):
    for x in (-0.08, 0.0, 0.08):
        bpy.ops.mesh.primitive_cylinder_add(vertices=12, radius=0.011, depth=0.36, location=(x, 0.205, 0.665))
        sp = bpy.context.active_object
        sp.name = "Chair_Spindle"
        sp.rotation_euler = (math.radians(-4), 0, 0)
        sp.data.shade_smooth()
