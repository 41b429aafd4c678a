import bpy

LENGTH, WIDTH, THICK = 1.6, 1.0, 0.01


def build_mat(ctx):
    bpy.ops.mesh.primitive_plane_add(size=1.0, location=(0, 0, 0))
    rug = bpy.context.active_object
    rug.name = "Rug"
    rug.scale = (LENGTH, WIDTH, 1.0)
    pile = rug.modifiers.new("Pile", 'SOLIDIFY')
    pile.thickness = THICK
    pile.offset = 1.0  # grow upwards from the floor
    soft = rug.modifiers.new("Soft", 'BEVEL')
    soft.width = 0.003
    soft.segments = 2


def build_fringes(ctx):
    for side, x in (("A", -LENGTH / 2 - 0.03), ("B", LENGTH / 2 + 0.03)):
        bpy.ops.mesh.primitive_cylinder_add(vertices=6, radius=0.003, depth=0.06,
                                            location=(x, -WIDTH / 2 + 0.02, 0.003), rotation=(0, 1.5708, 0))
        strand = bpy.context.active_object
        strand.name = f"Rug_Fringe_{side}"
        row = strand.modifiers.new("Row", 'ARRAY')
        row.count = 32
        row.use_relative_offset = False
        row.use_constant_offset = True
        # The strand is rotated about Y, so world +Y is still local +Y.
        row.constant_offset_displace = (0, (WIDTH - 0.04) / 31, 0)
