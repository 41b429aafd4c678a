"""Scores of an edit against the scene before it and the ground-truth edit, and baseline (b):
editing a sampled point cloud of the scene in the region the instruction selects.

Everything is measured per *entity*: one part of the program ("geometry/seat",
"composition/floor", "lighting/key"), with its surface samples (when it built a surface)
and a parameter vector (its materials; its lights' colour, log2 energy and pose; its
camera's lens and pose; the world's colour and strength — all scaled to about 0..1).

- preservation: over entities the ground truth leaves alone, before vs after: Chamfer
  distance (mm) and normal consistency of the samples, parameter drift (mean absolute
  difference), and the share that is *identical* (every object's fingerprint equal; for the
  point cloud, every sample and parameter equal);
- fidelity: over entities the ground truth changes, after vs the truth: Chamfer (mm) and
  parameter error; an entity the ground truth removes counts as done when it is gone.

numpy only (bpy-free); bench/edit_scene.py takes the snapshots.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..metrics.pointcloud import compare, nearest


@dataclass
class Entity:
    key: str
    points: np.ndarray | None
    normals: np.ndarray | None
    params: np.ndarray | None

    @property
    def has_surface(self) -> bool:
        return self.points is not None and len(self.points) > 0


@dataclass
class Snapshot:
    entities: dict[str, Entity]
    fingerprints: dict[str, dict[str, str]] = field(default_factory=dict)   # None: a point cloud
    extent: float = 1.0
    program: bool = True     # False for the point-cloud baseline: no fingerprints to compare

    def cloud(self) -> np.ndarray:
        pts = [e.points for e in self.entities.values() if e.has_surface]
        return np.concatenate(pts) if pts else np.zeros((0, 3))


def entity_key(plan_key: str) -> str:
    """The entity an edit of `plan_key` changes: a component's material shows on its geometry."""
    stage, part = plan_key.split("/")
    return f"geometry/{part}" if stage == "material" else plan_key


