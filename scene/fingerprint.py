"""Exact fingerprints of what a run built: the evidence behind "untouched stays identical".

An object's fingerprint covers its transform, parent, evaluated-independent mesh data
(vertex positions bit for bit, topology), curve points, modifiers with their settings,
material slots with the materials' node settings, and light and camera data.
"""
from __future__ import annotations

import hashlib
from array import array
from typing import Any

import bpy

from .ownership import owned_objects, owner_of


def _rna_values(struct: Any, skip: tuple[str, ...] = ()) -> list[Any]:
    """Every plain (non-pointer, non-collection) RNA property of a struct, by name."""
    out = []
    for prop in struct.bl_rna.properties:
        key = prop.identifier
        # is_override_data marks modifiers that arrived by append (the worker's rehearsed
        # result is imported that way); it says where data came from, not what it is.
        if key in ("rna_type", "name_full", "session_uid", "is_evaluated", "original", "users",
                   "is_override_data") or key in skip:
            continue
        if prop.type in ("POINTER", "COLLECTION"):
            value = getattr(struct, key, None)
            if prop.type == "POINTER" and isinstance(value, bpy.types.ID):
                out.append((key, value.name))
            continue
        try:
            value = getattr(struct, key)
        except (AttributeError, RuntimeError):
            continue
        if hasattr(value, "__len__") and not isinstance(value, str):
            value = tuple(value)
        out.append((key, repr(value)))
    return out


def canonical_polygons(mesh: bpy.types.Mesh) -> list[tuple[tuple[int, ...], int]]:
    """Polygons as (vertex cycle starting at its lowest vertex, material index), sorted.

    Blender 5.0's UV-sphere generator (the operator and bmesh.ops.create_uvsphere) emits
    the same vertices but faces, edges and corner starts in a different order from one call
    to the next, so storage order is not part of a mesh's identity: the same surface with
    the same topology is the same mesh.
    """
    n = len(mesh.polygons)
    start = array("i", [0]) * n
    total = array("i", [0]) * n
    mats = array("i", [0]) * n
    mesh.polygons.foreach_get("loop_start", start)
    mesh.polygons.foreach_get("loop_total", total)
    mesh.polygons.foreach_get("material_index", mats)
    corner = array("i", [0]) * len(mesh.loops)
    mesh.loops.foreach_get("vertex_index", corner)
    out = []
    for s, t, m in zip(start, total, mats):
        cycle = corner[s:s + t]
        k = cycle.index(min(cycle))
        out.append((tuple(cycle[k:]) + tuple(cycle[:k]), m))
    out.sort()
    return out


def _mesh(mesh: bpy.types.Mesh, h: "hashlib._Hash") -> None:
    co = array("f", [0.0]) * (3 * len(mesh.vertices))
    mesh.vertices.foreach_get("co", co)
    h.update(co.tobytes())
    edges = array("i", [0]) * (2 * len(mesh.edges))
    mesh.edges.foreach_get("vertices", edges)
    h.update(repr(sorted(tuple(sorted(edges[i:i + 2])) for i in range(0, len(edges), 2))).encode())
    h.update(repr(canonical_polygons(mesh)).encode())
    for attr in sorted(mesh.attributes, key=lambda a: a.name):
        h.update(f"{attr.name}:{attr.domain}:{attr.data_type}".encode())


def _curve(curve: bpy.types.Curve, h: "hashlib._Hash") -> None:
    h.update(repr(_rna_values(curve)).encode())
    for spline in curve.splines:
        h.update(spline.type.encode())
        for p in spline.bezier_points:
            h.update(repr((tuple(p.co), tuple(p.handle_left), tuple(p.handle_right))).encode())
        for p in spline.points:
            h.update(repr(tuple(p.co)).encode())


def _material(mat: bpy.types.Material | None) -> list[Any]:
    if mat is None:
        return [None]
    out: list[Any] = [mat.name, tuple(mat.diffuse_color), mat.metallic, mat.roughness]
    if mat.node_tree:
        for node in sorted(mat.node_tree.nodes, key=lambda n: n.name):
            out.append((node.name, node.bl_idname))
            for sock in node.inputs:
                if hasattr(sock, "default_value"):
                    v = sock.default_value
                    out.append((sock.identifier, tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v))
        for link in mat.node_tree.links:
            out.append((link.from_node.name, link.from_socket.identifier, link.to_node.name, link.to_socket.identifier))
    return out


def object_fingerprint(obj: bpy.types.Object) -> str:
    h = hashlib.sha256()
    h.update(obj.name.encode())
    h.update(repr([tuple(r) for r in obj.matrix_basis]).encode())
    h.update(repr((obj.parent.name if obj.parent else None, obj.type)).encode())
    for mod in obj.modifiers:
        h.update(repr((mod.name, mod.type, _rna_values(mod))).encode())
    for slot in obj.material_slots:
        h.update(repr((slot.link, _material(slot.material))).encode())
    data = obj.data
    if isinstance(data, bpy.types.Mesh):
        _mesh(data, h)
    elif isinstance(data, bpy.types.Curve):
        _curve(data, h)
    elif isinstance(data, (bpy.types.Light, bpy.types.Camera)):
        h.update(repr(_rna_values(data)).encode())
    return h.hexdigest()


def run_fingerprints(run: str) -> dict[str, dict[str, str]]:
    """stage/part -> {object name: fingerprint} for every object the run built."""
    out: dict[str, dict[str, str]] = {}
    for obj in owned_objects(run):
        _, stage, part = owner_of(obj)
        out.setdefault(f"{stage}/{part}", {})[obj.name] = object_fingerprint(obj)
    return out
