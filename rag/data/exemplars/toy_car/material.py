import bpy


def plastic(name, color, roughness=0.3, emission=0.0):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    if emission:
        bsdf.inputs["Emission Color"].default_value = (*color, 1.0)
        bsdf.inputs["Emission Strength"].default_value = emission
    mat.diffuse_color = (*color, 1.0)
    return mat


def paint(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)


def material_body(ctx):
    paint(ctx.objects, plastic("Car_Red", (0.7, 0.05, 0.03)))


def material_cabin(ctx):
    paint(ctx.objects, plastic("Car_Cream", (0.9, 0.85, 0.7)))


def material_wheels(ctx):
    paint(ctx.objects, plastic("Car_Tyre", (0.02, 0.02, 0.02), roughness=0.8))


def material_lights(ctx):
    paint(ctx.objects, plastic("Car_Light", (1.0, 0.95, 0.7), roughness=0.1, emission=4.0))
