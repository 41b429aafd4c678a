import bpy


def principled(name, color, roughness=0.5):
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
        obj.data.materials.append(mat)


def material_frame(ctx):
    assign(ctx.objects, principled("Window_Paint", (0.9, 0.9, 0.88), roughness=0.4))


def material_mullions(ctx):
    assign(ctx.objects, principled("Window_Paint", (0.9, 0.9, 0.88), roughness=0.4))


def material_sill(ctx):
    assign(ctx.objects, principled("Window_Stone", (0.6, 0.58, 0.55), roughness=0.7))


def material_glass(ctx):
    glass = principled("Window_Glass", (0.9, 0.95, 1.0), roughness=0.02)
    bsdf = glass.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Transmission Weight"].default_value = 1.0  # "Transmission" before 4.0
    bsdf.inputs["IOR"].default_value = 1.5
    glass.surface_render_method = 'BLENDED'  # EEVEE: see through it
    glass.diffuse_color = (0.8, 0.9, 1.0, 0.3)
    assign(ctx.objects, glass)
