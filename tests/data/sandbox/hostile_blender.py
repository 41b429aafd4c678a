# === handlers | policy
import bpy
bpy.app.handlers.load_post.append(lambda *a: None)

# === persistent-handler | policy
from bpy.app.handlers import persistent

# === timers | policy
import bpy
bpy.app.timers.register(lambda: 1.0)

# === driver-namespace | policy
import bpy
bpy.app.driver_namespace["f"] = print

# === driver-add | policy
import bpy
bpy.ops.mesh.primitive_cube_add()
fc = bpy.context.active_object.driver_add("location", 0)

# === driver-expression | policy
import bpy
ob = bpy.context.active_object
ob.animation_data.drivers[0].driver.expression = "__import__('os')"

# === register-class | policy
import bpy
class Evil(bpy.types.Operator):
    bl_idname = "evil.op"
    bl_label = "Evil"
bpy.utils.register_class(Evil)

# === subclass-panel | policy
from bpy.types import Panel
class P(Panel):
    pass

# === text-as-module | policy
import bpy
t = bpy.data.texts.new("evil.py")
t.write("import os")
t.as_module()

# === text-use-module | policy
import bpy
bpy.data.texts["Notes"].use_module = True

# === msgbus | policy
import bpy
bpy.msgbus.subscribe_rna(key=bpy.types.Object, owner=object(), args=(), notify=print)

# === draw-handler | policy
import bpy
bpy.types.SpaceView3D.draw_handler_add(print, (), "WINDOW", "POST_VIEW")

# === keymaps | policy
import bpy
bpy.context.window_manager.keyconfigs.addon.keymaps.new(name="3D View")

# === preferences | policy
import bpy
prefs = bpy.context.preferences
prefs.filepaths.use_scripts_auto_execute = True

# === preferences-addon-key | policy
import bpy
key = bpy.context.preferences.addons["codeform"].preferences.api_key

# === op-wm-save | policy
import bpy
bpy.ops.wm.save_mainfile()

# === op-wm-quit | policy
import bpy
bpy.ops.wm.quit_blender()

# === op-wm-open | policy
import bpy
bpy.ops.wm.open_mainfile(filepath="/etc/passwd")

# === op-url-open | policy
import bpy
bpy.ops.wm.url_open(url="http://example.com/steal")

# === op-script | policy
import bpy
bpy.ops.script.python_file_run(filepath="{canary}/x.py")

# === op-preferences | policy
import bpy
bpy.ops.preferences.addon_enable(module="node_wrangler")

# === op-extensions | policy
import bpy
bpy.ops.extensions.package_install(repo_index=0, pkg_id="evil")

# === op-export | policy
import bpy
bpy.ops.wm.obj_export(filepath="{canary}/out.obj")

# === op-import | policy
import bpy
bpy.ops.import_scene.fbx(filepath="/etc/passwd")

# === op-file-property-in-allowed-namespace | policy
import bpy
bpy.ops.object.empty_image_add(filepath="/etc/passwd")

# === op-font-open | policy
import bpy
bpy.ops.font.open(filepath="/etc/passwd")

# === op-material-copybuffer | policy
import bpy
bpy.ops.material.copy()

# === op-quick-liquid-cache | policy
import bpy
bpy.ops.object.quick_liquid()

# === op-outliner-purge | policy
import bpy
bpy.ops.outliner.orphans_purge(do_recursive=True)

# === op-ed-undo | policy
import bpy
bpy.ops.ed.undo()

# === op-render-write | policy
import bpy
bpy.ops.render.render(write_still=True)

# === image-save | policy
import bpy
img = bpy.data.images.new("i", 4, 4)
img.filepath_raw = "{canary}/img.png"
img.save()

# === image-load | policy
import bpy
bpy.data.images.load("/etc/passwd")

# === render-filepath | policy
import bpy
bpy.context.scene.render.filepath = "{canary}/render"

# === libraries-load | policy
import bpy
with bpy.data.libraries.load("/tmp/other.blend") as (src, dst):
    dst.objects = src.objects

# === temp-data | policy
import bpy
with bpy.data.temp_data() as temp:
    pass

# === runtime-op-namespace | refused
import bpy
namespaces = bpy.ops
getter = namespaces.script
getter.python_file_run(filepath="{canary}/x.py")

# === runtime-fluid-modifier | refused
import bpy
bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
kind = "FL" + "UID"
obj.modifiers.new("Fluid", kind)

# === runtime-invoke | refused
import bpy
bpy.ops.mesh.primitive_cube_add("INVOKE_DEFAULT")

# === runtime-context-dict | refused
import bpy
bpy.ops.object.delete({"selected_objects": list(bpy.data.objects)})

# === runtime-bpy-types-mutation | refused
import bpy
Object = bpy.types.Object
Object.evil_property = 42

# === op-isolate-type-render | policy
import bpy
bpy.ops.mesh.primitive_cube_add()
bpy.ops.object.isolate_type_render()

# === op-hide-render-clear-all | policy
import bpy
bpy.ops.object.hide_render_clear_all()

# === op-make-local-all | policy
import bpy
bpy.ops.object.make_local(type="ALL")

# === op-clipboard-paste | policy
import bpy
bpy.ops.object.text_add()
bpy.ops.object.editmode_toggle()
bpy.ops.font.text_paste()

# === op-clear-useless-actions | policy
import bpy
bpy.ops.anim.clear_useless_actions(only_unused=False)

# === point-cache-on-disk | policy
import bpy
bpy.ops.mesh.primitive_plane_add()
cloth = bpy.context.active_object.modifiers.new("Cloth", "CLOTH")
cloth.point_cache.use_disk_cache = True
for frame in range(1, 4):
    bpy.context.scene.frame_set(frame)

# === camera-custom-shader-file | policy
import bpy
bpy.ops.object.camera_add()
camera = bpy.context.active_object.data
camera.type = "CUSTOM"
camera.custom_mode = "EXTERNAL"
camera.custom_filepath = "{canary}/camera.osl"

# === geometry-nodes-bake-directory | policy
import bpy
bpy.ops.mesh.primitive_cube_add()
bpy.context.active_object.modifiers.new("GN", "NODES").bake_directory = "{canary}"

# === geometry-nodes-import-text | refused
import bpy
bpy.ops.mesh.primitive_cube_add()
tree = bpy.data.node_groups.new("Reader", "GeometryNodeTree")
reader = tree.nodes.new("GeometryNodeImportText")
reader.inputs[0].default_value = "/etc/passwd"

# === geometry-nodes-import-csv-caught | contained
import bpy
tree = bpy.data.node_groups.new("Reader", "GeometryNodeTree")
try:
    tree.nodes.new("GeometryNodeImportCSV")
except Exception:
    pass
assert not [n for n in tree.nodes if n.bl_idname.startswith("GeometryNodeImport")]

# === sequencer-strip-from-file | refused
import bpy
scene = bpy.data.scenes.new("Mine")
editor = scene.sequence_editor_create()
editor.strips.new_sound("sound", "/etc/hostname", 2, 1)
