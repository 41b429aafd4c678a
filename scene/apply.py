"""Apply a SceneProgram to the live scene, stage by stage, and move stage pointers.

The scene is a pure function of the program: applying stages 1..k reproduces the same
objects, names and vertex data every time. ``random`` is seeded per part (not per stage),
so editing one component does not reshuffle the random numbers of the others.
"""
from __future__ import annotations

import hashlib
import json
import random
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

import bpy

from ..pipeline.errors import CodeRaised, ProgramError
from ..pipeline.program import STAGES, SceneProgram, part_function_name, split_stage_source, stage_index
from ..sandbox import executor
from ..worker import rehearsed
from . import collections as cols
from . import ownership, state
from .context import ObjectIndex, PartContext

APPLIED_KEY = "codeform_applied"
SNAPSHOT_KEY = "codeform_snapshots"
KEEP_PREFIX = "codeform_keep_"
MODULE_PART = "_module"  # objects made by a stage's top-level code, outside any part


@dataclass
class ApplyReport:
    run: str
    stages: list[str] = field(default_factory=list)  # stages that were (re)run
    removed: int = 0  # datablocks removed before re-running
    full: bool = False  # fell back to a full re-apply from geometry
    seconds: float = 0.0
    objects: dict[str, int] = field(default_factory=dict)  # stage -> objects it owns now


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]


def part_seed(stage: str, part: str) -> int:
    return zlib.crc32(f"{stage}/{part}".encode("utf-8"))


# ---------------------------------------------------------------------------
# What is in the scene now
# ---------------------------------------------------------------------------

def _json_prop(idblock: bpy.types.ID, key: str) -> dict[str, Any]:
    raw = idblock.get(key)
    if not isinstance(raw, str):
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def applied_record(run: str) -> dict[str, str]:
    """stage -> hash of the code that is in the scene now, for stages that are applied."""
    root = cols.find_run_collection(run)
    return {k: v for k, v in _json_prop(root, APPLIED_KEY).items() if k in STAGES} if root else {}


def _set_applied(root: bpy.types.Collection, record: dict[str, str]) -> None:
    root[APPLIED_KEY] = json.dumps(record, sort_keys=True)


def first_stale_stage(program: SceneProgram, upto: str | None) -> str | None:
    """The first stage whose scene content differs from the program's current version."""
    record = applied_record(program.name)
    wanted = _wanted_stages(program, upto)
    for s in STAGES:
        want = code_hash(program.stages[s].code) if s in wanted else None
        if record.get(s) != want:
            return s
    return None


def _wanted_stages(program: SceneProgram, upto: str | None) -> list[str]:
    applied = program.applied_stages()
    if upto is None:
        return applied
    k = stage_index(upto)
    if k >= len(applied):
        raise ProgramError(f"cannot apply up to {upto}: {STAGES[len(applied)]} has no current version")
    return applied[: k + 1]


# ---------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------

def apply_program(program: SceneProgram, scene: bpy.types.Scene | None = None,
                  upto: str | None = None, start: str | None = None,
                  undo_message: str | None = None) -> ApplyReport:
    """Bring the scene to the program's current versions of stages 1..`upto`.

    Only stages from the first one that changed are re-run (or from `start`, to force a
    re-run). Stages after `upto` are removed from the scene. On an error in stage code the
    failing stage is rolled back, earlier stages stay, and CodeRaised is raised.
    """
    scene = scene or bpy.context.scene
    t0 = time.perf_counter()
    run = program.name
    wanted = _wanted_stages(program, upto)
    stale = first_stale_stage(program, upto)
    if start is not None:
        stage_index(start)
        stale = start if stale is None else STAGES[min(stage_index(start), stage_index(stale))]
    report = ApplyReport(run=run)
    if stale is None:
        report.seconds = time.perf_counter() - t0
        return report

    collections = cols.ensure_run_collections(run, scene)
    root = cols.find_run_collection(run)
    saved_ui = _save_ui(scene)
    try:
        if rehearsed.apply_imported(program, wanted, scene, root, collections, report):
            return report  # model code: the worker's rehearsed result, imported
        from_i = _prepare(run, root, scene, stage_index(stale), report)
        record = {s: h for s, h in applied_record(run).items() if stage_index(s) < from_i}
        for stage in wanted[from_i:]:
            _snapshot_before(run, root, scene, stage)
            try:
                _run_stage(program, stage, collections[stage])
            except Exception:
                report.removed += ownership.remove_owned(run, [stage])
                _restore_before(run, root, scene, stage)
                _set_applied(root, record)
                raise
            record[stage] = code_hash(program.stages[stage].code)
            _set_applied(root, record)
            report.stages.append(stage)
        _set_applied(root, record)
    finally:
        _restore_ui(scene, saved_ui)
        report.objects = {s: len(collections[s].all_objects) for s in STAGES}
        report.seconds = time.perf_counter() - t0
        if undo_message:
            push_undo(undo_message)
    return report


