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


def material_canopy(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Pendant_Black", (0.03, 0.03, 0.03), metallic=1.0, roughness=0.4))


def material_cable(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Pendant_Cable", (0.02, 0.02, 0.02), roughness=0.6))


def material_shade(ctx):
    # Two slots: matte green outside, white inside on the solidify shell's inner faces.
    outside = principled("Pendant_Green", (0.05, 0.25, 0.15), metallic=0.6, roughness=0.35)
    inside = principled("Pendant_Inside", (0.9, 0.9, 0.88), roughness=0.5)
    for obj in ctx.objects:
        obj.data.materials.append(outside)
        obj.data.materials.append(inside)
        obj.modifiers["Wall"].material_offset = 1


def material_bulb(ctx):
    glow = bpy.data.materials.new("Pendant_Bulb")
    if glow.node_tree is None:
        glow.use_nodes = True
    nodes, links = glow.node_tree.nodes, glow.node_tree.links
    emit = nodes.new("ShaderNodeEmission")
    emit.inputs["Color"].default_value = (1.0, 0.85, 0.6, 1.0)
    emit.inputs["Strength"].default_value = 10.0
    links.new(emit.outputs["Emission"], nodes["Material Output"].inputs["Surface"])
    glow.diffuse_color = (1.0, 0.9, 0.7, 1.0)
    for obj in ctx.objects:
        obj.data.materials.append(glow)
