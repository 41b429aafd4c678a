import bpy


def principled(name, color, roughness=0.8):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = (*color, 1.0)
    return mat


def material_bricks(ctx):
    mat = principled("Wall_Brick", (0.5, 0.16, 0.08))
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    if "Mottle" not in nodes:
        # Per-brick colour variation: noise in object space tinted between two reds.
        noise = nodes.new("ShaderNodeTexNoise")
        noise.name = "Mottle"
        noise.inputs["Scale"].default_value = 12.0
        ramp = nodes.new("ShaderNodeValToRGB")
        ramp.color_ramp.elements[0].color = (0.35, 0.1, 0.05, 1.0)
        ramp.color_ramp.elements[1].color = (0.6, 0.22, 0.12, 1.0)
        links.new(noise.outputs["Fac"], ramp.inputs["Fac"])
        links.new(ramp.outputs["Color"], nodes["Principled BSDF"].inputs["Base Color"])
    for obj in ctx.objects:
        obj.data.materials.append(mat)


def material_footing(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Wall_Concrete", (0.45, 0.44, 0.42), roughness=0.9))
