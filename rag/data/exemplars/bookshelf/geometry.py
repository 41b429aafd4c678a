import bpy
from mathutils import Matrix

WIDTH, DEPTH, HEIGHT, BOARD = 0.8, 0.3, 1.8, 0.02


def board(name, size, location):
    """A box made by the cube operator, its scale applied to the mesh so bevels stay even."""
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=location)
    obj = bpy.context.active_object
    obj.name = name
    obj.data.transform(Matrix.Diagonal((*size, 1.0)))
    return obj


def build_carcass(ctx):
    for side, x in (("L", -(WIDTH - BOARD) / 2), ("R", (WIDTH - BOARD) / 2)):
        board(f"Shelf_Side_{side}", (BOARD, DEPTH, HEIGHT), (x, 0, HEIGHT / 2))
    board("Shelf_Top", (WIDTH, DEPTH, BOARD), (0, 0, HEIGHT - BOARD / 2))
    board("Shelf_Plinth", (WIDTH - 2 * BOARD, DEPTH - 0.03, 0.08), (0, -0.015, 0.04))


def build_shelves(ctx):
    inner = WIDTH - 2 * BOARD
    for i in range(4):
        z = 0.08 + (i + 1) * (HEIGHT - 0.1) / 5
        board(f"Shelf_Board_{i}", (inner, DEPTH - 0.02, BOARD), (0, -0.01, z))


def build_back(ctx):
    board("Shelf_Back", (WIDTH, 0.006, HEIGHT), (0, DEPTH / 2 - 0.003, HEIGHT / 2))