def _prepare(run: str, root: bpy.types.Collection, scene: bpy.types.Scene, from_i: int,
             report: ApplyReport) -> int:
    """Remove what stages >= from_i made and put back the state they changed. Returns the
    stage index to re-run from: from_i, or 0 when only a full re-apply is exact."""
    in_scene = set(applied_record(run))
    report.removed += ownership.remove_owned(run, STAGES[from_i:])
    if not in_scene.intersection(STAGES[from_i:]):
        return from_i  # nothing from these stages is in the scene: nothing to put back
    if from_i == 0:
        _restore_before(run, root, scene, STAGES[0])
        return 0
    stage = STAGES[from_i]
    snap = _json_prop(root, SNAPSHOT_KEY).get(stage)
    earlier = STAGES[:from_i]
    if snap and state.digest(run, earlier, scene) == snap["digest"]:
        return from_i
    if snap and state.restore(snap["state"], scene) and state.digest(run, earlier, scene) == snap["digest"]:
        return from_i
    # A later stage changed earlier data in a way the snapshot cannot undo: start over.
    report.full = True
    report.removed += ownership.remove_owned(run, STAGES)
    _restore_before(run, root, scene, STAGES[0])
    return 0


def _snapshot_before(run: str, root: bpy.types.Collection, scene: bpy.types.Scene, stage: str) -> None:
    earlier = STAGES[: stage_index(stage)]
    snaps = _json_prop(root, SNAPSHOT_KEY)
    captured = state.capture(run, earlier, scene)
    snaps[stage] = {"state": captured, "digest": state.digest(run, earlier, scene, captured)}
    # Snapshots of later stages describe a scene that no longer exists.
    for later in STAGES[stage_index(stage) + 1:]:
        snaps.pop(later, None)
    root[SNAPSHOT_KEY] = json.dumps(snaps, sort_keys=True)
    # A stage that replaces the scene's world or camera leaves the artist's one without
    # users, and Blender drops user-less data on save. An ID pointer property is a user, so
    # the snapshot keeps what it will put back alive without flagging the artist's data.
    for key, idblock in (("world", scene.world), ("camera", scene.camera)):
        prop = f"{KEEP_PREFIX}{stage}_{key}"
        if idblock is not None and ownership.owner_of(idblock) is None:
            root[prop] = idblock
        elif prop in root:
            del root[prop]


def _restore_before(run: str, root: bpy.types.Collection, scene: bpy.types.Scene, stage: str) -> None:
    snap = _json_prop(root, SNAPSHOT_KEY).get(stage)
    if snap:
        state.restore(snap["state"], scene)


def _run_stage(program: SceneProgram, stage: str, collection: bpy.types.Collection) -> None:
    run = program.name
    code = program.stages[stage].code
    parts = split_stage_source(stage, code).parts
    view_layer = bpy.context.view_layer
    layer = cols.find_layer_collection(view_layer.layer_collection, collection)
    if layer is not None:
        view_layer.active_layer_collection = layer
    known = ownership.pointers()
    allowed = cols.run_collections(run)
    rng_state = random.getstate()
    try:
        with executor.guarded_stage(run, stage):
            _run_parts(program, stage, code, parts, collection, known, allowed)
    finally:
        random.setstate(rng_state)


def _run_parts(program: SceneProgram, stage: str, code: str, parts: dict[str, str],
               collection: bpy.types.Collection, known: set[int], allowed: set[int]) -> None:
    run = program.name
    random.seed(part_seed(stage, MODULE_PART))
    namespace = executor.load_stage_module(code, run, stage)
    _adopt(run, stage, MODULE_PART, collection, known, allowed)
    index = ObjectIndex(run)
    for part in parts:
        random.seed(part_seed(stage, part))
        ctx = PartContext(run, stage, part, collection, program.component(part), program.blueprint, index)
        try:
            executor.call_part(namespace, part_function_name(stage, part), ctx, run, stage, part)
        finally:
            _leave_edit_mode()
            if _adopt(run, stage, part, collection, known, allowed):
                index.invalidate()


