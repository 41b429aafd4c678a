import bpy
import bmesh


def build_base(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.08, depth=0.03, location=(0, 0, 0.015))
    base = bpy.context.active_object
    base.name = "Lamp_Base"
    bevel = base.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.006
    bevel.segments = 3
    bevel.limit_method = 'ANGLE'
    base.data.shade_smooth()


def build_stem(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=0.006, depth=0.32, location=(0, 0, 0.19))
    stem = bpy.context.active_object
    stem.name = "Lamp_Stem"
    stem.data.shade_smooth()


def build_shade(ctx):
    # An open truncated cone (no caps) given a wall by a solidify modifier.
    mesh = bpy.data.meshes.new("Lamp_Shade")
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=False, cap_tris=False, segments=48,
                          radius1=0.13, radius2=0.1, depth=0.18)
    bm.to_mesh(mesh)
    bm.free()
    shade = bpy.data.objects.new("Lamp_Shade", mesh)
    shade.location = (0, 0, 0.36)
    ctx.collection.objects.link(shade)
    wall = shade.modifiers.new("Wall", 'SOLIDIFY')
    wall.thickness = 0.003
    shade.data.shade_smooth()


def build_bulb(ctx):
    bpy.ops.mesh.primitive_uv_sphere_add(segments=24, ring_count=12, radius=0.03, location=(0, 0, 0.37))
    bulb = bpy.context.active_object
    bulb.name = "Lamp_Bulb"
    bulb.data.shade_smooth()


def build_cord(ctx):
    curve = bpy.data.curves.new("Lamp_Cord", type='CURVE')
    curve.dimensions = '3D'
    curve.bevel_depth = 0.004
    curve.bevel_resolution = 3
    spline = curve.splines.new('BEZIER')
    points = [(-0.07, 0.0, 0.004), (-0.2, 0.08, 0.004), (-0.35, 0.02, 0.004), (-0.5, 0.12, 0.004)]
    spline.bezier_points.add(len(points) - 1)
    for point, co in zip(spline.bezier_points, points):
        point.co = co
        point.handle_left_type = 'AUTO'
        point.handle_right_type = 'AUTO'
    cord = bpy.data.objects.new("Lamp_Cord", curve)
    ctx.collection.objects.link(cord)
