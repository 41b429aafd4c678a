"""Foundation targets: apply a 100-component program from scratch <= 0.5 s; undo one stage <= 0.3 s."""
from __future__ import annotations

import statistics
import time

from .synthetic import shelf_program

REPEATS = 5


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms"


def run(args=None) -> list[str]:
    import bpy
    from ..scene import runs
    from ..scene.apply import apply_program

    program = shelf_program(100)
    fresh, undo_light, undo_mat, redo_mat = [], [], [], []
    for _ in range(REPEATS):
        bpy.ops.wm.read_factory_settings(use_empty=True)
        t = time.perf_counter()
        apply_program(program)
        fresh.append(time.perf_counter() - t)
        runs.store.save_program(program)
        t = time.perf_counter()
        runs.undo(program.name, "lighting")
        undo_light.append(time.perf_counter() - t)
        t = time.perf_counter()
        runs.undo(program.name, "material")
        undo_mat.append(time.perf_counter() - t)
        t = time.perf_counter()
        runs.redo(program.name, "material")
        redo_mat.append(time.perf_counter() - t)
    objects = len(bpy.data.objects)
    return [
        f"apply: 100-component program ({objects} objects), medians of {REPEATS}",
        f"  apply from scratch, all 4 stages   {_median_ms(fresh)}   target <= 500 ms",
        f"  undo lighting                      {_median_ms(undo_light)}   target <= 300 ms",
        f"  undo material                      {_median_ms(undo_mat)}   target <= 300 ms",
        f"  redo material                      {_median_ms(redo_mat)}",
    ]
