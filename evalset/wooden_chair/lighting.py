import bpy
import math


def light_key(ctx):
    data = bpy.data.lights.new("Key", type='AREA')
    data.energy = 220
    data.size = 1.5
    data.color = (1.0, 0.96, 0.9)
    key = bpy.data.objects.new("Key", data)
    ctx.collection.objects.link(key)
    key.location = (-1.8, -1.2, 2.4)
    key.rotation_euler = (math.radians(40), 0, math.radians(-55))


def light_fill(ctx):
    data = bpy.data.lights.new("Fill", type='AREA')
    data.energy = 60
    data.size = 2.0
    data.color = (0.85, 0.9, 1.0)
    fill = bpy.data.objects.new("Fill", data)
    ctx.collection.objects.link(fill)
    fill.location = (1.8, -1.0, 1.2)
    fill.rotation_euler = (math.radians(70), 0, math.radians(60))


def light_world(ctx):
    world = bpy.data.worlds.new("Studio")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.42, 0.4, 0.37, 1.0)
    bg.inputs["Strength"].default_value = 0.6
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
