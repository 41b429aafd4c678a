"""The parts of the live API the RNA walk does not show (imports bpy).

Node socket names exist only on node instances, so every node type is instantiated in a
temporary tree; which struct ``modifiers.new(type=...)`` returns, which render engines and
view transforms this build knows, likewise only on live data. bmesh and mathutils are C
modules documented by their docstrings.
"""
from __future__ import annotations

import contextlib
import inspect
import re
from typing import Any, Iterator

import bpy
import bmesh
import mathutils

from .chunks import Chunk
from .extract import _clean_rst, _first_sentence, _fmt_value, _public, describe_prop, prop_table, short, static_enum_ids

_TREE_TYPES = ("ShaderNodeTree", "GeometryNodeTree", "CompositorNodeTree", "TextureNodeTree")
_TREE_WORD = {"ShaderNodeTree": "shader", "GeometryNodeTree": "geometry",
              "CompositorNodeTree": "compositor", "TextureNodeTree": "texture"}
# Nodes whose sockets are made by the user (groups, zones with item lists, reroutes).
_DYNAMIC_SOCKETS = re.compile(r"Group|Reroute|Repeat|Simulation|ForeachGeometryElement|Bake|"
                              r"MenuSwitch|IndexSwitch|CaptureAttribute|Closure|Bundle|FormatString|"
                              r"NodeFrame|Evaluate|ClosureInput|ClosureOutput")
_PROBE = ".codeform_probe"


@contextlib.contextmanager
def _temporary(collection, *args, **kw) -> Iterator[Any]:
    item = collection.new(*args, **kw)
    try:
        yield item
    finally:
        with contextlib.suppress(ReferenceError, RuntimeError):
            collection.remove(item)


def _rna_chain(rna) -> list[str]:
    out = []
    while rna is not None:
        out.append(rna.identifier)
        rna = rna.base
    return out


def node_idnames() -> list[str]:
    out = []
    for name in dir(bpy.types):
        rna = getattr(getattr(bpy.types, name, None), "bl_rna", None)
        if rna is not None and rna.identifier == name and "Node" in _rna_chain(rna)[1:]:
            out.append(name)
    return sorted(out)


def _socket_default(sock) -> Any:
    value = getattr(sock, "default_value", None)
    if value is None or isinstance(value, bpy.types.ID):
        return None
    if hasattr(value, "__len__") and not isinstance(value, str):
        return tuple(round(v, 4) if isinstance(v, float) else v for v in value)
    return round(value, 4) if isinstance(value, float) else value


def _tree_order(idname: str) -> list[str]:
    for prefix, tree in (("Shader", "ShaderNodeTree"), ("Geometry", "GeometryNodeTree"),
                         ("Function", "GeometryNodeTree"), ("Compositor", "CompositorNodeTree"),
                         ("Texture", "TextureNodeTree")):
        if idname.startswith(prefix):
            return [tree] + [t for t in _TREE_TYPES if t != tree]
    return list(_TREE_TYPES)


def node_types(version: str) -> tuple[dict[str, Any], list[Chunk], dict[str, str]]:
    """Instantiate every node type once and read its sockets."""
    tables: dict[str, Any] = {}
    aliases: dict[str, str] = {}
    chunks: list[Chunk] = []
    trees = {}
    try:
        for t in _TREE_TYPES:
            with contextlib.suppress(Exception):
                trees[t] = bpy.data.node_groups.new(_PROBE, t)
        for idname in node_idnames():
            for tree_type in _tree_order(idname):
                tree = trees.get(tree_type)
                if tree is None:
                    continue
                try:
                    node = tree.nodes.new(idname)
                except Exception:  # noqa: BLE001 - abstract types and nodes of other trees
                    continue
                try:
                    entry, chunk = _node_entry(version, idname, tree_type, node)
                finally:
                    tree.nodes.remove(node)
                tables[idname] = entry
                chunks.append(chunk)
                break
        aliases = _legacy_aliases(trees)
    finally:
        for tree in trees.values():
            with contextlib.suppress(ReferenceError, RuntimeError):
                bpy.data.node_groups.remove(tree)
    return tables, chunks, aliases


