import bpy
import math


def light_window(ctx):
    data = bpy.data.lights.new("Window_Light", type='AREA')
    data.energy = 400
    data.size = 1.0
    data.color = (0.9, 0.95, 1.0)
    light = bpy.data.objects.new("Window_Light", data)
    ctx.collection.objects.link(light)
    light.location = (0.3, 1.35, 1.45)
    light.rotation_euler = (math.radians(-90), 0, 0)


def light_room(ctx):
    data = bpy.data.lights.new("Room_Fill", type='AREA')
    data.energy = 150
    data.size = 2.5
    data.color = (1.0, 0.95, 0.88)
    fill = bpy.data.objects.new("Room_Fill", data)
    ctx.collection.objects.link(fill)
    fill.location = (0.8, -1.2, 2.4)
    fill.rotation_euler = (math.radians(35), 0, math.radians(30))


def light_world(ctx):
    world = bpy.data.worlds.new("Overcast")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.8, 0.85, 0.9, 1.0)
    bg.inputs["Strength"].default_value = 0.6
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
