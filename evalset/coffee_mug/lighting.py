import bpy
import math


def light_window(ctx):
    data = bpy.data.lights.new("Window", type='AREA')
    data.energy = 18
    data.size = 0.5
    data.color = (1.0, 0.9, 0.78)
    light = bpy.data.objects.new("Window", data)
    ctx.collection.objects.link(light)
    light.location = (-0.5, -0.25, 0.45)
    light.rotation_euler = (math.radians(55), 0, math.radians(-65))


def light_bounce(ctx):
    data = bpy.data.lights.new("Bounce", type='AREA')
    data.energy = 4
    data.size = 0.6
    bounce = bpy.data.objects.new("Bounce", data)
    ctx.collection.objects.link(bounce)
    bounce.location = (0.5, -0.2, 0.2)
    bounce.rotation_euler = (math.radians(75), 0, math.radians(70))


def light_world(ctx):
    world = bpy.data.worlds.new("Cafe")
    if world.node_tree is None:
        world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.12, 0.08, 0.05, 1.0)
    bg.inputs["Strength"].default_value = 0.8
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'
