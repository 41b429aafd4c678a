"""Which engine parts this build has, and why a control is disabled when one is missing.

The sidebar's controls drive the engine (pipeline, providers, retrieval, edits). A control
whose part is absent is disabled with a message that says so, never a stub that pretends.
Probes import once per session and cache the answer; poll() runs on every redraw.
"""
from __future__ import annotations

import importlib

_PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    # part -> (module relative to the package, attribute it must define)
    "vlm": (("vlm.base", "make_client"), ("vlm.session", "Session")),
    "models": (("vlm.models", "list_models"),),
    "pipeline": (("pipeline.engine", "Reconstructor"), ("scene.wiring", "build_ports"),
                 ("scene.live", "LiveScene"), ("worker", "WorkerPool")),
    "rerun": (("pipeline.engine", "Reconstructor"), ("scene.wiring", "build_ports"),
              ("scene.live", "LiveScene"), ("worker", "WorkerPool")),
    "wiring": (("scene.wiring", "missing_layers"),),
    "edit": (("pipeline.edit", "Editor"), ("pipeline.edit", "revert_edit"), ("scene.wiring", "build_ports"),
             ("scene.live", "LiveScene"), ("worker", "WorkerPool")),
    "index": (("rag.index", "prepare_build"), ("rag.index", "build_index"), ("rag.index", "index_status")),
}
_WHAT = {
    "vlm": "the model providers",
    "models": "listing a provider's models",
    "pipeline": "the reconstruction pipeline",
    "rerun": "re-running a stage",
    "wiring": "the engine's wiring",
    "edit": "editing by sentence",
    "index": "the retrieval index",
}
_cache: dict[str, str | None] = {}


def missing(part: str) -> str | None:
    """None when `part` is available, else one line saying what is missing."""
    if part not in _cache:
        _cache[part] = _probe(part)
    return _cache[part]


def module(name: str):
    """An engine module by its name relative to the package (after `missing()` said yes)."""
    return importlib.import_module(f"{__package__.rsplit('.', 1)[0]}.{name}")


def _probe(part: str) -> str | None:
    for mod, attr in _PARTS[part]:
        try:
            found = hasattr(module(mod), attr)
        except ImportError as exc:
            dependency = _outside_package(exc)
            if dependency:
                # Blender's own builds ship numpy; a distribution's Blender may not.
                return (f"{_WHAT[part][0].upper()}{_WHAT[part][1:]} needs the Python package {dependency}, "
                        f"which this Blender lacks (distribution builds: install python3-{dependency})")
            found = False
        if not found:
            return f"This build of CodeForm does not include {_WHAT[part]} yet"
    return None


def _outside_package(exc: ImportError) -> str | None:
    """The top-level name of a missing module that is not part of CodeForm, else None."""
    name = getattr(exc, "name", None) or ""
    root = __package__.rsplit(".", 1)[0]
    if not name or name == root or name.startswith(root + ".") or name.startswith("codeform"):
        return None
    return name.split(".")[0]


def reset() -> None:
    _cache.clear()
