"""Type inference for the API linter: what an expression of model code is, when it can be
known statically. bpy-free.

Deliberately shallow and forgiving: a value whose type is not certain is unknown, and
nothing is said about unknown values. Types come from the code's own imports (`bpy`,
`bmesh`, `mathutils`), the part context `ctx`, RNA pointer and collection properties,
RNA function return types, and the type ids passed to `modifiers.new`, `nodes.new`,
`bpy.data.lights.new` and friends.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from .tables import ApiTables

BPY_SUBMODULES = frozenset({"data", "context", "ops", "types", "app", "utils", "props", "path", "msgbus"})
# The part context every build_/material_/compose_/light_ function receives (scene/context.py).
CTX_ATTRS = {"objects": ("list", "Object"), "all_objects": ("list", "Object"), "collection": ("struct", "Collection"),
             "component": None, "blueprint": None, "run": None, "stage": None, "part": None, "name": None,
             "object": ("ctxcall", "Object"), "objects_of": ("ctxcall", "list:Object")}
PART_PREFIXES = ("build_", "material_", "compose_", "light_")
# bpy.context members that are not RNA properties of Context (they depend on the editor).
CONTEXT_MEMBERS = {"object": "Object", "active_object": "Object", "edit_object": "Object",
                   "selected_objects": "list:Object", "selected_editable_objects": "list:Object",
                   "visible_objects": "list:Object", "material": "Material", "active_node": "Node",
                   "view_layer": "ViewLayer", "scene": "Scene", "collection": "Collection",
                   "blend_data": "BlendData", "tool_settings": "ToolSettings",
                   "window_manager": "WindowManager", "preferences": "Preferences"}
# Pointers typed as a base in RNA whose real type is certain.
POINTER_OVERRIDES = {("Material", "node_tree"): "ShaderNodeTree", ("World", "node_tree"): "ShaderNodeTree",
                     ("Light", "node_tree"): "ShaderNodeTree", ("NodesModifier", "node_group"): "GeometryNodeTree"}
BMESH_ATTR_TYPES = {("BMesh", "verts"): "BMVertSeq", ("BMesh", "edges"): "BMEdgeSeq", ("BMesh", "faces"): "BMFaceSeq",
                    ("BMesh", "loops"): "BMLoopSeq"}
BMESH_SEQ_ELEMENT = {"BMVertSeq": "BMVert", "BMEdgeSeq": "BMEdge", "BMFaceSeq": "BMFace"}
# Base types add-ons subclass with their own properties: typed only as the base, any
# attribute may exist. (A registered subclass, like scene.cycles, is extracted in full.)
OPEN_STRUCTS = frozenset({"AddonPreferences", "PropertyGroup", "Operator", "Macro", "Panel", "Menu", "Header",
                          "UIList", "Gizmo", "GizmoGroup", "KeyingSetInfo", "RenderEngine", "FileHandler",
                          # RNA's placeholder for items whose type depends on the data:
                          # ShapeKey.data holds ShapeKeyPoint or ShapeKeyBezierPoint items.
                          "UnknownType"})
# `new(type)` functions whose result type follows from the type id.
TYPED_NEW = {"ObjectModifiers": "modifier", "ObjectConstraints": "constraint", "BlendDataLights": "light",
             "BlendDataCurves": "curve"}


@dataclass(frozen=True)
class T:
    """An inferred type. kind: module | opmod | op | struct | coll | list | ctx | ctxcall | context
    | method | pyclass | pyobj | bmop | nodes_new."""
    kind: str
    name: str = ""
    srna: str | None = None   # coll: the collection's own struct (ObjectModifiers); method: owner
    owner: str | None = None  # coll: the struct it hangs off (a node type for inputs/outputs)
    attr: str | None = None   # coll: the property name (inputs, outputs, nodes)


def struct_or_list(spec: str | None) -> T | None:
    if not spec:
        return None
    if spec.startswith("list:"):
        return T("list", spec[5:])
    return T("struct", spec)


def const_str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def dotted(node: ast.AST) -> str | None:
    """`bpy.app.version` -> 'bpy.app.version' for plain attribute chains."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


class Scope:
    def __init__(self, parent: "Scope | None" = None):
        self.names: dict[str, T | None] = {}
        self.parent = parent

    def get(self, name: str) -> T | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            scope = scope.parent
        return None

    def set(self, name: str, value: T | None) -> None:
        self.names[name] = value


def import_type(module: str, tables: ApiTables) -> T | None:
    if module in ("bpy", "bpy.ops", "bpy.types", "bmesh", "bmesh.ops", "bmesh.types", "mathutils") or \
            module.startswith("mathutils."):
        return T("module", module)
    if module == "bpy.data":
        return T("struct", "BlendData")
    if module == "bpy.context":
        return T("context")
    return None


def from_import_type(module: str, name: str, tables: ApiTables) -> T | None:
    full = f"{module}.{name}"
    if module == "bpy":
        return attribute_of_module("bpy", name, tables)[0]
    if module == "mathutils" and name in ("Vector", "Matrix", "Euler", "Quaternion", "Color"):
        return T("pyclass", full)
    if module in ("mathutils", "bmesh") and f"{full}" in tables.modules:
        return T("module", full)
    if module == "bmesh.types" and full in tables.modules:
        return T("pyclass", full)
    if module == "bpy.types" and tables.has_struct(name):
        return T("pyclass", full)
    return None


def attribute_of_module(module: str, attr: str, tables: ApiTables) -> tuple[T | None, list[str] | None]:
    """(type, candidates) — candidates is the list of valid names when `attr` is unknown."""
    if module == "bpy":
        if attr not in BPY_SUBMODULES:
            return None, sorted(BPY_SUBMODULES)
        if attr == "data":
            return T("struct", "BlendData"), None
        if attr == "context":
            return T("context"), None
        if attr in ("ops", "types"):
            return T("module", f"bpy.{attr}"), None
        return None, None
    if module == "bpy.ops":
        mods = tables.op_modules()
        return (T("opmod", attr), None) if attr in mods else (None, sorted(mods))
    if module == "bpy.types":
        if tables.has_struct(attr) or "_" in attr:  # registered UI classes are not in the tables
            return T("pyclass", f"bpy.types.{attr}"), None
        return None, sorted(tables.structs)
    if module in ("bmesh.ops",):
        ops = tables.modules.get("bmesh.ops", {})
        return (T("bmop", attr), None) if attr in ops else (None, sorted(ops))
    members = tables.modules.get(module)
    if members is None:
        return None, None
    if attr not in members:
        return None, list(members)
    full = f"{module}.{attr}"
    if full in tables.modules:
        kind = "pyclass" if attr[:1].isupper() else "module"
        return T(kind, full), None
    if module == "bmesh" and attr in ("new", "from_edit_mesh"):
        return T("pyfunc", "bmesh.types.BMesh"), None
    return None, None
