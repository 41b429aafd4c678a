# source: https://github.com/blender/blender/blob/10d8c389b39625c19b3ab8f0ccbe873ea5c903ba/scripts/templates_py/bmesh_simple_editmode.py
# licence: GPL-2.0-or-later (Blender source tree; kept verbatim as test data)
# adapted: unchanged
# expect: raised: line 12: AttributeError: 'NoneType' object has no attribute 'data'
# This example assumes we have a mesh object in edit-mode

import bpy
import bmesh

# Get the active mesh
obj = bpy.context.edit_object
me = obj.data


# Get a BMesh representation
bm = bmesh.from_edit_mesh(me)

bm.faces.active = None

# Modify the BMesh, can do anything here...
for v in bm.verts:
    v.co.x += 1.0


# Show the updates in the viewport
# and recalculate n-gon tessellation.
bmesh.update_edit_mesh(me, loop_triangles=True)
