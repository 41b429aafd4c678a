import bpy
import bmesh

CEILING = 2.6
SHADE_TOP = CEILING - 0.8


def build_canopy(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.06, depth=0.03, location=(0, 0, CEILING - 0.015))
    canopy = bpy.context.active_object
    canopy.name = "Pendant_Canopy"
    canopy.data.shade_smooth()


def build_cable(ctx):
    curve = bpy.data.curves.new("Pendant_Cable", type='CURVE')
    curve.dimensions = '3D'
    curve.bevel_depth = 0.003
    spline = curve.splines.new('POLY')
    spline.points.add(1)
    spline.points[0].co = (0, 0, CEILING - 0.03, 1.0)
    spline.points[1].co = (0, 0, SHADE_TOP, 1.0)
    cable = bpy.data.objects.new("Pendant_Cable", curve)
    ctx.collection.objects.link(cable)


def build_shade(ctx):
    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=48, v_segments=24, radius=0.18)
    # Keep the upper half: a dome open at the bottom.
    bmesh.ops.delete(bm, geom=[v for v in bm.verts if v.co.z < -1e-4], context='VERTS')
    mesh = bpy.data.meshes.new("Pendant_Shade")
    bm.to_mesh(mesh)
    bm.free()
    shade = bpy.data.objects.new("Pendant_Shade", mesh)
    shade.location = (0, 0, SHADE_TOP - 0.18)
    ctx.collection.objects.link(shade)
    wall = shade.modifiers.new("Wall", 'SOLIDIFY')
    wall.thickness = 0.002
    shade.data.shade_smooth()


def build_bulb(ctx):
    bpy.ops.mesh.primitive_uv_sphere_add(segments=24, ring_count=12, radius=0.035, location=(0, 0, SHADE_TOP - 0.16))
    bulb = bpy.context.active_object
    bulb.name = "Pendant_Bulb"
    bulb.data.shade_smooth()
