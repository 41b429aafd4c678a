import bpy

COVERS = [(0.45, 0.06, 0.05), (0.08, 0.2, 0.4), (0.12, 0.3, 0.15), (0.75, 0.6, 0.3), (0.15, 0.12, 0.1)]


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


def material_shelf(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Shelf_Ash", (0.7, 0.55, 0.38), roughness=0.45))


def material_books(ctx):
    for obj in ctx.objects:
        index = obj.get("spine_colour", 0)
        obj.data.materials.append(principled(f"Book_Cover_{index}", COVERS[index], roughness=0.6))


def material_bookends(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Bookend_Steel", (0.1, 0.1, 0.1), roughness=0.4, metallic=1.0))
