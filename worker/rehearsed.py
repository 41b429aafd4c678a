"""Model code applied to the live scene by importing the worker's rehearsed result.

The worker already ran the program (gate 2) to render it for the model; appending the objects
it built is about three times faster than running the code again (see bench/sandbox.py),
and the code then never runs in the artist's process at all. Code the artist edited by
hand (origin "user") is applied in process through the guarded facade instead.

The result must be exactly what ``apply_program`` would leave: the same names, ownership
tags, stage collections, applied record and per-stage snapshots. So the worker applies the
program stage by stage and records, before each stage, the geometry fingerprint the
snapshot digest covers; the live side rewrites each snapshot's scene part onto the artist's
scene (the worker starts from an empty one) and recomputes its digest. The worker first holds
every name the artist's file already has (`reserve_names`), so Blender names what the code
makes there as it would here. Should a name the code made still be taken (the artist added
it since), the import steps aside and the code runs in process.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

import bpy

from ..pipeline.program import STAGES, SceneProgram, stage_index
from ..scene import apply as scene_apply
from ..scene import collections as cols
from ..scene import ownership, state

# Scene settings stage code may change (the guarded facade's writable scene zones).
_ZONES = ("render", "render.image_settings", "eevee", "cycles", "view_settings", "display_settings",
          "display", "display.shading", "unit_settings", "cursor")
_SCENE_ATTRS = ("frame_current", "frame_start", "frame_end", "frame_step", "use_gravity", "gravity")


# -- in the worker ---------------------------------------------------------------------------

def apply_for_import(program: SceneProgram, upto: str | None) -> dict[str, Any]:
    """Apply `program` like apply_program, stage by stage, and return what the live scene
    needs to import the result."""
    scene = bpy.context.scene
    run = program.name
    applied = program.applied_stages()
    wanted = applied if upto is None else applied[: stage_index(upto) + 1]
    settings_before = scene_settings(scene)
    fingerprints = {}
    for stage in wanted:
        fingerprints[stage] = state._geometry_fingerprint(run, STAGES[: stage_index(stage)])
        scene_apply.apply_program(program, scene, upto=stage)
    root = cols.find_run_collection(run)
    settings_after = scene_settings(scene)
    stage_collections = {c.get(cols.RUN_KEY, "").split("/")[-1]: c for c in root.children} if root else {}
    owned = ownership.owned(run)
    return {
        "run": run,
        "codes": {s: program.stages[s].code for s in wanted},
        "blueprint": program.blueprint,
        "fingerprints": fingerprints,
        "snapshots": json.loads(root.get(scene_apply.SNAPSHOT_KEY, "{}")) if root else {},
        "settings": {k: v for k, v in settings_after.items() if settings_before.get(k) != v},
        "camera": _owned_name(scene.camera, run),
        "world": _owned_name(scene.world, run),
        "objects": {s: [o.name for o in c.objects] for s, c in stage_collections.items()},
        "children": {s: [c.name for c in coll.children] for s, coll in stage_collections.items()},
        "worlds": [w.name for w in owned if isinstance(w, bpy.types.World)],
        "names": _names_by_type(owned),
    }


# How to make a bare datablock in each ID collection, to hold a name (fonts need a file).
_PLACEHOLDER_ARGS: dict[str, tuple] = {
    "curves": ("CURVE",), "lights": ("POINT",), "lightprobes": ("SPHERE",), "textures": ("NONE",),
    "images": (1, 1), "node_groups": ("GeometryNodeTree",), "objects": (None,),
}


def reserve_names(names: dict[str, list[str]]) -> int:
    """Hold the live file's names (ownership.foreign_names) with unused datablocks, so the
    program gets here exactly the names Blender would give it there ("Camera" taken by the
    artist's startup file makes the model's camera "Camera.001" in both). The import then
    finds no name taken, and model code never has to run in the artist's process. They have
    no users, so the rehearsed .blend does not keep them. Returns how many were made."""
    made = 0
    for attr, wanted in (names or {}).items():
        coll = getattr(bpy.data, attr, None) if attr in ownership.ID_COLLECTIONS else None
        if coll is None or not isinstance(wanted, list) or not hasattr(coll, "new"):
            continue
        args = _PLACEHOLDER_ARGS.get(attr, ())
        for name in wanted:
            if isinstance(name, str) and name and coll.get(name) is None:
                try:
                    coll.new(name, *args)
                except (TypeError, ValueError, RuntimeError):
                    continue   # a type this Blender builds differently: _names_taken still guards
                made += 1
    return made


def _owned_name(idb: Any, run: str) -> str | None:
    who = ownership.owner_of(idb) if idb is not None else None
    return idb.name if who and who[0] == run else None


def _names_by_type(ids: list[bpy.types.ID]) -> dict[str, list[str]]:
    pointers = {i.as_pointer() for i in ids}
    out: dict[str, list[str]] = {}
    for attr in ownership.ID_COLLECTIONS:
        coll = getattr(bpy.data, attr, None)
        names = [idb.name for idb in coll if idb.as_pointer() in pointers] if coll is not None else []
        if names:
            out[attr] = names
    return out


def scene_settings(scene: bpy.types.Scene) -> dict[str, Any]:
    """The scene settings stage code may change, as {dotted path: JSON value}."""
    out: dict[str, Any] = {}
    for attr in _SCENE_ATTRS:
        out[attr] = _plain(getattr(scene, attr))
    for zone in _ZONES:
        struct = scene
        for bit in zone.split("."):
            struct = getattr(struct, bit, None)
            if struct is None:
                break
        if struct is None:
            continue
        for prop in struct.bl_rna.properties:
            if prop.is_readonly or prop.type in ("POINTER", "COLLECTION") or prop.identifier == "rna_type":
                continue
            try:
                out[f"{zone}.{prop.identifier}"] = _plain(getattr(struct, prop.identifier))
            except (AttributeError, TypeError):
                pass
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, set):
        return sorted(value)
    try:
        return [_plain(v) for v in value]
    except TypeError:
        return repr(value)


# -- in the live scene -----------------------------------------------------------------------

def apply_imported(program: SceneProgram, wanted: list[str], scene: bpy.types.Scene,
                   root: bpy.types.Collection, collections: dict[str, bpy.types.Collection],
                   report: Any) -> bool:
    """Bring the run to `wanted` by importing the worker's rehearsal of exactly this code.
    False, having changed nothing, when there is none, when a stage holds code the artist
    edited by hand, or when a name is taken."""
    from .pool import find_rehearsal
    if not wanted or any(program.stages[s].version.origin == "user" for s in wanted):
        return False
    found = find_rehearsal(program.name, {s: program.stages[s].code for s in wanted}, program.blueprint)
    if found is None:
        return False
    blend, info = found
    run = program.name
    if _names_taken(info["names"], run):
        return False
    report.removed += ownership.remove_owned(run, STAGES)
    scene_apply._restore_before(run, root, scene, STAGES[0])
    artist_scene = state._scene_state(scene)
    _append(blend, info, collections)
    _apply_settings(scene, info)
    _write_snapshots(run, root, scene, info, artist_scene, wanted)
    scene_apply._set_applied(root, {s: scene_apply.code_hash(program.stages[s].code) for s in wanted})
    report.stages = list(wanted)
    return True


def _names_taken(names: dict[str, list[str]], run: str) -> bool:
    for attr, wanted in names.items():
        coll = getattr(bpy.data, attr, None)
        if coll is None:
            return True
        for name in wanted:
            existing = coll.get(name)
            if existing is not None:
                who = ownership.owner_of(existing)
                if not (who and who[0] == run) or existing.library is not None:
                    return True
    return False


def _append(blend: str, info: dict[str, Any], collections: dict[str, bpy.types.Collection]) -> None:
    objects = sorted({n for names in info["objects"].values() for n in names})
    children = sorted({n for names in info["children"].values() for n in names})
    with bpy.data.libraries.load(blend, link=False) as (source, target):
        target.objects = [n for n in objects if n in source.objects]
        target.collections = [n for n in children if n in source.collections]
        target.worlds = [n for n in info["worlds"] if n in source.worlds]
    for stage, names in info["objects"].items():
        home = collections.get(stage)
        for name in names:
            obj = bpy.data.objects.get(name)
            if home is not None and obj is not None and obj.name not in home.objects:
                home.objects.link(obj)
    for stage, names in info["children"].items():
        home = collections.get(stage)
        for name in names:
            child = bpy.data.collections.get(name)
            if home is not None and child is not None and child.name not in home.children:
                home.children.link(child)


def _apply_settings(scene: bpy.types.Scene, info: dict[str, Any]) -> None:
    if info.get("camera"):
        scene.camera = bpy.data.objects.get(info["camera"])
    if info.get("world"):
        scene.world = bpy.data.worlds.get(info["world"])
    for path, value in info["settings"].items():
        *parents, name = path.split(".")
        struct = scene
        for bit in parents:
            struct = getattr(struct, bit, None)
        if struct is None:
            continue
        try:
            setattr(struct, name, set(value) if isinstance(getattr(struct, name), set) else value)
        except (AttributeError, TypeError, ValueError):
            pass  # a setting this Blender spells differently: the re-run path would agree


def _write_snapshots(run: str, root: bpy.types.Collection, scene: bpy.types.Scene, info: dict[str, Any],
                     artist_scene: dict[str, Any], wanted: list[str]) -> None:
    """Each stage's snapshot as apply_program would have taken it here: the worker's objects,
    the artist's scene with what earlier stages changed, and a digest over both."""
    snaps = info["snapshots"]
    worker_start = snaps.get(STAGES[0], {}).get("state", {}).get("scene", {})
    out = {}
    for stage in wanted:
        snap = snaps.get(stage)
        if snap is None:
            continue
        worker_scene = snap["state"].get("scene", {})
        live_scene = json.loads(json.dumps(artist_scene))
        for key, value in worker_scene.items():
            if isinstance(value, dict):
                for sub, v in value.items():
                    if worker_start.get(key, {}).get(sub) != v:
                        live_scene.setdefault(key, {})[sub] = v
            elif worker_start.get(key) != value:
                live_scene[key] = value
        captured = {"objects": snap["state"].get("objects", {}), "scene": live_scene}
        payload = {"state": captured, "geometry": info["fingerprints"].get(stage, [])}
        out[stage] = {"state": captured,
                      "digest": hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()}
        for key, coll in (("world", bpy.data.worlds), ("camera", bpy.data.objects)):
            prop = f"{scene_apply.KEEP_PREFIX}{stage}_{key}"
            idb = coll.get(live_scene.get(key) or "")
            if idb is not None and ownership.owner_of(idb) is None:
                root[prop] = idb
            elif prop in root:
                del root[prop]
    root[scene_apply.SNAPSHOT_KEY] = json.dumps(out, sort_keys=True)
