import bpy


def principled(name, color, roughness=0.5):
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


def material_pot(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Plant_Terracotta", (0.6, 0.27, 0.15), roughness=0.85))


def material_soil(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Plant_Soil", (0.08, 0.05, 0.03), roughness=1.0))


def material_leaves(ctx):
    leaf = principled("Plant_Leaf", (0.08, 0.35, 0.1), roughness=0.4)
    leaf.node_tree.nodes["Principled BSDF"].inputs["Subsurface Weight"].default_value = 0.2
    # The leaves share one mesh, so one material slot covers them all.
    mesh = ctx.objects[0].data if ctx.objects else None
    if mesh is not None and not mesh.materials:
        mesh.materials.append(leaf)
