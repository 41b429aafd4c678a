"""The live-scene port of the reconstruction engine: show previews and the final program
in the current scene.

Previews (the blockout, components as they pass their gates, each scored iteration) are
applied without being stored in the file; the final program is applied and stored, so the
.blend holds exactly the program the scene shows. Call `show` on the main thread only.
"""
from __future__ import annotations

import logging
import time

import bpy

from ..pipeline.errors import CodeFormError
from ..pipeline.program import SceneProgram
from . import runs
from .apply import apply_program

log = logging.getLogger("codeform.live")


class LiveScene:
    def __init__(self, scene: bpy.types.Scene | None = None, undo_steps: bool = False):
        self.scene = scene
        self.undo_steps = undo_steps
        self.problems: list[str] = []   # applies that failed in this scene (they passed rehearsal)
        self.applies = 0

    def show(self, program: SceneProgram, note: str = "", final: bool = False) -> float:
        t = time.perf_counter()
        undo = f"CodeForm: {note or program.last_stage() or 'reconstruct'}" if self.undo_steps else None
        try:
            if final:
                runs.apply(program, scene=self.scene, undo_message=undo)
            else:
                apply_program(program, self.scene, undo_message=undo)
            self.applies += 1
        except CodeFormError as exc:
            # Rehearsal passed, so this is a difference between the worker and this scene;
            # the program keeps the code, the artist sees what failed.
            self.problems.append(f"{note or 'apply'}: {exc}")
            log.warning("CodeForm live apply failed: %s", exc)
        return time.perf_counter() - t


def final_render(run: str, size: int = 384, samples: int = 32) -> bytes:
    """A clean render of the finished scene for reports: Cycles, denoised, from its camera."""
    import tempfile
    from pathlib import Path

    from .render import render_png
    with tempfile.TemporaryDirectory() as tmp:
        path = render_png(Path(tmp) / "final.png", run=run, engine="CYCLES", size=size, samples=samples, denoise=True)
        return path.read_bytes()
