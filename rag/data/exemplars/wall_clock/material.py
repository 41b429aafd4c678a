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


def material_rim(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Clock_Copper", (0.75, 0.4, 0.25), roughness=0.3, metallic=1.0))


def material_face(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Clock_Dial", (0.95, 0.95, 0.92), roughness=0.6))


def material_markers(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Clock_Ink", (0.02, 0.02, 0.02), roughness=0.5))


def material_hands(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Clock_Ink", (0.02, 0.02, 0.02), roughness=0.5))
