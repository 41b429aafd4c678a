import bpy
import math


def light_key(ctx):
    data = bpy.data.lights.new("Key", type='AREA')
    data.energy = 25
    data.size = 0.5
    data.color = (1.0, 0.9, 0.8)
    key = bpy.data.objects.new("Key", data)
    ctx.collection.objects.link(key)
    key.location = (0.6, -0.5, 0.6)
    key.rotation_euler = (math.radians(50), 0, math.radians(50))


def light_fill(ctx):
    data = bpy.data.lights.new("Fill", type='AREA')
    data.energy = 8
    data.size = 0.8
    fill = bpy.data.objects.new("Fill", data)
    ctx.collection.objects.link(fill)
    fill.location = (-0.6, -0.6, 0.4)
    fill.rotation_euler = (math.radians(60), 0, math.radians(-45))


def light_world(ctx):
    world = bpy.data.worlds.new("Wall")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.75, 0.72, 0.66, 1.0)
    bg.inputs["Strength"].default_value = 0.8
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
