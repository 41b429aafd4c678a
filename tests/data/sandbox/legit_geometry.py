# === clear-scene-then-build | ok
import bpy

bpy.ops.object.select_all(action='SELECT')
bpy.ops.object.delete(use_global=False)

bpy.ops.mesh.primitive_cube_add(size=2, location=(0, 0, 1))
table_top = bpy.context.active_object
table_top.name = "TableTop"
table_top.scale = (1.5, 0.8, 0.05)

# === primitives-with-transforms | ok
import bpy
import math

bpy.ops.mesh.primitive_cylinder_add(vertices=32, radius=0.1, depth=2.0, location=(0, 0, 1))
pole = bpy.context.active_object
pole.name = "Pole"
pole.rotation_euler = (0, math.radians(15), 0)
bpy.ops.mesh.primitive_uv_sphere_add(segments=32, ring_count=16, radius=0.3, location=(0.25, 0, 2.0))
bpy.context.active_object.name = "Knob"
bpy.ops.mesh.primitive_cone_add(vertices=24, radius1=0.5, radius2=0.1, depth=0.6, location=(0, 0, 0.3))
bpy.ops.mesh.primitive_torus_add(major_radius=0.6, minor_radius=0.05, location=(0, 0, 0.05))
bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=3, radius=0.2, location=(1, 1, 0.2))
bpy.ops.mesh.primitive_plane_add(size=10)
bpy.ops.mesh.primitive_grid_add(x_subdivisions=20, y_subdivisions=20, size=2, location=(3, 0, 0))
bpy.ops.mesh.primitive_circle_add(vertices=16, radius=0.4, fill_type='NGON', location=(-2, 0, 0))
bpy.ops.mesh.primitive_monkey_add(size=0.5, location=(0, 2, 0.5))

# === legs-loop | ok
import bpy

LEG_HEIGHT = 0.72
for i, (x, y) in enumerate([(-0.7, -0.35), (0.7, -0.35), (-0.7, 0.35), (0.7, 0.35)]):
    bpy.ops.mesh.primitive_cube_add(size=1, location=(x, y, LEG_HEIGHT / 2))
    leg = bpy.context.active_object
    leg.name = f"Leg_{i}"
    leg.scale = (0.05, 0.05, LEG_HEIGHT)

# === from-pydata-house | ok
import bpy

verts = [(-1, -1, 0), (1, -1, 0), (1, 1, 0), (-1, 1, 0),
         (-1, -1, 1.5), (1, -1, 1.5), (1, 1, 1.5), (-1, 1, 1.5),
         (0, -1, 2.3), (0, 1, 2.3)]
faces = [(0, 3, 2, 1), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7),
         (4, 5, 8), (6, 7, 9), (5, 6, 9, 8), (7, 4, 8, 9)]
mesh = bpy.data.meshes.new("HouseMesh")
mesh.from_pydata(verts, [], faces)
mesh.update()
house = bpy.data.objects.new("House", mesh)
bpy.context.collection.objects.link(house)

# === bmesh-rounded-box | ok
import bpy
import bmesh

mesh = bpy.data.meshes.new("Box")
obj = bpy.data.objects.new("Box", mesh)
bpy.context.scene.collection.objects.link(obj)
bm = bmesh.new()
bmesh.ops.create_cube(bm, size=1.0)
bmesh.ops.bevel(bm, geom=bm.edges[:] + bm.verts[:], offset=0.1, segments=3, affect='EDGES')
bmesh.ops.subdivide_edges(bm, edges=bm.edges[:], cuts=1, use_grid_fill=True)
bm.to_mesh(mesh)
bm.free()

# === bmesh-extrude-ring | ok
import bpy
import bmesh
from mathutils import Vector

bm = bmesh.new()
bmesh.ops.create_circle(bm, cap_ends=True, radius=1.0, segments=32)
bm.faces.ensure_lookup_table()
face = bm.faces[0]
result = bmesh.ops.extrude_face_region(bm, geom=[face])
moved = [e for e in result["geom"] if isinstance(e, bmesh.types.BMVert)]
bmesh.ops.translate(bm, vec=Vector((0, 0, 0.4)), verts=moved)
bmesh.ops.recalc_face_normals(bm, faces=bm.faces[:])
mesh = bpy.data.meshes.new("Puck")
bm.to_mesh(mesh)
bm.free()
bpy.context.collection.objects.link(bpy.data.objects.new("Puck", mesh))

# === edit-mode-bmesh | ok
import bpy
import bmesh

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
bpy.ops.object.mode_set(mode='EDIT')
bm = bmesh.from_edit_mesh(obj.data)
for v in bm.verts:
    if v.co.z > 0:
        v.co.x *= 0.5
        v.co.y *= 0.5
bmesh.update_edit_mesh(obj.data)
bpy.ops.object.mode_set(mode='OBJECT')

# === edit-mode-operators | ok
import bpy

