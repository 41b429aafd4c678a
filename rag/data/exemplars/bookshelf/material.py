import bpy


def painted(name, color, roughness=0.6):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = (*color, 1.0)
    return mat


def material_carcass(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(painted("Shelf_White", (0.85, 0.85, 0.82)))


def material_shelves(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(painted("Shelf_White", (0.85, 0.85, 0.82)))


def material_back(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(painted("Shelf_Birch", (0.72, 0.58, 0.4), roughness=0.5))
