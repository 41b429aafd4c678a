import bpy
import bmesh
import math


def build_pot(ctx):
    profile = [(0.0, 0.0), (0.055, 0.0), (0.07, 0.105), (0.08, 0.108), (0.082, 0.125), (0.078, 0.14),
               (0.07, 0.14), (0.066, 0.12), (0.058, 0.012), (0.0, 0.012)]
    segments = 64
    mesh = bpy.data.meshes.new("Pot")
    bm = bmesh.new()
    rings = [[bm.verts.new((r * math.cos(2 * math.pi * i / segments), r * math.sin(2 * math.pi * i / segments), z))
              for i in range(segments)] for r, z in profile]
    for lo, hi in zip(rings, rings[1:]):
        for i in range(segments):
            j = (i + 1) % segments
            bm.faces.new((lo[i], lo[j], hi[j], hi[i]))
    bm.to_mesh(mesh)
    bm.free()
    pot = bpy.data.objects.new("Pot", mesh)
    ctx.collection.objects.link(pot)
    pot.data.shade_smooth()


def build_soil(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.066, depth=0.01, location=(0, 0, 0.122))
    soil = bpy.context.active_object
    soil.name = "Soil"


def ribbed_capsule(name, radius, length, location, rotation=(0, 0, 0)):
    bpy.ops.mesh.primitive_cylinder_add(vertices=16, radius=radius, depth=length, location=location,
                                        rotation=rotation)
    body = bpy.context.active_object
    body.name = name
    mesh = body.data
    for i, v in enumerate(mesh.vertices):
        if i % 2:
            v.co.x *= 0.86
            v.co.y *= 0.86
    cap = body.modifiers.new("Round", 'SUBSURF')
    cap.levels = 2
    body.data.shade_smooth()
    return body


def build_stem(ctx):
    ribbed_capsule("Cactus_Stem", 0.03, 0.27, (0, 0, 0.25))


def build_arms(ctx):
    # Left arm: out, then up; right arm: higher and shorter.
    for side, z, up in ((-1, 0.22, 0.09), (1, 0.28, 0.07)):
        ribbed_capsule("Cactus_Arm", 0.018, 0.07, (side * 0.055, 0, z), rotation=(0, math.radians(90), 0))
        ribbed_capsule("Cactus_Arm_Up", 0.018, up, (side * 0.085, 0, z + up / 2))
