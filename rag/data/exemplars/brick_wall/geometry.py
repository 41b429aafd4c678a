import bpy
import bmesh
from mathutils import Matrix

BRICK = (0.2, 0.1, 0.06)
JOINT = 0.01
BRICKS_PER_COURSE = 10
COURSES = 12


def brick_mesh(name):
    mesh = bpy.data.meshes.new(name)
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.Diagonal((*BRICK, 1.0)))
    bm.to_mesh(mesh)
    bm.free()
    return mesh


def build_bricks(ctx):
    pitch_x = BRICK[0] + JOINT
    pitch_z = BRICK[2] + JOINT
    for parity in (0, 1):  # even and odd courses, the odd ones shifted by half a brick
        obj = bpy.data.objects.new(f"Wall_Bricks_{parity}", brick_mesh(f"Wall_Brick_{parity}"))
        obj.location = (parity * pitch_x / 2, 0, 0.1 + BRICK[2] / 2 + parity * pitch_z)
        ctx.collection.objects.link(obj)
        bevel = obj.modifiers.new("Bevel", 'BEVEL')
        bevel.width = 0.004
        bevel.segments = 2
        along = obj.modifiers.new("Along", 'ARRAY')
        along.count = BRICKS_PER_COURSE - parity
        along.use_relative_offset = False
        along.use_constant_offset = True
        along.constant_offset_displace = (pitch_x, 0, 0)
        up = obj.modifiers.new("Up", 'ARRAY')
        up.count = COURSES // 2
        up.use_relative_offset = False
        up.use_constant_offset = True
        up.constant_offset_displace = (0, 0, 2 * pitch_z)


def build_footing(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=(BRICKS_PER_COURSE * 0.21 / 2 - 0.1, 0, 0.05))
    footing = bpy.context.active_object
    footing.name = "Wall_Footing"
    footing.scale = (BRICKS_PER_COURSE * 0.21 + 0.1, 0.2, 0.1)