def _adopt(run: str, stage: str, part: str, collection: bpy.types.Collection,
           known: set[int], allowed: set[int]) -> bool:
    """Tag what the part created and keep its objects and collections inside the run.
    Returns whether the part made any new object."""
    created = ownership.new_ids(known)
    ownership.tag(created, run, stage, part)
    new_colls = [c for c in created if isinstance(c, bpy.types.Collection)]
    allowed.update(c.as_pointer() for c in new_colls)
    scene_root = bpy.context.scene.collection
    parents = [scene_root, *bpy.data.collections]
    for coll in new_colls:
        at_home = False
        for parent in parents:
            if coll.name in parent.children:
                if parent.as_pointer() in allowed:
                    at_home = True
                else:
                    parent.children.unlink(coll)
        if not at_home:
            collection.children.link(coll)
    new_objects = [c for c in created if isinstance(c, bpy.types.Object)]
    for obj in new_objects:
        homes = list(obj.users_collection)
        if not any(c.as_pointer() in allowed for c in homes):
            collection.objects.link(obj)
        for home in homes:
            if home.as_pointer() not in allowed:
                home.objects.unlink(obj)
    return bool(new_objects)


def _leave_edit_mode() -> None:
    obj = bpy.context.view_layer.objects.active
    if obj is not None and obj.mode != "OBJECT":
        try:
            bpy.ops.object.mode_set(mode="OBJECT")
        except RuntimeError:
            pass


# ---------------------------------------------------------------------------
# The artist's selection survives an apply
# ---------------------------------------------------------------------------

def _save_ui(scene: bpy.types.Scene) -> dict[str, Any]:
    view_layer = bpy.context.view_layer
    _leave_edit_mode()
    active = view_layer.objects.active
    return {
        "selected": [o.name for o in view_layer.objects if o is not None and o.select_get()],
        "active": active.name if active else None,
        "layer": view_layer.active_layer_collection.collection.name,
    }


def _restore_ui(scene: bpy.types.Scene, saved: dict[str, Any]) -> None:
    view_layer = bpy.context.view_layer
    selected = set(saved["selected"])
    for obj in view_layer.objects:
        if obj is None:
            continue  # the view layer still lists objects this apply removed
        want = obj.name in selected
        if obj.select_get() != want:
            obj.select_set(want)
    active = bpy.data.objects.get(saved["active"]) if saved["active"] else None
    view_layer.objects.active = active if active and active.name in view_layer.objects else None
    coll = bpy.data.collections.get(saved["layer"])
    layer = cols.find_layer_collection(view_layer.layer_collection, coll) if coll else None
    view_layer.active_layer_collection = layer or view_layer.layer_collection


def push_undo(message: str) -> None:
    try:
        bpy.ops.ed.undo_push(message=message)
    except RuntimeError:
        pass  # no undo stack (e.g. some background contexts); nothing to push onto


# ---------------------------------------------------------------------------
# Per-stage undo and redo
# ---------------------------------------------------------------------------

def undo_stage(program: SceneProgram, stage: str, scene: bpy.types.Scene | None = None) -> ApplyReport:
    """Move `stage`'s pointer back one version and re-apply from that stage on."""
    program.stage(stage).undo()
    return apply_program(program, scene, undo_message=f"CodeForm: {stage}")


def redo_stage(program: SceneProgram, stage: str, scene: bpy.types.Scene | None = None) -> ApplyReport:
    program.stage(stage).redo()
    return apply_program(program, scene, undo_message=f"CodeForm: {stage}")


def clear_run(run: str, scene: bpy.types.Scene | None = None) -> None:
    """Remove everything the run made from the scene (its Text datablocks stay)."""
    scene = scene or bpy.context.scene
    root = cols.find_run_collection(run)
    if root is not None:
        _restore_before(run, root, scene, STAGES[0])
    ownership.remove_owned(run, STAGES)
    cols.remove_run_collections(run)
