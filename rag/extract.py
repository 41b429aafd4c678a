"""API docs and tables from the running Blender (imports bpy).

One walk over the live API produces both what the retriever ranks (chunks) and what the
linter checks against (tables), so the two never disagree and both match this Blender
exactly. Runs in the CLI's bpy or inside Blender, on the main thread (node sockets are read
from node instances in temporary trees).

Pitfalls measured on 5.0 (see FACTS.md): ``enum_items`` on a class-level ``bl_rna``
segfaults for dynamic enums, so only ``enum_items_static`` is read here; a static list of
one 'NONE' item means the real items are computed at run time.
"""
from __future__ import annotations

import contextlib
import inspect
import os
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import bpy

from .chunks import Chunk

Progress = Callable[[str], None]

TABLES_FORMAT = "codeform.api-tables"
TABLES_VERSION = 1

# Registered UI classes (VIEW3D_PT_tools, ...) are not API a model calls.
_UI_CLASS = re.compile(r"^[A-Z0-9_]+_(PT|MT|HT|UL|OT|GT|GGT|AST|PIE|FH)_")
# Operator modules of editors a scene-building model has no business with: they stay in
# the linter's tables (a call to them is still checked) but not in the retrieval corpus.
_EDITOR_OPS = frozenset("""screen ui console info file buttons outliner text text_editor script
preferences extensions view2d spreadsheet asset clip sequencer graph nla action marker poselib
palette paintcurve workspace uilist gizmogroup sound cachefile ptcache dpaint boid mask ed wm
sculpt_curves export_anim import_anim export_scene import_scene import_curve""".split())
_EDITOR_STRUCT_PREFIXES = ("Theme", "Preferences", "UserAsset", "KeyMap", "KeyConfig", "Xr", "FileSelect",
                           "FileBrowser", "Spreadsheet", "MovieTracking", "MovieClip", "Strip", "Sequence",
                           "Sequencer", "Console", "Gizmo", "AssetShelf", "UILayout", "UIList", "WorkSpace",
                           "TextLine", "TextBox", "Addon", "PathCompare", "StudioLight", "LineStyle", "Freestyle",
                           "MaskLayer", "MaskSpline", "MaskParent", "MaskStrip", "Space")
_EDITOR_STRUCTS = frozenset({"Area", "AreaSpaces", "Region", "RegionView3D", "Screen", "Window", "WindowManager",
                             "Panel", "Menu", "Header", "Mask"})
PROPS_PER_CHUNK = 30


@dataclass
class Extraction:
    version: str
    chunks: list[Chunk]
    tables: dict[str, Any]
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def blender_version() -> str:
    return ".".join(str(v) for v in bpy.app.version)


def extract(progress: Progress | None = None) -> Extraction:
    """Walk the live API. Must run on Blender's main thread."""
    from . import extract_extra  # it reuses this module's formatting helpers

    say = progress or (lambda _msg: None)
    version = blender_version()
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    tables: dict[str, Any] = {"format": TABLES_FORMAT, "format_version": TABLES_VERSION,
                              "blender": version, "bpy_struct": sorted(_public(dir(bpy.types.bpy_struct))),
                              "collection_methods": sorted(_public(dir(type(bpy.data.objects))))}
    chunks: list[Chunk] = []

    def step(name: str, fn: Callable[[], None]) -> None:
        say(name)
        t = time.perf_counter()
        with _quiet_output():  # reading some enum defaults and subtypes logs harmless warnings
            fn()
        timings[name] = time.perf_counter() - t

    node_names: set[str] = set()

    def nodes() -> None:
        node_tables, node_chunks, aliases = extract_extra.node_types(version)
        tables["nodes"] = node_tables
        tables["node_aliases"] = aliases
        node_names.update(node_tables)
        chunks.extend(node_chunks)

    def structs() -> None:
        s_tables, s_chunks = _structs(version, skip_docs=node_names)
        tables["structs"] = s_tables
        chunks.extend(s_chunks)

    def operators() -> None:
        o_tables, o_chunks = _operators(version)
        tables["ops"] = o_tables
        chunks.extend(o_chunks)

    def enums() -> None:
        e_tables, e_chunks = extract_extra.type_maps(version, tables["nodes"])
        tables.update(e_tables)
        chunks.extend(e_chunks)

    def modules() -> None:
        m_tables, m_chunks = extract_extra.python_modules(version)
        tables["modules"] = m_tables
        chunks.extend(m_chunks)

    step("node sockets", nodes)
    step("RNA structs", structs)
    step("operators", operators)
    step("enums and type maps", enums)
    step("bmesh and mathutils", modules)
    seen: set[str] = set()
    unique = []
    for c in chunks:
        if c.id not in seen:
            seen.add(c.id)
            unique.append(c)
    return Extraction(version, unique, tables, time.perf_counter() - t0, timings)


