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


def material_saucer(ctx):
    assign(ctx.objects, principled("Porcelain", (0.85, 0.85, 0.82), roughness=0.12, Coat_Weight=0.5))


def material_body(ctx):
    assign(ctx.objects, principled("Teal_Glaze", (0.02, 0.28, 0.3), roughness=0.15, Coat_Weight=0.8))


def material_handle(ctx):
    assign(ctx.objects, principled("Teal_Glaze", (0.02, 0.28, 0.3), roughness=0.15, Coat_Weight=0.8))


def material_coffee(ctx):
    assign(ctx.objects, principled("Coffee", (0.03, 0.012, 0.005), roughness=0.05))
