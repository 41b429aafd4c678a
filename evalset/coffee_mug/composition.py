import bpy
from mathutils import Vector


def compose_table(ctx):
    bpy.ops.mesh.primitive_plane_add(size=1.5, location=(0, 0, 0))
    table = bpy.context.active_object
    table.name = "Table_Top"
    mat = bpy.data.materials.new("Table_Walnut")
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.2, 0.1, 0.05, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.5
    mat.diffuse_color = (0.2, 0.1, 0.05, 1.0)
    table.data.materials.append(mat)


def compose_camera(ctx):
    target = Vector((0.01, 0.0, 0.05))
    data = bpy.data.cameras.new("Camera")
    data.lens = 60
    data.clip_start = 0.01
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (0.15, -0.4, 0.28)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 1024
    scene.render.resolution_y = 1024
