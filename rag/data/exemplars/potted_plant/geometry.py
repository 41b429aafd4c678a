import bpy
import bmesh
import math
import random
from mathutils import Vector

POT_H = 0.18


def build_pot(ctx):
    mesh = bpy.data.meshes.new("Plant_Pot")
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, cap_tris=False, segments=40, radius1=0.075, radius2=0.1, depth=POT_H)
    top = max(bm.faces, key=lambda f: f.calc_center_median().z)
    bmesh.ops.delete(bm, geom=[top], context='FACES_ONLY')
    bm.to_mesh(mesh)
    bm.free()
    pot = bpy.data.objects.new("Plant_Pot", mesh)
    pot.location = (0, 0, POT_H / 2)
    ctx.collection.objects.link(pot)
    wall = pot.modifiers.new("Wall", 'SOLIDIFY')
    wall.thickness = 0.008
    wall.offset = -1.0
    bpy.ops.mesh.primitive_torus_add(major_radius=0.102, minor_radius=0.01, location=(0, 0, POT_H))
    rim = bpy.context.active_object
    rim.name = "Plant_PotRim"
    rim.data.shade_smooth()


def build_soil(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=40, radius=0.09, depth=0.01, location=(0, 0, POT_H - 0.02))
    bpy.context.active_object.name = "Plant_Soil"


def build_leaves(ctx):
    leaf_mesh = bpy.data.meshes.new("Plant_Leaf")
    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=12, v_segments=6, radius=1.0)
    bmesh.ops.scale(bm, vec=(0.06, 0.025, 0.004), verts=bm.verts)
    bmesh.ops.translate(bm, vec=(0.06, 0, 0), verts=bm.verts)  # pivot at the leaf's base
    bm.to_mesh(leaf_mesh)
    bm.free()
    leaf_mesh.shade_smooth()
    for i in range(28):
        # Leaves share one mesh (linked duplicates): cheap, and one edit changes all.
        leaf = bpy.data.objects.new(f"Plant_Leaf_{i:02d}", leaf_mesh)
        height = POT_H + random.uniform(0.04, 0.2)
        turn = random.uniform(0, 2 * math.pi)
        leaf.location = Vector((0.02 * math.cos(turn), 0.02 * math.sin(turn), height))
        leaf.rotation_euler = (random.uniform(-0.3, 0.3), -random.uniform(0.2, 0.8), turn)
        s = random.uniform(0.8, 1.3)
        leaf.scale = (s, s, s)
        ctx.collection.objects.link(leaf)
