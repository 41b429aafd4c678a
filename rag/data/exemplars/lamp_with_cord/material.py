import bpy


def principled(name, color, metallic=0.0, roughness=0.5):
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
    mat.diffuse_color = (*color, 1.0)
    return mat


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def material_base(ctx):
    assign(ctx.objects, principled("Lamp_Brass", (0.75, 0.55, 0.25), metallic=1.0, roughness=0.3))


def material_stem(ctx):
    assign(ctx.objects, principled("Lamp_Brass", (0.75, 0.55, 0.25), metallic=1.0, roughness=0.3))


def material_shade(ctx):
    assign(ctx.objects, principled("Lamp_Linen", (0.9, 0.86, 0.76), roughness=0.8))


def material_bulb(ctx):
    glow = principled("Lamp_Glow", (1.0, 0.9, 0.7), roughness=0.2)
    bsdf = glow.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Emission Color"].default_value = (1.0, 0.8, 0.5, 1.0)
    bsdf.inputs["Emission Strength"].default_value = 8.0  # 0 by default since 4.0
    assign(ctx.objects, glow)


def material_cord(ctx):
    assign(ctx.objects, principled("Lamp_Rubber", (0.02, 0.02, 0.02), roughness=0.7))
