"""Opening and writing .blend files for the CLI: never half-written, never over the input."""
from __future__ import annotations

import os
from pathlib import Path

from ..pipeline.errors import ProgramError
from ..scene.quiet import quiet_stdout


def open_blend(path: str | None) -> None:
    """Load `path`, or an empty scene when None. Scripts inside the file never run."""
    import bpy
    if path is None:
        bpy.ops.wm.read_factory_settings(use_empty=True)
        return
    p = Path(path)
    if not p.is_file():
        raise ProgramError(f"no such .blend file: {p}")
    with open(p, "rb") as fh:
        magic = fh.read(7)
    if magic != b"BLENDER" and magic[:2] not in (b"\x1f\x8b", b"\x28\xb5"):  # plain, gzip, zstd
        raise ProgramError(f"{p} is not a .blend file")
    try:
        with quiet_stdout():
            bpy.ops.wm.open_mainfile(filepath=str(p.resolve()), load_ui=False, use_scripts=False)
    except RuntimeError as exc:
        raise ProgramError(f"cannot open {p}: {' '.join(str(exc).split())[:200]}") from None


def check_output(path: str, *, not_same_as: str | None = None) -> Path:
    out = Path(path)
    if out.suffix.lower() != ".blend":
        raise ProgramError(f"output {out} must end in .blend")
    if out.is_dir():
        raise ProgramError(f"output {out} is a folder")
    if not_same_as and Path(not_same_as).resolve() == out.resolve():
        raise ProgramError("--out must differ from the input .blend; the input is never written")
    return out


def save_blend(out: str | Path) -> Path:
    """Write the current file to `out` atomically: a temporary file, then a rename."""
    import bpy
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.stem}.{os.getpid()}.tmp.blend")
    try:
        with quiet_stdout():
            bpy.ops.wm.save_as_mainfile(filepath=str(tmp), copy=True, check_existing=False)
        if not tmp.is_file():
            raise ProgramError(f"Blender did not write {out}")
        os.replace(tmp, out)
    finally:
        for leftover in (tmp, Path(str(tmp) + "1")):
            if leftover.exists():
                leftover.unlink()
    return out
