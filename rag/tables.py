"""The API tables the linter and the retriever read: bpy-free at call time.

Extraction (``rag/extract.py``) writes them as JSON, keyed by Blender version, into the
user directory; a generated copy for Blender 5.0 ships in ``rag/data/`` so that linting
works before anything is built. Curated knowledge of removed and renamed APIs (which no
extraction can see, because it is gone) lives in ``rag/data/api_changes.json`` and is merged
in at load time.

Loaded tables are immutable and cached per file, so any number of threads may share them.
"""
from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path
from typing import Any

from . import paths

TABLES_FILE = "tables.json.gz"
CHUNKS_FILE = "chunks.jsonl.gz"
API_CHANGES = paths.DATA_DIR / "api_changes.json"


class ApiTables:
    """Lookups over one Blender version's API."""

    def __init__(self, data: dict[str, Any], changes: dict[str, Any] | None = None, source: str = ""):
        self.data = data
        self.changes = changes if changes is not None else load_api_changes()
        self.source = source
        self.version: str = data.get("blender", "")
        self.structs: dict[str, Any] = data.get("structs", {})
        self.ops: dict[str, Any] = data.get("ops", {})
        self.nodes: dict[str, Any] = data.get("nodes", {})
        self.modules: dict[str, Any] = data.get("modules", {})
        self.bpy_struct: frozenset[str] = frozenset(data.get("bpy_struct", ()))
        self.collection_methods: frozenset[str] = frozenset(data.get("collection_methods", ()))
        self._lock = threading.Lock()
        self._attrs_cache: dict[str, frozenset[str]] = {}
        self._op_modules = frozenset(k.split(".", 1)[0] for k in self.ops)
        self._children: dict[str, list[str]] = {}
        for name, entry in self.structs.items():
            if entry.get("base"):
                self._children.setdefault(entry["base"], []).append(name)
        # Default node name ("Principled BSDF") -> node type, shader nodes first: the names
        # model code uses to look up the nodes a new material comes with.
        self.node_by_default_name: dict[str, str] = {}
        for idname, entry in sorted(self.nodes.items(), key=lambda kv: kv[1].get("tree") != "ShaderNodeTree"):
            self.node_by_default_name.setdefault(entry.get("name", ""), idname)

    # -- structs -------------------------------------------------------------
    def chain(self, name: str) -> list[str]:
        out = []
        while name and name in self.structs and name not in out:
            out.append(name)
            name = self.structs[name].get("base")
        return out

    def prop(self, struct: str, attr: str) -> list | None:
        """[type, fixed type | enum ids | None, collection struct | None, readonly] or None."""
        for s in self.chain(struct):
            p = self.structs[s]["props"].get(attr)
            if p is not None:
                return p
        node = self.nodes.get(struct)
        if node and attr in node.get("props", {}):
            return node["props"][attr]
        return None

    def func(self, struct: str, name: str) -> dict[str, Any] | None:
        for s in self.chain(struct):
            f = self.structs[s].get("funcs", {}).get(name)
            if f is not None:
                return f
        return None

    def attrs(self, struct: str) -> frozenset[str]:
        """Every name valid after `obj.` on an instance of exactly this struct."""
        return self._attrs_cache.get(struct) or self._compute_attrs(struct)

    def _compute_attrs(self, struct: str) -> frozenset[str]:
        names: set[str] = set(self.bpy_struct) | {"bl_rna", "rna_type"}
        for s in self.chain(struct):
            entry = self.structs[s]
            names.update(entry["props"])
            names.update(entry.get("funcs", ()))
            names.update(entry.get("py", ()))
        result = frozenset(names)
        with self._lock:
            self._attrs_cache[struct] = result
        return result

    def descendants(self, struct: str) -> list[str]:
        out, todo = [], list(self._children.get(struct, ()))
        while todo:
            s = todo.pop()
            out.append(s)
            todo.extend(self._children.get(s, ()))
        return out

    def family_attrs(self, struct: str) -> frozenset[str]:
        """Names valid on the struct or any subclass: what `obj.` may be followed by when
        only the base type is known (a Modifier could be a BevelModifier)."""
        key = "*" + struct
        cached = self._attrs_cache.get(key)
        if cached is not None:
            return cached
        names = set(self.attrs(struct))
        for s in self.descendants(struct):
            entry = self.structs[s]
            names.update(entry["props"])
            names.update(entry.get("funcs", ()))
            names.update(entry.get("py", ()))
            names.update(self.nodes.get(s, {}).get("props", ()))
        result = frozenset(names)
        with self._lock:
            self._attrs_cache[key] = result
        return result

    def collection_attrs(self, srna: str | None) -> frozenset[str]:
        names = set(self.collection_methods) | {"rna_type", "bl_rna"}
        if srna:
            names |= self.attrs(srna)
        return frozenset(names)

    def has_struct(self, name: str) -> bool:
        return name in self.structs

    # -- operators, nodes, enums ------------------------------------------------
    def op(self, idname: str) -> dict[str, Any] | None:
        return self.ops.get(idname)

    def op_modules(self) -> frozenset[str]:
        return self._op_modules

    def node(self, idname: str) -> dict[str, Any] | None:
        return self.nodes.get(idname)

    def socket_names(self, idname: str, side: str = "in") -> set[str] | None:
        entry = self.nodes.get(idname)
        if entry is None or entry.get("dynamic"):
            return None
        names = set()
        for name, identifier, _type in entry.get(side, ()):
            names.add(name)
            names.add(identifier)
        return names

    def enum_ids(self, struct: str, attr: str) -> list[str] | None:
        """Valid ids for assigning `struct.attr = 'ID'`, None when not checkable."""
        dynamic = self.data.get("dynamic_enums", {})
        for s in self.chain(struct) or [struct]:
            if f"{s}.{attr}" in dynamic and dynamic[f"{s}.{attr}"]:
                return list(dynamic[f"{s}.{attr}"])
        p = self.prop(struct, attr)
        if not p or p[0] != "ENUM" or not p[1] or p[1][0] == "FLAG":
            return None
        if f"{struct}.{attr}" in self.changes.get("dynamic_enums", ()):
            return None
        return list(p[1])

    def type_map(self, kind: str) -> dict[str, str | None]:
        return self.data.get(f"{kind}_types", {})

    # -- curated changes ----------------------------------------------------------
    def change_note(self, section: str, key: str) -> str | None:
        return self.changes.get(section, {}).get(key)

    def node_type_names(self) -> list[str]:
        return list(self.nodes)


