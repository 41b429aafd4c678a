# source: https://github.com/njanakiev/blender-scripting/blob/477ba73c8578901066cc69be4e0d52fb31cf6530/scripts/rugged_donut.py
# licence: MIT, Copyright (c) 2016 Nikolai Janakiev
# adapted: the helpers it imports from the repository's scripts/utils/__init__.py (remove_all, create_target, track_to_constraint, create_camera, create_light, simple_scene) are inlined above its code, 'utils.' is dropped from their calls and the final render call is removed
# expect: policy: line 7: import of 'os' is not allowed; use bpy, bmesh, mathutils, math, random
import bpy
from math import pi, sin, cos
import os


def remove_all(type=None):
    # Possible type:
    # "MESH", "CURVE", "SURFACE", "META", "FONT", "ARMATURE",
    # "LATTICE", "EMPTY", "CAMERA", "LIGHT"
    if type:
        bpy.ops.object.select_all(action='DESELECT')
        bpy.ops.object.select_by_type(type=type)
        bpy.ops.object.delete()
    else:
        # Remove all elements in scene
        bpy.ops.object.select_all(action="SELECT")
        bpy.ops.object.delete(use_global=False)


def create_target(origin=(0,0,0)):
    target = bpy.data.objects.new('Target', None)
    bpy.context.collection.objects.link(target)
    target.location = origin
    return target


def track_to_constraint(obj, target):
    constraint = obj.constraints.new('TRACK_TO')
    constraint.target = target
    constraint.track_axis = 'TRACK_NEGATIVE_Z'
    #constraint.track_axis = 'TRACK_Z'
    constraint.up_axis = 'UP_Y'
    #constraint.owner_space = 'LOCAL'
    #constraint.target_space = 'LOCAL'

    return constraint


def create_camera(origin, target=None, lens=35, clip_start=0.1, clip_end=200, type='PERSP', ortho_scale=6):
    # Create object and camera
    camera = bpy.data.cameras.new("Camera")
    camera.lens = lens
    camera.clip_start = clip_start
    camera.clip_end = clip_end
    camera.type = type # 'PERSP', 'ORTHO', 'PANO'
    if type == 'ORTHO':
        camera.ortho_scale = ortho_scale

    # Link object to scene
    obj = bpy.data.objects.new("CameraObj", camera)
    obj.location = origin
    bpy.context.collection.objects.link(obj)
    bpy.context.scene.camera = obj # Make this the current camera

    if target: 
        track_to_constraint(obj, target)
    return obj


def create_light(origin, type='POINT', energy=1, color=(1,1,1), target=None):
    # Light types: 'POINT', 'SUN', 'SPOT', 'HEMI', 'AREA'
    bpy.ops.object.add(type='LIGHT', location=origin)
    obj = bpy.context.object
    obj.data.type = type
    obj.data.energy = energy
    obj.data.color = color

    if target: 
        track_to_constraint(obj, target)
    return obj


def simple_scene(target_coords, camera_coords, sun_coords, lens=35):
    target = create_target(target_coords)
    camera = create_camera(camera_coords, target, lens)
    sun = create_light(sun_coords, 'SUN', target=target)

    return target, camera, sun


if __name__ == '__main__':
    # Remove all elements
    remove_all()

    # Create camera and lamp
    simple_scene((0, 0, -0.3), (4.2, 4.2, 5), (-5, 5, 10))

    # Set number of frames
    num_frames = 100

    # Create Torus
    bpy.ops.mesh.primitive_torus_add(
        location=(0, 0, 0),
        major_segments=120, minor_segments=50,
        major_radius=1.8, minor_radius=0.5)
    obj = bpy.context.active_object
    bpy.ops.object.shade_smooth()

    # Create Empty to control texture coordinates
    empty = bpy.data.objects.new('Empty', None)
    bpy.context.scene.collection.objects.link(empty)

    # Animate empty with keyframe animation
    # keyframe approach adapted from: http://blenderscripting.blogspot.co.at/2011/05/inspired-by-post-on-ba-it-just-so.html
    for frame in range(1, num_frames):
        t = frame / num_frames
        x = 0.7*cos(2*pi*t) + 1
        y = 0.7*sin(2*pi*t)
        z = 0.4*sin(2*pi*t)
        empty.location = (x, y, z)
        empty.keyframe_insert(data_path="location", index=-1, frame=frame)

    # Change each created keyframe point to linear interpolation
    #for fcurve in empty.animation_data.action.fcurves:
    #    for keyframe in fcurve.keyframe_points:
    #        keyframe.interpolation = 'LINEAR'

    # Apply subsurf modifier
    subsurf = obj.modifiers.new('Subsurf', 'SUBSURF')
    subsurf.levels = 2
    subsurf.render_levels = 3

    # Create marble texture for the displace modifier
    displace_texture = bpy.data.textures.new('Texture', 'MUSGRAVE')
    displace_texture.musgrave_type = 'RIDGED_MULTIFRACTAL'
    displace_texture.octaves = 1.5
    displace_texture.noise_scale = 1.1

    # Create and apply displace modifier
    displace = obj.modifiers.new('Displace', 'DISPLACE')
    displace.texture = displace_texture
    displace.texture_coords = 'OBJECT'
    displace.texture_coords_object = empty
    displace.mid_level = 0
    displace.strength = 0.6

    # Use some colors
    palette = [(131,175,155,255), (250,105,10,255)]
    # Convert color and apply gamma correction
    palette = [tuple(pow(float(c)/255.0, 2.2) for c in color)
               for color in palette]
    
    # Set background color of scene
    bpy.context.scene.world.use_nodes = False
    bpy.context.scene.world.color = palette[0][:3]
    #bpy.context.scene.world.node_tree.nodes["Background"] \
    #    .inputs[0].default_value = palette[0]

    # Create material for the object
    mat = bpy.data.materials.new('BumpMapMaterial')
    mat.use_nodes = True
    material_node = mat.node_tree.nodes[0]
    material_node.inputs['Base Color'].default_value = palette[1]
    material_node.inputs['Metallic'].default_value = 0.0
    material_node.inputs['Roughness'].default_value = 0.5
    material_node.inputs['Specular'].default_value = 0.5

    # Add bump texture
    bump_texture_node = mat.node_tree.nodes.new('ShaderNodeTexNoise')
    bump_texture_node.noise_dimensions = '3D'
    bump_texture_node.inputs['Scale'].default_value = 20.0
    bump_texture_node.inputs['Detail'].default_value = 4.0
    bump_texture_node.inputs['Roughness'].default_value = 5.0
    
    # Add bump node
    bump_node = mat.node_tree.nodes.new('ShaderNodeBump')
    bump_node.inputs['Strength'].default_value = 0.4
    
    # Link nodes
    mat.node_tree.links.new(
        bump_node.inputs['Height'], bump_texture_node.outputs[0])
    mat.node_tree.links.new(
        material_node.inputs['Normal'], bump_node.outputs[0])

    # Append material to object
    obj.data.materials.append(mat)

    # Render scene
