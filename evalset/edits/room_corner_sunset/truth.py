def light_window(ctx):
    data = bpy.data.lights.new("Window_Light", type='AREA')
    data.energy = 350
    data.size = 1.0
    data.color = (1.0, 0.55, 0.25)
    light = bpy.data.objects.new("Window_Light", data)
    ctx.collection.objects.link(light)
    light.location = (0.3, 1.35, 1.45)
    light.rotation_euler = (math.radians(-90), 0, 0)
