# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/cube_loop/cube_loop_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, add_ctrl_empty, make_active, track_empty, setup_camera unchanged; the imports and the last lines that call them are added
# expect: ok
import math
import random

import bpy


def active_object():
    """
    returns the active object
    """
    return bpy.context.active_object


def add_ctrl_empty(name=None):

    bpy.ops.object.empty_add(type="PLAIN_AXES", align="WORLD")
    empty_ctrl = active_object()

    if name:
        empty_ctrl.name = name
    else:
        empty_ctrl.name = "empty.cntrl"

    return empty_ctrl


def make_active(obj):
    bpy.ops.object.select_all(action="DESELECT")
    obj.select_set(True)
    bpy.context.view_layer.objects.active = obj


def track_empty(obj):
    """
    create an empty and add a 'Track To' constraint
    """
    empty = add_ctrl_empty(name=f"empty.tracker-target.{obj.name}")

    make_active(obj)
    bpy.ops.object.constraint_add(type="TRACK_TO")
    bpy.context.object.constraints["Track To"].target = empty

    return empty


def setup_camera(loc, rot):
    """
    create and setup the camera
    """
    bpy.ops.object.camera_add(location=loc, rotation=rot)
    camera = active_object()

    # set the camera as the "active camera" in the scene
    bpy.context.scene.camera = camera

    # set the Focal Length of the camera
    camera.data.lens = 70

    camera.data.passepartout_alpha = 0.9


setup_camera(loc=(0, -12, 4), rot=(math.radians(75), 0, 0))
track_empty(bpy.context.scene.camera)
bpy.ops.mesh.primitive_monkey_add()
