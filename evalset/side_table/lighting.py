import bpy
import math


def light_key(ctx):
    data = bpy.data.lights.new("Key", type='AREA')
    data.energy = 160
    data.size = 1.0
    data.color = (1.0, 0.88, 0.72)
    key = bpy.data.objects.new("Key", data)
    ctx.collection.objects.link(key)
    key.location = (1.5, -1.0, 1.8)
    key.rotation_euler = (math.radians(45), 0, math.radians(55))


def light_fill(ctx):
    data = bpy.data.lights.new("Fill", type='AREA')
    data.energy = 50
    data.size = 1.5
    data.color = (0.75, 0.85, 1.0)
    fill = bpy.data.objects.new("Fill", data)
    ctx.collection.objects.link(fill)
    fill.location = (-1.6, -1.0, 1.2)
    fill.rotation_euler = (math.radians(60), 0, math.radians(-55))


def light_world(ctx):
    world = bpy.data.worlds.new("Dusk")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.12, 0.14, 0.2, 1.0)
    bg.inputs["Strength"].default_value = 0.8
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
