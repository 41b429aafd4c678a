import bpy
import bmesh
import math
from mathutils import Vector

# Lamp joints, in metres: the arm runs pivot -> elbow -> head.
PIVOT = Vector((0.0, 0.0, 0.055))
ELBOW = Vector((0.05, 0.0, 0.32))
HEAD = Vector((0.26, 0.0, 0.39))
SHADE_AXIS = Vector((0.45, 0.0, -0.89)).normalized()


def tube_between(name, start, end, radius, vertices=16):
    """A cylinder whose axis runs from start to end."""
    axis = end - start
    bpy.ops.mesh.primitive_cylinder_add(vertices=vertices, radius=radius, depth=axis.length,
                                        location=(start + end) / 2)
    obj = bpy.context.active_object
    obj.name = name
    obj.rotation_mode = 'QUATERNION'
    obj.rotation_quaternion = Vector((0, 0, 1)).rotation_difference(axis.normalized())
    return obj


def build_base(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.09, depth=0.025, location=(0, 0, 0.0125))
    base = bpy.context.active_object
    base.name = "Lamp_Base"
    bevel = base.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.006
    bevel.segments = 3
    bevel.limit_method = 'ANGLE'
    base.data.shade_smooth()


def build_switch(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0.055, 0.0, 0.029))
    switch = bpy.context.active_object
    switch.name = "Lamp_Switch"
    switch.scale = (0.025, 0.015, 0.009)
    switch.rotation_euler = (0.0, math.radians(8), 0.0)
    bevel = switch.modifiers.new("Bevel", 'BEVEL')
    bevel.width = 0.002
    bevel.segments = 2


def build_pivot(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.02, depth=0.03, location=(0, 0, 0.04))
    pivot = bpy.context.active_object
    pivot.name = "Lamp_Pivot"
    pivot.data.shade_smooth()


def build_lower_arm(ctx):
    arm = tube_between("Lamp_LowerArm", PIVOT, ELBOW, 0.008)
    arm.data.shade_smooth()


def build_elbow(ctx):
    bpy.ops.mesh.primitive_uv_sphere_add(segments=24, ring_count=12, radius=0.017, location=ELBOW)
    joint = bpy.context.active_object
    joint.name = "Lamp_Elbow"
    joint.data.shade_smooth()
    pin = tube_between("Lamp_ElbowPin", ELBOW - Vector((0, 0.022, 0)), ELBOW + Vector((0, 0.022, 0)), 0.006, 12)
    pin.parent = joint
    pin.matrix_parent_inverse = joint.matrix_world.inverted()


def build_upper_arm(ctx):
    arm = tube_between("Lamp_UpperArm", ELBOW, HEAD, 0.007)
    arm.data.shade_smooth()


def build_head_hinge(ctx):
    hinge = tube_between("Lamp_HeadHinge", HEAD - Vector((0, 0.02, 0)), HEAD + Vector((0, 0.02, 0)), 0.013, 24)
    hinge.data.shade_smooth()


def build_shade(ctx):
    # An open cone built with bmesh, then given wall thickness.
    mesh = bpy.data.meshes.new("Lamp_Shade")
    bm = bmesh.new()
    bmesh.ops.create_cone(bm, cap_ends=False, cap_tris=False, segments=48,
                          radius1=0.08, radius2=0.022, depth=0.13)
    bm.to_mesh(mesh)
    bm.free()
    shade = bpy.data.objects.new("Lamp_Shade", mesh)
    ctx.collection.objects.link(shade)
    shade.rotation_mode = 'QUATERNION'
    # The cone's narrow end (+Z) points back up the axis towards the hinge.
    shade.rotation_quaternion = Vector((0, 0, -1)).rotation_difference(SHADE_AXIS)
    shade.location = HEAD + SHADE_AXIS * 0.075
    solid = shade.modifiers.new("Thickness", 'SOLIDIFY')
    solid.thickness = 0.003
    solid.offset = 1.0
    shade.data.shade_smooth()


def build_bulb(ctx):
    centre = HEAD + SHADE_AXIS * 0.085
    bpy.ops.mesh.primitive_uv_sphere_add(segments=24, ring_count=12, radius=0.024, location=centre)
    bulb = bpy.context.active_object
    bulb.name = "Lamp_Bulb"
    bulb.data.shade_smooth()


def build_cord(ctx):
    curve = bpy.data.curves.new("Lamp_Cord", type='CURVE')
    curve.dimensions = '3D'
    curve.bevel_depth = 0.0035
    curve.bevel_resolution = 3
    spline = curve.splines.new('BEZIER')
    points = [(-0.07, 0.0, 0.006), (-0.17, 0.06, 0.0035), (-0.3, 0.02, 0.0035), (-0.42, 0.12, 0.0035)]
    spline.bezier_points.add(len(points) - 1)
    for bp, co in zip(spline.bezier_points, points):
        bp.co = co
        bp.handle_left_type = 'AUTO'
        bp.handle_right_type = 'AUTO'
    cord = bpy.data.objects.new("Lamp_Cord", curve)
    ctx.collection.objects.link(cord)
