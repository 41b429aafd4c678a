import bpy
import random


def principled(name, color, metallic=0.0, roughness=0.5, **extra):
    mat = bpy.data.materials.get(name)
    if mat is not None:
        return mat
    mat = bpy.data.materials.new(name)
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Roughness"].default_value = roughness
    for socket, value in extra.items():
        bsdf.inputs[socket.replace("_", " ")].default_value = value
    mat.diffuse_color = (*color, 1.0)
    return mat


def assign(objects, mat):
    for obj in objects:
        obj.data.materials.clear()
        obj.data.materials.append(mat)
COVERS = ((0.55, 0.05, 0.04), (0.05, 0.15, 0.45), (0.75, 0.55, 0.1), (0.08, 0.3, 0.12),
          (0.5, 0.45, 0.38), (0.12, 0.1, 0.1), (0.6, 0.25, 0.35))


def lacquer():
    return principled("White_Lacquer", (0.82, 0.82, 0.8), roughness=0.3)


def material_frame(ctx):
    assign(ctx.objects, lacquer())


def material_shelves(ctx):
    assign(ctx.objects, lacquer())


def material_books(ctx):
    mats = [principled(f"Book_Cover_{i}", c, roughness=0.6) for i, c in enumerate(COVERS)]
    for obj in ctx.objects:
        obj.data.materials.clear()
        obj.data.materials.append(random.choice(mats))


def material_plant(ctx):
    pot = principled("Pot_Terracotta", (0.55, 0.22, 0.1), roughness=0.9)
    leaves = principled("Leaves", (0.06, 0.25, 0.05), roughness=0.6)
    for obj in ctx.objects:
        obj.data.materials.clear()
        obj.data.materials.append(pot if obj.name.startswith("Plant_Pot") else leaves)