@contextlib.contextmanager
def _quiet_output() -> Iterator[None]:
    """Blender's C-level log lines go to file descriptors 1 and 2, below Python's streams."""
    saved = []
    try:
        for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
            try:
                stream.flush()
                saved.append((fd, os.dup(fd)))
            except (OSError, ValueError, AttributeError):
                pass
        with open(os.devnull, "w") as devnull:
            for fd, _ in saved:
                os.dup2(devnull.fileno(), fd)
            yield
    finally:
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)


# ---------------------------------------------------------------------------
# Shared formatting
# ---------------------------------------------------------------------------

def _public(names) -> set[str]:
    return {n for n in names if not n.startswith("_")}


def short(text: str, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (tuple, list)):
        if len(value) > 6:
            return "(" + ", ".join(_fmt_value(v) for v in value[:6]) + ", …)"
        return "(" + ", ".join(_fmt_value(v) for v in value) + ")"
    if isinstance(value, set):
        return "{" + ", ".join(sorted(repr(v) for v in value)) + "}"
    return repr(value)


def static_enum_ids(prop) -> list[str]:
    """Static enum identifiers; [] when the real items are computed at run time."""
    try:
        ids = [item.identifier for item in prop.enum_items_static]
    except Exception:  # noqa: BLE001 - some enums refuse even the static read
        return []
    # One placeholder item means the items are made at run time (node tree types, ...).
    return [] if ids in ([], ["NONE"], ["DUMMY"], [""], ["DEFAULT"]) else ids


def prop_default(prop) -> Any:
    try:
        if prop.type in {"INT", "FLOAT", "BOOLEAN"}:
            if getattr(prop, "is_array", False) or getattr(prop, "array_length", 0) > 0:
                return tuple(prop.default_array)
            return prop.default
        if prop.type == "STRING":
            return prop.default
        if prop.type == "ENUM":
            if not static_enum_ids(prop):  # reading the default of a dynamic enum logs a warning
                return None
            return set(prop.default_flag) if prop.is_enum_flag else prop.default
    except Exception:  # noqa: BLE001
        return None
    return None


def describe_prop(prop, enum_limit: int = 24) -> str:
    """One line: `name (type, details): Label — description`."""
    kind = prop.type.lower()
    bits = []
    if prop.type in {"POINTER", "COLLECTION"}:
        fixed = getattr(prop, "fixed_type", None)
        kind = f"{'collection of ' if prop.type == 'COLLECTION' else ''}{fixed.identifier if fixed else 'struct'}"
    elif prop.type in {"INT", "FLOAT", "BOOLEAN"}:
        length = getattr(prop, "array_length", 0)
        if length:
            kind = f"{kind}[{length}]"
        sub = getattr(prop, "subtype", "NONE")
        if sub and sub != "NONE":
            bits.append(sub.lower())
        if prop.type in {"INT", "FLOAT"}:
            lo, hi = prop.hard_min, prop.hard_max
            if abs(lo) < 1e30 or abs(hi) < 1e30:
                bits.append(f"{_fmt_value(lo) if abs(lo) < 1e30 else '-inf'}..{_fmt_value(hi) if abs(hi) < 1e30 else 'inf'}")
    elif prop.type == "ENUM":
        ids = static_enum_ids(prop)
        kind = "enum set" if prop.is_enum_flag else "enum"
        if ids:
            shown = ids[:enum_limit]
            bits.append("in " + ", ".join(shown) + (", …" if len(ids) > enum_limit else ""))
        else:
            bits.append("items depend on context")
    default = prop_default(prop)
    if default not in (None, "", ()) and prop.type not in {"POINTER", "COLLECTION"}:
        bits.append(f"default {_fmt_value(default)}")
    if prop.is_readonly and prop.type not in {"COLLECTION"}:
        bits.append("readonly")
    detail = f"{kind}, {', '.join(bits)}" if bits else kind
    label = prop.name or prop.identifier
    desc = short(prop.description, 140)
    return f"  {prop.identifier} ({detail}): {label}" + (f" — {desc}" if desc and desc != label else "")


def prop_table(prop) -> list:
    """[type, fixed type | enum ids | None, collection srna | None, readonly]"""
    extra: Any = None
    srna = None
    if prop.type in {"POINTER", "COLLECTION"}:
        fixed = getattr(prop, "fixed_type", None)
        extra = fixed.identifier if fixed else None
        if prop.type == "COLLECTION" and getattr(prop, "srna", None) is not None:
            srna = prop.srna.identifier
    elif prop.type == "ENUM":
        extra = static_enum_ids(prop) or None
        if extra and prop.is_enum_flag:
            extra = ["FLAG"] + extra
    return [prop.type, extra, srna, bool(prop.is_readonly)]


