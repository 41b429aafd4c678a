# === principled-material | ok
import bpy

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
mat = bpy.data.materials.new(name="Painted Wood")
mat.use_nodes = True
bsdf = mat.node_tree.nodes.get("Principled BSDF")
bsdf.inputs["Base Color"].default_value = (0.6, 0.35, 0.2, 1.0)
bsdf.inputs["Roughness"].default_value = 0.6
bsdf.inputs["Metallic"].default_value = 0.0
obj.data.materials.append(mat)

# === material-node-links | ok
import bpy

mat = bpy.data.materials.new("Marble")
mat.use_nodes = True
nodes = mat.node_tree.nodes
links = mat.node_tree.links
bsdf = nodes["Principled BSDF"]
noise = nodes.new("ShaderNodeTexNoise")
noise.inputs["Scale"].default_value = 8.0
ramp = nodes.new("ShaderNodeValToRGB")
ramp.color_ramp.elements[0].color = (0.9, 0.9, 0.88, 1)
ramp.color_ramp.elements[1].color = (0.3, 0.3, 0.32, 1)
links.new(noise.outputs["Fac"], ramp.inputs["Fac"])
links.new(ramp.outputs["Color"], bsdf.inputs["Base Color"])
bump = nodes.new("ShaderNodeBump")
links.new(noise.outputs["Fac"], bump.inputs["Height"])
links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
bpy.ops.mesh.primitive_uv_sphere_add()
bpy.context.active_object.active_material = mat

# === emission-and-glass | ok
import bpy

glow = bpy.data.materials.new("Glow")
glow.use_nodes = True
p = glow.node_tree.nodes["Principled BSDF"]
p.inputs["Emission Color"].default_value = (1.0, 0.8, 0.4, 1.0)
p.inputs["Emission Strength"].default_value = 5.0
glass = bpy.data.materials.new("Glass")
glass.use_nodes = True
g = glass.node_tree.nodes["Principled BSDF"]
g.inputs["Transmission Weight"].default_value = 1.0
g.inputs["IOR"].default_value = 1.45
bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=2)
bpy.context.active_object.data.materials.append(glow)
bpy.context.active_object.data.materials.append(glass)

# === material-slots-per-face | ok
import bpy

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
for name, color in (("Red", (1, 0, 0, 1)), ("Blue", (0, 0, 1, 1))):
    m = bpy.data.materials.new(name)
    m.diffuse_color = color
    obj.data.materials.append(m)
for i, poly in enumerate(obj.data.polygons):
    poly.material_index = i % 2

# === lights | ok
import bpy
import math

bpy.ops.object.light_add(type='AREA', location=(3, -3, 4))
key = bpy.context.active_object
key.name = "KeyLight"
key.data.energy = 500
key.data.size = 2.0
key.rotation_euler = (math.radians(45), 0, math.radians(45))
fill_data = bpy.data.lights.new(name="Fill", type='POINT')
fill_data.energy = 100
fill_data.color = (0.8, 0.9, 1.0)
fill = bpy.data.objects.new(name="Fill", object_data=fill_data)
fill.location = (-3, -2, 2)
bpy.context.collection.objects.link(fill)
sun = bpy.data.lights.new("Sun", 'SUN')
sun.energy = 3
bpy.context.collection.objects.link(bpy.data.objects.new("Sun", sun))

# === camera-track-to | ok
import bpy

bpy.ops.object.empty_add(location=(0, 0, 0.5))
target = bpy.context.active_object
target.name = "CameraTarget"
bpy.ops.object.camera_add(location=(6, -6, 4))
cam = bpy.context.active_object
cam.data.lens = 50
track = cam.constraints.new(type='TRACK_TO')
track.target = target
track.track_axis = 'TRACK_NEGATIVE_Z'
track.up_axis = 'UP_Y'
bpy.context.scene.camera = cam

# === camera-data-new | ok
import bpy
from mathutils import Vector

cam_data = bpy.data.cameras.new("Shot")
cam_data.lens = 35
cam_data.dof.use_dof = True
cam_data.dof.focus_distance = 5.0
cam = bpy.data.objects.new("Shot", cam_data)
bpy.context.collection.objects.link(cam)
cam.location = Vector((0, -8, 2))
direction = Vector((0, 0, 1)) - cam.location
cam.rotation_euler = direction.to_track_quat('-Z', 'Y').to_euler()
bpy.context.scene.camera = cam

