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


def material_chassis(ctx):
    assign(ctx.objects, principled("Car_Red", (0.6, 0.03, 0.02), roughness=0.25, Coat_Weight=0.6))


def material_cabin(ctx):
    assign(ctx.objects, principled("Car_White", (0.8, 0.8, 0.78), roughness=0.35))


def material_windows(ctx):
    assign(ctx.objects, principled("Car_Glass", (0.02, 0.05, 0.12), roughness=0.05))


def material_wheels(ctx):
    assign(ctx.objects, principled("Car_Rubber", (0.02, 0.02, 0.02), roughness=0.8))


def material_headlights(ctx):
    assign(ctx.objects, principled("Car_Headlight", (1.0, 0.85, 0.3), roughness=0.2,
                                   Emission_Color=(1.0, 0.8, 0.3, 1.0), Emission_Strength=3.0))
