"""What a worker process does with one job (bpy side). Also callable in-process, which is
how tests run many snippets without a process each and how the bench times the work alone.

A job is a JSON object: either a program rehearsal (``program`` = SceneProgram JSON,
``upto``) or a script (``script`` = code, ``name``), optionally starting from ``blend_in``;
``renders``, ``keep_blend``, ``timeout_s``, ``max_vertices`` and ``reserved`` (names the live file
holds, kept from the program's new data). The answer is a JSON object
with ``ok``, ``error`` ({"kind": "raised"|"policy"|"limit"|"crash"|"input", "type", "message",
"stage", "part", "line"}), object and vertex counts, render file paths, timings.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import bpy

from ..pipeline.errors import CodeFormError, CodeRaised, LimitExceeded, PolicyError, ProgramError
from ..sandbox import executor
from ..sandbox.limits import Limits


def error_dict(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, PolicyError):
        kind = "policy"
    elif isinstance(exc, ProgramError):
        kind = "input"   # the job's own input (a .blend that will not open, no program), not the code
    elif isinstance(exc, LimitExceeded):
        kind = "limit"
    else:
        kind = "raised"
    message = str(exc) if isinstance(exc, CodeFormError) else " ".join(str(exc).split()) or type(exc).__name__
    return {"kind": kind, "type": getattr(exc, "error_type", "") or type(exc).__name__, "message": message,
            "stage": getattr(exc, "stage", ""), "part": getattr(exc, "part", ""), "line": getattr(exc, "line", None)}


def run_job(job: dict[str, Any], scratch: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    out: dict[str, Any] = {"ok": False, "error": None, "objects": 0, "vertices": 0, "renders": {},
                           "timings": timings, "blend_path": None, "warnings": []}
    try:
        _open(job.get("blend_in"))
        timings["open"] = time.perf_counter() - t0
        limits = Limits(seconds=float(job.get("timeout_s", 30.0)),
                        max_vertices=int(job.get("max_vertices", Limits.max_vertices)))
        t = time.perf_counter()
        with executor.limits_for(limits):
            run = _apply(job, out)
        timings["apply"] = time.perf_counter() - t
        out["objects"], out["vertices"] = _counts(run)
        t = time.perf_counter()
        for spec in job.get("renders", []):
            out["renders"][spec["name"]] = str(_render(spec, run, scratch))
        timings["render"] = time.perf_counter() - t
        if job.get("keep_blend"):
            from ..commands.blendfile import save_blend
            path = scratch / f"rehearsed-{job.get('id', 0)}.blend"
            save_blend(path)
            out["blend_path"] = str(path)
        out["ok"] = True
    except (CodeFormError, Exception) as exc:  # the job's own failure, reported, never raised
        out["error"] = error_dict(exc)
    timings["total"] = time.perf_counter() - t0
    return out


# An empty file saved at warm-up: opening it (~10 ms) resets the scene as well as factory
# settings do (~90 ms, which re-registers every add-on).
_EMPTY: list[Path] = []


def _open(blend_in: str | None) -> None:
    from ..commands.blendfile import open_blend
    if blend_in is None and _EMPTY and _EMPTY[0].is_file():
        from ..scene.quiet import quiet_stdout
        with quiet_stdout():
            bpy.ops.wm.open_mainfile(filepath=str(_EMPTY[0]), load_ui=False, use_scripts=False)
        return
    open_blend(blend_in)


def _apply(job: dict[str, Any], out: dict[str, Any]) -> str:
    if job.get("script") is not None:
        from .script import apply_script
        name = job.get("name") or "script"
        apply_script(job["script"], name)
        return name
    from ..pipeline.program import SceneProgram
    from ..scene.apply import apply_program
    if not isinstance(job.get("program"), dict):
        raise ProgramError("a rehearsal job needs a program")
    program = SceneProgram.from_json(job["program"])
    if isinstance(job.get("reserved"), dict):
        from .rehearsed import reserve_names
        reserve_names(job["reserved"])
    if job.get("keep_blend"):
        from .rehearsed import apply_for_import
        out["import_info"] = apply_for_import(program, job.get("upto"))
    else:
        apply_program(program, upto=job.get("upto"))
    return program.name


def _counts(run: str) -> tuple[int, int]:
    from ..scene.ownership import owned_objects
    objects = owned_objects(run)
    depsgraph = bpy.context.evaluated_depsgraph_get()
    vertices = 0
    for obj in objects:
        evaluated = obj.evaluated_get(depsgraph)
        if obj.type == "MESH":
            vertices += len(evaluated.data.vertices)
        elif obj.type in ("CURVE", "FONT", "SURFACE", "META"):
            try:
                mesh = evaluated.to_mesh()
                vertices += len(mesh.vertices) if mesh else 0
            except RuntimeError:
                pass
            finally:
                evaluated.to_mesh_clear()
    return len(objects), vertices


def _render(spec: dict[str, Any], run: str, scratch: Path) -> Path:
    from ..scene.render import render_png
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(spec["name"]))[:64] or "render"
    return render_png(scratch / f"{name}.png", run=run, engine=spec.get("engine", "BLENDER_WORKBENCH"),
                      size=int(spec.get("size", 256)), transparent=bool(spec.get("transparent", False)),
                      samples=int(spec.get("samples", 16)), denoise=bool(spec.get("denoise", False)))


def prepare(scratch: Path) -> None:
    """Save the empty file every job without an input .blend starts from."""
    from ..commands.blendfile import save_blend
    bpy.ops.wm.read_factory_settings(use_empty=True)
    _EMPTY[:] = [save_blend(scratch / "empty.blend")]


def warm_up(scratch: Path) -> float:
    """The first render of a process pays Blender's GPU and shader start-up (~1.5 s); a warm
    worker has paid it before its first job."""
    t = time.perf_counter()
    prepare(scratch)
    bpy.ops.mesh.primitive_cube_add()
    from ..scene.render import render_png
    render_png(scratch / "warm-up.png", size=256)
    (scratch / "warm-up.png").unlink()
    _open(None)
    return time.perf_counter() - t
