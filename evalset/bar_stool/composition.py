import bpy
from mathutils import Vector


def compose_camera(ctx):
    target = Vector((0.0, 0.0, 0.42))
    data = bpy.data.cameras.new("Camera")
    data.lens = 50
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (-0.68, -1.88, 1.3)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 768
    scene.render.resolution_y = 1024
