import bpy
import bmesh
from mathutils import Matrix

W, H, RAIL, DEPTH = 1.0, 1.2, 0.06, 0.08


def bar(ctx, name, size, location):
    mesh = bpy.data.meshes.new(name)
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.LocRotScale(location, None, size))
    bm.to_mesh(mesh)
    bm.free()
    obj = bpy.data.objects.new(name, mesh)
    ctx.collection.objects.link(obj)
    return obj


def build_frame(ctx):
    bar(ctx, "Window_Head", (W, DEPTH, RAIL), (0, 0, H - RAIL / 2))
    bar(ctx, "Window_Bottom", (W, DEPTH, RAIL), (0, 0, RAIL / 2))
    bar(ctx, "Window_Jamb_L", (RAIL, DEPTH, H - 2 * RAIL), (-(W - RAIL) / 2, 0, H / 2))
    bar(ctx, "Window_Jamb_R", (RAIL, DEPTH, H - 2 * RAIL), ((W - RAIL) / 2, 0, H / 2))


def build_mullions(ctx):
    bar(ctx, "Window_Mullion_V", (0.03, 0.04, H - 2 * RAIL), (0, 0, H / 2))
    bar(ctx, "Window_Mullion_H", (W - 2 * RAIL, 0.04, 0.03), (0, 0, H / 2))


def build_sill(ctx):
    sill = bar(ctx, "Window_Sill", (W + 0.15, 0.18, 0.04), (0, -0.06, -0.02))
    bevel = sill.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.008
    bevel.segments = 3


def build_glass(ctx):
    bar(ctx, "Window_Glass", (W - 2 * RAIL, 0.006, H - 2 * RAIL), (0, 0.01, H / 2))
