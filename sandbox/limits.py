"""Resource caps for stage code, checked before Blender evaluates geometry.

A stacked-array chain or a subdivision level of 12 explodes inside one C call, where no
deadline can reach it; so the guarded facade predicts what the next evaluation will produce
(vertex counts through the modifier stacks) and refuses before it starts. Settings are also
checked when they are set (subdivision levels, array counts), so the refusal names the line
that asked for too much.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import bpy

from .deadline import SandboxStop


@dataclass
class Limits:
    seconds: float = 30.0              # wall clock for one stage (or one script)
    max_vertices: int = 2_000_000       # predicted evaluated vertices of the run's objects
    max_subdivision_levels: int = 6
    max_array_count: int = 2_000
    max_segments: int = 4_096           # segments, rings, steps, cuts of one primitive or operator
    max_particles: int = 200_000


def _stop(message: str) -> SandboxStop:
    return SandboxStop(message, kind="limit")


# -- settings checked when they are set ---------------------------------------------------

_LEVEL_ATTRS = {"levels", "render_levels", "sculpt_levels", "total_levels"}
_SEGMENT_ATTRS = {"segments", "steps", "render_steps", "iterations", "resolution_u", "resolution_v",
                  "render_resolution_u", "render_resolution_v", "bevel_resolution", "vertices",
                  "ring_count", "cuts", "number_cuts", "subdivisions", "x_segments", "y_segments",
                  "u_segments", "v_segments", "x_subdivisions", "y_subdivisions", "octree_depth"}


def check_setting(struct: Any, name: str, value: Any, limits: Limits) -> None:
    """Refuse a single setting that is already too much on its own."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if name in _LEVEL_ATTRS and value > limits.max_subdivision_levels:
        raise _stop(f"{name} = {value} is more than {limits.max_subdivision_levels} subdivision levels")
    if name == "count" and isinstance(struct, bpy.types.ArrayModifier) and value > limits.max_array_count:
        raise _stop(f"an array count of {value} is more than {limits.max_array_count}")
    if name == "count" and isinstance(struct, bpy.types.ParticleSettings) and value > limits.max_particles:
        raise _stop(f"{value} particles are more than {limits.max_particles}")
    if name == "octree_depth" and value > 10:
        raise _stop(f"octree_depth = {value} is more than 10")
    if name in _SEGMENT_ATTRS and value > limits.max_segments:
        raise _stop(f"{name} = {value} is more than {limits.max_segments}")
    if name in ("voxel_size", "resolution") and 0 <= value < 1e-3 and \
            isinstance(struct, (bpy.types.RemeshModifier, bpy.types.MetaBall)):
        raise _stop(f"{name} = {value} would generate too much geometry (at least 0.001)")


def check_operator_args(idname: str, kwargs: dict[str, Any], limits: Limits) -> None:
    """Arguments of one operator call: no single count beyond the caps, and the product of
    a primitive's counts within the vertex budget."""
    product = 1
    where = idname if idname.startswith("bmesh.") else f"bpy.ops.{idname}"
    for key, value in kwargs.items():
        if isinstance(value, bool) or not isinstance(value, int):
            continue
        if key in _SEGMENT_ATTRS and value > limits.max_segments:
            raise _stop(f"{where}: {key} = {value} is more than {limits.max_segments}")
        if key in _LEVEL_ATTRS and value > limits.max_subdivision_levels:
            raise _stop(f"{where}: {key} = {value} is more than {limits.max_subdivision_levels} levels")
        if key in _SEGMENT_ATTRS and key != "subdivisions":
            product *= max(1, value)
    if idname == "mesh.primitive_ico_sphere_add":
        product *= 10 * 4 ** min(int(kwargs.get("subdivisions", 2)), 20)
    if product > limits.max_vertices:
        raise _stop(f"{where} would make about {product:,} vertices, more than the "
                    f"budget of {limits.max_vertices:,}")


def check_count(what: str, count: int, current: int, limits: Limits) -> None:
    if count + current > limits.max_vertices:
        raise _stop(f"{what} would bring the run to {count + current:,} elements, more than the budget "
                    f"of {limits.max_vertices:,}")


# -- predicting an evaluation ---------------------------------------------------------------

def _dims(obj: bpy.types.Object) -> float:
    d = obj.dimensions
    return max(d.x, d.y, d.z, 1e-6)


