import bpy


def principled(name, color, metallic=0.0, roughness=0.5, **extra):
    """A Principled BSDF material; reuses one of the same name made earlier in this stage."""
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Roughness"].default_value = roughness
    for socket, value in extra.items():
        bsdf.inputs[socket.replace("_", " ")].default_value = value
    mat.diffuse_color = (*color, 1.0)  # what the viewport's solid mode shows
    return mat


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def material_base(ctx):
    assign(ctx.objects, principled("Lamp_BlackMetal", (0.02, 0.02, 0.022), metallic=0.6, roughness=0.45))


def material_switch(ctx):
    assign(ctx.objects, principled("Lamp_Chrome", (0.8, 0.8, 0.82), metallic=1.0, roughness=0.08))


def material_pivot(ctx):
    assign(ctx.objects, principled("Lamp_BlackPlastic", (0.015, 0.015, 0.015), roughness=0.35))


def material_lower_arm(ctx):
    assign(ctx.objects, principled("Lamp_BrushedSteel", (0.62, 0.62, 0.64), metallic=1.0, roughness=0.3))


def material_elbow(ctx):
    assign(ctx.objects, principled("Lamp_BlackPlastic", (0.015, 0.015, 0.015), roughness=0.35))


def material_upper_arm(ctx):
    assign(ctx.objects, principled("Lamp_BrushedSteel", (0.62, 0.62, 0.64), metallic=1.0, roughness=0.3))


def material_head_hinge(ctx):
    assign(ctx.objects, principled("Lamp_BlackPlastic", (0.015, 0.015, 0.015), roughness=0.35))


def material_shade(ctx):
    enamel = principled("Lamp_RedEnamel", (0.55, 0.03, 0.02), roughness=0.18, Coat_Weight=0.6)
    inside = principled("Lamp_ShadeInside", (0.9, 0.88, 0.82), roughness=0.6)
    for obj in ctx.objects:
        obj.data.materials.clear()
        obj.data.materials.append(enamel)
        obj.data.materials.append(inside)
        # The solidify shell's inner faces take the second slot.
        obj.modifiers["Thickness"].material_offset = 1


def material_bulb(ctx):
    glow = principled("Lamp_Bulb", (1.0, 0.85, 0.6), roughness=0.2,
                      Emission_Color=(1.0, 0.78, 0.45, 1.0), Emission_Strength=12.0)
    assign(ctx.objects, glow)


def material_cord(ctx):
    assign(ctx.objects, principled("Lamp_Rubber", (0.01, 0.01, 0.01), roughness=0.7))
