def light_key(ctx):
    data = bpy.data.lights.new("Key", type='AREA')
    data.energy = 30
    data.size = 1.5
    data.color = (0.85, 0.92, 1.0)
    key = bpy.data.objects.new("Key", data)
    ctx.collection.objects.link(key)
    key.location = (0.6, -0.5, 0.6)
    key.rotation_euler = (math.radians(50), 0, math.radians(50))
