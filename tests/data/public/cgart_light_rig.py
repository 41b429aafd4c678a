# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/stack_overflow/stack_overflow_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, add_empty, create_metallic_material, apply_metallic_material, add_lights, create_light_rig unchanged; the imports and the last lines that call them are added
# expect: ok
import math
import random

import bpy


def active_object():
    """
    returns the currently active object
    """
    return bpy.context.active_object


def add_empty(name=None):

    bpy.ops.object.empty_add(type="PLAIN_AXES", align="WORLD")
    empty_ctrl = active_object()

    if name:
        empty_ctrl.name = name
    else:
        empty_ctrl.name = "empty.cntrl"

    return empty_ctrl


def create_metallic_material(color, name=None, roughness=0.1, return_nodes=False):
    if name is None:
        name = ""

    material = bpy.data.materials.new(name=f"material.metallic.{name}")
    material.use_nodes = True

    material.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    material.node_tree.nodes["Principled BSDF"].inputs["Roughness"].default_value = roughness
    material.node_tree.nodes["Principled BSDF"].inputs["Metallic"].default_value = 1.0

    if return_nodes:
        return material, material.node_tree.nodes
    else:
        return material


def apply_metallic_material(color, name=None, roughness=0.1):
    material = create_metallic_material(color, name=name, roughness=roughness)

    obj = active_object()
    obj.data.materials.append(material)


def add_lights():
    rig_obj, empty = create_light_rig(light_count=3, light_type="AREA", rig_radius=5.0, energy=150)
    rig_obj.location.z = 3

    bpy.ops.object.light_add(type="AREA", radius=5, location=(0, 0, 5))


def create_light_rig(light_count, light_type="AREA", rig_radius=2.0, light_radius=1.0, energy=100):
    bpy.ops.mesh.primitive_circle_add(vertices=light_count, radius=rig_radius)
    rig_obj = active_object()

    empty = add_empty(name=f"empty.tracker-target.lights")

    for i in range(light_count):
        loc = rig_obj.data.vertices[i].co

        bpy.ops.object.light_add(type=light_type, radius=light_radius, location=loc)
        light = active_object()
        light.data.energy = energy
        light.parent = rig_obj

        bpy.ops.object.constraint_add(type="TRACK_TO")
        light.constraints["Track To"].target = empty

    return rig_obj, empty


bpy.ops.mesh.primitive_torus_add()
apply_metallic_material((0.8, 0.3, 0.1, 1.0), name="copper", roughness=0.4)
add_lights()
