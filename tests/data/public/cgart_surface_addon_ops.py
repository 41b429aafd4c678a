# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/stack_overflow/stack_overflow_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, create_metallic_material, apply_metallic_material, make_surface unchanged; the imports and the last lines that call them are added
# expect: raised: line 44: AttributeError: bpy.ops.mesh.primitive_z_function_surface does not exist
import math
import random

import bpy


def active_object():
    """
    returns the currently active object
    """
    return bpy.context.active_object


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


def make_surface(color):
    # this operator is found in the "Add Mesh Extra Objects" add-on
    bpy.ops.mesh.primitive_z_function_surface(div_x=64, div_y=64, size_x=1, size_y=1)

    surface = active_object()

    bpy.ops.object.shade_smooth()
    surface.data.use_auto_smooth = True

    bpy.ops.object.modifier_add(type="SOLIDIFY")

    bpy.ops.object.modifier_add(type="BEVEL")
    surface.modifiers["Bevel"].width = 0.001
    surface.modifiers["Bevel"].limit_method = "NONE"

    # this operator is found in the "Modifier Tools" add-on
    bpy.ops.object.apply_all_modifiers()

    apply_metallic_material(color, name="metallic", roughness=random.uniform(0.35, 0.65))

    return surface


make_surface((0.2, 0.5, 0.8, 1.0))
