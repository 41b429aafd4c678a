"""Where the index and the API tables live, and which Blender they describe. bpy-free.

Layout under the user directory::

    <user>/rag/<blender version>/tables.json.gz   API tables the linter reads
    <user>/rag/<blender version>/chunks.jsonl.gz  documents the retriever ranks
    <user>/rag/<blender version>/chroma/          dense vectors (chromadb), when built
    <user>/rag/<blender version>/index.json       what was built, when, how long it took

Inside Blender the user directory is the extension's own
(``bpy.utils.extension_path_user``); from the CLI and tests ``CODEFORM_USER_DIR`` wins, then
``$XDG_DATA_HOME/codeform`` (``~/.local/share/codeform``). A new Blender version gets a new
folder, so an index is rebuilt when Blender changes.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
USER_DIR_ENV = "CODEFORM_USER_DIR"


def _extension_package() -> str | None:
    package = __package__ or ""
    if package.startswith("bl_ext."):
        return package.rsplit(".", 1)[0]  # bl_ext.<repo>.codeform
    return None


def user_dir() -> Path:
    """The extension's user directory (created on demand by callers that write)."""
    override = os.environ.get(USER_DIR_ENV)
    if override:
        return Path(override).expanduser()
    ext = _extension_package()
    bpy = sys.modules.get("bpy")
    if ext and bpy is not None:
        return Path(bpy.utils.extension_path_user(ext, create=True))
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "codeform"


def rag_dir() -> Path:
    return user_dir() / "rag"


def blender_version() -> str | None:
    """The version of the Blender this process runs or would run, without importing bpy
    when it is not loaded yet (the CLI's bpy wheel knows its version from its metadata)."""
    bpy = sys.modules.get("bpy")
    if bpy is not None and hasattr(bpy, "app"):
        return ".".join(str(v) for v in bpy.app.version)
    try:
        from importlib.metadata import PackageNotFoundError, version
        try:
            return version("bpy")
        except PackageNotFoundError:
            return None
    except ImportError:  # pragma: no cover
        return None


def version_dir(version: str) -> Path:
    return rag_dir() / version


def series(version: str) -> str:
    """'5.0.1' -> '5.0': API changes between patch releases are rare enough to share tables."""
    return ".".join(version.split(".")[:2])


def shipped_dir(version: str | None = None) -> Path | None:
    """The tables shipped for this Blender series, or the newest shipped ones."""
    candidates = sorted((p for p in DATA_DIR.glob("blender-*") if (p / "tables.json.gz").exists()),
                        key=lambda p: _version_key(p.name[len("blender-"):]))
    if not candidates:
        return None
    if version:
        for p in candidates:
            if p.name == f"blender-{series(version)}":
                return p
    return candidates[-1]


def _version_key(text: str) -> tuple[int, ...]:
    out = []
    for part in text.split("."):
        try:
            out.append(int(part))
        except ValueError:
            out.append(0)
    return tuple(out)
