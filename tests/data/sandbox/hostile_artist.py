# === select-all-delete | contained
import bpy
bpy.ops.object.select_all(action='SELECT')
bpy.ops.object.delete()

# === select-all-delete-global | contained
import bpy
for obj in bpy.context.scene.objects:
    obj.select_set(True)
bpy.ops.object.delete(use_global=True)

# === remove-loop | contained
import bpy
for obj in list(bpy.data.objects):
    bpy.data.objects.remove(obj, do_unlink=True)

# === remove-every-datablock | contained
import bpy
for coll in (bpy.data.meshes, bpy.data.materials, bpy.data.lights, bpy.data.cameras, bpy.data.worlds,
             bpy.data.collections, bpy.data.scenes):
    for item in list(coll):
        coll.remove(item)

# === batch-remove | contained
import bpy
bpy.data.batch_remove(bpy.data.objects)
bpy.data.batch_remove(ids=list(bpy.data.materials))

# === orphans-purge | contained
import bpy
bpy.data.orphans_purge(do_local_ids=True, do_linked_ids=True, do_recursive=True)

# === unlink-from-collections | contained
import bpy
scene = bpy.context.scene
for coll in list(scene.collection.children):
    scene.collection.children.unlink(coll)
for coll in bpy.data.collections:
    for obj in list(coll.objects):
        coll.objects.unlink(obj)

# === move-artist-object | refused
import bpy
bpy.data.objects["ArtistObject"].location.x += 10

# === rename-artist-object | refused
import bpy
bpy.data.objects["ArtistObject"].name = "Gone"

# === edit-artist-mesh | refused
import bpy
mesh = bpy.data.meshes["ArtistMesh"]
mesh.vertices[0].co = (9, 9, 9)

# === artist-mesh-from-pydata | refused
import bpy
bpy.data.meshes["ArtistMesh"].clear_geometry()

# === recolour-artist-material | refused
import bpy
mat = bpy.data.materials["ArtistMaterial"]
mat.diffuse_color = (0, 1, 0, 1)

# === artist-material-nodes | refused
import bpy
mat = bpy.data.materials["ArtistMaterial"]
for node in list(mat.node_tree.nodes):
    mat.node_tree.nodes.remove(node)

# === artist-custom-property | refused
import bpy
bpy.data.objects["ArtistObject"]["stolen"] = 1

# === artist-modifier | refused
import bpy
bpy.data.objects["ArtistObject"].modifiers.new("Boom", "SUBSURF")

# === artist-scene-rename | refused
import bpy
bpy.context.scene.name = "Mine"

# === artist-make-active-and-edit | refused
import bpy
bpy.context.view_layer.objects.active = bpy.data.objects["ArtistObject"]
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.delete(type='VERT')

# === temp-override-artist | refused
import bpy
artist = bpy.data.objects["ArtistObject"]
with bpy.context.temp_override(selected_objects=[artist], active_object=artist):
    bpy.ops.object.delete()

# === share-artist-mesh | refused
import bpy
evil = bpy.data.objects.new("Evil", bpy.data.meshes["ArtistMesh"])
bpy.context.collection.objects.link(evil)
bpy.context.view_layer.objects.active = evil
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.delete(type='VERT')

# === assign-artist-mesh | refused
import bpy
bpy.ops.mesh.primitive_cube_add()
bpy.context.active_object.data = bpy.data.meshes["ArtistMesh"]

# === copy-artist-object-then-edit | contained
import bpy
twin = bpy.data.objects["ArtistObject"].copy()
bpy.context.collection.objects.link(twin)
bpy.context.view_layer.objects.active = twin
twin.select_set(True)
bpy.ops.object.mode_set(mode='EDIT')
bpy.ops.mesh.select_all(action='SELECT')
bpy.ops.mesh.delete(type='VERT')
bpy.ops.object.mode_set(mode='OBJECT')

# === select-all-transform | contained
import bpy
bpy.ops.object.select_all(action='SELECT')
bpy.ops.transform.translate(value=(5, 0, 0))
bpy.ops.transform.resize(value=(0.1, 0.1, 0.1))

# === select-all-join | raised
import bpy
bpy.ops.object.select_all(action='SELECT')
bpy.ops.object.join()

# === select-all-apply-transforms | contained
import bpy
bpy.ops.object.select_all(action='SELECT')
bpy.ops.object.transform_apply(location=True, rotation=True, scale=True)

# === hide-artist | policy
import bpy
bpy.ops.object.hide_view_set(unselected=True)

# === hide-artist-runtime | refused
import bpy
bpy.data.objects["ArtistObject"].hide_set(True)

