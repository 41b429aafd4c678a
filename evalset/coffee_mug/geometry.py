import bpy
import bmesh
import math


def lathe(name, profile, segments=64):
    """A surface of revolution around Z from (radius, z) points."""
    mesh = bpy.data.meshes.new(name)
    bm = bmesh.new()
    rings = []
    for r, z in profile:
        ring = []
        for i in range(segments):
            a = 2 * math.pi * i / segments
            ring.append(bm.verts.new((r * math.cos(a), r * math.sin(a), z)))
        rings.append(ring)
    for lo, hi in zip(rings, rings[1:]):
        for i in range(segments):
            j = (i + 1) % segments
            bm.faces.new((lo[i], lo[j], hi[j], hi[i]))
    bm.to_mesh(mesh)
    bm.free()
    obj = bpy.data.objects.new(name, mesh)
    return obj


def build_saucer(ctx):
    profile = [(0.0, 0.0), (0.045, 0.0), (0.06, 0.004), (0.072, 0.011), (0.075, 0.014),
               (0.07, 0.0135), (0.058, 0.008), (0.045, 0.006), (0.0, 0.006)]
    saucer = lathe("Saucer", profile)
    ctx.collection.objects.link(saucer)
    saucer.data.shade_smooth()


def build_body(ctx):
    outer = [(0.0, 0.013), (0.035, 0.013), (0.042, 0.017), (0.045, 0.025), (0.045, 0.108)]
    inner = [(0.041, 0.108), (0.041, 0.025), (0.036, 0.02), (0.0, 0.02)]
    body = lathe("Mug_Body", outer + inner)
    ctx.collection.objects.link(body)
    body.data.shade_smooth()


def build_handle(ctx):
    bpy.ops.mesh.primitive_torus_add(major_radius=0.026, minor_radius=0.0065, major_segments=40,
                                     minor_segments=12, location=(0.046, 0, 0.063))
    handle = bpy.context.active_object
    handle.name = "Mug_Handle"
    handle.rotation_euler = (math.radians(90), 0, 0)
    handle.scale = (0.8, 1.0, 1.15)
    handle.data.shade_smooth()


def build_coffee(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.0412, depth=0.003, location=(0, 0, 0.099))
    coffee = bpy.context.active_object
    coffee.name = "Coffee"
