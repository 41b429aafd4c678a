import bpy
import bmesh

SEAT_HEIGHT = 0.45


def box(ctx, name, size, location, bevel=0.004):
    """A box of `size` (x, y, z) centred at `location`, with rounded edges."""
    mesh = bpy.data.meshes.new(name)
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0)
    bmesh.ops.scale(bm, vec=size, verts=bm.verts)
    bm.to_mesh(mesh)
    bm.free()
    obj = bpy.data.objects.new(name, mesh)
    obj.location = location
    ctx.collection.objects.link(obj)
    if bevel > 0:
        mod = obj.modifiers.new("Bevel", 'BEVEL')
        mod.width = bevel
        mod.segments = 2
        mod.limit_method = 'ANGLE'
    return obj


def build_seat(ctx):
    box(ctx, "Chair_Seat", (0.44, 0.42, 0.04), (0, 0, SEAT_HEIGHT - 0.02), bevel=0.008)


def build_legs(ctx):
    for i, (x, y) in enumerate([(-0.19, -0.18), (0.19, -0.18), (-0.19, 0.18), (0.19, 0.18)]):
        box(ctx, f"Chair_Leg_{i}", (0.04, 0.04, SEAT_HEIGHT - 0.04), (x, y, (SEAT_HEIGHT - 0.04) / 2))


def build_back(ctx):
    for side, x in (("L", -0.19), ("R", 0.19)):
        box(ctx, f"Chair_BackPost_{side}", (0.04, 0.04, 0.45), (x, 0.18, SEAT_HEIGHT + 0.225))
    for i in range(3):
        box(ctx, f"Chair_Slat_{i}", (0.34, 0.02, 0.06), (0, 0.18, SEAT_HEIGHT + 0.18 + i * 0.11))
