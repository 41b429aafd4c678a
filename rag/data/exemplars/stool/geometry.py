import bpy
import math
from mathutils import Vector

SEAT_Z = 0.72


def build_seat(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.18, depth=0.05, location=(0, 0, SEAT_Z + 0.025))
    seat = bpy.context.active_object
    seat.name = "Stool_Seat"
    bevel = seat.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.015
    bevel.segments = 4
    bevel.limit_method = 'ANGLE'
    seat.data.shade_smooth()


def build_legs(ctx):
    for i in range(3):
        a = 2 * math.pi * i / 3
        top = Vector((0.1 * math.cos(a), 0.1 * math.sin(a), SEAT_Z))
        foot = Vector((0.2 * math.cos(a), 0.2 * math.sin(a), 0.0))
        axis = top - foot
        bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.015, depth=axis.length,
                                            location=(top + foot) / 2)
        leg = bpy.context.active_object
        leg.name = f"Stool_Leg_{i}"
        # Point the cylinder's local Z along the leg.
        leg.rotation_euler = Vector((0, 0, 1)).rotation_difference(axis).to_euler()
        leg.data.shade_smooth()


def build_foot_ring(ctx):
    # Where the splayed legs pass 0.25 m above the floor.
    radius = 0.2 - (0.1 * 0.25 / SEAT_Z)
    bpy.ops.mesh.primitive_torus_add(major_radius=radius, minor_radius=0.01, major_segments=48,
                                     minor_segments=12, location=(0, 0, 0.25))
    ring = bpy.context.active_object
    ring.name = "Stool_FootRing"
    ring.data.shade_smooth()
