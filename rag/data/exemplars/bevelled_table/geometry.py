import bpy
import bmesh
from mathutils import Matrix

TOP_Z = 0.45


def slab(ctx, name, size, location, bevel_width=0.0):
    mesh = bpy.data.meshes.new(name)
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.Diagonal((*size, 1.0)))
    bm.to_mesh(mesh)
    bm.free()
    obj = bpy.data.objects.new(name, mesh)
    obj.location = location
    ctx.collection.objects.link(obj)
    if bevel_width:
        bevel = obj.modifiers.new("Bevel", 'BEVEL')
        bevel.width = bevel_width
        bevel.segments = 4
        bevel.profile = 0.5
        bevel.limit_method = 'ANGLE'
    return obj


def build_top(ctx):
    top = slab(ctx, "Table_Top", (1.1, 0.6, 0.05), (0, 0, TOP_Z - 0.025), bevel_width=0.015)
    top.data.shade_smooth()


def build_apron(ctx):
    z = TOP_Z - 0.09
    slab(ctx, "Table_Apron_Front", (0.96, 0.02, 0.08), (0, -0.25, z))
    slab(ctx, "Table_Apron_Back", (0.96, 0.02, 0.08), (0, 0.25, z))
    slab(ctx, "Table_Apron_Left", (0.02, 0.48, 0.08), (-0.49, 0, z))
    slab(ctx, "Table_Apron_Right", (0.02, 0.48, 0.08), (0.49, 0, z))


def build_legs(ctx):
    height = TOP_Z - 0.05
    for i, (x, y) in enumerate([(-0.5, -0.25), (0.5, -0.25), (-0.5, 0.25), (0.5, 0.25)]):
        leg = slab(ctx, f"Table_Leg_{i}", (0.05, 0.05, height), (x, y, height / 2))
        # Taper: shrink the bottom face's vertices towards the leg's axis.
        for v in leg.data.vertices:
            if v.co.z < 0:
                v.co.x *= 0.6
                v.co.y *= 0.6
