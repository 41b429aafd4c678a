import bpy


def principled(name, color, metallic=0.0, roughness=0.5):
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = (*color, 1.0)
    return mat


def material_frame(ctx):
    gilt = principled("Frame_Gilt", (0.8, 0.6, 0.25), metallic=1.0, roughness=0.3)
    for obj in ctx.objects:
        obj.data.materials.append(gilt)


def material_mat_board(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Frame_Mat", (0.93, 0.92, 0.88), roughness=0.9))


def material_canvas(ctx):
    paint = principled("Frame_Landscape", (0.4, 0.55, 0.7), roughness=0.7)
    nodes, links = paint.node_tree.nodes, paint.node_tree.links
    coords = nodes.new("ShaderNodeTexCoord")
    sky = nodes.new("ShaderNodeTexGradient")  # runs along the canvas's local X: rotate the sweep
    mapping = nodes.new("ShaderNodeMapping")
    mapping.inputs["Rotation"].default_value = (0.0, 0.0, 1.5708)
    hills = nodes.new("ShaderNodeTexNoise")
    hills.inputs["Scale"].default_value = 3.0
    mix = nodes.new("ShaderNodeMix")
    mix.data_type = 'RGBA'
    mix.blend_type = 'MULTIPLY'
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].color = (0.2, 0.35, 0.15, 1.0)
    ramp.color_ramp.elements[1].color = (0.55, 0.7, 0.9, 1.0)
    links.new(coords.outputs["Generated"], mapping.inputs["Vector"])
    links.new(mapping.outputs["Vector"], sky.inputs["Vector"])
    links.new(sky.outputs["Fac"], ramp.inputs["Fac"])
    # ShaderNodeMix shares socket names between types: index the colour sockets.
    links.new(ramp.outputs["Color"], mix.inputs[6])
    links.new(hills.outputs["Color"], mix.inputs[7])
    mix.inputs[0].default_value = 0.3
    links.new(mix.outputs[2], nodes["Principled BSDF"].inputs["Base Color"])
    for obj in ctx.objects:
        obj.data.materials.append(paint)
