"""What the edit benchmark measures in a scene: per part of a program, its surface samples,
its materials', lights', camera's and world's parameters as one normalised vector, and its
objects' exact fingerprints. Applies the program to an empty scene on real bpy."""
from __future__ import annotations

import math

import bpy
import numpy as np
from mathutils import Vector

from ..pipeline.program import SceneProgram
from ..scene.apply import apply_program
from ..scene.fingerprint import run_fingerprints
from ..scene.ownership import owned_objects, owner_of
from ..scene.sampling import sample_component
from .edit_scores import Entity, Snapshot

SAMPLES = 2000


def _socket(node, name: str, default):
    sock = node.inputs.get(name) if node is not None else None
    return sock.default_value if sock is not None and hasattr(sock, "default_value") else default


def material_vector(mat) -> np.ndarray:
    """[r, g, b, metallic, roughness, emission] of a material, all about 0..1."""
    if mat is None:
        return np.array([0.8, 0.8, 0.8, 0.0, 0.5, 0.0])
    bsdf = mat.node_tree.nodes.get("Principled BSDF") if mat.node_tree else None
    if bsdf is None:
        rgb = tuple(mat.diffuse_color)[:3]
        return np.array([*rgb, mat.metallic, mat.roughness, 0.0], float)
    rgb = tuple(_socket(bsdf, "Base Color", (0.8, 0.8, 0.8, 1.0)))[:3]
    emission = float(_socket(bsdf, "Emission Strength", 0.0))
    if max(tuple(_socket(bsdf, "Emission Color", (0, 0, 0, 1)))[:3]) <= 0:
        emission = 0.0
    return np.array([*rgb, float(_socket(bsdf, "Metallic", 0.0)), float(_socket(bsdf, "Roughness", 0.5)),
                     min(emission, 20.0) / 20.0], float)


def _objects_materials(objects) -> np.ndarray | None:
    vecs = [material_vector(slot.material) for obj in objects for slot in obj.material_slots]
    return np.mean(vecs, axis=0) if vecs else None


def _pose(obj, scale: float) -> list[float]:
    loc = [v / scale for v in obj.matrix_world.translation]
    rot = [a / math.pi for a in obj.matrix_world.to_euler()]
    return loc + rot


def snapshot(program: SceneProgram, samples: int = SAMPLES, extent: float | None = None) -> Snapshot:
    """Apply `program` to a fresh empty scene and measure every part it built. Positions of
    lights and cameras are divided by `extent` (default: this scene's diagonal); pass the
    before-scene's so that snapshots of one case are comparable."""
    bpy.ops.wm.read_factory_settings(use_empty=True)
    apply_program(program)
    run = program.name
    scene = bpy.context.scene
    objs = owned_objects(run)
    extent = extent or _extent([o for o in objs if o.type == "MESH"]) or 1.0
    by_part: dict[str, list] = {}
    for obj in objs:
        _, stage, part = owner_of(obj)
        by_part.setdefault(f"{stage}/{part}", []).append(obj)
    entities: dict[str, Entity] = {}
    for key, members in sorted(by_part.items()):
        stage, part = key.split("/")
        meshes = [o for o in members if o.type in ("MESH", "CURVE", "SURFACE", "META", "FONT")]
        points = normals = None
        if meshes:
            points, normals = sample_component(run, part, samples, stages=(stage,))
            if not len(points):
                points = normals = None
        params: list[float] = []
        if meshes:
            mv = _objects_materials(meshes)
            if mv is not None:
                params += list(mv)
        for obj in sorted(members, key=lambda o: o.name):
            if obj.type == "LIGHT":
                d = obj.data
                params += list(d.color) + [math.log2(max(d.energy, 1e-6)) / 4] + _pose(obj, extent)
            elif obj.type == "CAMERA":
                params += [math.log2(max(obj.data.lens, 1e-3)) / 4] + _pose(obj, extent)
        entities[key] = Entity(key, points, normals, np.array(params, float) if params else None)
    world = scene.world
    if world is not None and (who := owner_of(world)) is not None and who[0] == run:
        key = f"{who[1]}/{who[2]}"
        bg = world.node_tree.nodes.get("Background") if world.node_tree else None
        color = tuple(_socket(bg, "Color", (0.05, 0.05, 0.05, 1)))[:3]
        vec = np.array([*color, min(float(_socket(bg, "Strength", 1.0)), 10.0) / 10.0])
        ent = entities.get(key)
        params = vec if ent is None or ent.params is None else np.concatenate([ent.params, vec])
        entities[key] = Entity(key, ent.points if ent else None, ent.normals if ent else None, params)
    return Snapshot(entities=entities, fingerprints=run_fingerprints(run), extent=extent)


def _extent(objects) -> float:
    lo = np.full(3, np.inf)
    hi = np.full(3, -np.inf)
    for obj in objects:
        for corner in obj.bound_box:
            w = np.array(obj.matrix_world @ Vector(corner))
            lo, hi = np.minimum(lo, w), np.maximum(hi, w)
    return float(np.linalg.norm(hi - lo)) if np.all(np.isfinite(lo)) else 0.0
