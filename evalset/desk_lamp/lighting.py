import bpy
import math
from mathutils import Vector


def light_key(ctx):
    key_data = bpy.data.lights.new("Key", type='AREA')
    key_data.energy = 14
    key_data.size = 0.6
    key_data.color = (1.0, 0.93, 0.85)
    key = bpy.data.objects.new("Key", key_data)
    ctx.collection.objects.link(key)
    key.location = (-0.6, -0.7, 0.9)
    key.rotation_euler = (math.radians(50), 0.0, math.radians(-40))


def light_fill(ctx):
    fill_data = bpy.data.lights.new("Fill", type='AREA')
    fill_data.energy = 6
    fill_data.size = 1.0
    fill_data.color = (0.85, 0.9, 1.0)
    fill = bpy.data.objects.new("Fill", fill_data)
    ctx.collection.objects.link(fill)
    fill.location = (0.9, -0.5, 0.5)
    fill.rotation_euler = (math.radians(65), 0.0, math.radians(60))


def light_world(ctx):
    world = bpy.data.worlds.new("Studio")
    if world.node_tree is None:  # Blender < 5.0 makes node trees on request
        world.use_nodes = True
    background = world.node_tree.nodes["Background"]
    background.inputs["Color"].default_value = (0.02, 0.02, 0.024, 1.0)
    background.inputs["Strength"].default_value = 1.0
    bpy.context.scene.world = world
    bpy.context.scene.view_settings.view_transform = 'AgX'


def light_practical(ctx):
    # The lamp is on: a warm spot from the bulb along the shade's axis.
    bulb = ctx.object("Lamp_Bulb")
    spot_data = bpy.data.lights.new("Lamp_Glow", type='SPOT')
    spot_data.energy = 18
    spot_data.spot_size = math.radians(75)
    spot_data.spot_blend = 0.6
    spot_data.shadow_soft_size = 0.02
    spot_data.color = (1.0, 0.78, 0.5)
    spot = bpy.data.objects.new("Lamp_Glow", spot_data)
    ctx.collection.objects.link(spot)
    aim = ctx.object("Lamp_Shade").rotation_quaternion
    spot.rotation_mode = 'QUATERNION'
    spot.rotation_quaternion = aim
    # Just below the bulb's glass, or the bulb would shadow its own light.
    spot.location = bulb.location + (aim @ Vector((0, 0, -1))) * 0.03