def _same(a: Entity | None, b: Entity | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.has_surface != b.has_surface or (a.params is None) != (b.params is None):
        return False
    if a.has_surface and not np.array_equal(a.points, b.points):
        return False
    return a.params is None or (a.params.shape == b.params.shape and np.allclose(a.params, b.params, atol=1e-6))


def changed_entities(before: Snapshot, truth: Snapshot) -> set[str]:
    keys = set(before.entities) | set(truth.entities)
    return {k for k in keys if not _same(before.entities.get(k), truth.entities.get(k))}


def _param_error(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None or a.shape != b.shape:
        return 1.0   # lost, or a different number of lights/slots: as wrong as it gets
    return float(np.mean(np.abs(a - b)))


def _surface(a: Entity, b: Entity | None, b_cloud: np.ndarray) -> tuple[float, float]:
    """(Chamfer mm, normal consistency) of a's surface against b's; when b has none, how far
    a's samples are from anything in b's whole scene (and no normal agreement)."""
    if b is not None and b.has_surface:
        c = compare(a.points, b.points, a.normals, b.normals)
        return c.chamfer * 1000, c.normal_consistency
    if len(b_cloud) == 0:
        return math.nan, 0.0
    d, _ = nearest(a.points, b_cloud)
    return float(d.mean()) * 1000, 0.0


@dataclass
class Scores:
    ok: bool
    preserve_cd: float = math.nan       # mm, mean over unedited entities with a surface
    preserve_nc: float = math.nan
    preserve_param: float = math.nan    # mean absolute parameter drift
    identical: float = math.nan         # share of unedited entities left exactly as they were
    fidelity_cd: float = math.nan       # mm, mean over edited entities with a surface in the truth
    fidelity_param: float = math.nan
    removed: float = math.nan           # share of removed entities that are gone
    unedited: int = 0
    edited: int = 0

    def to_json(self) -> dict:
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in self.__dict__.items()}


def _mean(xs: list[float]) -> float:
    xs = [x for x in xs if not math.isnan(x)]
    return float(np.mean(xs)) if xs else math.nan


def score(before: Snapshot, after: Snapshot, truth: Snapshot | None, edited: set[str], ok: bool = True) -> Scores:
    """Preservation of what `edited` leaves alone, and fidelity of `edited` against `truth`."""
    s = Scores(ok=ok)
    after_cloud = after.cloud()
    cds, ncs, drift, same = [], [], [], []
    for key, ent in before.entities.items():
        if key in edited:
            continue
        got = after.entities.get(key)
        if ent.has_surface:
            cd, nc = _surface(ent, got, after_cloud)
            cds.append(cd)
            ncs.append(nc)
        if ent.params is not None:
            drift.append(_param_error(ent.params, got.params if got else None))
        if before.program and after.program and key in before.fingerprints:
            same.append(float(before.fingerprints[key] == after.fingerprints.get(key)))
        else:   # a point cloud, or a part without objects (the world): its samples and parameters
            same.append(float(_same(ent, got)))
    s.preserve_cd, s.preserve_nc, s.preserve_param, s.identical = _mean(cds), _mean(ncs), _mean(drift), _mean(same)
    s.unedited = len(same)
    if truth is None:
        return s
    cds, params, removed = [], [], []
    for key in sorted(edited):
        want, got = truth.entities.get(key), after.entities.get(key)
        if want is None:
            removed.append(float(got is None or not got.has_surface))
            continue
        if want.has_surface:
            cds.append(_surface(want, got, after_cloud)[0])
        if want.params is not None:
            params.append(_param_error(got.params if got else None, want.params))
    s.fidelity_cd, s.fidelity_param, s.removed = _mean(cds), _mean(params), _mean(removed)
    s.edited = len(edited)
    return s


# ---------------------------------------------------------------------------
# Baseline (b): edit the scene's point cloud in the selected region
# ---------------------------------------------------------------------------

def _box(points: np.ndarray, pad: float) -> tuple[np.ndarray, np.ndarray]:
    return points.min(0) - pad, points.max(0) + pad


def pointcloud_edit(before: Snapshot, truth: Snapshot, plan: list[tuple[str, str]], margin: float = 0.02) -> Snapshot:
    """Baseline (b). The scene is one sampled point cloud (each point carries its surface's
    material parameters); the instruction selects regions — here the axis-aligned box of each
    component the localizer named, padded by `margin` x the scene's diagonal — and the edit
    acts on every point inside them, whatever surface it belongs to:

    - a shape change maps the box's points by the per-axis scale and shift that takes the
      component's box to the ground truth's (an oracle fit: the best a box edit can do);
    - a material change gives the points the ground truth's material (oracle parameters);
    - a removal deletes the points; an added part, a light or a camera cannot be expressed.

    `plan` is [(plan key, action)]. Which entity a point came from is kept only to score it.
    """
    pad = margin * before.extent
    keys = list(before.entities)
    pts, nrm, tags, param_rows = [], [], [], []
    for i, key in enumerate(keys):
        e = before.entities[key]
        if e.has_surface:
            pts.append(e.points)
            nrm.append(e.normals)
            tags.append(np.full(len(e.points), i))
            param_rows.extend([e.params] * len(e.points))
    if not pts:
        return Snapshot(dict(before.entities), {}, before.extent, program=False)
    P, N, T = np.concatenate(pts).copy(), np.concatenate(nrm).copy(), np.concatenate(tags)
    alive = np.ones(len(P), bool)
    touched = np.zeros(len(P), bool)
    done = {"material": np.zeros(len(P), bool), "shape": np.zeros(len(P), bool)}
    # Regions are selected where the components were: recolour, then reshape, then delete.
    order = {"material": 0, "geometry": 1, "composition": 1}
    for plan_key, action in sorted(plan, key=lambda ka: 2 if ka[1] == "remove" else order.get(ka[0].split("/")[0], 1)):
        ent = before.entities.get(entity_key(plan_key))
        if ent is None or not ent.has_surface or action == "add":
            continue
        kind = "material" if plan_key.startswith("material/") else "shape"
        lo, hi = _box(ent.points, pad)
        inside = np.all((P >= lo) & (P <= hi), axis=1) & alive & ~done[kind]
        if not inside.any():
            continue
        want = truth.entities.get(ent.key)
        if action == "remove":
            alive &= ~inside
        elif plan_key.startswith(("geometry/", "composition/")) and want is not None and want.has_surface:
            b_lo, b_hi = ent.points.min(0), ent.points.max(0)
            t_lo, t_hi = want.points.min(0), want.points.max(0)
            scale = np.where(b_hi - b_lo > 1e-9, (t_hi - t_lo) / np.maximum(b_hi - b_lo, 1e-9), 1.0)
            P[inside] = (P[inside] - b_lo) * scale + t_lo
            n = N[inside] / np.where(scale > 1e-9, scale, 1.0)
            N[inside] = n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)
        elif plan_key.startswith("material/") and want is not None and want.params is not None:
            for j in np.flatnonzero(inside):
                if param_rows[j] is not None and len(param_rows[j]) == len(want.params):
                    param_rows[j] = want.params
        else:
            continue
        done[kind] |= inside
        touched |= inside
    entities: dict[str, Entity] = {}
    for i, key in enumerate(keys):
        e = before.entities[key]
        mask = (T == i) & alive
        if not e.has_surface:
            entities[key] = e
            continue
        if not mask.any():
            continue   # every point of it was deleted
        rows = [param_rows[j] for j in np.flatnonzero(mask) if param_rows[j] is not None]
        moved = bool(((T == i) & (touched | ~alive)).any())
        entities[key] = Entity(key, P[mask] if moved or not mask.all() else e.points,
                               N[mask] if moved or not mask.all() else e.normals,
                               np.mean(rows, axis=0) if rows and moved else e.params)
    return Snapshot(entities, {}, before.extent, program=False)
