"""A plain script (top-level code, the way people paste scripts) applied to a scene as one
part, through the same gates as stage code: policy, guarded facade, caps, deadline.

Everything the script creates is tagged ``codeform_owner = <name>/geometry/_module`` and
lives in the collection ``CodeForm/<name>``; the artist's data in the file is protected as
in any stage. On failure everything the script made is removed again.
"""
from __future__ import annotations

import random

import bpy

from ..pipeline.program import validate_run_name
from ..sandbox import executor
from ..scene import apply as scene_apply
from ..scene import ownership
from ..scene.collections import RUN_KEY, find_layer_collection


def apply_script(code: str, name: str, scene: bpy.types.Scene | None = None) -> bpy.types.Collection:
    """Run `code` in `scene`; return the collection holding what it made."""
    validate_run_name(name)
    scene = scene or bpy.context.scene
    saved_ui = scene_apply._save_ui(scene)
    collection = bpy.data.collections.new(f"CodeForm/{name}")
    collection[RUN_KEY] = name
    scene.collection.children.link(collection)
    view_layer = bpy.context.view_layer
    layer = find_layer_collection(view_layer.layer_collection, collection)
    if layer is not None:
        view_layer.active_layer_collection = layer
    known = ownership.pointers()
    allowed = {collection.as_pointer()}
    world = scene.world
    rng_state = random.getstate()
    random.seed(scene_apply.part_seed("geometry", scene_apply.MODULE_PART))
    try:
        with executor.guarded_stage(name, ""):
            try:
                executor.run_script(code, name)
            finally:
                scene_apply._leave_edit_mode()
                scene_apply._adopt(name, "geometry", scene_apply.MODULE_PART, collection, known, allowed)
    except BaseException:
        ownership.remove_owned(name, ["geometry"])
        if collection.name in bpy.data.collections:
            bpy.data.collections.remove(collection)
        raise
    finally:
        random.setstate(rng_state)
        scene_apply._restore_ui(scene, saved_ui)
    if world is not None and scene.world != world:
        # The artist's world has no user left once the scene shows the script's; Blender
        # would drop it on save. An ID property on the script's collection keeps it.
        collection[f"{scene_apply.KEEP_PREFIX}world"] = world
    return collection