def base_vertices(obj: bpy.types.Object) -> float:
    data = obj.data
    if data is None:
        return 0.0
    if isinstance(data, bpy.types.Mesh):
        return float(len(data.vertices))
    if isinstance(data, bpy.types.Curve):  # curves, surfaces and text
        points = sum(len(s.points) + len(s.bezier_points) for s in data.splines) or 1
        if isinstance(data, bpy.types.TextCurve):
            points = max(points, 40 * len(data.body))
        ring = 1.0
        if data.bevel_depth > 0 or data.bevel_object is not None or data.bevel_mode == "PROFILE":
            ring = 2 * (data.bevel_resolution + 2)
        if data.extrude > 0:
            ring = max(ring, 2.0) * 2
        return float(points * max(1, data.resolution_u, data.render_resolution_u) * ring)
    if isinstance(data, bpy.types.MetaBall):
        res = max(min(data.resolution, data.render_resolution or data.resolution), 1e-3)
        area = sum(4 * math.pi * max(e.radius, 1e-3) ** 2 for e in data.elements)
        return area / (res * res) * 2
    return 0.0


def _factor(mod: bpy.types.Modifier, obj: bpy.types.Object, base: float) -> tuple[float, float]:
    """(multiplier, added vertices) of one modifier."""
    kind = mod.type
    if kind in ("SUBSURF", "MULTIRES"):
        levels = max(getattr(mod, "levels", 0), getattr(mod, "render_levels", 0), getattr(mod, "total_levels", 0))
        return 4.0 ** levels, 0.0
    if kind == "ARRAY":
        if mod.fit_type == "FIXED_COUNT":
            return float(max(mod.count, 1)), 0.0
        if mod.fit_type == "FIT_LENGTH":
            step = _dims(obj) * max(abs(v) for v in mod.relative_offset_displace) if mod.use_relative_offset else 0.0
            if mod.use_constant_offset:
                step += max(abs(v) for v in mod.constant_offset_displace)
            return max(1.0, mod.fit_length / max(step, 1e-4)), 0.0
        return 1000.0, 0.0  # fit to a curve: assume a long one
    if kind == "MIRROR":
        return float(2 ** sum(bool(a) for a in mod.use_axis)), 0.0
    if kind == "SCREW":
        return float(max(mod.steps, mod.render_steps, 1) * max(mod.iterations, 1)), 0.0
    if kind in ("SOLIDIFY", "SKIN"):
        return (2.0 if kind == "SOLIDIFY" else 8.0), 0.0
    if kind == "BEVEL":
        return 2.0 * (mod.segments + 1), 0.0
    if kind == "WIREFRAME":
        return 8.0, 0.0
    if kind == "REMESH":
        if mod.mode == "VOXEL":
            cells = _dims(obj) / max(mod.voxel_size, 1e-4)
            return 0.0, 6.0 * cells * cells
        return 0.0, 6.0 * 4.0 ** mod.octree_depth
    if kind == "PARTICLE_SYSTEM":
        settings = mod.particle_system.settings
        instance = settings.instance_object
        per = base_vertices(instance) if instance is not None and settings.render_type == "OBJECT" else 8.0
        # Blender 4.x+ names the children per parent child_percent (viewport) and
        # rendered_child_count (render); child_nbr is gone and raised for every particle system.
        children = 0 if settings.child_type == "NONE" else max(settings.child_percent, settings.rendered_child_count)
        return 1.0, float(settings.count * (1 + children)) * per
    if kind == "BOOLEAN" and mod.object is not None:
        return 1.0, base_vertices(mod.object)
    if kind == "NODES" and mod.node_group is not None:
        # A node tree's output cannot be predicted; refuse the obvious bombs in it (a grid
        # of 10^5 x 10^5, 12 subdivision levels) and count the rest as the input.
        return 1.0, _node_tree_bomb(mod.node_group)
    return 1.0, 0.0


def _node_tree_bomb(tree: Any, limits: Limits | None = None) -> float:
    limits = limits or Limits()
    for node in tree.nodes:
        for socket in node.inputs:
            value = getattr(socket, "default_value", None)
            if isinstance(value, bool) or not isinstance(value, int):
                continue
            is_level = "level" in socket.name.lower()
            if (is_level and value > limits.max_subdivision_levels) or value > limits.max_segments:
                return float(limits.max_vertices) * 10
    return 0.0


def predicted_vertices(obj: bpy.types.Object) -> float:
    base = base_vertices(obj)
    total, added = base, 0.0
    for mod in obj.modifiers:
        if not (mod.show_viewport or mod.show_render):
            continue
        mult, plus = _factor(mod, obj, total)
        total = total * mult + plus
    return total + added
