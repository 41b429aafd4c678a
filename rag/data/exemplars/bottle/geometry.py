import bpy
import bmesh
import math

# Outer profile (radius, height) from the bottom centre up to the lip.
PROFILE = [(0.0, 0.0), (0.036, 0.0), (0.0375, 0.01), (0.0375, 0.19), (0.03, 0.22), (0.014, 0.25),
           (0.012, 0.29), (0.014, 0.3)]


def build_bottle(ctx):
    bm = bmesh.new()
    verts = [bm.verts.new((r, 0.0, z)) for r, z in PROFILE]
    edges = [bm.edges.new((a, b)) for a, b in zip(verts, verts[1:])]
    bmesh.ops.spin(bm, geom=verts + edges, cent=(0, 0, 0), axis=(0, 0, 1),
                   angle=2 * math.pi, steps=48, use_duplicate=False)
    bmesh.ops.remove_doubles(bm, verts=bm.verts, dist=1e-5)
    mesh = bpy.data.meshes.new("Bottle")
    bm.to_mesh(mesh)
    bm.free()
    bottle = bpy.data.objects.new("Bottle", mesh)
    ctx.collection.objects.link(bottle)
    wall = bottle.modifiers.new("Glass", 'SOLIDIFY')
    wall.thickness = 0.003
    bottle.data.shade_smooth()


def build_cork(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=24, radius=0.0105, depth=0.03, location=(0, 0, 0.292))
    cork = bpy.context.active_object
    cork.name = "Bottle_Cork"
    cork.data.shade_smooth()


def build_label(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.0385, depth=0.08, end_fill_type='NOTHING',
                                        location=(0, 0, 0.1))
    label = bpy.context.active_object
    label.name = "Bottle_Label"
    label.data.shade_smooth()
