import bpy


def material_body(ctx):
    mat = bpy.data.materials.new("Vase_Celadon")
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.45, 0.62, 0.52, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.2
    bsdf.inputs["Coat Weight"].default_value = 0.8
    bsdf.inputs["Coat Roughness"].default_value = 0.05
    mat.diffuse_color = (0.45, 0.62, 0.52, 1.0)
    for obj in ctx.objects:
        obj.data.materials.append(mat)
