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


def snow():
    return principled("Snow", (0.9, 0.92, 0.95), roughness=0.6, Subsurface_Weight=0.3)


def material_base(ctx):
    assign(ctx.objects, snow())


def material_torso(ctx):
    assign(ctx.objects, snow())


def material_head(ctx):
    assign(ctx.objects, snow())


def material_hat(ctx):
    assign(ctx.objects, principled("Felt", (0.015, 0.015, 0.015), roughness=0.9))


def material_nose(ctx):
    assign(ctx.objects, principled("Carrot", (0.8, 0.25, 0.02), roughness=0.5))


def material_scarf(ctx):
    assign(ctx.objects, principled("Wool_Red", (0.5, 0.02, 0.03), roughness=0.95, Sheen_Weight=0.5))


def material_coal(ctx):
    assign(ctx.objects, principled("Coal", (0.01, 0.01, 0.01), roughness=0.7))
