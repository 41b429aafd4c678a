def light_sun(ctx):
    data = bpy.data.lights.new("Sun", type='SUN')
    data.energy = 0.6
    data.angle = math.radians(4)
    data.color = (0.6, 0.7, 1.0)
    sun = bpy.data.objects.new("Sun", data)
    ctx.collection.objects.link(sun)
    sun.rotation_euler = (math.radians(62), 0, math.radians(-50))


def light_world(ctx):
    world = bpy.data.worlds.new("NightSky")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.02, 0.03, 0.08, 1.0)
    bg.inputs["Strength"].default_value = 0.3
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
