"""Reading a program from disk: a program JSON file, or a folder of stage sources.

A folder holds ``blueprint.json`` (optional) and any of ``geometry.py``, ``material.py``,
``composition.py``, ``lighting.py`` — the shape a technical artist writes by hand and the
shape the bundled examples ship in.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import ProgramError
from .program import STAGES, MAX_RUN_NAME, SceneProgram


def run_name_from(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.") or "run"
    return name[:MAX_RUN_NAME]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ProgramError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise ProgramError(f"cannot read {path}: {exc.strerror or exc}") from None


def load_program_path(path: str | Path, name: str | None = None) -> SceneProgram:
    path = Path(path)
    if not path.exists():
        raise ProgramError(f"no such program: {path}")
    if path.is_dir():
        program = _load_folder(path, name)
    else:
        program = SceneProgram.loads(_read(path))
        if name:
            program = SceneProgram.from_json({**program.to_json(), "name": name})
    return program


def _load_folder(path: Path, name: str | None) -> SceneProgram:
    blueprint = {}
    bp = path / "blueprint.json"
    if bp.exists():
        try:
            blueprint = json.loads(_read(bp))
        except json.JSONDecodeError as exc:
            raise ProgramError(f"{bp}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        if not isinstance(blueprint, dict):
            raise ProgramError(f"{bp}: a blueprint must be a JSON object")
        from .blueprint import check_stored
        try:
            check_stored(blueprint)
        except ProgramError as exc:
            raise ProgramError(f"{bp}: {exc}") from None
    sources = {s: _read(path / f"{s}.py") for s in STAGES if (path / f"{s}.py").exists()}
    if not sources:
        raise ProgramError(f"{path} has none of {', '.join(s + '.py' for s in STAGES)}")
    missing = [s for s in STAGES[: max(STAGES.index(s) for s in sources)] if s not in sources]
    if missing:
        raise ProgramError(f"{path} has later stages but no {', '.join(m + '.py' for m in missing)}")
    return SceneProgram.from_sources(name or run_name_from(path.name), blueprint, sources, origin="user")
