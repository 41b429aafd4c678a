import bpy
from mathutils import Vector


def compose_camera(ctx):
    target = Vector((0.0, 0.0, 0.7))
    data = bpy.data.cameras.new("Camera")
    data.lens = 45
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (1.1, -2.36, 1.0)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 768
    scene.render.resolution_y = 1024
