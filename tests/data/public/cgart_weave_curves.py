# source: https://github.com/CGArtPython/blender_plus_python/blob/8082843fa03ebed24f97bd806ae8f05f773e49e9/weave/weave_done.py
# licence: MIT, Copyright (c) 2022 CGArtPython
# adapted: excerpt: the functions active_object, create_profile_curve unchanged; the imports and the last lines that call them are added
# expect: raised: line 19: AttributeError: bpy.ops.curve.simple does not exist
import math
import random

import bpy


def active_object():
    """
    returns the active object
    """
    return bpy.context.active_object


def create_profile_curve():
    bpy.ops.curve.simple(
        Simple_Type='Arc', 
        Simple_endangle=180, 
        use_cyclic_u=False, 
        edit_mode=False)
    profile_curve = active_object()
    profile_curve.scale *= 0.1
    return profile_curve


create_profile_curve()
