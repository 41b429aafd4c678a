# source: https://github.com/blender/blender/blob/0434a060557046bac23083d7cab10237d66bf2a5/doc/python_api/examples/bpy.data.py
# licence: GPL-2.0-or-later (Blender source tree; kept verbatim as test data)
# adapted: unchanged
# expect: policy: line 25: import of 'os' is not allowed; use bpy, bmesh, mathutils, math, random
import bpy


# print all objects
for obj in bpy.data.objects:
    print(obj.name)


# print all scene names in a list
print(bpy.data.scenes.keys())


# remove mesh Cube
if "Cube" in bpy.data.meshes:
    mesh = bpy.data.meshes["Cube"]
    print("removing mesh", mesh)
    bpy.data.meshes.remove(mesh)


# write images into a file next to the blend
import os
file = open(os.path.splitext(bpy.data.filepath)[0] + ".txt", 'w')

for image in bpy.data.images:
    file.write("%s %d x %d\n" % (image.filepath, image.size[0], image.size[1]))

file.close()
