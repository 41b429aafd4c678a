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


def cactus():
    return principled("Cactus", (0.08, 0.25, 0.07), roughness=0.55)


def material_pot(ctx):
    assign(ctx.objects, principled("Terracotta", (0.55, 0.2, 0.09), roughness=0.9))


def material_soil(ctx):
    assign(ctx.objects, principled("Soil", (0.05, 0.03, 0.02), roughness=1.0))


def material_stem(ctx):
    assign(ctx.objects, cactus())


def material_arms(ctx):
    assign(ctx.objects, cactus())
