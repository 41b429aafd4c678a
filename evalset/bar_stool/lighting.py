import bpy
import math


def light_key(ctx):
    data = bpy.data.lights.new("Key", type='AREA')
    data.energy = 150
    data.size = 1.2
    key = bpy.data.objects.new("Key", data)
    ctx.collection.objects.link(key)
    key.location = (1.4, -1.2, 2.0)
    key.rotation_euler = (math.radians(45), 0, math.radians(50))


def light_world(ctx):
    world = bpy.data.worlds.new("Backdrop")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.7, 0.7, 0.72, 1.0)
    bg.inputs["Strength"].default_value = 0.9
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'Standard'
