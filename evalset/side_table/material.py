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


def metal():
    return principled("Black_Metal", (0.015, 0.015, 0.015), metallic=0.7, roughness=0.5)


def material_top(ctx):
    assign(ctx.objects, principled("Walnut", (0.18, 0.08, 0.035), roughness=0.35, Coat_Weight=0.3))


def material_column(ctx):
    assign(ctx.objects, metal())


def material_base(ctx):
    assign(ctx.objects, metal())


def material_vase(ctx):
    assign(ctx.objects, principled("Blue_Glaze", (0.02, 0.06, 0.35), roughness=0.1, Coat_Weight=1.0))