def function_table(func) -> dict[str, Any]:
    params, required, enums = [], [], {}
    returns = None
    for p in func.parameters:
        if p.is_output:
            if returns is None and p.type in {"POINTER", "COLLECTION"} and getattr(p, "fixed_type", None):
                returns = p.fixed_type.identifier
            continue
        params.append(p.identifier)
        if p.is_required:
            required.append(p.identifier)
        if p.type == "ENUM" and not p.is_enum_flag:
            ids = static_enum_ids(p)
            if ids:
                enums[p.identifier] = ids
    entry: dict[str, Any] = {"params": params}
    if required:
        entry["required"] = required
    if enums:
        entry["enums"] = enums
    if returns:
        entry["returns"] = returns
    return entry


def describe_function(owner: str, func) -> str:
    args, outs = [], []
    for p in func.parameters:
        if p.is_output:
            fixed = getattr(p, "fixed_type", None)
            outs.append(fixed.identifier if fixed else p.type.lower())
            continue
        if p.is_required:
            args.append(p.identifier)
        else:
            args.append(f"{p.identifier}={_fmt_value(prop_default(p))}")
    ret = f" -> {', '.join(outs)}" if outs else ""
    line = f"  {func.identifier}({', '.join(args)}){ret}: {short(func.description, 150)}"
    enum_lines = []
    for p in func.parameters:
        if p.type == "ENUM" and not p.is_output:
            ids = static_enum_ids(p)
            if ids:
                enum_lines.append(f"    {p.identifier} in {', '.join(ids[:40])}{', …' if len(ids) > 40 else ''}")
    return "\n".join([line] + enum_lines)


# ---------------------------------------------------------------------------
# RNA structs
# ---------------------------------------------------------------------------

def _is_editor_struct(name: str) -> bool:
    return name in _EDITOR_STRUCTS or name.startswith(_EDITOR_STRUCT_PREFIXES) or name.endswith("Strip")


def _py_registered() -> dict[str, Any]:
    """Python-registered property groups (scene.cycles is a CyclesRenderSettings) are not
    in dir(bpy.types); they are reached through the pointers that use them."""
    out, todo = {}, [bpy.types.PropertyGroup]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            rna = getattr(sub, "bl_rna", None)
            if rna is not None:
                out.setdefault(rna.identifier, sub)
            todo.append(sub)
    return out


def _structs(version: str, skip_docs: set[str]) -> tuple[dict[str, Any], list[Chunk]]:
    tables: dict[str, Any] = {}
    chunks: list[Chunk] = []
    base_attrs = _public(dir(bpy.types.bpy_struct))
    todo = []
    for name in dir(bpy.types):
        if _UI_CLASS.match(name):
            continue
        cls = getattr(bpy.types, name, None)
        rna = getattr(cls, "bl_rna", None)
        if rna is not None and rna.identifier == name:
            todo.append((name, rna, cls))
    registered = None
    while todo:
        name, rna, cls = todo.pop()
        if name in tables:
            continue
        base = rna.base.identifier if rna.base is not None else None
        inherited_props = set(rna.base.properties.keys()) if rna.base is not None else set()
        inherited_funcs = set(rna.base.functions.keys()) if rna.base is not None else set()
        props = [p for p in rna.properties if p.identifier not in inherited_props and p.identifier != "rna_type"]
        funcs = [f for f in rna.functions if f.identifier not in inherited_funcs]
        base_cls = getattr(bpy.types, base, None) if base else None
        py_names = ((_public(dir(cls)) if cls is not None else set()) - set(rna.properties.keys()) - set(rna.functions.keys())
                    - base_attrs - (_public(dir(base_cls)) if base_cls is not None else set()))
        py_names.discard("bl_rna")
        entry: dict[str, Any] = {"props": {p.identifier: prop_table(p) for p in props}}
        if base:
            entry["base"] = base
        if funcs:
            entry["funcs"] = {f.identifier: function_table(f) for f in funcs}
        if py_names:
            entry["py"] = sorted(py_names)
        tables[name] = entry
        for p in props:
            fixed = getattr(p, "fixed_type", None) if p.type in {"POINTER", "COLLECTION"} else None
            if fixed is not None and fixed.identifier not in tables and not hasattr(bpy.types, fixed.identifier):
                registered = registered if registered is not None else _py_registered()
                todo.append((fixed.identifier, fixed, registered.get(fixed.identifier)))
        if name in skip_docs or _is_editor_struct(name):
            continue
        chunks.extend(_struct_chunks(version, name, rna, base, props, funcs, cls, sorted(py_names)))
    chunks.sort(key=lambda c: c.id)
    return tables, chunks


