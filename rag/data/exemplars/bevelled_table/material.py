import bpy


def principled(name, color, roughness=0.5):
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


def wood_grain(name, light, dark):
    """Walnut-like rings: a wave texture through a colour ramp into the base colour."""
    mat = principled(name, light, roughness=0.4)
    nodes, links = mat.node_tree.nodes, mat.node_tree.links
    if "Grain" in nodes:
        return mat
    wave = nodes.new("ShaderNodeTexWave")
    wave.name = "Grain"
    wave.wave_type = 'RINGS'
    wave.inputs["Scale"].default_value = 3.0
    wave.inputs["Distortion"].default_value = 6.0
    ramp = nodes.new("ShaderNodeValToRGB")
    ramp.color_ramp.elements[0].color = (*dark, 1.0)
    ramp.color_ramp.elements[1].color = (*light, 1.0)
    links.new(wave.outputs["Fac"], ramp.inputs["Fac"])
    links.new(ramp.outputs["Color"], nodes["Principled BSDF"].inputs["Base Color"])
    return mat


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def material_top(ctx):
    assign(ctx.objects, wood_grain("Table_Walnut", (0.36, 0.22, 0.12), (0.2, 0.11, 0.05)))


def material_apron(ctx):
    assign(ctx.objects, principled("Table_DarkWalnut", (0.2, 0.11, 0.05)))


def material_legs(ctx):
    assign(ctx.objects, principled("Table_DarkWalnut", (0.2, 0.11, 0.05)))
