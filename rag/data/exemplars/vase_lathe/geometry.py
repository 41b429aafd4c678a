import bpy

# Half profile in the XZ plane, bottom centre to lip: (radius, height) in metres.
PROFILE = [(0.0, 0.0), (0.06, 0.0), (0.08, 0.03), (0.09, 0.1), (0.075, 0.18), (0.045, 0.24),
           (0.04, 0.27), (0.05, 0.3)]


def build_body(ctx):
    verts = [(r, 0.0, z) for r, z in PROFILE]
    edges = [(i, i + 1) for i in range(len(verts) - 1)]
    mesh = bpy.data.meshes.new("Vase")
    mesh.from_pydata(verts, edges, [])
    vase = bpy.data.objects.new("Vase", mesh)
    ctx.collection.objects.link(vase)
    lathe = vase.modifiers.new("Lathe", 'SCREW')
    lathe.axis = 'Z'
    lathe.angle = 6.283185
    lathe.steps = 48
    lathe.render_steps = 48
    lathe.use_merge_vertices = True
    lathe.use_smooth_shade = True
    wall = vase.modifiers.new("Wall", 'SOLIDIFY')
    wall.thickness = 0.004
    smooth = vase.modifiers.new("Smooth", 'SUBSURF')
    smooth.levels = 1
    smooth.render_levels = 2
