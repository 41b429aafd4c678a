import bpy
import math
from mathutils import Vector


def build_seat(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=64, radius=0.19, depth=0.07, location=(0, 0, 0.745))
    seat = bpy.context.active_object
    seat.name = "Stool_Seat"
    mod = seat.modifiers.new("Bevel", 'BEVEL')
    mod.width = 0.025
    mod.segments = 5
    seat.data.shade_smooth()


def build_legs(ctx):
    for i in range(4):
        a = math.radians(45 + 90 * i)
        top = Vector((0.12 * math.cos(a), 0.12 * math.sin(a), 0.71))
        foot = Vector((0.24 * math.cos(a), 0.24 * math.sin(a), 0.0))
        axis = top - foot
        bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.012, depth=axis.length, location=(top + foot) / 2)
        leg = bpy.context.active_object
        leg.name = "Stool_Leg"
        leg.rotation_mode = 'QUATERNION'
        leg.rotation_quaternion = Vector((0, 0, 1)).rotation_difference(axis.normalized())
        leg.data.shade_smooth()


def build_footrest(ctx):
    # The legs are 0.205 m from the axis at this height.
    bpy.ops.mesh.primitive_torus_add(major_radius=0.205, minor_radius=0.009, major_segments=64,
                                     minor_segments=12, location=(0, 0, 0.28))
    ring = bpy.context.active_object
    ring.name = "Stool_Footrest"
    ring.data.shade_smooth()