def _legacy_aliases(trees: dict[str, Any]) -> dict[str, str]:
    """Old node ids this Blender still accepts in nodes.new() (it maps some to new types)."""
    from .tables import load_api_changes
    aliases = {}
    for old in load_api_changes().get("legacy_node_types", []):
        for tree in trees.values():
            try:
                node = tree.nodes.new(old)
            except Exception:  # noqa: BLE001 - gone for good in this version
                continue
            aliases[old] = node.bl_idname
            tree.nodes.remove(node)
            break
    return aliases


def _node_entry(version: str, idname: str, tree_type: str, node) -> tuple[dict[str, Any], Chunk]:
    rna = node.bl_rna
    inputs = [[s.name, s.identifier, s.type] for s in node.inputs]
    outputs = [[s.name, s.identifier, s.type] for s in node.outputs]
    own = [p for p in rna.properties if p.identifier not in bpy.types.Node.bl_rna.properties]
    dynamic = bool(_DYNAMIC_SOCKETS.search(idname)) or any(
        p.type == "COLLECTION" and p.identifier.endswith("_items") for p in own)
    entry = {"tree": tree_type, "label": node.bl_label, "name": node.name, "in": inputs, "out": outputs,
             "props": {p.identifier: prop_table(p) for p in own}}
    if dynamic:
        entry["dynamic"] = True
    word = _TREE_WORD[tree_type]
    desc = short(getattr(node, "bl_description", "") or rna.description, 200)
    title = f"{node.bl_label} — {word} node {idname}"
    lines = [f"{title}: {desc}" if desc else title,
             f'nodes.new("{idname}") makes a node named "{node.name}".']
    if inputs:
        lines.append("Input sockets (node.inputs[\"Name\"]):")
        for s in node.inputs:
            default = _socket_default(s)
            dv = f", default {_fmt_value(default)}" if default is not None else ""
            ident = f", identifier {s.identifier!r}" if s.identifier != s.name else ""
            lines.append(f'  "{s.name}" ({s.type}{dv}{ident})')
    if outputs:
        lines.append("Output sockets (node.outputs[\"Name\"]):")
        for s in node.outputs:
            ident = f", identifier {s.identifier!r}" if s.identifier != s.name else ""
            lines.append(f'  "{s.name}" ({s.type}{ident})')
    if own:
        lines.append("Properties:")
        lines.extend(describe_prop(p) for p in own if not p.identifier.startswith("bl_"))
    if dynamic:
        lines.append("Sockets of this node depend on its items or settings.")
    keywords = " ".join(f"{s.name}" for s in node.inputs)
    chunk = Chunk(f"node:{idname}", "node", title, "\n".join(lines), version, keywords)
    return entry, chunk


# ---------------------------------------------------------------------------
# Type maps and enums that only live data tells
# ---------------------------------------------------------------------------

def _enum_from_error(obj, attr: str) -> list[str]:
    """The full item list of a dynamic enum, read from the error a bad value raises
    (reading enum_items of a dynamic enum is what crashes Blender)."""
    try:
        setattr(obj, attr, "__codeform_probe__")
    except TypeError as exc:
        match = re.search(r"not found in \((.*)\)", str(exc))
        if match:
            return re.findall(r"'([^']*)'", match.group(1))
    return []


