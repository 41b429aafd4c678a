import bpy
import math


def lathe(ctx, name, profile, location=(0, 0, 0), thickness=0.0025):
    """Spin a (radius, height) half profile around Z with a screw modifier."""
    verts = [(r, 0.0, z) for r, z in profile]
    mesh = bpy.data.meshes.new(name)
    mesh.from_pydata(verts, [(i, i + 1) for i in range(len(verts) - 1)], [])
    obj = bpy.data.objects.new(name, mesh)
    obj.location = location
    ctx.collection.objects.link(obj)
    spin = obj.modifiers.new("Lathe", 'SCREW')
    spin.angle = 2 * math.pi
    spin.steps = 64
    spin.render_steps = 64
    spin.use_merge_vertices = True
    spin.use_smooth_shade = True
    wall = obj.modifiers.new("Wall", 'SOLIDIFY')
    wall.thickness = thickness
    return obj


def build_saucer(ctx):
    lathe(ctx, "Saucer", [(0.0, 0.0), (0.04, 0.0), (0.045, 0.004), (0.065, 0.012), (0.075, 0.02)])


def build_cup(ctx):
    lathe(ctx, "Cup", [(0.0, 0.0), (0.025, 0.0), (0.028, 0.006), (0.035, 0.025), (0.042, 0.05), (0.045, 0.06)],
          location=(0, 0, 0.012))


def build_handle(ctx):
    bpy.ops.mesh.primitive_torus_add(major_radius=0.014, minor_radius=0.0035, major_segments=32, minor_segments=12,
                                     location=(0.05, 0, 0.045), rotation=(math.pi / 2, 0, 0))
    handle = bpy.context.active_object
    handle.name = "Cup_Handle"
    handle.data.shade_smooth()
