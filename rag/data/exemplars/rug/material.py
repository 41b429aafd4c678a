import bpy


def material_mat(ctx):
    mat = bpy.data.materials.new("Rug_Wool")
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    bsdf = nodes["Principled BSDF"]
    bsdf.inputs["Roughness"].default_value = 0.95
    bsdf.inputs["Sheen Weight"].default_value = 0.5
    coords = nodes.new("ShaderNodeTexCoord")
    stripes = nodes.new("ShaderNodeTexWave")
    stripes.wave_type = 'BANDS'
    stripes.bands_direction = 'X'
    stripes.wave_profile = 'SIN'  # the constant colour ramp below makes hard stripes
    stripes.inputs["Scale"].default_value = 4.0
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.interpolation = 'CONSTANT'
    ramp.color_ramp.elements[0].color = (0.55, 0.1, 0.08, 1.0)
    ramp.color_ramp.elements[1].color = (0.85, 0.75, 0.55, 1.0)
    links.new(coords.outputs["Object"], stripes.inputs["Vector"])
    links.new(stripes.outputs["Fac"], ramp.inputs["Fac"])
    links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
    mat.diffuse_color = (0.6, 0.3, 0.2, 1.0)
    for obj in ctx.objects:
        obj.data.materials.append(mat)


def material_fringes(ctx):
    mat = bpy.data.materials.new("Rug_Fringe")
    mat.diffuse_color = (0.85, 0.75, 0.55, 1.0)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = (0.85, 0.75, 0.55, 1.0)
    for obj in ctx.objects:
        obj.data.materials.append(mat)
