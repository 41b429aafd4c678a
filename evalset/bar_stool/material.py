import bpy


def principled(name, color, metallic=0.0, roughness=0.5, **extra):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Roughness"].default_value = roughness
    for socket, value in extra.items():
        bsdf.inputs[socket.replace("_", " ")].default_value = value
    mat.diffuse_color = (*color, 1.0)
    return mat


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def material_seat(ctx):
    assign(ctx.objects, principled("Mustard_Fabric", (0.62, 0.38, 0.04), roughness=0.85, Sheen_Weight=0.4))


def material_legs(ctx):
    assign(ctx.objects, principled("Black_Steel", (0.02, 0.02, 0.02), metallic=0.8, roughness=0.45))


def material_footrest(ctx):
    assign(ctx.objects, principled("Chrome", (0.9, 0.9, 0.92), metallic=1.0, roughness=0.08))
