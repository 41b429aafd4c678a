import bpy
import math
from mathutils import Vector

STEPS, RISE, RUN, WIDTH = 12, 0.175, 0.25, 1.0


def build_steps(ctx):
    for i in range(STEPS):
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=(0, i * RUN + RUN / 2, (i + 0.5) * RISE),
                                        scale=(WIDTH, RUN, RISE))
        step = bpy.context.active_object
        step.name = f"Stairs_Step_{i:02d}"


def build_stringers(ctx):
    # A parallelogram side board from its outline, extruded across by a solidify modifier.
    length, height = STEPS * RUN, STEPS * RISE
    verts = [(0, 0, 0), (0, RUN, 0), (0, length, height - RISE), (0, length, height + 0.1),
             (0, length - RUN, height + 0.1), (0, 0, 0.25)]
    for side, x in (("L", -WIDTH / 2 - 0.025), ("R", WIDTH / 2 + 0.025)):
        mesh = bpy.data.meshes.new(f"Stairs_Stringer_{side}")
        mesh.from_pydata(verts, [], [list(range(len(verts)))])
        board = bpy.data.objects.new(f"Stairs_Stringer_{side}", mesh)
        board.location = (x, 0, 0)
        ctx.collection.objects.link(board)
        thick = board.modifiers.new("Thickness", 'SOLIDIFY')
        thick.thickness = 0.05
        thick.offset = 0.0


def build_handrail(ctx):
    x = WIDTH / 2 + 0.025
    start = Vector((x, RUN / 2, RISE + 0.9))
    end = Vector((x, STEPS * RUN - RUN / 2, STEPS * RISE + 0.9))
    for i in range(4):
        t = i / 3
        top = start.lerp(end, t)
        bpy.ops.mesh.primitive_cylinder_add(vertices=12, radius=0.02, depth=0.9,
                                            location=(top.x, top.y, top.z - 0.45))
        bpy.context.active_object.name = f"Stairs_Post_{i}"
    axis = end - start
    bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.025, depth=axis.length + 0.1,
                                        location=(start + end) / 2)
    rail = bpy.context.active_object
    rail.name = "Stairs_Rail"
    rail.rotation_euler = (-(math.pi / 2 - math.atan2(axis.z, axis.y)), 0, 0)
    rail.data.shade_smooth()
