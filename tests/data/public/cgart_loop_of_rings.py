# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/loop_of_rings/loop_of_rings_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, apply_material, get_random_color, create_emissive_ring, create_emissive_ring_material, create_metal_ring_material, create_floor_material, create_floor, add_light, create_ring unchanged; the imports and the last lines that call them are added
# expect: ok
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


def create_emissive_ring():
    # add a circle mesh into the scene
    bpy.ops.mesh.primitive_circle_add(vertices=128, radius=5.5)

    # get a reference to the currently active object
    ring_obj = bpy.context.active_object
    ring_obj.name = "ring.emissive"

    # rotate ring by 90 degrees
    ring_obj.rotation_euler.x = math.radians(90)

    # convert mesh into a curve
    bpy.ops.object.convert(target="CURVE")

    # add bevel to curve
    ring_obj.data.bevel_depth = 0.05
    ring_obj.data.bevel_resolution = 16

    # create and assign an emissive material
    ring_material = create_emissive_ring_material()
    ring_obj.data.materials.append(ring_material)


def create_emissive_ring_material():
    color = get_random_color()
    material = bpy.data.materials.new(name="emissive_ring_material")
    material.use_nodes = True
    if bpy.app.version < (4, 0, 0):
        material.node_tree.nodes["Principled BSDF"].inputs["Emission"].default_value = color
    else:
        material.node_tree.nodes["Principled BSDF"].inputs["Emission Color"].default_value = color
    material.node_tree.nodes["Principled BSDF"].inputs["Emission Strength"].default_value = 30.0
    return material


def create_metal_ring_material():
    color = get_random_color()
    material = bpy.data.materials.new(name="metal_ring_material")
    material.use_nodes = True
    material.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    material.node_tree.nodes["Principled BSDF"].inputs["Metallic"].default_value = 1.0
    return material


def create_floor_material():
    color = get_random_color()
    material = bpy.data.materials.new(name="floor_material")
    material.use_nodes = True
    material.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = color
    if bpy.app.version < (4, 0, 0):
        material.node_tree.nodes["Principled BSDF"].inputs["Specular"].default_value = 0
    else:
        material.node_tree.nodes["Principled BSDF"].inputs["Specular IOR Level"].default_value = 0
    return material


def create_floor():
    # add a plain into the scene
    bpy.ops.mesh.primitive_plane_add(size=200, location=(0, 0, -6.0))
    floor_obj = active_object()
    floor_obj.name = "plane.floor"

    # create and assign an emissive material
    floor_material = create_floor_material()
    floor_obj.data.materials.append(floor_material)


def add_light():
    # add area light
    bpy.ops.object.light_add(type="AREA")
    area_light = active_object()

    # update scale and location
    area_light.location.z = 6
    area_light.scale *= 10

    # set the light's energy
    area_light.data.energy = 1000


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


ring_material = create_metal_ring_material()
for i in range(10):
    create_ring(i, 0.1 * i + 0.1, ring_material)
create_floor()
create_emissive_ring()
add_light()
