"""Surface samples of what a run built, per component, for edit locality and fidelity."""
from __future__ import annotations

import zlib

import bpy
import numpy as np

from ..metrics.pointcloud import sample_triangles
from .fingerprint import canonical_polygons
from .ownership import owned_objects, owner_of


def object_triangles(obj: bpy.types.Object, depsgraph) -> tuple[np.ndarray, np.ndarray]:
    """World-space vertices and triangle indices of the evaluated object (modifiers on)."""
    ev = obj.evaluated_get(depsgraph)
    try:
        mesh = ev.to_mesh()
    except RuntimeError:
        return np.zeros((0, 3)), np.zeros((0, 3), np.int64)
    try:
        if mesh is None or not mesh.vertices:
            return np.zeros((0, 3)), np.zeros((0, 3), np.int64)
        # foreach_get needs buffers of the property's own C type (float32, int32): with
        # another dtype it fills only part of the buffer.
        co = np.empty(3 * len(mesh.vertices), np.float32)
        mesh.vertices.foreach_get("co", co)
        tris = _fan_triangles(mesh)
        m = np.array(ev.matrix_world, np.float64)
        co = co.astype(np.float64).reshape(-1, 3) @ m[:3, :3].T + m[:3, 3]
        return co, tris
    finally:
        ev.to_mesh_clear()


def _fan_triangles(mesh: bpy.types.Mesh) -> np.ndarray:
    """Triangles as fans over the polygons in canonical order (see canonical_polygons):
    Blender's own triangle and face order can change between two builds of one mesh."""
    tris = []
    for cycle, _ in canonical_polygons(mesh):
        tris.extend((cycle[0], cycle[k], cycle[k + 1]) for k in range(1, len(cycle) - 1))
    return np.array(tris, np.int64).reshape(-1, 3)


def sample_component(run: str, component: str, count: int = 2000,
                     stages: tuple[str, ...] = ("geometry",)) -> tuple[np.ndarray, np.ndarray]:
    """`count` area-weighted surface points and normals over all objects of a component.
    The seed comes from the component's name, so before/after samples are comparable."""
    depsgraph = bpy.context.evaluated_depsgraph_get()
    verts, tris, offset = [], [], 0
    for obj in sorted(owned_objects(run, stages, component), key=lambda o: o.name):
        v, t = object_triangles(obj, depsgraph)
        if len(t):
            verts.append(v)
            tris.append(t + offset)
            offset += len(v)
    if not tris:
        return np.zeros((0, 3)), np.zeros((0, 3))
    return sample_triangles(np.concatenate(verts), np.concatenate(tris), count,
                            seed=zlib.crc32(component.encode("utf-8")))


def components_of(run: str, stages: tuple[str, ...] = ("geometry",)) -> list[str]:
    parts = {owner_of(o)[2] for o in owned_objects(run, stages)}
    return sorted(parts)
