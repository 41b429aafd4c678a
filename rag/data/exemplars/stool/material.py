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


def material_seat(ctx):
    leather = principled("Stool_Leather", (0.3, 0.12, 0.05), roughness=0.45)
    leather.node_tree.nodes["Principled BSDF"].inputs["Sheen Weight"].default_value = 0.2
    for obj in ctx.objects:
        obj.data.materials.append(leather)


def material_legs(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Stool_Steel", (0.05, 0.05, 0.05), metallic=1.0, roughness=0.35))


def material_foot_ring(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Stool_Steel", (0.05, 0.05, 0.05), metallic=1.0, roughness=0.35))
