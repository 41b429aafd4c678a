import bpy
from mathutils import Vector


def compose_camera(ctx):
    target = Vector((-0.2, 0.6, 0.8))
    data = bpy.data.cameras.new("Camera")
    data.lens = 28
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (1.6, -2.52, 1.5)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 1024
    scene.render.resolution_y = 768
