import bpy


def porcelain():
    mat = bpy.data.materials.get("Cup_Porcelain")
    if mat is None:
        mat = bpy.data.materials.new("Cup_Porcelain")
        if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
            mat.use_nodes = True
        bsdf = mat.node_tree.nodes["Principled BSDF"]
        bsdf.inputs["Base Color"].default_value = (0.95, 0.94, 0.9, 1.0)
        bsdf.inputs["Roughness"].default_value = 0.1
        bsdf.inputs["Subsurface Weight"].default_value = 0.1  # "Subsurface" before 4.0
        mat.diffuse_color = (0.95, 0.94, 0.9, 1.0)
    return mat


def material_saucer(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(porcelain())


def material_cup(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(porcelain())


def material_handle(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(porcelain())
