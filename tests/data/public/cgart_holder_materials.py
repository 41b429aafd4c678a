# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/holder/script_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions hex_color_to_rgb, hex_color_to_rgba, convert_srgb_to_linear_rgb, load_color_palettes, get_random_color, create_spherical_gradient_tex_mask, create_pointiness_edge_highlight_node_tree, create_glass_node_tree, create_metallic_node_tree, create_material unchanged; the imports and the last lines that call them are added
# expect: raised: line 197: KeyError: 'bpy_prop_collection[key]: key "Specular" not found'
import math
import random

import bpy
import mathutils


def hex_color_to_rgb(hex_color):
    """
    Converting from a color in the form of a hex triplet string (en.wikipedia.org/wiki/Web_colors#Hex_triplet)
    to a Linear RGB

    Supports: "#RRGGBB" or "RRGGBB"

    Note: We are converting into Linear RGB since Blender uses a Linear Color Space internally
    https://docs.blender.org/manual/en/latest/render/color_management.html

    Video Tutorial: https://www.youtube.com/watch?v=knc1CGBhJeU
    """
    # remove the leading '#' symbol if present
    if hex_color.startswith("#"):
        hex_color = hex_color[1:]

    assert len(hex_color) == 6, f"RRGGBB is the supported hex color format: {hex_color}"

    # extracting the Red color component - RRxxxx
    red = int(hex_color[:2], 16)
    # dividing by 255 to get a number between 0.0 and 1.0
    srgb_red = red / 255
    linear_red = convert_srgb_to_linear_rgb(srgb_red)

    # extracting the Green color component - xxGGxx
    green = int(hex_color[2:4], 16)
    # dividing by 255 to get a number between 0.0 and 1.0
    srgb_green = green / 255
    linear_green = convert_srgb_to_linear_rgb(srgb_green)

    # extracting the Blue color component - xxxxBB
    blue = int(hex_color[4:6], 16)
    # dividing by 255 to get a number between 0.0 and 1.0
    srgb_blue = blue / 255
    linear_blue = convert_srgb_to_linear_rgb(srgb_blue)

    return tuple([linear_red, linear_green, linear_blue])


def hex_color_to_rgba(hex_color, alpha=1.0):
    """
    Converting from a color in the form of a hex triplet string (en.wikipedia.org/wiki/Web_colors#Hex_triplet)
    to a Linear RGB with an Alpha passed as a parameter

    Supports: "#RRGGBB" or "RRGGBB"

    Video Tutorial: https://www.youtube.com/watch?v=knc1CGBhJeU
    """
    linear_red, linear_green, linear_blue = hex_color_to_rgb(hex_color)
    return tuple([linear_red, linear_green, linear_blue, alpha])


def convert_srgb_to_linear_rgb(srgb_color_component):
    """
    Converting from sRGB to Linear RGB
    based on https://en.wikipedia.org/wiki/SRGB#From_sRGB_to_CIE_XYZ

    Video Tutorial: https://www.youtube.com/watch?v=knc1CGBhJeU
    """
    if srgb_color_component <= 0.04045:
        linear_color_component = srgb_color_component / 12.92
    else:
        linear_color_component = math.pow((srgb_color_component + 0.055) / 1.055, 2.4)

    return linear_color_component


def load_color_palettes():
    return [
        ["#69D2E7", "#A7DBD8", "#E0E4CC", "#F38630", "#FA6900"],
        ["#FE4365", "#FC9D9A", "#F9CDAD", "#C8C8A9", "#83AF9B"],
        ["#ECD078", "#D95B43", "#C02942", "#542437", "#53777A"],
        ["#556270", "#4ECDC4", "#C7F464", "#FF6B6B", "#C44D58"],
        ["#774F38", "#E08E79", "#F1D4AF", "#ECE5CE", "#C5E0DC"],
        ["#E8DDCB", "#CDB380", "#036564", "#033649", "#031634"],
        ["#490A3D", "#BD1550", "#E97F02", "#F8CA00", "#8A9B0F"],
        ["#594F4F", "#547980", "#45ADA8", "#9DE0AD", "#E5FCC2"],
        ["#00A0B0", "#6A4A3C", "#CC333F", "#EB6841", "#EDC951"],
        ["#E94E77", "#D68189", "#C6A49A", "#C6E5D9", "#F4EAD5"],
        ["#3FB8AF", "#7FC7AF", "#DAD8A7", "#FF9E9D", "#FF3D7F"],
        ["#D9CEB2", "#948C75", "#D5DED9", "#7A6A53", "#99B2B7"],
        ["#FFFFFF", "#CBE86B", "#F2E9E1", "#1C140D", "#CBE86B"],
        ["#343838", "#005F6B", "#008C9E", "#00B4CC", "#00DFFC"],
        ["#EFFFCD", "#DCE9BE", "#555152", "#2E2633", "#99173C"],
        ["#413E4A", "#73626E", "#B38184", "#F0B49E", "#F7E4BE"],
    ]


