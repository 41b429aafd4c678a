import bpy

LENGTH = 2.0
PICKET_W, PICKET_H, GAP = 0.07, 0.95, 0.05


def build_posts(ctx):
    for side, x in (("A", 0.0), ("B", LENGTH)):
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=(x, 0, 0.55), scale=(0.08, 0.08, 1.1))
        bpy.context.active_object.name = f"Fence_Post_{side}"
        bpy.ops.mesh.primitive_cone_add(vertices=4, radius1=0.07, depth=0.06, location=(x, 0, 1.13),
                                        rotation=(0, 0, 0.785398))
        bpy.context.active_object.name = f"Fence_PostCap_{side}"


def build_rails(ctx):
    for i, z in enumerate((0.25, 0.75)):
        bpy.ops.mesh.primitive_cube_add(size=1.0, location=(LENGTH / 2, 0.05, z), scale=(LENGTH, 0.03, 0.06))
        bpy.context.active_object.name = f"Fence_Rail_{i}"


def build_pickets(ctx):
    # One picket: a flat outline with a pointed top, thickened, then repeated.
    w, h = PICKET_W / 2, PICKET_H
    verts = [(-w, 0, 0), (w, 0, 0), (w, 0, h - w), (0, 0, h), (-w, 0, h - w)]
    mesh = bpy.data.meshes.new("Fence_Picket")
    mesh.from_pydata(verts, [], [(0, 1, 2, 3, 4)])
    picket = bpy.data.objects.new("Fence_Pickets", mesh)
    picket.location = (0.1, 0.075, 0.05)
    ctx.collection.objects.link(picket)
    thick = picket.modifiers.new("Thickness", 'SOLIDIFY')
    thick.thickness = 0.02
    row = picket.modifiers.new("Row", 'ARRAY')
    row.count = int((LENGTH - 0.15) // (PICKET_W + GAP)) + 1
    row.use_relative_offset = False
    row.use_constant_offset = True
    row.constant_offset_displace = (PICKET_W + GAP, 0, 0)
