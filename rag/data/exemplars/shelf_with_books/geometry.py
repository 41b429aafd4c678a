import bpy
import math
import random

SHELF_Z = 1.2
START_X, END_X = -0.38, 0.36


def build_shelf(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=(0, 0, SHELF_Z - 0.015), scale=(0.9, 0.22, 0.03))
    shelf = bpy.context.active_object
    shelf.name = "Shelf_Board"
    bevel = shelf.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.003
    bevel.segments = 2


def build_books(ctx):
    # random is seeded per part by CodeForm: the same books every time this part runs.
    x = START_X + 0.03
    i = 0
    while x < END_X - 0.06:
        thick = random.uniform(0.018, 0.045)
        height = random.uniform(0.17, 0.25)
        depth = random.uniform(0.13, 0.17)
        lean = math.radians(random.uniform(4, 12)) if random.random() < 0.15 else 0.0
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=(x + thick / 2, 0, SHELF_Z + height / 2),
                                        scale=(thick, depth, height))
        book = bpy.context.active_object
        book.name = f"Book_{i:02d}"
        book.rotation_euler = (0, lean, 0)
        book["spine_colour"] = i % 5  # which cover colour the material part gives it
        x += thick + (0.012 if lean else 0.002)
        i += 1


def build_bookends(ctx):
    for side, x in (("L", START_X), ("R", END_X)):
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=(x, 0, SHELF_Z + 0.07), scale=(0.006, 0.12, 0.14))
        bpy.context.active_object.name = f"Bookend_{side}"
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=(x, 0, SHELF_Z + 0.003), scale=(0.05, 0.12, 0.006))
        bpy.context.active_object.name = f"Bookend_{side}_Foot"