def get_random_color(color_palette):
    hex_color = random.choice(color_palette)
    return hex_color_to_rgba(hex_color)


def create_spherical_gradient_tex_mask(material, node_location_step_x, node_y_location):
    """Adds a group of nodes that creates the spherical mask to separate the glass and metallic parts of the material"""
    node_x_location = 0
    texture_coordinate_node = material.node_tree.nodes.new(type="ShaderNodeTexCoord")
    texture_coordinate_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    mapping_node = material.node_tree.nodes.new(type="ShaderNodeMapping")
    mapping_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    gradient_texture_node = material.node_tree.nodes.new(type="ShaderNodeTexGradient")
    gradient_texture_node.gradient_type = "SPHERICAL"
    gradient_texture_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    mix_shader_color_ramp_node = material.node_tree.nodes.new(type="ShaderNodeValToRGB")
    mix_shader_color_ramp_node.color_ramp.elements[1].position = 0.535
    mix_shader_color_ramp_node.color_ramp.interpolation = "CONSTANT"
    mix_shader_color_ramp_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    material.node_tree.links.new(texture_coordinate_node.outputs["Object"], mapping_node.inputs["Vector"])
    material.node_tree.links.new(mapping_node.outputs["Vector"], gradient_texture_node.inputs["Vector"])
    material.node_tree.links.new(gradient_texture_node.outputs["Color"], mix_shader_color_ramp_node.inputs["Fac"])

    return mix_shader_color_ramp_node, node_x_location


def create_pointiness_edge_highlight_node_tree(color_palette, material, node_location_step_x, node_y_location):
    """Adds a group of nodes that highlights the edges of the Voronoi displacement
    part of the main material"""
    node_x_location = 0
    geometry_node = material.node_tree.nodes.new(type="ShaderNodeNewGeometry")
    geometry_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    color_ramp_node = material.node_tree.nodes.new(type="ShaderNodeValToRGB")
    color_ramp_node.color_ramp.elements[0].color = (1, 1, 1, 1)
    color_ramp_node.color_ramp.elements[1].color = (0, 0, 0, 1)
    color_ramp_node.color_ramp.elements[1].position = 0.5
    color_ramp_node.color_ramp.interpolation = "CONSTANT"
    color_ramp_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    material.node_tree.links.new(geometry_node.outputs["Pointiness"], color_ramp_node.inputs["Fac"])

    mix_rgb_node = material.node_tree.nodes.new(type="ShaderNodeMix")
    mix_rgb_node_input_lookup = {socket.identifier: socket for socket in mix_rgb_node.inputs.values()}
    mix_rgb_node_output_lookup = {socket.identifier: socket for socket in mix_rgb_node.outputs.values()}
    mix_rgb_node.data_type = "RGBA"
    mix_rgb_node.blend_type = "MIX"
    mix_rgb_node.location = mathutils.Vector((node_x_location, node_y_location))

    try_count = 5
    color_a = get_random_color(color_palette)
    color_b = get_random_color(color_palette)
    while color_b == color_a and try_count > 0:
        color_b = get_random_color(color_palette)
        try_count -= 1

    mix_rgb_node_input_lookup["A_Color"].default_value = color_a
    mix_rgb_node_input_lookup["B_Color"].default_value = color_b
    node_x_location += node_location_step_x

    material.node_tree.links.new(color_ramp_node.outputs["Color"], mix_rgb_node_input_lookup["Factor_Float"])

    return mix_rgb_node_output_lookup["Result_Color"], node_x_location


