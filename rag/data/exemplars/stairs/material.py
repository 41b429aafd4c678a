import bpy


def principled(name, color, roughness=0.5, metallic=0.0):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    mat.diffuse_color = (*color, 1.0)
    return mat


def material_steps(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Stairs_Oak", (0.5, 0.33, 0.17), roughness=0.4))


def material_stringers(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Stairs_Paint", (0.92, 0.92, 0.9)))


def material_handrail(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Stairs_Steel", (0.6, 0.6, 0.62), roughness=0.25, metallic=1.0))
