def compose_camera(ctx):
    target = Vector((0.01, 0.0, 0.05))
    data = bpy.data.cameras.new("Camera")
    data.lens = 60
    data.clip_start = 0.01
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (0.06, -0.18, 0.42)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 1024
    scene.render.resolution_y = 1024
