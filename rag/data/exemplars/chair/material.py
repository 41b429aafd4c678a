import bpy


def wood(name, color, roughness=0.55):
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


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def material_seat(ctx):
    assign(ctx.objects, wood("Chair_Oak", (0.42, 0.26, 0.12), roughness=0.45))


def material_legs(ctx):
    assign(ctx.objects, wood("Chair_DarkOak", (0.25, 0.15, 0.07)))


def material_back(ctx):
    assign(ctx.objects, wood("Chair_DarkOak", (0.25, 0.15, 0.07)))
