# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/weave/weave_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, get_random_color, apply_material, create_emissive_material, create_metal_material, add_lights unchanged; the imports and the last lines that call them are added
# expect: raised: line 54: KeyError: 'bpy_prop_collection[key]: key "Emission" not found'
import math
import random

import bpy


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


def apply_material(material):
    obj = active_object()
    obj.data.materials.append(material)


def create_emissive_material():
    color = get_random_color()
    material = bpy.data.materials.new(name="emissive_material")
    material.use_nodes = True
    material.node_tree.nodes["Principled BSDF"].inputs["Emission"].default_value = color
    material.node_tree.nodes["Principled BSDF"].inputs["Emission Strength"].default_value = 5.0
    return material


def create_metal_material():
    color = get_random_color()
    material = bpy.data.materials.new(name="metal_material")
    material.use_nodes = True
    material.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    material.node_tree.nodes["Principled BSDF"].inputs["Metallic"].default_value = 1.0
    return material


def add_lights():
    bpy.ops.object.light_add(type="AREA", location=(0, 0, 4))
    bpy.context.object.data.energy = 100


bpy.ops.mesh.primitive_torus_add()
apply_material(create_metal_material())
bpy.ops.mesh.primitive_torus_add(major_radius=0.5)
apply_material(create_emissive_material())
add_lights()
