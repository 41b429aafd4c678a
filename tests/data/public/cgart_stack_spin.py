# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/stack_spin/stack_spin_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, get_random_color, apply_random_color_material, add_lights, create_shape unchanged; the imports and the last lines that call them are added
# expect: ok
import math
import random

import bpy
import mathutils


def active_object():
    """
    returns the active object
    """
    return bpy.context.active_object


def get_random_color():
    return random.choice(
        [
            [0.92578125, 1, 0.0, 1],
            [0.203125, 0.19140625, 0.28125, 1],
            [0.8359375, 0.92578125, 0.08984375, 1],
            [0.16796875, 0.6796875, 0.3984375, 1],
            [0.6875, 0.71875, 0.703125, 1],
            [0.9609375, 0.9140625, 0.48046875, 1],
            [0.79296875, 0.8046875, 0.56640625, 1],
            [0.96484375, 0.8046875, 0.83984375, 1],
            [0.91015625, 0.359375, 0.125, 1],
            [0.984375, 0.4609375, 0.4140625, 1],
            [0.0625, 0.09375, 0.125, 1],
            [0.2578125, 0.9140625, 0.86328125, 1],
            [0.97265625, 0.21875, 0.1328125, 1],
            [0.87109375, 0.39453125, 0.53515625, 1],
            [0.8359375, 0.92578125, 0.08984375, 1],
            [0.37109375, 0.29296875, 0.54296875, 1],
            [0.984375, 0.4609375, 0.4140625, 1],
            [0.92578125, 0.16796875, 0.19921875, 1],
            [0.9375, 0.9609375, 0.96484375, 1],
            [0.3359375, 0.45703125, 0.4453125, 1],
        ]
    )


def apply_random_color_material(obj):
    color = get_random_color()
    mat = bpy.data.materials.new(name="Material")
    mat.use_nodes = True
    mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color

    if bpy.app.version < (4, 0, 0):
        mat.node_tree.nodes["Principled BSDF"].inputs["Specular"].default_value = 0
    else:
        mat.node_tree.nodes["Principled BSDF"].inputs["Specular IOR Level"].default_value = 0

    obj.data.materials.append(mat)


def add_lights():
    rotation = (math.radians(60), 0.0, math.radians(180))
    bpy.ops.object.light_add(type="SUN", rotation=rotation)
    bpy.context.object.data.energy = 100
    bpy.context.object.data.diffuse_factor = 0.05
    bpy.context.object.data.angle = math.radians(45)


def create_shape(vertices, radius, rotation, location):
    bpy.ops.mesh.primitive_cylinder_add(vertices=vertices, radius=radius, depth=0.1)

    obj = active_object()
    obj.rotation_euler = rotation
    obj.location = location

    apply_random_color_material(obj)

    bpy.ops.object.modifier_add(type="BEVEL")
    obj.modifiers["Bevel"].width = 0.02

    return obj


for i in range(12):
    rotation = mathutils.Euler((0.0, 0.0, math.radians(5) * i))
    create_shape(5, 1 + 0.1 * i, rotation, mathutils.Vector((0, 0, -0.1 * i)))
add_lights()