def type_maps(version: str, nodes: dict[str, Any]) -> tuple[dict[str, Any], list[Chunk]]:
    out: dict[str, Any] = {}
    chunks: list[Chunk] = []
    with _temporary(bpy.data.meshes, _PROBE) as mesh, _temporary(bpy.data.objects, _PROBE, mesh) as obj:
        out["modifier_types"] = _probe_types(static_enum_ids(bpy.types.Modifier.bl_rna.properties["type"]),
                                             lambda t: obj.modifiers.new(t, t), obj.modifiers.remove, "Modifier")
        out["constraint_types"] = _probe_types(static_enum_ids(bpy.types.Constraint.bl_rna.properties["type"]),
                                               lambda t: obj.constraints.new(t), obj.constraints.remove, "Constraint")
    out["light_types"] = _probe_types(static_enum_ids(bpy.types.Light.bl_rna.properties["type"]),
                                      lambda t: bpy.data.lights.new(_PROBE, t), bpy.data.lights.remove, "Light")
    out["curve_types"] = _probe_types(["CURVE", "SURFACE", "FONT"], lambda t: bpy.data.curves.new(_PROBE, t),
                                      bpy.data.curves.remove, "Curve")
    with _temporary(bpy.data.scenes, _PROBE) as scene:
        out["dynamic_enums"] = {
            "RenderSettings.engine": _enum_from_error(scene.render, "engine"),
            "ColorManagedViewSettings.view_transform": _enum_from_error(scene.view_settings, "view_transform"),
            "ColorManagedViewSettings.look": _enum_from_error(scene.view_settings, "look"),
            "ColorManagedDisplaySettings.display_device": _enum_from_error(scene.display_settings, "display_device"),
        }
    engines = out["dynamic_enums"]["RenderSettings.engine"]
    out["render_engines"] = engines
    chunks.append(Chunk("enum:render-engines", "enum", f"Render engine ids in Blender {version}",
                        f"scene.render.engine accepts: {', '.join(repr(e) for e in engines)} in Blender {version}.\n"
                        "EEVEE is 'BLENDER_EEVEE' (the id 'BLENDER_EEVEE_NEXT' of 4.2-4.4 is gone in 5.0); "
                        "Workbench is 'BLENDER_WORKBENCH'; Cycles is 'CYCLES' (scene.cycles holds its settings).",
                        version, "render engine eevee cycles workbench"))
    vt = out["dynamic_enums"]["ColorManagedViewSettings.view_transform"]
    chunks.append(Chunk("enum:view-transforms", "enum", f"Color management view transforms in Blender {version}",
                        f"scene.view_settings.view_transform accepts: {', '.join(repr(v) for v in vt)}.\n"
                        f"scene.view_settings.look accepts: {', '.join(repr(v) for v in out['dynamic_enums']['ColorManagedViewSettings.look'][:20])}.",
                        version, "color management view transform AgX Filmic Standard exposure gamma look"))
    for key, label, call in (("modifier_types", "Modifier type ids", "obj.modifiers.new(name, type)"),
                             ("constraint_types", "Constraint type ids", "obj.constraints.new(type)"),
                             ("light_types", "Light type ids", "bpy.data.lights.new(name, type)")):
        rows = [f"  {k} -> {v or '?'}" for k, v in out[key].items()]
        chunks.append(Chunk(f"enum:{key.replace('_', '-')}", "enum", f"{label} for {call} in Blender {version}",
                            f"{call}: type id -> the struct it makes\n" + "\n".join(rows), version))
    by_tree: dict[str, list[str]] = {}
    for idname, entry in sorted(nodes.items()):
        by_tree.setdefault(entry["tree"], []).append(f"  {idname} ({entry['label']})")
    for tree, rows in by_tree.items():
        word = _TREE_WORD[tree]
        chunks.append(Chunk(f"enum:{word}-node-types", "enum", f"All {word} node type ids for nodes.new() in Blender {version}",
                            f"{word.capitalize()} node types (bl_idname for {tree}.nodes.new):\n" + "\n".join(rows), version,
                            f"list of {word} node type names bl_idname which nodes exist"))
    return out, chunks


