import bpy


def material_posts(ctx):
    paint_all(ctx.objects)


def material_rails(ctx):
    paint_all(ctx.objects)


def material_pickets(ctx):
    paint_all(ctx.objects)


def paint_all(objects):
    mat = bpy.data.materials.get("Fence_WhitePaint")
    if mat is None:
        mat = bpy.data.materials.new("Fence_WhitePaint")
        if mat.node_tree is None:  # Blender < 5.0 makes node trees on request
            mat.use_nodes = True
        bsdf = mat.node_tree.nodes["Principled BSDF"]
        bsdf.inputs["Base Color"].default_value = (0.92, 0.92, 0.9, 1.0)
        bsdf.inputs["Roughness"].default_value = 0.6
        mat.diffuse_color = (0.92, 0.92, 0.9, 1.0)
    for obj in objects:
        obj.data.materials.append(mat)
