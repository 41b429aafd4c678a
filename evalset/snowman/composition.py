import bpy
from mathutils import Vector


def compose_snow_ground(ctx):
    bpy.ops.mesh.primitive_plane_add(size=12, location=(0, 0, 0))
    ground = bpy.context.active_object
    ground.name = "Snow_Ground"
    mat = bpy.data.materials.new("Snow_Ground")
    if mat.node_tree is None:
        mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.82, 0.86, 0.92, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.7
    mat.diffuse_color = (0.82, 0.86, 0.92, 1.0)
    ground.data.materials.append(mat)


def compose_camera(ctx):
    target = Vector((0.0, 0.0, 0.68))
    data = bpy.data.cameras.new("Camera")
    data.lens = 50
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (0.72, -2.7, 1.1)
    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = 768
    scene.render.resolution_y = 1024
