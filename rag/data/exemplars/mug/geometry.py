import bpy
import bmesh
import math

RADIUS = 0.0425
HEIGHT = 0.1


def build_body(ctx):
    mesh = bpy.data.meshes.new("Mug_Body")
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=True, cap_tris=False, segments=48,
                          radius1=RADIUS, radius2=RADIUS, depth=HEIGHT)
    # Open the top: delete the cap face whose centre is highest.
    top = max(bm.faces, key=lambda f: f.calc_center_median().z)
    bmesh.ops.delete(bm, geom=[top], context='FACES_ONLY')
    bm.to_mesh(mesh)
    bm.free()
    body = bpy.data.objects.new("Mug_Body", mesh)
    body.location = (0, 0, HEIGHT / 2)
    ctx.collection.objects.link(body)
    wall = body.modifiers.new("Wall", 'SOLIDIFY')
    wall.thickness = 0.004
    wall.offset = -1.0  # grow inwards, keep the outside radius
    smooth = body.modifiers.new("Smooth", 'SUBSURF')
    smooth.levels = 1
    smooth.render_levels = 2
    body.data.shade_smooth()


def build_handle(ctx):
    curve = bpy.data.curves.new("Mug_Handle", type='CURVE')
    curve.dimensions = '3D'
    curve.bevel_depth = 0.006
    curve.bevel_resolution = 4
    spline = curve.splines.new('POLY')
    steps = 16
    spline.points.add(steps)  # a new spline has one point: steps + 1 in all
    for i, point in enumerate(spline.points):
        a = math.pi * i / steps - math.pi / 2  # a half circle bulging out along +X
        point.co = (RADIUS - 0.002 + 0.03 * math.cos(a), 0.0, HEIGHT / 2 + 0.032 * math.sin(a), 1.0)
    handle = bpy.data.objects.new("Mug_Handle", curve)
    ctx.collection.objects.link(handle)
