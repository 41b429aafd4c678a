import bpy
import math


def light_key(ctx):
    data = bpy.data.lights.new("Key", type='AREA')
    data.energy = 200
    data.size = 1.5
    key = bpy.data.objects.new("Key", data)
    ctx.collection.objects.link(key)
    key.location = (-1.2, -1.8, 2.0)
    key.rotation_euler = (math.radians(45), 0, math.radians(-35))


def light_fill(ctx):
    data = bpy.data.lights.new("Fill", type='AREA')
    data.energy = 80
    data.size = 2.0
    fill = bpy.data.objects.new("Fill", data)
    ctx.collection.objects.link(fill)
    fill.location = (1.8, -1.5, 1.0)
    fill.rotation_euler = (math.radians(70), 0, math.radians(50))


def light_world(ctx):
    world = bpy.data.worlds.new("Wall")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.6, 0.6, 0.6, 1.0)
    bg.inputs["Strength"].default_value = 0.7
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
