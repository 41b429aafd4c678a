import bpy
import math
from mathutils import Vector


def compose_desk(ctx):
    bpy.ops.mesh.primitive_plane_add(size=1.6, location=(0.05, 0.0, 0.0))
    desk = bpy.context.active_object
    desk.name = "Desk_Top"
    wood = bpy.data.materials.new("Desk_Wood")
    if wood.node_tree is None:  # Blender < 5.0 makes node trees on request
        wood.use_nodes = True
    bsdf = wood.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.36, 0.22, 0.12, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.55
    wood.diffuse_color = (0.36, 0.22, 0.12, 1.0)
    desk.data.materials.append(wood)


def compose_camera(ctx):
    target = Vector((0.1, 0.0, 0.2))
    cam_data = bpy.data.cameras.new("Camera")
    cam_data.lens = 50
    cam = bpy.data.objects.new("Camera", cam_data)
    ctx.collection.objects.link(cam)
    cam.location = (0.45, -1.0, 0.45)
    direction = target - cam.location
    cam.rotation_euler = direction.to_track_quat('-Z', 'Y').to_euler()
    bpy.context.scene.camera = cam
    bpy.context.scene.render.resolution_x = 1024
    bpy.context.scene.render.resolution_y = 1024
