import bpy
from mathutils import Vector


def compose_shelf(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0.05, -0.015))
    shelf = bpy.context.active_object
    shelf.name = "Shelf"
    shelf.scale = (1.2, 0.4, 0.03)
    mat = bpy.data.materials.new("Shelf_White")
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.8, 0.8, 0.78, 1.0)
    mat.diffuse_color = (0.8, 0.8, 0.78, 1.0)
    shelf.data.materials.append(mat)


def compose_camera(ctx):
    target = Vector((0.0, 0.0, 0.18))
    data = bpy.data.cameras.new("Camera")
    data.lens = 55
    data.clip_start = 0.01
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (0.0, -0.75, 0.32)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 1024
    scene.render.resolution_y = 1024