def create_glass_node_tree(color_palette, material, node_location_step_x, node_x_location, node_y_location):
    """Adds a group of nodes that creates the glass part of the main material"""

    layer_weight_node = material.node_tree.nodes.new(type="ShaderNodeLayerWeight")
    layer_weight_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    base_color = get_random_color(color_palette)

    color_ramp_node = material.node_tree.nodes.new(type="ShaderNodeValToRGB")
    color_ramp_node.color_ramp.elements[0].color = (0.0, 0.0, 0.0, 1.0)
    color_ramp_node.color_ramp.elements[0].position = 0.78
    color_ramp_node.color_ramp.elements[1].color = base_color
    color_ramp_node.color_ramp.elements[1].position = 1.00
    color_ramp_node.location = mathutils.Vector((node_x_location, node_y_location))
    node_x_location += node_location_step_x

    material.node_tree.links.new(layer_weight_node.outputs["Facing"], color_ramp_node.inputs["Fac"])

    principled_bsdf_node = material.node_tree.nodes.new(type="ShaderNodeBsdfPrincipled")
    principled_bsdf_node.inputs["Base Color"].default_value = base_color
    principled_bsdf_node.inputs["Metallic"].default_value = 0.0
    principled_bsdf_node.inputs["Specular"].default_value = 0.0
    principled_bsdf_node.inputs["Roughness"].default_value = 0.25
    principled_bsdf_node.inputs["Transmission"].default_value = 1.0
    principled_bsdf_node.inputs["Emission Strength"].default_value = 15.0
    principled_bsdf_node.hide = True
    principled_bsdf_node.location = mathutils.Vector((node_x_location, node_y_location))

    material.node_tree.links.new(color_ramp_node.outputs["Color"], principled_bsdf_node.inputs["Emission"])

    return principled_bsdf_node


def create_metallic_node_tree(color_palette, material, node_location_step_x):
    """Adds a group of nodes that creates the metallic part of the main material"""

    result = create_spherical_gradient_tex_mask(material, node_location_step_x, node_y_location=300)
    mix_shader_color_ramp_node, spherical_gradient_x_location = result

    result = create_pointiness_edge_highlight_node_tree(color_palette, material, node_location_step_x, node_y_location=-100)
    mix_rgb_node_output_color, edge_highlight_x_location = result

    node_x_location = max(spherical_gradient_x_location, edge_highlight_x_location)

    principled_bsdf_node = material.node_tree.nodes.new(type="ShaderNodeBsdfPrincipled")
    principled_bsdf_node.inputs["Metallic"].default_value = 0.54
    principled_bsdf_node.inputs["Roughness"].default_value = 0.26
    principled_bsdf_node.hide = True
    principled_bsdf_node.location = mathutils.Vector((node_x_location, 0))

    material.node_tree.links.new(mix_rgb_node_output_color, principled_bsdf_node.inputs["Base Color"])

    return principled_bsdf_node, mix_shader_color_ramp_node, node_x_location


def create_material(color_palette):
    """Creates and configures all the shader nodes for the centerpiece material"""
    material = bpy.data.materials.new(name="glass_plus_metallic_voronoi")
    material.use_nodes = True

    # remove all nodes
    material.node_tree.nodes.clear()

    node_location_step_x = 300
    node_x_location = 0

    principled_bsdf_node, mix_shader_color_ramp_node, node_x_location = create_metallic_node_tree(color_palette, material, node_location_step_x)

    principled_bsdf_glass_node = create_glass_node_tree(color_palette, material, node_location_step_x, node_x_location=600, node_y_location=-600)

    node_x_location += node_location_step_x

    mix_shader_node = material.node_tree.nodes.new(type="ShaderNodeMixShader")
    mix_shader_node_input_lookup = {socket.identifier: socket for socket in mix_shader_node.inputs.values()}
    mix_shader_node.location = mathutils.Vector((node_x_location, 100))
    node_x_location += node_location_step_x

    material_output = material.node_tree.nodes.new(type="ShaderNodeOutputMaterial")
    material_output.location = mathutils.Vector((node_x_location, 0))

    material.node_tree.links.new(mix_shader_color_ramp_node.outputs["Color"], mix_shader_node_input_lookup["Fac"])
    material.node_tree.links.new(principled_bsdf_node.outputs["BSDF"], mix_shader_node_input_lookup["Shader"])
    material.node_tree.links.new(principled_bsdf_glass_node.outputs["BSDF"], mix_shader_node_input_lookup["Shader_001"])
    material.node_tree.links.new(mix_shader_node.outputs["Shader"], material_output.inputs["Surface"])

    return material


palette = random.choice(load_color_palettes())
bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3)
bpy.context.active_object.data.materials.append(create_material(palette))
