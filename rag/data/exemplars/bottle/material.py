import bpy


def principled(name, color, roughness=0.5):
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    mat.diffuse_color = (*color, 1.0)
    return mat


def material_bottle(ctx):
    glass = principled("Bottle_GreenGlass", (0.1, 0.35, 0.12), roughness=0.05)
    bsdf = glass.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Transmission Weight"].default_value = 1.0
    bsdf.inputs["IOR"].default_value = 1.52
    glass.surface_render_method = 'BLENDED'
    glass.use_raytrace_refraction = True
    for obj in ctx.objects:
        obj.data.materials.append(glass)


def material_cork(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Bottle_Cork", (0.55, 0.4, 0.22), roughness=0.9))


def material_label(ctx):
    for obj in ctx.objects:
        obj.data.materials.append(principled("Bottle_Paper", (0.9, 0.86, 0.75), roughness=0.85))
