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


def paint(objects, mat):
    for obj in objects:
        obj.data.materials.append(mat)


def material_slab(ctx):
    paint(ctx.objects, principled("Door_Sage", (0.45, 0.55, 0.45), roughness=0.35))


def material_panels(ctx):
    paint(ctx.objects, principled("Door_Sage", (0.45, 0.55, 0.45), roughness=0.35))


def material_frame(ctx):
    paint(ctx.objects, principled("Door_FrameWhite", (0.9, 0.9, 0.87), roughness=0.4))


def material_handle(ctx):
    paint(ctx.objects, principled("Door_Brass", (0.8, 0.6, 0.3), roughness=0.25, metallic=1.0))
