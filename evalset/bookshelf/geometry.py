import bpy
import random

W, D, H, T = 0.8, 0.3, 1.2, 0.025
LEVELS = (T, 0.4, 0.8)


def board(name, size, location):
    bpy.ops.mesh.primitive_cube_add(size=1, location=location)
    obj = bpy.context.active_object
    obj.name = name
    obj.scale = size
    return obj


def build_frame(ctx):
    for sx in (-1, 1):
        board("Shelf_Side", (T, D, H), (sx * (W - T) / 2, 0, H / 2))
    board("Shelf_Top", (W, D, T), (0, 0, H - T / 2))
    board("Shelf_Bottom", (W, D, T), (0, 0, T / 2))
    board("Shelf_Back", (W, 0.01, H), (0, D / 2 - 0.005, H / 2))


def build_shelves(ctx):
    for z in LEVELS[1:]:
        board("Shelf_Board", (W - 2 * T, D - 0.01, T), (0, 0, z))


def build_books(ctx):
    for base in LEVELS:
        x = -W / 2 + T + 0.01
        floor = base + T / 2
        while x < W / 2 - T - 0.06:
            width = random.uniform(0.02, 0.045)
            height = random.uniform(0.22, 0.33)
            book = board("Book", (width, random.uniform(0.17, 0.22), height), (x + width / 2, -0.02, floor + height / 2))
            if random.random() < 0.12:
                book.rotation_euler.y = 0.15
            x += width + 0.002


def build_plant(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.06, depth=0.1, location=(0.22, 0, H + 0.05))
    bpy.context.active_object.name = "Plant_Pot"
    bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2, radius=0.09, location=(0.22, 0, H + 0.17))
    leaves = bpy.context.active_object
    leaves.name = "Plant_Leaves"
