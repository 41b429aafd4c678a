"""The state a stage may change in data it does not own, captured before the stage runs.

Re-applying stage k must give the scene exactly as if stages 1..k ran on an empty
collection. Deleting what stages >= k created is not enough: a material stage assigns
materials to geometry objects and smooths their faces, composition moves objects and sets
the scene camera, lighting sets the world and the view transform. So before a stage runs the
applier captures that state (a JSON snapshot kept on the run collection, so it survives save
and reload) and a digest of the earlier stages' data. On re-apply it restores the snapshot and
checks the digest; if a stage changed something the snapshot does not cover, the digest
differs and the caller falls back to a full re-apply from geometry, which is always exact.
"""
from __future__ import annotations

import base64
import hashlib
import json
import zlib
from array import array
from typing import Any, Iterable

import bpy
from mathutils import Matrix

from .ownership import owned_objects

_RENDER_KEYS = ("engine", "resolution_x", "resolution_y", "resolution_percentage", "film_transparent")
_VIEW_KEYS = ("view_transform", "look", "exposure", "gamma")


def _flat(matrix) -> list[float]:
    return [float(v) for row in matrix for v in row]


def _matrix(values: list[float]) -> Matrix:
    return Matrix([values[0:4], values[4:8], values[8:12], values[12:16]])


def _sharp_faces(mesh: bpy.types.Mesh) -> str | None:
    attr = mesh.attributes.get("sharp_face")
    if attr is None or attr.domain != "FACE" or attr.data_type != "BOOLEAN":
        return None
    values = array("b", [0]) * len(attr.data)
    attr.data.foreach_get("value", values)
    return base64.b64encode(zlib.compress(values.tobytes())).decode("ascii")


def _set_sharp_faces(mesh: bpy.types.Mesh, packed: str | None) -> None:
    attr = mesh.attributes.get("sharp_face")
    if packed is None:
        if attr is not None:
            mesh.attributes.remove(attr)
        return
    values = array("b", zlib.decompress(base64.b64decode(packed)))
    if attr is None:
        attr = mesh.attributes.new("sharp_face", "BOOLEAN", "FACE")
    if len(values) == len(attr.data):
        attr.data.foreach_set("value", values)


def _object_state(obj: bpy.types.Object) -> dict[str, Any]:
    data = obj.data
    rec: dict[str, Any] = {
        "rotation_mode": obj.rotation_mode,
        # The channels themselves, not matrix_basis: setting a matrix decomposes it again
        # and the floats would not come back bit for bit.
        "location": list(obj.location),
        "rotation_euler": list(obj.rotation_euler),
        "rotation_quaternion": list(obj.rotation_quaternion),
        "rotation_axis_angle": list(obj.rotation_axis_angle),
        "scale": list(obj.scale),
        "parent": obj.parent.name if obj.parent else None,
        "parent_type": obj.parent_type,
        "parent_bone": obj.parent_bone,
        "matrix_parent_inverse": _flat(obj.matrix_parent_inverse),
        "slots": [[s.link, s.material.name if s.material else None] for s in obj.material_slots],
        "modifiers": [[m.name, m.type] for m in obj.modifiers],
        "constraints": [[c.name, c.type] for c in obj.constraints],
        "hide_render": obj.hide_render,
        "hide_viewport": obj.hide_viewport,
        "color": [float(c) for c in obj.color],
        "data": data.name if data else None,
    }
    if data is not None and hasattr(data, "materials"):
        rec["data_materials"] = [m.name if m else None for m in data.materials]
    if isinstance(data, bpy.types.Mesh):
        rec["sharp_face"] = _sharp_faces(data)
    return rec


def _scene_state(scene: bpy.types.Scene) -> dict[str, Any]:
    return {
        "camera": scene.camera.name if scene.camera else None,
        "world": scene.world.name if scene.world else None,
        "render": {k: getattr(scene.render, k) for k in _RENDER_KEYS},
        "view": {k: getattr(scene.view_settings, k) for k in _VIEW_KEYS},
        "frame_current": scene.frame_current,
    }


def capture(run: str, stages: Iterable[str], scene: bpy.types.Scene) -> dict[str, Any]:
    objs = sorted(owned_objects(run, stages), key=lambda o: o.name)
    return {"objects": {o.name: _object_state(o) for o in objs}, "scene": _scene_state(scene)}