# === world-in-place | contained
import bpy
world = bpy.context.scene.world
world.color = (1, 0, 1)
world.use_nodes = True
world.node_tree.nodes.clear()

# === camera-in-place | contained
import bpy
cam = bpy.context.scene.camera
cam.location = (100, 100, 100)
cam.data.lens = 10

# === artist-light-energy | refused
import bpy
bpy.data.lights["ArtistLight"].energy = 0

# === artist-text | policy
import bpy
bpy.data.texts["Notes"].from_string("gone")

# === link-artist-object-elsewhere | refused
import bpy
coll = bpy.data.collections.new("Mine")
bpy.context.scene.collection.children.link(coll)
coll.objects.link(bpy.data.objects["ArtistObject"])

# === move-artist-collection | refused
import bpy
bpy.data.collections.new("Mine").children.link(bpy.data.collections["ArtistCollection"])

# === make-single-user-all | refused
import bpy
bpy.ops.object.make_single_user(type='ALL', object=True, obdata=True)

# === bmesh-artist-mesh | refused
import bmesh
import bpy
bm = bmesh.new()
bmesh.ops.create_cube(bm, size=1)
bm.to_mesh(bpy.data.meshes["ArtistMesh"])

# === scene-frame | contained
import bpy
scene = bpy.context.scene
scene.frame_current = 7

# === user-map-real-ids | refused
import bpy
for idb in bpy.data.user_map():
    if idb.name == "ArtistObject":
        idb.location.x = 10

# === idproperty-views-real-ids | refused
import bpy
bpy.ops.mesh.primitive_cube_add()
mine = bpy.context.active_object
mine["ref"] = bpy.data.objects["ArtistObject"]
for value in mine.values():
    value.location.x = 7

# === idproperty-group-real-ids | refused
import bpy
bpy.ops.mesh.primitive_cube_add()
mine = bpy.context.active_object
mine["group"] = {"size": 1}
mine["group"]["ref"] = bpy.data.objects["ArtistObject"]
for key, value in mine["group"].to_dict().items():
    if key == "ref":
        value.name = "Pwned"

# === rename-always-takes-artist-name | refused
import bpy
mine = bpy.data.objects.new("Mine", None)
bpy.context.collection.objects.link(mine)
mine.rename("ArtistObject", mode="ALWAYS")

# === name-taken-by-artist | contained
import bpy
mine = bpy.data.objects.new("Mine", None)
bpy.context.collection.objects.link(mine)
mine.name = "ArtistObject"
bpy.data.materials.new("Mine").name = "ArtistMaterial"

# === read-artist-text-via-user-map | refused
import bpy
for idb in bpy.data.user_map():
    if idb.name == "Notes":
        print(idb.lines[0].body)

# === attribute-error-real-context | refused
import bpy
try:
    bpy.context.no_such_thing
except AttributeError as exc:
    exc.obj.scene.objects["ArtistObject"].location.x = 5

# === attribute-error-real-data | contained
import bpy
try:
    bpy.data.no_such_thing
except AttributeError as exc:
    exc.obj.objects.remove(exc.obj.objects["ArtistObject"])

# === attribute-error-real-collection | refused
import bpy
try:
    bpy.data.objects.no_such_thing
except AttributeError as exc:
    exc.obj["ArtistObject"].name = "Stolen"

# === attribute-error-real-types | refused
import bpy
try:
    bpy.types.NoSuchType
except AttributeError as exc:
    exc.obj.Object.color = 1

# === attribute-error-from-blender-code | raised
import bpy
from bpy_extras import object_utils
mine = bpy.data.objects.new("Mine", None)
bpy.context.collection.objects.link(mine)
try:
    object_utils.object_data_add(bpy.context, bpy.data.meshes.new("M"), operator=mine)
except AttributeError as exc:
    exc.obj.users_scene[0].objects["ArtistObject"].name = "Stolen"

# === move-into-artist-collection-by-uid | contained
import bpy
bpy.ops.mesh.primitive_cube_add()
uid = bpy.data.collections["ArtistCollection"].session_uid
bpy.ops.object.link_to_collection(collection_uid=uid, is_new=True, new_collection_name="Inside")
bpy.ops.object.move_to_collection(collection_uid=uid)

# === evaluated-copy-of-artist-object | contained
import bpy
depsgraph = bpy.context.evaluated_depsgraph_get()
evaluated = bpy.data.objects["ArtistObject"].evaluated_get(depsgraph)
evaluated.location.x = 9
evaluated.data.clear_geometry()
depsgraph.update()