def _probe_types(ids: list[str], make, remove, suffix: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for t in ids:
        try:
            item = make(t)
        except Exception:  # noqa: BLE001 - a type for another kind of object
            item = None
        if item is None:
            guess = "".join(w.capitalize() for w in t.split("_")) + suffix
            found[t] = guess if hasattr(bpy.types, guess) else None
            continue
        found[t] = item.bl_rna.identifier
        with contextlib.suppress(Exception):
            remove(item)
    return found


# ---------------------------------------------------------------------------
# bmesh and mathutils (C modules, documented by docstrings)
# ---------------------------------------------------------------------------

def _bmesh_op_params(doc: str) -> list[str]:
    """Parameter names from the signature line `bmesh.ops.spin(bmesh, geom=[], cent=Vector(), ...)`."""
    start = (doc or "").find("(")
    if start < 0:
        return []
    names, depth, token = [], 0, ""
    for ch in doc[start + 1:]:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            names.append(token)
            token = ""
            continue
        token += ch
    names.append(token)
    return [n.split("=", 1)[0].strip() for n in names if n.strip()]


def _members(obj) -> list[str]:
    return sorted(_public(dir(obj)))


def _class_chunk(version: str, cid: str, qualname: str, cls, kind: str) -> Chunk:
    doc = inspect.getdoc(cls) or ""
    lines = [f"{qualname}: {_first_sentence(doc)}"]
    for name in _members(cls):
        member = getattr(cls, name, None)
        mdoc = inspect.getdoc(member) or ""
        sig = ""
        first = mdoc.splitlines()[0] if mdoc else ""
        m = re.match(r"\.\. (?:method|classmethod|staticmethod|function):: (\w+\(.*\))", first)
        if m:
            sig = m.group(1)
        text = _first_sentence(re.sub(r"^\.\..*$", "", mdoc, flags=re.M))
        lines.append(f"  {sig or name}: {short(text, 110)}" if text else f"  {sig or name}")
    return Chunk(cid, kind, f"{qualname} — {short(_first_sentence(doc), 120)}", "\n".join(lines), version,
                 qualname.replace(".", " "))


def python_modules(version: str) -> tuple[dict[str, Any], list[Chunk]]:
    tables: dict[str, Any] = {}
    chunks: list[Chunk] = []
    tables["bmesh"] = _members(bmesh)
    tables["bmesh.types"] = _members(bmesh.types)
    tables["bmesh.utils"] = _members(bmesh.utils)
    tables["bmesh.geometry"] = _members(bmesh.geometry)
    ops: dict[str, list[str]] = {}
    for name in _members(bmesh.ops):
        doc = getattr(bmesh.ops, name).__doc__ or ""
        ops[name] = _bmesh_op_params(doc)
        text = doc.strip()
        first_desc = next((ln.strip() for ln in text.splitlines()[2:] if ln.strip() and not ln.startswith(":")), "")
        chunks.append(Chunk(f"bmesh:ops.{name}", "bmesh", f"bmesh.ops.{name} — {short(first_desc, 120)}",
                            _clean_rst(text, 2200), version, f"bmesh ops {name.replace('_', ' ')}"))
    tables["bmesh.ops"] = ops
    for name in tables["bmesh.types"]:
        cls = getattr(bmesh.types, name)
        tables[f"bmesh.types.{name}"] = _members(cls)
        if name in {"BMesh", "BMVert", "BMEdge", "BMFace", "BMLoop", "BMVertSeq", "BMEdgeSeq",
                    "BMFaceSeq", "BMLayerAccessLoop", "BMLayerCollection"}:
            chunks.append(_class_chunk(version, f"bmesh:types.{name}", f"bmesh.types.{name}", cls, "bmesh"))
    for modname, mod in (("bmesh", bmesh), ("bmesh.utils", bmesh.utils), ("bmesh.geometry", bmesh.geometry)):
        chunks.append(_class_chunk(version, f"bmesh:{modname.split('.')[-1] if '.' in modname else 'module'}",
                                   modname, mod, "bmesh"))
    tables["mathutils"] = _members(mathutils)
    for name in ("Vector", "Matrix", "Euler", "Quaternion", "Color"):
        cls = getattr(mathutils, name)
        tables[f"mathutils.{name}"] = _members(cls)
        chunks.append(_class_chunk(version, f"mathutils:{name}", f"mathutils.{name}", cls, "mathutils"))
    for sub in ("geometry", "noise", "bvhtree", "kdtree", "interpolate"):
        mod = getattr(mathutils, sub, None)
        if mod is None:
            continue
        tables[f"mathutils.{sub}"] = _members(mod)
        chunks.append(_class_chunk(version, f"mathutils:{sub}", f"mathutils.{sub}", mod, "mathutils"))
    # bpy_struct methods every datablock has (keyframe_insert, driver_add, ...).
    for name in ("keyframe_insert", "keyframe_delete", "driver_add", "path_resolve", "id_properties_ui"):
        doc = inspect.getdoc(getattr(bpy.types.bpy_struct, name, None)) or ""
        if doc:
            chunks.append(Chunk(f"py:bpy_struct.{name}", "pymethod", f"bpy_struct.{name} — {_first_sentence(doc)}",
                                "Every bpy struct (objects, materials, nodes, ...) has: " + _clean_rst(doc), version,
                                "animation keyframe insert" if name.startswith("keyframe") else ""))
    return tables, chunks