# === world-nodes-new | ok
import bpy

world = bpy.data.worlds.new("Sky")
world.use_nodes = True
bg = world.node_tree.nodes["Background"]
bg.inputs["Color"].default_value = (0.05, 0.07, 0.1, 1.0)
bg.inputs["Strength"].default_value = 0.8
sky = world.node_tree.nodes.new("ShaderNodeTexSky")
world.node_tree.links.new(sky.outputs["Color"], bg.inputs["Color"])
bpy.context.scene.world = world

# === world-existing-or-new | ok
import bpy

world = bpy.context.scene.world
if world is None:
    world = bpy.data.worlds.new("World")
    bpy.context.scene.world = world
world.use_nodes = True
world.node_tree.nodes["Background"].inputs[1].default_value = 0.5
world.color = (0.1, 0.1, 0.12)

# === scene-camera-reuse | ok
import bpy

cam = bpy.context.scene.camera
if cam is None:
    bpy.ops.object.camera_add()
    cam = bpy.context.active_object
    bpy.context.scene.camera = cam
cam.location = (5, -5, 3)
cam.rotation_euler = (1.1, 0, 0.8)

# === render-settings | ok
import bpy

scene = bpy.context.scene
scene.render.engine = 'CYCLES'
scene.cycles.samples = 32
scene.render.resolution_x = 640
scene.render.resolution_y = 480
scene.render.film_transparent = False
scene.view_settings.view_transform = 'AgX'
scene.frame_start = 1
scene.frame_end = 48
scene.render.engine = 'BLENDER_EEVEE'

# === collections-and-parenting | ok
import bpy

props = bpy.data.collections.new("Props")
bpy.context.scene.collection.children.link(props)
bpy.ops.mesh.primitive_cube_add(location=(0, 0, 1))
body = bpy.context.active_object
bpy.ops.mesh.primitive_cylinder_add(radius=0.1, depth=0.5, location=(0, 0, 1.8))
handle = bpy.context.active_object
for obj in (body, handle):
    for coll in obj.users_collection:
        coll.objects.unlink(obj)
    props.objects.link(obj)
handle.parent = body
handle.matrix_parent_inverse = body.matrix_world.inverted()

# === parent-set-op | ok
import bpy

bpy.ops.mesh.primitive_cube_add(location=(0, 0, 0))
parent = bpy.context.active_object
bpy.ops.mesh.primitive_cube_add(size=0.3, location=(1, 0, 0))
child = bpy.context.active_object
bpy.ops.object.select_all(action='DESELECT')
child.select_set(True)
parent.select_set(True)
bpy.context.view_layer.objects.active = parent
bpy.ops.object.parent_set(type='OBJECT', keep_transform=True)

# === keyframes | ok
import bpy
import math

bpy.ops.mesh.primitive_cube_add()
cube = bpy.context.active_object
for frame, z in ((1, 0.0), (24, 2.0), (48, 0.0)):
    cube.location.z = z
    cube.keyframe_insert(data_path="location", index=2, frame=frame)
cube.rotation_euler.z = 0
cube.keyframe_insert("rotation_euler", frame=1)
cube.rotation_euler.z = math.pi
cube.keyframe_insert("rotation_euler", frame=48)
bpy.context.scene.frame_set(24)

# === cursor-and-duplicate | ok
import bpy

bpy.context.scene.cursor.location = (0, 0, 0)
bpy.ops.mesh.primitive_cube_add(size=0.4)
src = bpy.context.active_object
for i in range(1, 4):
    dup = src.copy()
    dup.data = src.data.copy()
    dup.location.x = i * 0.6
    bpy.context.collection.objects.link(dup)
linked = bpy.data.objects.new("Linked", src.data)
bpy.context.collection.objects.link(linked)

# === hair-particles-with-children | ok
import bpy

bpy.ops.mesh.primitive_plane_add(size=4)
ground = bpy.context.active_object
system = ground.modifiers.new("Grass", 'PARTICLE_SYSTEM').particle_system
settings = system.settings
settings.type = 'HAIR'
settings.count = 100
settings.hair_length = 0.3
settings.child_type = 'INTERPOLATED'
settings.child_percent = 5
settings.rendered_child_count = 10
bpy.context.scene.frame_set(2)
