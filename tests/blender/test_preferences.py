"""Preferences round-trip through Blender's own userpref file; the extension's folder of
optional packages joins sys.path while it is enabled and leaves with it."""
import sys

import bpy

from bpytest import MODULE, disable_extension, enable_extension


def test_preferences_round_trip_through_userpref(extension):
    import os
    saved = os.path.join(bpy.utils.user_resource("CONFIG"), "userpref.blend")
    try:
        _round_trip()
    finally:
        if os.path.exists(saved):  # later tests start from factory preferences
            os.remove(saved)


def _round_trip():
    prefs = bpy.context.preferences.addons[MODULE].preferences
    values = {"provider": "openai-compatible", "model": "qwen2.5-vl", "base_url": "http://127.0.0.1:11434/v1",
              "iterations": 5, "render_engine": "CYCLES", "render_size": 384, "concurrency": 2,
              "max_calls": 30, "max_cost": 0.5}
    for name, value in values.items():
        setattr(prefs, name, value)
    bpy.ops.wm.save_userpref()
    prefs.iterations, prefs.model, prefs.provider = 1, "other", "anthropic"
    bpy.ops.wm.read_userpref()
    prefs = bpy.context.preferences.addons[MODULE].preferences
    for name, value in values.items():
        got = getattr(prefs, name)
        assert (abs(got - value) < 1e-6) if isinstance(value, float) else got == value, name


def test_extension_site_packages_join_and_leave_sys_path(extension):
    import importlib
    import shutil
    prefs_mod = importlib.import_module(MODULE + ".preferences")
    folder = prefs_mod.site_packages(create=True)
    disable_extension()
    shutil.rmtree(folder)  # as on a fresh install: nothing optional installed yet
    enable_extension()
    assert folder not in sys.path
    prefs_mod = importlib.import_module(MODULE + ".preferences")
    assert prefs_mod.site_packages(create=True) == folder
    disable_extension()
    enable_extension()
    assert folder in sys.path
    disable_extension()
    assert folder not in sys.path
    enable_extension()
