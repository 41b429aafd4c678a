import bpy
import math

DOOR_W, DOOR_H, DOOR_T = 0.82, 2.0, 0.04
FRAME = 0.07


def block(name, size, location):
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=location, scale=size)
    obj = bpy.context.active_object
    obj.name = name
    return obj


def build_slab(ctx):
    block("Door_Slab", (DOOR_W, DOOR_T, DOOR_H), (0, 0, DOOR_H / 2))


def build_panels(ctx):
    for row, z in enumerate((0.55, 1.45)):
        for col, x in enumerate((-0.19, 0.19)):
            panel = block(f"Door_Panel_{row}{col}", (0.28, 0.012, 0.7 if row else 0.6), (x, -DOOR_T / 2 - 0.005, z))
            bevel = panel.modifiers.new("Raised", 'BEVEL')
            bevel.width = 0.005
            bevel.segments = 2


def build_frame(ctx):
    x = DOOR_W / 2 + FRAME / 2 + 0.003
    block("Door_Jamb_L", (FRAME, 0.12, DOOR_H + FRAME), (-x, 0, (DOOR_H + FRAME) / 2))
    block("Door_Jamb_R", (FRAME, 0.12, DOOR_H + FRAME), (x, 0, (DOOR_H + FRAME) / 2))
    block("Door_Head", (DOOR_W + 2 * FRAME + 0.006, 0.12, FRAME), (0, 0, DOOR_H + FRAME / 2 + 0.003))


def build_handle(ctx):
    x, z, y = DOOR_W / 2 - 0.08, 1.0, -DOOR_T / 2
    bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.03, depth=0.01, location=(x, y - 0.005, z),
                                        rotation=(math.pi / 2, 0, 0))
    rose = bpy.context.active_object
    rose.name = "Door_Rose"
    rose.data.shade_smooth()
    bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.008, depth=0.05, location=(x, y - 0.03, z),
                                        rotation=(math.pi / 2, 0, 0))
    bpy.context.active_object.name = "Door_Spindle"
    bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.009, depth=0.12, location=(x - 0.06, y - 0.055, z),
                                        rotation=(0, math.pi / 2, 0))
    lever = bpy.context.active_object
    lever.name = "Door_Lever"
    lever.data.shade_smooth()
