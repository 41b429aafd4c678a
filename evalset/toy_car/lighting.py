import bpy
import math


def light_top(ctx):
    data = bpy.data.lights.new("Top", type='AREA')
    data.energy = 40
    data.size = 0.8
    top = bpy.data.objects.new("Top", data)
    ctx.collection.objects.link(top)
    top.location = (0.3, -0.3, 0.8)
    top.rotation_euler = (math.radians(30), 0, math.radians(45))


def light_fill(ctx):
    data = bpy.data.lights.new("Fill", type='AREA')
    data.energy = 10
    data.size = 1.0
    data.color = (0.8, 0.88, 1.0)
    fill = bpy.data.objects.new("Fill", data)
    ctx.collection.objects.link(fill)
    fill.location = (-0.6, -0.4, 0.4)
    fill.rotation_euler = (math.radians(60), 0, math.radians(-55))


def light_world(ctx):
    world = bpy.data.worlds.new("Sky")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.55, 0.6, 0.68, 1.0)
    bg.inputs["Strength"].default_value = 0.5
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
