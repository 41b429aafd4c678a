import bpy


def fabric(name, color):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.9
    bsdf.inputs["Sheen Weight"].default_value = 0.4  # "Sheen" before 4.0
    bsdf.inputs["Sheen Tint"].default_value = (1.0, 1.0, 1.0, 1.0)
    mat.diffuse_color = (*color, 1.0)
    return mat


def cover(objects, mat):
    for obj in objects:
        obj.data.materials.append(mat)


def material_base(ctx):
    cover(ctx.objects, fabric("Sofa_Velvet", (0.12, 0.25, 0.3)))


def material_arms(ctx):
    cover(ctx.objects, fabric("Sofa_Velvet", (0.12, 0.25, 0.3)))


def material_back(ctx):
    cover(ctx.objects, fabric("Sofa_Velvet", (0.12, 0.25, 0.3)))


def material_seat_cushions(ctx):
    cover(ctx.objects, fabric("Sofa_Cushion", (0.15, 0.3, 0.36)))


def material_back_cushions(ctx):
    cover(ctx.objects, fabric("Sofa_Cushion", (0.15, 0.3, 0.36)))


def material_feet(ctx):
    wood = bpy.data.materials.new("Sofa_Feet")
    wood.diffuse_color = (0.3, 0.18, 0.08, 1.0)
    if wood.node_tree is None:
        wood.use_nodes = True
    wood.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = (0.3, 0.18, 0.08, 1.0)
    cover(ctx.objects, wood)
