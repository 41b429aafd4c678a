import bpy
import bmesh

W, H, BAR = 0.6, 0.45, 0.04


def build_frame(ctx):
    # A flat ring (outer rectangle minus inner) made with bmesh, then thickened and bevelled.
    bm = bmesh.new()
    outer = [bm.verts.new(co) for co in ((-W / 2, 0, 0), (W / 2, 0, 0), (W / 2, 0, H), (-W / 2, 0, H))]
    inner = [bm.verts.new(co) for co in ((-W / 2 + BAR, 0, BAR), (W / 2 - BAR, 0, BAR),
                                         (W / 2 - BAR, 0, H - BAR), (-W / 2 + BAR, 0, H - BAR))]
    for i in range(4):
        j = (i + 1) % 4
        bm.faces.new((outer[i], outer[j], inner[j], inner[i]))
    mesh = bpy.data.meshes.new("Frame")
    bm.to_mesh(mesh)
    bm.free()
    frame = bpy.data.objects.new("Frame", mesh)
    frame.location = (0, 0, 1.2)
    ctx.collection.objects.link(frame)
    depth = frame.modifiers.new("Depth", 'SOLIDIFY')
    depth.thickness = 0.035
    bevel = frame.modifiers.new("Moulding", 'BEVEL')
    bevel.width = 0.008
    bevel.segments = 3
    bevel.limit_method = 'ANGLE'


def build_mat_board(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1.0, location=(0, 0.012, 1.2 + H / 2), scale=(W - 2 * BAR, 0.006, H - 2 * BAR))
    bpy.context.active_object.name = "Frame_MatBoard"


def build_canvas(ctx):
    bpy.ops.mesh.primitive_plane_add(size=1.0, location=(0, 0.008, 1.2 + H / 2), rotation=(1.5708, 0, 0))
    canvas = bpy.context.active_object
    canvas.name = "Frame_Canvas"
    # The plane operator ignores scale=; scale the object (local X, Y before the rotation).
    canvas.scale = (W - 2 * BAR - 0.1, H - 2 * BAR - 0.1, 1.0)
