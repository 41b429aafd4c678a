"""The linter's checks on attribute access, calls and subscripts. bpy-free.

Mixed into the linter (rag/lint.py), which owns scopes, statements and reporting.
"""
from __future__ import annotations

import ast
import difflib

from .lint_infer import (BMESH_ATTR_TYPES, BMESH_SEQ_ELEMENT, CONTEXT_MEMBERS, CTX_ATTRS, OPEN_STRUCTS,
                         POINTER_OVERRIDES, TYPED_NEW, Scope, T, attribute_of_module, const_str, struct_or_list)


def close(word: str, candidates, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The closest valid names, case-insensitively ("base color" finds "Base Color")."""
    w = word.lower()
    # Names far longer or shorter cannot pass the cutoff; skipping them keeps a lookup in a
    # pool of thousands (every ID type's attributes) to a few milliseconds.
    slack = max(3, len(w) // 2)
    lower: dict[str, str] = {}
    for c in candidates:
        if abs(len(c) - len(w)) <= slack:
            lower.setdefault(c.lower(), c)
    hits = difflib.get_close_matches(w, list(lower), n=n, cutoff=cutoff)
    return [lower[h] for h in hits]


class Checks:
    # Provided by the linter: self.t (ApiTables), self.report, self.note, self.expr,
    # self.returns, self.check_enum.

    # -- attribute access ---------------------------------------------------------
    def attr(self, base: T | None, attr: str, node: ast.AST) -> T | None:
        if base is None:
            return None
        kind = base.kind
        if kind == "module":
            found, candidates = attribute_of_module(base.name, attr, self.t)
            if found is None and candidates is not None:
                note = self.note("attributes", f"{base.name}.{attr}")
                self.report(node, f"{base.name} has no attribute '{attr}'" + (f": {note}" if note else ""),
                            lambda: self.suggest(note, close(attr, candidates)))
            return found
        if kind == "opmod":
            return self.operator(base.name, attr, node)
        if kind == "struct":
            return self.struct_attr(base.name, attr, node)
        if kind == "coll":
            return self.collection_attr(base, attr, node)
        if kind == "ctx":
            if attr not in CTX_ATTRS:
                self.report(node, f"ctx has no attribute '{attr}'", lambda: close(attr, CTX_ATTRS))
                return None
            spec = CTX_ATTRS[attr]
            if spec is None:
                return None
            return T(spec[0], spec[1]) if spec[0] != "struct" else T("struct", spec[1])
        if kind == "context":
            if attr == "copy":
                return T("ctxcopy")
            if attr in CONTEXT_MEMBERS:
                return struct_or_list(CONTEXT_MEMBERS[attr])
            if self.t.prop("Context", attr) is not None:
                return self.struct_attr("Context", attr, node)
            return None
        if kind in ("pyclass", "pyobj"):
            members = self.t.modules.get(base.name)
            if members is None:
                return None
            if attr not in members:
                label = base.name if kind == "pyclass" else f"{base.name.rsplit('.', 1)[-1]} object"
                self.report(node, f"{label} has no attribute '{attr}'", lambda: close(attr, members))
                return None
            short = base.name.rsplit(".", 1)[-1]
            if (short, attr) in BMESH_ATTR_TYPES:
                return T("pyobj", "bmesh.types." + BMESH_ATTR_TYPES[(short, attr)])
            return T("pymethod", attr, srna=base.name)
        return None

    def operator(self, module: str, name: str, node: ast.AST) -> T | None:
        idname = f"{module}.{name}"
        if self.t.op(idname) is not None:
            return T("op", idname)
        note = self.note("operators", idname)
        same_module = [k.split(".", 1)[1] for k in self.t.ops if k.startswith(module + ".")]
        elsewhere = [k for k in self.t.ops if k.split(".", 1)[1] == name]
        if self.quiet:
            return None
        suggestions = [f"bpy.ops.{module}.{n}" for n in close(name, same_module)] + [f"bpy.ops.{k}" for k in elsewhere]
        self.report(node, f"bpy.ops.{idname} does not exist" + (f": {note}" if note else ""),
                    self.suggest(note, suggestions))
        return None

    def struct_attr(self, struct: str, attr: str, node: ast.AST) -> T | None:
        t = self.t
        prop = t.prop(struct, attr)
        if prop is not None:
            ptype, extra, srna = prop[0], prop[1], prop[2]
            if ptype == "POINTER":
                return T("struct", POINTER_OVERRIDES.get((struct, attr), extra)) if extra else None
            if ptype == "COLLECTION":
                return T("coll", extra or "", srna=srna, owner=struct, attr=attr)
            return None
        if t.func(struct, attr) is not None:
            return T("method", attr, srna=struct)
        if attr in t.attrs(struct):
            return T("pymethod", attr, srna=struct)
        if not t.has_struct(struct) or struct in OPEN_STRUCTS:  # a registered subclass is known in full
            return None
        family = t.descendants(struct)
        if family and attr in t.family_attrs(struct):
            return None
        keys = [f"{s}.{attr}" for s in t.chain(struct) + family]
        note = self.note("attributes", *keys)
        pool = t.family_attrs(struct) if family else t.attrs(struct)
        what = f"no {struct} type has an attribute" if family else f"{struct} has no attribute"
        self.report(node, f"{what} '{attr}'" + (f": {note}" if note else ""),
                    lambda: self.suggest(note, close(attr, [n for n in pool if not n.startswith("bl_")])))
        return None

    def collection_attr(self, base: T, attr: str, node: ast.AST) -> T | None:
        allowed = self.t.collection_attrs(base.srna)
        if attr in allowed:
            if attr == "get":
                return T("collget", base.name, srna=base.srna, owner=base.owner, attr=base.attr)
            if base.srna and self.t.func(base.srna, attr) is not None:
                return T("method", attr, srna=base.srna, owner=base.owner)
            return None
        label = base.srna or f"collection of {base.name}"
        note = self.note("attributes", f"{label}.{attr}", f"{base.owner}.{base.attr}.{attr}")
        self.report(node, f"{label} has no attribute '{attr}'" + (f": {note}" if note else ""),
                    lambda: self.suggest(note, close(attr, [a for a in allowed if not a.startswith("bl_")])))
        return None

    @staticmethod
    def suggest(note: str | None, names: list[str]) -> list[str]:
        # A curated note names the replacement itself; fuzzy matches would only distract.
        return [] if note else names

    # -- calls -------------------------------------------------------------------------
    def call(self, node: ast.Call, scope: Scope) -> T | None:
        func = self.expr(node.func, scope)
        arg_types = [self.expr(a, scope) for a in node.args]
        for kw in node.keywords:
            self.expr(kw.value, scope)
        if func is None:
            f = node.func
            if isinstance(f, ast.Attribute) and f.attr in ("new", "get"):
                key = self.argument(node, ["type"], "type") if f.attr == "new" else \
                    const_str(node.args[0]) if node.args else None
                return self.untyped_tree_node(f.value, key, by_id=f.attr == "new")
            return None
        kind = func.kind
        if kind == "op":
            self.operator_call(func.name, node, arg_types)
            return None
        if kind == "method":
            return self.method_call(func, node)
        if kind == "collget":
            key = const_str(node.args[0]) if node.args else None
            if func.srna == "Nodes" and key is not None:
                return T("struct", self.t.node_by_default_name.get(key, "Node"))
            return T("struct", func.name) if func.name else None
        if kind == "ctxcall":
            return struct_or_list(func.name)
        if kind == "ctxcopy":  # bpy.context.copy(): the dict old code passed to operators
            return T("dict")
        if kind == "pyclass":
            return T("pyobj", func.name) if func.name.startswith(("mathutils.", "bmesh.")) else None
        if kind == "pyfunc":
            return T("pyobj", func.name)
        if kind == "pymethod":
            owner = (func.srna or "").rsplit(".", 1)[-1]
            if owner in BMESH_SEQ_ELEMENT and func.name == "new":
                return T("pyobj", "bmesh.types." + BMESH_SEQ_ELEMENT[owner])
            if (func.srna or "").startswith("mathutils.") and func.name[:1].isupper():
                return T("pyobj", func.srna)
            return None
        if kind == "bmop":
            params = self.t.modules.get("bmesh.ops", {}).get(func.name) or []
            for kw in node.keywords:
                if kw.arg and params and kw.arg not in params:
                    note = self.note("bmesh_ops", f"{func.name}.{kw.arg}")
                    self.report(kw.value, f"bmesh.ops.{func.name} has no argument '{kw.arg}'" + (f": {note}" if note else ""),
                                lambda: self.suggest(note, close(kw.arg, params[1:])))
            return None
        if kind == "localfunc":
            return self.returns.get(func.name)
        return None

    def operator_call(self, idname: str, node: ast.Call, arg_types: list[T | None]) -> None:
        args = self.t.op(idname) or {}
        if node.args:
            first = node.args[0]
            literal = const_str(first)
            if isinstance(first, ast.Dict) or (arg_types and arg_types[0] is not None and arg_types[0].kind == "dict"):
                self.report(first, "passing a context dict to an operator was removed in Blender 4.0; "
                                   "use `with bpy.context.temp_override(...):`")
            elif literal is not None and literal not in _EXEC_CONTEXTS:
                self.report(first, f"'{literal}' is not an operator execution context",
                            lambda: close(literal, _EXEC_CONTEXTS))
        for kw in node.keywords:
            if kw.arg is None:
                continue
            if kw.arg not in args:
                note = self.note("operator_args", f"{idname}.{kw.arg}", f"*.{kw.arg}")
                self.report(kw.value, f"bpy.ops.{idname} has no argument '{kw.arg}'" + (f": {note}" if note else ""),
                            lambda: self.suggest(note, close(kw.arg, args)))
                continue
            self.check_enum_arg(kw.value, f"bpy.ops.{idname}", kw.arg, args[kw.arg])

    def check_enum_arg(self, value: ast.expr, owner: str, name: str, ids: list[str] | None) -> None:
        if not ids:
            return
        flag = ids[0] == "FLAG"
        valid = ids[1:] if flag else ids
        literals = [const_str(value)]
        if flag and isinstance(value, (ast.Set, ast.List, ast.Tuple)):
            literals = [const_str(e) for e in value.elts]
        for lit in literals:
            if lit is not None and lit not in valid:
                note = self.note("enum_values", lit, f"{owner}.{name}={lit}")
                self.report(value, f"'{lit}' is not a valid {name} for {owner}" + (f": {note}" if note else ""),
                            lambda: self.suggest(note, close(lit, valid)))

    def method_call(self, func: T, node: ast.Call) -> T | None:
        owner = func.srna or ""
        spec = self.t.func(owner, func.name)
        if spec is None:
            return None
        params = spec.get("params", [])
        enums = spec.get("enums", {})
        for kw in node.keywords:
            if kw.arg is None:
                continue
            if kw.arg not in params:
                self.report(kw.value, f"{owner}.{func.name}() has no argument '{kw.arg}'",
                            lambda: close(kw.arg, params))
            elif kw.arg in enums:
                self.check_enum_arg(kw.value, f"{owner}.{func.name}()", kw.arg, enums[kw.arg])
        if len(node.args) > len(params) and not any(isinstance(a, ast.Starred) for a in node.args):
            self.report(node, f"{owner}.{func.name}() takes {len(params)} arguments ({', '.join(params)}), "
                              f"{len(node.args)} given")
        for i, arg in enumerate(node.args[:len(params)]):
            if params[i] in enums:
                self.check_enum_arg(arg, f"{owner}.{func.name}()", params[i], enums[params[i]])
        if func.name != "new":
            return struct_or_list(spec.get("returns"))
        type_id = self.argument(node, params, "type")
        if owner == "Nodes":
            return self.new_node(type_id, node, spec)
        if owner in TYPED_NEW and type_id:
            made = self.t.type_map(TYPED_NEW[owner]).get(type_id)
            if made:
                return T("struct", made)
        return struct_or_list(spec.get("returns"))

    @staticmethod
    def argument(node: ast.Call, params: list[str], name: str) -> str | None:
        for kw in node.keywords:
            if kw.arg == name:
                return const_str(kw.value)
        if name in params and params.index(name) < len(node.args):
            return const_str(node.args[params.index(name)])
        return None

    def new_node(self, idname: str | None, node: ast.Call, spec: dict) -> T | None:
        if idname is None:
            return struct_or_list(spec.get("returns"))
        if self.t.node(idname) is not None:
            return T("struct", idname)
        alias = self.t.data.get("node_aliases", {}).get(idname)
        if alias:
            return T("struct", alias)
        if self.t.has_struct(idname):  # abstract or custom node types: valid names, no sockets known
            return T("struct", idname)
        note = self.note("node_types", idname)
        by_label = self.t.node_by_default_name.get(idname)
        self.report(node, f"unknown node type '{idname}'" + (f": {note}" if note else ""),
                    (lambda: [by_label]) if by_label else lambda: self.suggest(note, close(idname, self.t.nodes)))
        return None

    # -- subscripts ------------------------------------------------------------------
    def subscript(self, base: T | None, node: ast.Subscript) -> T | None:
        if base is None:
            return self.untyped_tree_node(node.value, const_str(node.slice), by_id=False)
        key = const_str(node.slice)
        if base.kind == "coll":
            if isinstance(node.slice, ast.Slice):
                return T("list", base.name)
            if key is not None and base.attr in ("inputs", "outputs") and base.owner in self.t.nodes:
                self.socket(base.owner, "in" if base.attr == "inputs" else "out", key, node)
            if key is not None and base.srna == "Nodes":
                return T("struct", self.t.node_by_default_name.get(key, "Node"))
            return T("struct", base.name) if base.name else None
        if base.kind == "list":
            return T("list", base.name) if isinstance(node.slice, ast.Slice) else T("struct", base.name)
        if base.kind == "pyobj" and base.name.rsplit(".", 1)[-1] in BMESH_SEQ_ELEMENT:
            return T("pyobj", "bmesh.types." + BMESH_SEQ_ELEMENT[base.name.rsplit(".", 1)[-1]])
        return None

    def untyped_tree_node(self, nodes: ast.expr, key: str | None, by_id: bool) -> T | None:
        """The node `<x>.nodes.new("ShaderNodeBsdfPrincipled")`, `<x>.nodes["Principled BSDF"]`
        or `.get(...)` makes or finds when `<x>` is untyped (a function's `material`
        parameter): only node trees have `.nodes`, so a known node id or default node name
        still says which node it is. Unknown names say nothing here: `<x>` may be anything."""
        if key is None or not (isinstance(nodes, ast.Attribute) and nodes.attr == "nodes"):
            return None
        idname = key if by_id else self.t.node_by_default_name.get(key)
        return T("struct", idname) if idname and self.t.node(idname) is not None else None

    def socket(self, idname: str, side: str, key: str, node: ast.AST) -> None:
        names = self.t.socket_names(idname, side)
        if names is None or key in names:
            return
        entry = self.t.node(idname) or {}
        label = entry.get("label", idname)
        note = self.note("sockets", f"{idname}.{key}", f"{side}:{idname}.{key}")
        shown = [n for n, _i, _t in entry.get(side, ())]
        word = "input" if side == "in" else "output"
        self.report(node, f'{label} ({idname}) has no {word} socket "{key}"' + (f": {note}" if note else ""),
                    lambda: self.suggest(note, close(key, shown)))


_EXEC_CONTEXTS = frozenset(f"{a}_{b}" for a in ("INVOKE", "EXEC") for b in
                           ("DEFAULT", "REGION_WIN", "REGION_CHANNELS", "REGION_PREVIEW", "AREA", "SCREEN"))