def _struct_chunks(version, name, rna, base, props, funcs, cls, py_names) -> list[Chunk]:
    head = f"bpy.types.{name}" + (f"({base})" if base else "")
    desc = short(rna.description, 200)
    title = f"{head} — {desc}" if desc else head
    prop_lines = [describe_prop(p) for p in props]
    func_lines = [describe_function(name, f) for f in funcs]
    py_lines = []
    for n in py_names:
        doc = inspect.getdoc(getattr(cls, n, None)) or ""
        first = _first_sentence(doc)
        py_lines.append(f"  {n}: {first}" if first else f"  {n}")
    keywords = " ".join(p.name for p in props if p.name and p.name.lower() != p.identifier.replace("_", " "))
    out: list[Chunk] = []
    groups = [prop_lines[i:i + PROPS_PER_CHUNK] for i in range(0, len(prop_lines), PROPS_PER_CHUNK)] or [[]]
    method_lines = (["Methods:"] + func_lines if func_lines else []) + \
        (["Python methods and properties:"] + py_lines if py_lines else [])
    # A big struct's methods get a chunk of their own: behind 30 properties they would be
    # past what the embedding model reads, and BM25's length normalisation buries them.
    separate = len(groups) > 1 and method_lines
    for i, group in enumerate(groups):
        parts = [title]
        if group:
            parts.append("Properties:" if i == 0 else f"Properties (continued, part {i + 1}):")
            parts.extend(group)
        if i == 0 and not separate:
            parts.extend(method_lines)
        cid = f"type:{name}" if i == 0 else f"type:{name}#{i + 1}"
        out.append(Chunk(cid, "struct", title if i == 0 else f"{title} (part {i + 1})", "\n".join(parts),
                         version, keywords if i == 0 else ""))
    if separate:
        names = " ".join(f.identifier for f in funcs) + " " + " ".join(py_names)
        out.append(Chunk(f"type:{name}#methods", "struct", f"bpy.types.{name} methods — {names.strip()}",
                         "\n".join([f"{head} methods:"] + method_lines[1:] if method_lines[0] == "Methods:"
                                   else [f"{head} methods:"] + method_lines), version, names))
    for n in py_names:
        member = getattr(cls, n, None)
        doc = inspect.getdoc(member) or ""
        if callable(member) and len(doc) > 80:
            try:
                sig = str(inspect.signature(member)).replace("(self, ", "(").replace("(self)", "()")
            except (TypeError, ValueError):
                sig = "(...)"
            out.append(Chunk(f"py:{name}.{n}", "pymethod", f"{name}.{n}{sig} — {_first_sentence(doc)}",
                             f"bpy.types.{name}.{n}{sig}\n{_clean_rst(doc)}", version))
    return out


def _first_sentence(doc: str) -> str:
    lines = [ln for ln in doc.splitlines() if ln.strip() and not ln.startswith(("..", ":"))]
    return short(lines[0], 150) if lines else ""


def _clean_rst(doc: str, limit: int = 1800) -> str:
    doc = re.sub(r"^\.\. (method|function|classmethod|staticmethod|attribute):: ", "", doc, flags=re.M)
    doc = re.sub(r":(class|func|meth|attr|mod|ref):`~?([^`]+)`", r"\2", doc)
    return doc[:limit]


# ---------------------------------------------------------------------------
# Operators
# ---------------------------------------------------------------------------

def _operators(version: str) -> tuple[dict[str, Any], list[Chunk]]:
    tables: dict[str, Any] = {}
    chunks: list[Chunk] = []
    for module in dir(bpy.ops):
        sub = getattr(bpy.ops, module)
        for op in dir(sub):
            if op.startswith("_"):
                continue
            try:
                rna = getattr(sub, op).get_rna_type()
            except Exception:  # noqa: BLE001 - an operator whose type cannot be read is skipped
                continue
            idname = f"{module}.{op}"
            props = [p for p in rna.properties if p.identifier != "rna_type"]
            args: dict[str, Any] = {}
            for p in props:
                ids = static_enum_ids(p) if p.type == "ENUM" else []
                args[p.identifier] = (["FLAG"] + ids if p.is_enum_flag else ids) if ids else None
            tables[idname] = args
            if module in _EDITOR_OPS:
                continue
            sig = ", ".join(f"{p.identifier}={_fmt_value(prop_default(p))}" for p in props)
            desc = short(rna.description, 240)
            title = f"bpy.ops.{idname}() — {rna.name}" + (f": {desc}" if desc else "")
            lines = [f"bpy.ops.{idname}({sig})", desc or rna.name]
            lines.extend(describe_prop(p) for p in props)
            chunks.append(Chunk(f"op:{idname}", "operator", title, "\n".join(lines), version,
                                rna.name))
    return tables, chunks
