def build_top(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=96, radius=0.3, depth=0.03, location=(0, 0, 0.685))
    top = bpy.context.active_object
    top.name = "Table_Top"
    mod = top.modifiers.new("Bevel", 'BEVEL')
    mod.width = 0.008
    mod.segments = 3
    top.data.shade_smooth()


def build_column(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.03, depth=0.64, location=(0, 0, 0.35))
    col = bpy.context.active_object
    col.name = "Table_Column"
    col.data.shade_smooth()


def build_vase(ctx):
    profile = [(0.0, 0.0), (0.045, 0.0), (0.07, 0.05), (0.078, 0.1), (0.06, 0.17), (0.032, 0.22),
               (0.028, 0.27), (0.04, 0.31), (0.044, 0.32), (0.038, 0.32), (0.024, 0.27), (0.0, 0.26)]
    segments = 64
    mesh = bpy.data.meshes.new("Vase")
    bm = bmesh.new()
    rings = [[bm.verts.new((r * math.cos(2 * math.pi * i / segments), r * math.sin(2 * math.pi * i / segments), z))
              for i in range(segments)] for r, z in profile]
    for lo, hi in zip(rings, rings[1:]):
        for i in range(segments):
            j = (i + 1) % segments
            bm.faces.new((lo[i], lo[j], hi[j], hi[i]))
    bm.to_mesh(mesh)
    bm.free()
    vase = bpy.data.objects.new("Vase", mesh)
    ctx.collection.objects.link(vase)
    vase.location = (0.06, -0.04, 0.7)
    vase.data.shade_smooth()
