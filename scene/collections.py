"""The run's collections: ``CodeForm/<run>`` with one child per stage."""
from __future__ import annotations

import bpy

from ..pipeline.program import STAGES

RUN_KEY = "codeform_run"


def run_collection_name(run: str) -> str:
    return f"CodeForm/{run}"


def stage_collection_name(run: str, stage: str) -> str:
    return f"CodeForm/{run}/{stage}"


def find_run_collection(run: str) -> bpy.types.Collection | None:
    coll = bpy.data.collections.get(run_collection_name(run))
    if coll is not None and coll.get(RUN_KEY) == run and coll.library is None:
        return coll
    # The artist held the name when the run began, so ours was named with a suffix.
    return next((c for c in bpy.data.collections if c.get(RUN_KEY) == run and c.library is None), None)


def is_runs_collection(coll: bpy.types.ID, run: str) -> bool:
    """The run's own collection or one of its stage collections."""
    key = coll.get(RUN_KEY) if isinstance(coll, bpy.types.Collection) else None
    return isinstance(key, str) and (key == run or key.startswith(run + "/"))


def ensure_run_collections(run: str, scene: bpy.types.Scene) -> dict[str, bpy.types.Collection]:
    """Create (or find) the run collection and its four stage collections, linked into
    `scene`. A collection of the same name that is not ours (the artist made it) is left
    alone and ours gets another name."""
    root = find_run_collection(run)
    if root is None:
        root = bpy.data.collections.new(run_collection_name(run))
        root[RUN_KEY] = run
    if root.name not in scene.collection.children:
        scene.collection.children.link(root)
    out: dict[str, bpy.types.Collection] = {}
    for stage in STAGES:
        child = next((c for c in root.children if c.get(RUN_KEY) == f"{run}/{stage}"), None)
        if child is None:
            child = bpy.data.collections.new(stage_collection_name(run, stage))
            child[RUN_KEY] = f"{run}/{stage}"
            root.children.link(child)
        out[stage] = child
    return out


def run_collections(run: str) -> set[int]:
    root = find_run_collection(run)
    if root is None:
        return set()
    return {root.as_pointer()} | {c.as_pointer() for c in root.children_recursive}


def find_layer_collection(layer: bpy.types.LayerCollection,
                          coll: bpy.types.Collection) -> bpy.types.LayerCollection | None:
    if layer.collection == coll:
        return layer
    for child in layer.children:
        found = find_layer_collection(child, coll)
        if found is not None:
            return found
    return None


def remove_run_collections(run: str) -> None:
    root = find_run_collection(run)
    if root is None:
        return
    bpy.data.batch_remove([root, *root.children_recursive])
