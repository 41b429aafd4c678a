import bpy


def glaze(name, color):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.15
    bsdf.inputs["Coat Weight"].default_value = 0.5  # "Clearcoat" before 4.0
    mat.diffuse_color = (*color, 1.0)
    return mat


def material_body(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(glaze("Mug_Glaze", (0.1, 0.3, 0.55)))


def material_handle(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(glaze("Mug_Glaze", (0.1, 0.3, 0.55)))