bpy.ops.mesh.primitive_cube_add(location=(0, 0, 1))
obj = bpy.context.active_object
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.select_all(action='SELECT')
bpy.ops.mesh.subdivide(number_cuts=2)
bpy.ops.mesh.extrude_region_move(TRANSFORM_OT_translate={"value": (0, 0, 0.5)})
bpy.ops.uv.smart_project()
bpy.ops.object.mode_set(mode='OBJECT')

# === modifiers-stack | ok
import bpy

bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 0.5))
obj = bpy.context.active_object
bevel = obj.modifiers.new(name="Bevel", type='BEVEL')
bevel.width = 0.05
bevel.segments = 3
sub = obj.modifiers.new(name="Subdivision", type='SUBSURF')
sub.levels = 2
sub.render_levels = 3
mirror = obj.modifiers.new("Mirror", 'MIRROR')
mirror.use_axis[0] = True
solid = obj.modifiers.new("Solidify", 'SOLIDIFY')
solid.thickness = 0.02
bpy.ops.object.shade_smooth()

# === array-fence | ok
import bpy

bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 0.5))
post = bpy.context.active_object
post.name = "FencePost"
post.scale = (0.1, 0.1, 1.0)
array = post.modifiers.new("Array", 'ARRAY')
array.count = 12
array.relative_offset_displace = (4.0, 0, 0)

# === apply-modifier-op | ok
import bpy

bpy.ops.mesh.primitive_cylinder_add(vertices=16)
obj = bpy.context.active_object
mod = obj.modifiers.new("Bevel", 'BEVEL')
mod.width = 0.1
bpy.context.view_layer.objects.active = obj
bpy.ops.object.modifier_apply(modifier="Bevel")
print(len(obj.data.vertices))

# === boolean-cut | ok
import bpy

bpy.ops.mesh.primitive_cube_add(size=2)
block = bpy.context.active_object
bpy.ops.mesh.primitive_cylinder_add(radius=0.5, depth=3)
cutter = bpy.context.active_object
cutter.hide_render = True
cutter.display_type = 'WIRE'
boolean = block.modifiers.new("Hole", 'BOOLEAN')
boolean.operation = 'DIFFERENCE'
boolean.object = cutter

# === join-parts | ok
import bpy

parts = []
for i in range(3):
    bpy.ops.mesh.primitive_cube_add(size=0.5, location=(i * 0.6, 0, 0))
    parts.append(bpy.context.active_object)
bpy.ops.object.select_all(action='DESELECT')
for p in parts:
    p.select_set(True)
bpy.context.view_layer.objects.active = parts[0]
bpy.ops.object.join()
parts[0].name = "Joined"

# === shade-and-origin | ok
import bpy

bpy.ops.mesh.primitive_uv_sphere_add(location=(2, 0, 0))
ball = bpy.context.active_object
ball.data.shade_smooth()
bpy.ops.object.origin_set(type='ORIGIN_GEOMETRY')
bpy.ops.object.transform_apply(location=False, rotation=True, scale=True)

# === curve-bezier-tube | ok
import bpy

curve = bpy.data.curves.new("Cable", type='CURVE')
curve.dimensions = '3D'
curve.bevel_depth = 0.02
curve.bevel_resolution = 4
spline = curve.splines.new('BEZIER')
spline.bezier_points.add(2)
for point, co in zip(spline.bezier_points, [(0, 0, 0), (1, 0.5, 0.5), (2, 0, 1)]):
    point.co = co
    point.handle_left_type = 'AUTO'
    point.handle_right_type = 'AUTO'
cable = bpy.data.objects.new("Cable", curve)
bpy.context.collection.objects.link(cable)

# === curve-poly-and-op | ok
import bpy
import math

bpy.ops.curve.primitive_bezier_circle_add(radius=0.5, location=(0, 0, 1))
ring = bpy.context.active_object
ring.data.bevel_depth = 0.03
curve = bpy.data.curves.new("Spiral", 'CURVE')
curve.dimensions = '3D'
poly = curve.splines.new('POLY')
poly.points.add(39)
for i, pt in enumerate(poly.points):
    a = i * 0.3
    pt.co = (math.cos(a), math.sin(a), i * 0.05, 1.0)
bpy.context.collection.objects.link(bpy.data.objects.new("Spiral", curve))

# === text-object | ok
import bpy

bpy.ops.object.text_add(location=(0, -1, 0))
label = bpy.context.active_object
label.data.body = "CodeForm"
label.data.extrude = 0.05
label.data.align_x = 'CENTER'
font_curve = bpy.data.curves.new("Sign", type='FONT')
font_curve.body = "Open"
sign = bpy.data.objects.new("Sign", font_curve)
bpy.context.collection.objects.link(sign)

# === metaball-and-empty | ok
import bpy

bpy.ops.object.metaball_add(type='BALL', radius=0.5, location=(0, 0, 1))
blob = bpy.context.active_object
blob.data.resolution = 0.1
bpy.ops.object.empty_add(type='PLAIN_AXES', location=(0, 0, 2))
bpy.context.active_object.name = "Pivot"
