import bpy


def principled(name, color, metallic=0.0, roughness=0.5, **extra):
    """A Principled BSDF material; reuses one of the same name made earlier in this stage."""
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


def oak():
    return principled("Chair_Oak", (0.45, 0.27, 0.12), roughness=0.45, Coat_Weight=0.2)


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def material_seat(ctx):
    assign(ctx.objects, principled("Chair_OakSeat", (0.38, 0.21, 0.09), roughness=0.4, Coat_Weight=0.3))


def material_legs(ctx):
    assign(ctx.objects, oak())


def material_stretchers(ctx):
    assign(ctx.objects, oak())


def material_back_posts(ctx):
    assign(ctx.objects, oak())


def material_top_rail(ctx):
    assign(ctx.objects, oak())


def material_spindles(ctx):
    assign(ctx.objects, oak())