def load_api_changes() -> dict[str, Any]:
    try:
        return json.loads(API_CHANGES.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def save_tables(path: str | Path, tables: dict[str, Any]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(json.dumps(tables, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    tmp.replace(path)


_cache: dict[str, ApiTables] = {}
_cache_lock = threading.Lock()


def load_tables(path: str | Path) -> ApiTables:
    key = str(Path(path).resolve())
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None:
            with gzip.open(key, "rt", encoding="utf-8") as f:
                data = json.load(f)
            cached = _cache[key] = ApiTables(data, source=key)
        return cached


def tables_path(version: str | None = None) -> Path | None:
    """The tables for this Blender: the user directory's extraction, else the shipped copy
    of the same series (5.0.x shares 5.0's). None when neither exists: tables of another
    series would turn valid code into findings (4.3's 'BLENDER_EEVEE_NEXT', say)."""
    version = version or paths.blender_version()
    if not version:
        shipped = paths.shipped_dir(None)
        return shipped / TABLES_FILE if shipped else None
    built = paths.version_dir(version) / TABLES_FILE
    if built.exists():
        return built
    shipped = paths.shipped_dir(version)
    if shipped is not None and shipped.name == f"blender-{paths.series(version)}":
        return shipped / TABLES_FILE
    return None


def default_tables(version: str | None = None) -> ApiTables:
    """Tables for the Blender this process runs. Inside Blender, on the main thread, a
    missing extraction is made now (about a second) and cached in the user directory."""
    from ..pipeline.errors import ProgramError
    path = tables_path(version)
    if path is None:
        from .index import can_extract, extract_and_cache
        if can_extract():
            extract_and_cache()
            path = tables_path(version)
    if path is None:
        raise ProgramError(f"no Blender API tables for Blender {version or paths.blender_version() or '?'}: "
                           f"run `codeform index build` (or Build Index in the sidebar)")
    return load_tables(path)
