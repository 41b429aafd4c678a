import bpy
from mathutils import Vector


def compose_floor(ctx):
    bpy.ops.mesh.primitive_plane_add(size=3, location=(0, 0, 0))
    floor = bpy.context.active_object
    floor.name = "Floor"
    mat = bpy.data.materials.new("Floor_Pale")
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.7, 0.68, 0.62, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.7
    mat.diffuse_color = (0.7, 0.68, 0.62, 1.0)
    floor.data.materials.append(mat)


def compose_camera(ctx):
    target = Vector((0.0, 0.0, 0.07))
    data = bpy.data.cameras.new("Camera")
    data.lens = 50
    data.clip_start = 0.01
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (0.46, -0.39, 0.3)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 1024
    scene.render.resolution_y = 768