def _geometry_fingerprint(run: str, stages: Iterable[str]) -> list[Any]:
    """What the snapshot cannot restore but a later stage could still have changed."""
    out = []
    for obj in sorted(owned_objects(run, stages), key=lambda o: o.name):
        data = obj.data
        if isinstance(data, bpy.types.Mesh):
            co = array("f", [0.0]) * (3 * len(data.vertices))
            data.vertices.foreach_get("co", co)
            out.append([obj.name, len(data.vertices), len(data.edges), len(data.polygons),
                        zlib.crc32(co.tobytes())])
        else:
            out.append([obj.name, type(data).__name__ if data else None])
    return out


def digest(run: str, stages: Iterable[str], scene: bpy.types.Scene,
           captured: dict[str, Any] | None = None) -> str:
    """A hash of the captured state plus what no snapshot restores (vertex positions).
    Pass `captured` when the caller has just taken it, to avoid capturing twice."""
    stages = list(stages)
    payload = {"state": captured if captured is not None else capture(run, stages, scene),
               "geometry": _geometry_fingerprint(run, stages)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def restore(snapshot: dict[str, Any], scene: bpy.types.Scene) -> bool:
    """Put captured state back. False when an object it names no longer exists."""
    ok = True
    for name, rec in snapshot.get("objects", {}).items():
        obj = bpy.data.objects.get(name)
        if obj is None:
            ok = False
            continue
        _restore_object(obj, rec)
    _restore_scene(snapshot.get("scene", {}), scene)
    return ok


def _restore_object(obj: bpy.types.Object, rec: dict[str, Any]) -> None:
    parent = bpy.data.objects.get(rec["parent"]) if rec.get("parent") else None
    if obj.parent != parent:
        obj.parent = parent
    if parent is not None:
        obj.parent_type = rec.get("parent_type", "OBJECT")
        obj.parent_bone = rec.get("parent_bone", "")
    obj.matrix_parent_inverse = _matrix(rec["matrix_parent_inverse"])
    obj.rotation_mode = rec["rotation_mode"]
    for key in ("location", "rotation_euler", "rotation_quaternion", "rotation_axis_angle", "scale"):
        setattr(obj, key, rec[key])
    obj.hide_render = rec["hide_render"]
    obj.hide_viewport = rec["hide_viewport"]
    obj.color = rec["color"]
    keep_mods = {m[0] for m in rec["modifiers"]}
    for mod in [m for m in obj.modifiers if m.name not in keep_mods]:
        obj.modifiers.remove(mod)
    keep_cons = {c[0] for c in rec["constraints"]}
    for con in [c for c in obj.constraints if c.name not in keep_cons]:
        obj.constraints.remove(con)
    data = obj.data
    if data is not None and "data_materials" in rec and hasattr(data, "materials"):
        data.materials.clear()
        for name in rec["data_materials"]:
            data.materials.append(bpy.data.materials.get(name) if name else None)
        for slot, (link, mat_name) in zip(obj.material_slots, rec["slots"]):
            if slot.link != link:
                slot.link = link
            if link == "OBJECT":
                slot.material = bpy.data.materials.get(mat_name) if mat_name else None
    if isinstance(data, bpy.types.Mesh) and "sharp_face" in rec:
        _set_sharp_faces(data, rec["sharp_face"])
        data.update()


def _restore_scene(rec: dict[str, Any], scene: bpy.types.Scene) -> None:
    if not rec:
        return
    scene.camera = bpy.data.objects.get(rec["camera"]) if rec.get("camera") else None
    scene.world = bpy.data.worlds.get(rec["world"]) if rec.get("world") else None
    for key, value in rec.get("render", {}).items():
        try:
            setattr(scene.render, key, value)
        except (TypeError, ValueError, AttributeError):
            pass  # an engine id this Blender does not know; leave the current one
    view = rec.get("view", {})
    # The look list depends on the view transform, so the transform goes first.
    for key in _VIEW_KEYS:
        if key in view:
            try:
                setattr(scene.view_settings, key, view[key])
            except (TypeError, ValueError, AttributeError):
                pass
    if "frame_current" in rec:
        scene.frame_current = rec["frame_current"]
