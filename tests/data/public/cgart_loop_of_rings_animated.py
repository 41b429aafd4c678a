# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/loop_of_rings/loop_of_rings_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, apply_material, get_random_color, make_fcurves_linear, create_metal_ring_material, animate_rotation, create_ring, create_centerpiece unchanged; the imports and the last lines that call them are added
# expect: raised: line 51: AttributeError: Action has no attribute 'fcurves'
import math
import random

import bpy


def active_object():
    """
    returns the active object
    """
    return bpy.context.active_object


def apply_material(material):
    obj = active_object()
    obj.data.materials.append(material)


def get_random_color():
    return random.choice(
        [
            [0.984375, 0.4609375, 0.4140625, 1.0],
            [0.35546875, 0.515625, 0.69140625, 1.0],
            [0.37109375, 0.29296875, 0.54296875, 1.0],
            [0.8984375, 0.6015625, 0.55078125, 1.0],
            [0.2578125, 0.9140625, 0.86328125, 1.0],
            [0.80078125, 0.70703125, 0.59765625, 1.0],
            [0.0, 0.640625, 0.796875, 1.0],
            [0.97265625, 0.33984375, 0.0, 1.0],
            [0.0, 0.125, 0.24609375, 1.0],
            [0.67578125, 0.93359375, 0.81640625, 1.0],
            [0.375, 0.375, 0.375, 1.0],
            [0.8359375, 0.92578125, 0.08984375, 1.0],
            [0.92578125, 0.16796875, 0.19921875, 1.0],
            [0.84375, 0.3515625, 0.49609375, 1.0],
            [0.58984375, 0.734375, 0.3828125, 1.0],
            [0.0, 0.32421875, 0.609375, 1.0],
            [0.9296875, 0.640625, 0.49609375, 1.0],
            [0.0, 0.38671875, 0.6953125, 1.0],
            [0.609375, 0.76171875, 0.83203125, 1.0],
            [0.0625, 0.09375, 0.125, 1.0],
        ]
    )


def make_fcurves_linear():
    for fcurve in bpy.context.active_object.animation_data.action.fcurves:
        for points in fcurve.keyframe_points:
            points.interpolation = "LINEAR"


def create_metal_ring_material():
    color = get_random_color()
    material = bpy.data.materials.new(name="metal_ring_material")
    material.use_nodes = True
    material.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    material.node_tree.nodes["Principled BSDF"].inputs["Metallic"].default_value = 1.0
    return material


def animate_rotation(context, ring_obj, z_rotation, y_rotation):
    # rotate mesh about the y-axis
    degrees = y_rotation
    radians = math.radians(degrees)
    ring_obj.rotation_euler.y = radians

    # rotate mesh about the z-axis
    degrees = z_rotation
    radians = math.radians(degrees)
    ring_obj.rotation_euler.z = radians

    # insert keyframe at frame one
    start_frame = 1
    ring_obj.keyframe_insert("rotation_euler", frame=start_frame)

    # rotate mesh about the y-axis
    degrees = y_rotation + 360
    radians = math.radians(degrees)
    ring_obj.rotation_euler.y = radians

    # rotate mesh about the z-axis
    degrees = z_rotation + 360 * 2
    radians = math.radians(degrees)
    ring_obj.rotation_euler.z = radians

    # insert keyframe after the last frame (to make a seamless loop)
    end_frame = context["frame_count"] + 1
    ring_obj.keyframe_insert("rotation_euler", frame=end_frame)

    # make keyframe interpolation linear
    make_fcurves_linear()


def create_ring(index, current_radius, ring_material):
    # add a circle mesh into the scene
    bpy.ops.mesh.primitive_circle_add(vertices=128, radius=current_radius)

    # get a reference to the currently active object
    ring_obj = bpy.context.active_object
    ring_obj.name = f"ring.{index}"

    # convert mesh into a curve
    bpy.ops.object.convert(target="CURVE")

    # add bevel to curve
    ring_obj.data.bevel_depth = 0.05
    ring_obj.data.bevel_resolution = 16

    # shade smooth
    bpy.ops.object.shade_smooth()

    # apply the material
    apply_material(ring_material)

    return ring_obj


def create_centerpiece(context):
    # create variables used in the loop
    radius_step = 0.1
    number_rings = 50

    z_rotation_step = 10
    z_rotation = 0

    y_rotation = 30

    ring_material = create_metal_ring_material()

    # repeat 50 times
    for i in range(number_rings):

        # calculate new radius
        current_radius = radius_step * i

        ring_obj = create_ring(i, current_radius, ring_material)

        # rotate ring and inset keyframes
        animate_rotation(context, ring_obj, z_rotation, y_rotation)

        # update the z-axis rotation
        z_rotation = z_rotation + z_rotation_step


create_centerpiece({"frame_count": 90})
