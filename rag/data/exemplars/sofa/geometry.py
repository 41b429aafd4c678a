import bpy
import math
from mathutils import Matrix

FEET = 0.1


def soft_box(name, size, location, radius, rotation=(0, 0, 0)):
    """A box with rounded edges: size baked into the mesh, then bevel and subdivision."""
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=location, rotation=rotation)
    obj = bpy.context.active_object
    obj.name = name
    obj.data.transform(Matrix.Diagonal((*size, 1.0)))
    bevel = obj.modifiers.new("Round", 'BEVEL')
    bevel.width = radius
    bevel.segments = 3
    smooth = obj.modifiers.new("Soft", 'SUBSURF')
    smooth.levels = 1
    smooth.render_levels = 2
    obj.data.shade_smooth()
    return obj


def build_base(ctx):
    soft_box("Sofa_Base", (1.6, 0.85, 0.25), (0, 0, FEET + 0.125), 0.02)


def build_arms(ctx):
    for side, x in (("L", -0.71), ("R", 0.71)):
        soft_box(f"Sofa_Arm_{side}", (0.18, 0.85, 0.6), (x, 0, FEET + 0.3), 0.06)


def build_back(ctx):
    soft_box("Sofa_Back", (1.6, 0.18, 0.75), (0, 0.335, FEET + 0.375), 0.05)


def build_seat_cushions(ctx):
    for i, x in enumerate((-0.31, 0.31)):
        soft_box(f"Sofa_SeatCushion_{i}", (0.6, 0.65, 0.16), (x, -0.06, FEET + 0.33), 0.05)


def build_back_cushions(ctx):
    for i, x in enumerate((-0.31, 0.31)):
        soft_box(f"Sofa_BackCushion_{i}", (0.6, 0.18, 0.45), (x, 0.2, FEET + 0.62), 0.06,
                 rotation=(math.radians(-10), 0, 0))


def build_feet(ctx):
    for i, (x, y) in enumerate([(-0.72, -0.36), (0.72, -0.36), (-0.72, 0.36), (0.72, 0.36)]):
        bpy.ops.mesh.primitive_cone_add(vertices=16, radius1=0.02, radius2=0.028, depth=FEET,
                                        location=(x, y, FEET / 2))
        foot = bpy.context.active_object
        foot.name = f"Sofa_Foot_{i}"
        foot.data.shade_smooth()
