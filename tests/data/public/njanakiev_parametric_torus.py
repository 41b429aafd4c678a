# source: https://github.com/njanakiev/blender-scripting/blob/477ba73c8578901066cc69be4e0d52fb31cf6530/scripts/parametric_torus.py
# licence: MIT, Copyright (c) 2016 Nikolai Janakiev
# adapted: the helpers it imports from the repository's scripts/utils/__init__.py (remove_all, create_target, track_to_constraint, create_camera, rainbow_lights, create_material, set_smooth) are inlined above its code, 'utils.' is dropped from their calls and the final render call is removed
# expect: raised: line 177: NameError: name 'rainbowLights' is not defined
import bpy
from math import sin, cos, pi
TAU = 2*pi


import colorsys

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


def rainbow_lights(r=5, n=100, freq=2, energy=0.1):
    for i in range(n):
        t = float(i)/float(n)
        pos = (r*sin(TAU*t), r*cos(TAU*t), r*sin(freq*TAU*t))

        # Create lamp
        bpy.ops.object.add(type='LIGHT', location=pos)
        obj = bpy.context.object
        obj.data.type = 'POINT'

        # Apply gamma correction for Blender
        color = tuple(pow(c, 2.2) for c in colorsys.hsv_to_rgb(t, 0.6, 1))

        # Set HSV color and lamp energy
        obj.data.color = color
        obj.data.energy = energy


def create_material(base_color=(1, 1, 1, 1), metalic=0.0, roughness=0.5):
    mat = bpy.data.materials.new('Material')

    if len(base_color) == 3:
        base_color = list(base_color)
        base_color.append(1)

    mat.use_nodes = True
    node = mat.node_tree.nodes[0]
    node.inputs[0].default_value = base_color
    node.inputs[4].default_value = metalic
    node.inputs[7].default_value = roughness

    return mat


def set_smooth(obj, level=None, smooth=True):
    if level:
        # Add subsurf modifier
        modifier = obj.modifiers.new('Subsurf', 'SUBSURF')
        modifier.levels = level
        modifier.render_levels = level

    # Smooth surface
    mesh = obj.data
    for p in mesh.polygons:
        p.use_smooth = smooth


# Create a function for the u, v surface parameterization from r0 and r1
def torus_surface(r0, r1):
    def surface(u, v):
        point = ((r0 + r1*cos(TAU*v))*cos(TAU*u), \
                 (r0 + r1*cos(TAU*v))*sin(TAU*u), \
                  r1*sin(TAU*v))
        return point
    return surface


# Create an object from a surface parameterization
def create_surface(surface, n=10, m=10, origin=(0,0,0), name='Surface'):
    verts = list()
    faces = list()

    # Create uniform n by m grid
    for col in range(m):
        for row in range(n):
            u = row / n
            v = col / m

            # Surface parameterization
            point = surface(u, v)
            verts.append(point)

            # Connect first and last vertices on the u and v axis
            row_next = (row + 1) % n
            col_next = (col + 1) % m
            # Indices for each qued
            faces.append((
                (col*n) + row_next, 
                (col_next*n) + row_next, 
                (col_next*n) + row, 
                (col*n) + row
            ))

    print('verts : ' + str(len(verts)))
    print('faces : ' + str(len(faces)))

    # Create mesh and object
    mesh = bpy.data.meshes.new(name+'Mesh')
    obj  = bpy.data.objects.new(name, mesh)
    obj.location = origin
    # Link object to scene
    bpy.context.collection.objects.link(obj)
    # Create mesh from given verts and faces
    mesh.from_pydata(verts, [], faces)
    #Update mesh with new data
    mesh.update(calc_edges=True)
    return obj


if __name__ == '__main__':
    # Remove all elements
    remove_all()

    # Create camera
    target = create_target()
    camera = create_camera((-12, -12, 12), target, lens=50)

    # Set cursor to (0, 0, 0)
    bpy.context.scene.cursor.location = (0, 0, 0)

    # Create lamps
    rainbowLights(10, 100, 3, energy=300)

    # Create object
    obj = create_surface(torus_surface(4, 2), 20, 20)

    # Create material
    mat = create_material(metalic=0.5)
    obj.data.materials.append(mat)

    # Smooth surface and add subsurf modifier
    set_smooth(obj, 2)
    
    # Render scene
