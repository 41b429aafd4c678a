"""Feedback renders of the current scene, at a small size, with any engine.

Before the composition stage there is no camera and before lighting no light: a render then
uses a temporary camera that frames the run's objects from a three-quarter view and a
temporary studio light, which are removed again afterwards. The artist's render settings
are restored after every render.
"""
from __future__ import annotations

import contextlib
import math
import os
from pathlib import Path
from typing import Iterator

import bpy
from mathutils import Vector

from .ownership import owned_objects
from .quiet import quiet_stdout

ENGINES = ("BLENDER_WORKBENCH", "CYCLES", "BLENDER_EEVEE")


def _bounds(objects) -> tuple[Vector, Vector] | None:
    depsgraph = bpy.context.evaluated_depsgraph_get()
    lo = Vector((math.inf,) * 3)
    hi = Vector((-math.inf,) * 3)
    found = False
    for obj in objects:
        if obj.type not in {"MESH", "CURVE", "SURFACE", "META", "FONT", "CURVES", "POINTCLOUD", "VOLUME"}:
            continue
        ev = obj.evaluated_get(depsgraph)
        if obj.type == "MESH":
            points = [Vector(c) for c in ev.bound_box]
        else:
            # Blender 5.0 reports a curve's bound box with a spurious unit cube in it;
            # the evaluated mesh is exact.
            try:
                mesh = ev.to_mesh()
            except RuntimeError:
                continue
            points = [v.co.copy() for v in mesh.vertices] if mesh else []
            ev.to_mesh_clear()
        for p in points:
            w = ev.matrix_world @ p
            lo = Vector(map(min, lo, w))
            hi = Vector(map(max, hi, w))
            found = True
    return (lo, hi) if found else None


@contextlib.contextmanager
def _settings(scene: bpy.types.Scene, engine: str, size: int, aspect: float,
              transparent: bool, samples: int, denoise: bool) -> Iterator[None]:
    r = scene.render
    saved = (r.engine, r.resolution_x, r.resolution_y, r.resolution_percentage, r.film_transparent,
             r.filepath, r.image_settings.file_format, r.image_settings.color_mode)
    cycles = getattr(scene, "cycles", None)
    saved_cycles = (cycles.samples, cycles.use_denoising, cycles.device) if cycles else None
    shading = scene.display.shading
    saved_shading = (shading.light, shading.color_type)
    try:
        try:
            r.engine = engine
        except TypeError:
            if engine != "BLENDER_EEVEE":
                raise
            r.engine = "BLENDER_EEVEE_NEXT"  # EEVEE's id in Blender 4.2-4.4
        r.resolution_x = size
        r.resolution_y = max(1, round(size * aspect))
        r.resolution_percentage = 100
        r.film_transparent = transparent
        r.image_settings.file_format = "PNG"
        r.image_settings.color_mode = "RGBA" if transparent else "RGB"
        if engine == "CYCLES" and cycles:
            cycles.samples = samples
            cycles.use_denoising = denoise
            cycles.device = "CPU"
        if engine == "BLENDER_WORKBENCH":
            shading.light = "STUDIO"
            shading.color_type = "MATERIAL"
        yield
    finally:
        (r.engine, r.resolution_x, r.resolution_y, r.resolution_percentage, r.film_transparent,
         r.filepath, r.image_settings.file_format, r.image_settings.color_mode) = saved
        if cycles and saved_cycles:
            cycles.samples, cycles.use_denoising, cycles.device = saved_cycles
        shading.light, shading.color_type = saved_shading


@contextlib.contextmanager
def _stand_ins(scene: bpy.types.Scene, run: str | None) -> Iterator[None]:
    """A temporary camera and light when the scene has none."""
    made = []
    try:
        if scene.camera is None:
            objects = owned_objects(run) if run else list(scene.objects)
            box = _bounds(objects)
            cam_data = bpy.data.cameras.new("CodeForm_PreviewCamera")
            cam = bpy.data.objects.new("CodeForm_PreviewCamera", cam_data)
            scene.collection.objects.link(cam)
            made += [cam, cam_data]
            centre, radius = (Vector((0, 0, 0)), 1.0) if box is None else ((box[0] + box[1]) / 2, (box[1] - box[0]).length / 2)
            direction = Vector((0.55, -1.0, 0.45)).normalized()
            distance = max(radius, 0.05) / math.sin(cam_data.angle / 2) * 1.05
            cam.location = centre + direction * distance
            cam.rotation_euler = (centre - cam.location).to_track_quat("-Z", "Y").to_euler()
            cam_data.clip_start = max(0.001, distance / 1000)
            cam_data.clip_end = distance * 10
            scene.camera = cam
        has_light = any(o.type == "LIGHT" for o in scene.objects) or scene.world is not None
        if not has_light and scene.render.engine != "BLENDER_WORKBENCH":
            light_data = bpy.data.lights.new("CodeForm_PreviewLight", "SUN")
            light_data.energy = 3.0
            light = bpy.data.objects.new("CodeForm_PreviewLight", light_data)
            light.rotation_euler = (math.radians(45), 0, math.radians(30))
            scene.collection.objects.link(light)
            made += [light, light_data]
        yield
    finally:
        if made:
            cam = next((m for m in made if isinstance(m, bpy.types.Object) and m.type == "CAMERA"), None)
            if cam is not None and scene.camera == cam:
                scene.camera = None
            bpy.data.batch_remove(made)


def render_png(path: str | os.PathLike, scene: bpy.types.Scene | None = None, *, run: str | None = None,
               engine: str = "BLENDER_WORKBENCH", size: int = 256, transparent: bool = False,
               samples: int = 16, denoise: bool = False) -> Path:
    """Render the scene to a PNG at `size` pixels wide and return its path."""
    if engine not in ENGINES:
        raise ValueError(f"unknown render engine {engine!r}; use one of {', '.join(ENGINES)}")
    scene = scene or bpy.context.scene
    out = Path(path).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    # With the model's camera, the model's frame; with a stand-in camera, a square.
    r = scene.render
    aspect = r.resolution_y / r.resolution_x if scene.camera and r.resolution_x else 1.0
    with _settings(scene, engine, size, aspect, transparent, samples, denoise), _stand_ins(scene, run):
        scene.render.filepath = str(out)
        with quiet_stdout():
            bpy.ops.render.render(write_still=True, scene=scene.name)
    return out
