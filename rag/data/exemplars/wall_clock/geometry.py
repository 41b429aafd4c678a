import bpy
import math

CENTER_Z = 1.8  # on a wall at y = 0, facing -Y


def build_rim(ctx):
    bpy.ops.mesh.primitive_torus_add(major_radius=0.155, minor_radius=0.012, major_segments=64, minor_segments=16,
                                     location=(0, -0.012, CENTER_Z), rotation=(math.pi / 2, 0, 0))
    rim = bpy.context.active_object
    rim.name = "Clock_Rim"
    rim.data.shade_smooth()


def build_face(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=64, radius=0.15, depth=0.005, location=(0, -0.005, CENTER_Z),
                                        rotation=(math.pi / 2, 0, 0))
    bpy.context.active_object.name = "Clock_Face"


def build_markers(ctx):
    for hour in range(12):
        a = math.radians(90 - hour * 30)  # 12 o'clock at the top, clockwise seen from the front
        long = hour % 3 == 0
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=(0.125 * math.cos(a), -0.009, CENTER_Z + 0.125 * math.sin(a)),
                                        rotation=(0, -a, 0), scale=(0.03 if long else 0.018, 0.003, 0.006))
        bpy.context.active_object.name = f"Clock_Marker_{hour:02d}"


def hand(name, length, width, minutes):
    a = math.radians(90 - minutes * 6)
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=(length / 2 * math.cos(a), -0.013, CENTER_Z + length / 2 * math.sin(a)),
                                    rotation=(0, -a, 0), scale=(length, 0.002, width))
    bpy.context.active_object.name = name


def build_hands(ctx):
    hand("Clock_HourHand", 0.075, 0.008, 50.0 + 10 / 12)  # 10:10
    hand("Clock_MinuteHand", 0.115, 0.005, 10.0)
    bpy.ops.mesh.primitive_cylinder_add(vertices=24, radius=0.008, depth=0.006, location=(0, -0.016, CENTER_Z),
                                        rotation=(math.pi / 2, 0, 0))
    bpy.context.active_object.name = "Clock_Cap"
