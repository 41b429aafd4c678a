"""The API linter: check model code against the live Blender API before it runs. bpy-free.

Flags unknown `bpy.ops` operators and their keyword arguments, unknown attributes on
expressions whose type is certain (`bpy.data.materials.new(...)`, `obj.modifiers.new(type=...)`
results, `ctx`), bad enum ids, unknown node types and node socket names, and APIs removed
since 3.x (with the curated note saying what replaced them). Code inside a
version-compatibility guard — a `try:` that catches the error, `if hasattr(...)`,
`if bpy.app.version ...`, `if "Socket" in node.inputs` — is not a finding.

`lint_code` is pure: it parses, reads immutable tables and returns findings, so any number
of threads may call it at once.
"""
from __future__ import annotations

import ast
import logging
import threading
from dataclasses import dataclass, field

from ..pipeline import pyparse
from .lint_checks import Checks, close
from .lint_infer import BMESH_SEQ_ELEMENT, PART_PREFIXES, Scope, T, const_str, dotted, from_import_type, import_type
from ..pipeline.errors import ProgramError
from .tables import ApiTables, default_tables

_GUARD_ERRORS = frozenset({"AttributeError", "KeyError", "TypeError", "ValueError", "RuntimeError", "LookupError",
                           "IndexError", "Exception", "BaseException", "ImportError", "ModuleNotFoundError",
                           "NameError"})


@dataclass
class Finding:
    line: int
    message: str
    suggestions: list[str] = field(default_factory=list)

    def format(self, filename: str = "<code>") -> str:
        hint = f" (did you mean {', '.join(self.suggestions)})" if self.suggestions else ""
        return f"{filename}:{self.line}: {self.message}{hint}"


_warned: set[str] = set()
_warn_lock = threading.Lock()


def _warn_once(message: str) -> None:
    with _warn_lock:
        if message in _warned:
            return
        _warned.add(message)
    logging.getLogger("codeform.rag").warning("linter off: %s", message)


def lint_code(code: str, tables: ApiTables | None = None) -> list[Finding]:
    """Findings for `code`, sorted by line. A syntax error is one finding."""
    try:
        tree = pyparse.parse(code)
    except SyntaxError as exc:
        return [Finding(exc.lineno or 1, f"syntax error: {exc.msg}")]
    if tables is None:
        try:
            tables = default_tables()
        except ProgramError as exc:
            # No tables for this Blender (and none can be made on this thread): say so once
            # and check nothing, rather than judge the code by another version's API.
            _warn_once(str(exc))
            return []
    linter = _Linter(tables)
    linter.run(tree)
    seen, out = set(), []
    for f in sorted(linter.findings, key=lambda f: f.line):
        key = (f.line, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def is_part(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A part function: a stage prefix and callable as part(ctx). `build_camera_rig(context,
    mode)` in a public script is a helper with a part-like name, not a part."""
    args = node.args
    required = len(args.posonlyargs) + len(args.args) - len(args.defaults)
    return node.name.startswith(PART_PREFIXES) and (required == 1 or (required == 0 and args.vararg is not None))


class _Linter(Checks):
    def __init__(self, tables: ApiTables):
        self.t = tables
        self.changes = tables.changes
        self.findings: list[Finding] = []
        self.guard = 0
        self.stage_code = True
        self.silent = False
        self.returns: dict[str, T | None] = {}
        self.local_funcs: set[str] = set()
        self._return_types: list[T | None] = []

    # -- reporting -------------------------------------------------------------
    @property
    def quiet(self) -> bool:
        return bool(self.guard or self.silent)

    def report(self, node: ast.AST, message: str, suggestions=None) -> None:
        """`suggestions`: names, or a function giving them (fuzzy matching is the slow part,
        so it runs only for findings that are reported)."""
        if self.quiet:
            return
        if callable(suggestions):
            suggestions = suggestions()
        self.findings.append(Finding(getattr(node, "lineno", 1), message, list(dict.fromkeys(suggestions or []))))

    def note(self, section: str, *keys: str) -> str | None:
        table = self.changes.get(section, {})
        for k in keys:
            if k in table:
                return table[k]
        return None

    def removed_module(self, node: ast.AST, module: str) -> None:
        note = self.note("modules", module, module.split(".")[0])
        if note:
            self.report(node, f"there is no module '{module.split('.')[0]}': {note}")

    # -- driver ------------------------------------------------------------------
    def run(self, tree: ast.Module) -> None:
        self.local_funcs = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        # A `ctx` parameter is CodeForm's part context only in stage code; elsewhere (a
        # public script's helper) it is whatever the script passes, often bpy.context.
        self.stage_code = any(is_part(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
        # Helper functions' return types first (twice: helpers call helpers), silently.
        self.silent = True
        for _ in range(2):
            scope = Scope()
            for stmt in tree.body:
                self.stmt(stmt, scope)
        self.silent = False
        self.stmt_list(tree.body, Scope())

    def stmt_list(self, body: list[ast.stmt], scope: Scope) -> None:
        for stmt in body:
            self.stmt(stmt, scope)

    # -- statements --------------------------------------------------------------
    def stmt(self, node: ast.stmt, scope: Scope) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self.removed_module(node, alias.name)
                if alias.asname:
                    scope.set(alias.asname, import_type(alias.name, self.t))
                else:
                    top = alias.name.split(".")[0]
                    scope.set(top, import_type(top, self.t))
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                self.removed_module(node, node.module or "")
            for alias in node.names:
                scope.set(alias.asname or alias.name, from_import_type(node.module or "", alias.name, self.t))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(node, scope)
        elif isinstance(node, ast.ClassDef):
            self.stmt_list(node.body, Scope(scope))
        elif isinstance(node, ast.Assign):
            if isinstance(node.value, ast.Tuple) and all(
                    isinstance(t, (ast.Tuple, ast.List)) and len(t.elts) == len(node.value.elts) for t in node.targets):
                # `nodes, links = tree.nodes, tree.links`: each name gets its own type.
                values = [self.expr(v, scope) for v in node.value.elts]
                for target in node.targets:
                    for t, v, vn in zip(target.elts, values, node.value.elts):
                        self.assign(t, v, vn, scope)
            else:
                value = self.expr(node.value, scope)
                for target in node.targets:
                    self.assign(target, value, node.value, scope)
        elif isinstance(node, ast.AnnAssign):
            value = self.expr(node.value, scope) if node.value is not None else None
            self.assign(node.target, value, node.value, scope)
        elif isinstance(node, ast.AugAssign):
            self.expr(node.value, scope)
            if not isinstance(node.target, ast.Name):
                self.expr(node.target, scope)
        elif isinstance(node, ast.Return):
            if node.value is not None:
                self._return_types.append(self.expr(node.value, scope))
        elif isinstance(node, ast.If):
            self.if_stmt(node, scope)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            element = self.element_of(node.iter, scope)
            self.bind_loop_target(node.target, node.iter, element, scope)
            self.stmt_list(node.body, scope)
            self.stmt_list(node.orelse, scope)
        elif isinstance(node, ast.While):
            self.expr(node.test, scope)
            self.stmt_list(node.body, scope)
            self.stmt_list(node.orelse, scope)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                self.expr(item.context_expr, scope)
                if isinstance(item.optional_vars, ast.Name):
                    scope.set(item.optional_vars.id, None)
            self.stmt_list(node.body, scope)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            guarded = any(self.catches(h) for h in node.handlers)
            before = dict(scope.names)
            self.guard += guarded
            self.stmt_list(node.body, scope)
            self.stmt_list(node.orelse, scope)
            self.guard -= guarded
            for h in node.handlers:
                after_body, scope.names = scope.names, dict(before)
                if h.name:
                    scope.set(h.name, None)
                self.stmt_list(h.body, scope)
                self.join(scope, before, after_body)
            self.stmt_list(node.finalbody, scope)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.expr(child, scope)
                elif isinstance(child, ast.stmt):
                    self.stmt(child, scope)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> None:
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.expr(default, scope)
        inner = Scope(scope)
        params = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        for i, arg in enumerate(params):
            is_ctx = i == 0 and is_part(node) or (arg.arg == "ctx" and self.stage_code)
            inner.set(arg.arg, T("ctx") if is_ctx else None)
        for extra in (node.args.vararg, node.args.kwarg):
            if extra is not None:
                inner.set(extra.arg, None)
        saved, self._return_types = self._return_types, []
        self.stmt_list(node.body, inner)
        kinds = {r for r in self._return_types}
        self.returns[node.name] = kinds.pop() if len(kinds) == 1 else None
        self._return_types = saved
        scope.set(node.name, T("localfunc", node.name))

    @staticmethod
    def catches(handler: ast.ExceptHandler) -> bool:
        if handler.type is None:
            return True
        names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        return any((dotted(n) or "").split(".")[-1] in _GUARD_ERRORS for n in names)

    def if_stmt(self, node: ast.If, scope: Scope) -> None:
        """`if bpy.app.version ...` guards both branches; `if hasattr(...)` and
        `if "Name" in node.inputs` guard the branch where the name exists."""
        walked = list(ast.walk(node.test))
        version_check = any((dotted(n) or "").startswith("bpy.app.version") for n in walked)
        feature_check = any(
            (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("hasattr", "getattr"))
            or (isinstance(n, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops))
            for n in walked)
        self.guard += 1  # the test itself asks whether something exists
        self.expr(node.test, scope)
        self.guard -= 1
        body_guard = int(version_check or feature_check)
        else_guard = int(version_check or (feature_check and self.negated(node.test)))
        before = dict(scope.names)
        self.guard += body_guard
        self.stmt_list(node.body, scope)
        self.guard -= body_guard
        after_body, scope.names = scope.names, dict(before)
        self.guard += else_guard
        self.stmt_list(node.orelse, scope)
        self.guard -= else_guard
        self.join(scope, before, after_body)

    @staticmethod
    def join(scope: Scope, before: dict, other: dict) -> None:
        """After two branches a name keeps its type only if both branches agree on it:
        `n = nodes.new("ShaderNodeEmission")` in one and a Principled BSDF in the other
        leaves `n` unknown, not whichever branch came last."""
        for name in set(other) | set(scope.names):
            a = other.get(name, before.get(name))
            b = scope.names.get(name, before.get(name))
            scope.names[name] = a if a == b else None

    @staticmethod
    def negated(test: ast.expr) -> bool:
        return (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)) or any(
            isinstance(n, ast.Compare) and any(isinstance(op, ast.NotIn) for op in n.ops) for n in ast.walk(test))

    def assign(self, target: ast.expr, value: T | None, value_node: ast.expr | None, scope: Scope) -> None:
        if isinstance(target, ast.Name):
            if isinstance(value_node, (ast.Dict, ast.DictComp)):
                value = T("dict")
            scope.set(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self.assign(elt, None, None, scope)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, None, None, scope)
        elif isinstance(target, ast.Attribute):
            base = self.expr(target.value, scope)
            self.attr(base, target.attr, target)
            literal = const_str(value_node) if value_node is not None else None
            if base is not None and base.kind == "struct" and literal is not None:
                self.check_enum(target, base.name, target.attr, literal)
        elif isinstance(target, ast.Subscript):
            self.expr(target, scope)

    def check_enum(self, node: ast.AST, struct: str, attr: str, value: str) -> None:
        ids = self.t.enum_ids(struct, attr)
        if ids and value not in ids:
            note = self.note("enum_values", value, f"{struct}.{attr}={value}")
            msg = f"'{value}' is not a valid {struct}.{attr}" + (f": {note}" if note else f"; valid: {', '.join(ids[:12])}")
            self.report(node, msg, lambda: close(value, ids))

    # -- loops ---------------------------------------------------------------------
    def element_of(self, iter_node: ast.expr, scope: Scope) -> T | None:
        it = self.expr(iter_node, scope)
        if isinstance(iter_node, ast.Call) and isinstance(iter_node.func, ast.Name) and iter_node.args:
            if iter_node.func.id in ("list", "sorted", "reversed", "tuple"):
                return self.element_type(self.expr(iter_node.args[0], scope))
            if iter_node.func.id == "enumerate":  # bind_loop_target gives the element to the 2nd name
                return self.element_type(self.expr(iter_node.args[0], scope))
        return self.element_type(it)

    def element_type(self, it: T | None) -> T | None:
        if it is None:
            return None
        if it.kind in ("coll", "list") and it.name:
            return T("struct", it.name)
        if it.kind == "pyobj" and it.name.rsplit(".", 1)[-1] in BMESH_SEQ_ELEMENT:
            return T("pyobj", "bmesh.types." + BMESH_SEQ_ELEMENT[it.name.rsplit(".", 1)[-1]])
        return None

    def bind_loop_target(self, target: ast.expr, iter_node: ast.expr, element: T | None, scope: Scope) -> None:
        is_enum = isinstance(iter_node, ast.Call) and isinstance(iter_node.func, ast.Name) and iter_node.func.id == "enumerate"
        if isinstance(target, ast.Name):
            scope.set(target.id, None if is_enum else element)
        elif isinstance(target, ast.Tuple) and is_enum and len(target.elts) == 2:
            self.assign(target.elts[0], None, None, scope)
            if isinstance(target.elts[1], ast.Name):
                scope.set(target.elts[1].id, element)
            else:
                self.assign(target.elts[1], None, None, scope)
        else:
            self.assign(target, None, None, scope)

    # -- expressions -------------------------------------------------------------------
    def expr(self, node: ast.expr | None, scope: Scope) -> T | None:
        if node is None:
            return None
        if isinstance(node, ast.Name):
            return scope.get(node.id)
        if isinstance(node, ast.Attribute):
            return self.attr(self.expr(node.value, scope), node.attr, node)
        if isinstance(node, ast.Call):
            return self.call(node, scope)
        if isinstance(node, ast.Subscript):
            base = self.expr(node.value, scope)
            self.expr(node.slice, scope)
            return self.subscript(base, node)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            inner = Scope(scope)
            for gen in node.generators:
                element = self.element_of(gen.iter, inner)
                self.bind_loop_target(gen.target, gen.iter, element, inner)
                for cond in gen.ifs:
                    self.expr(cond, inner)
            if isinstance(node, ast.DictComp):
                self.expr(node.key, inner)
                self.expr(node.value, inner)
                return None
            elt = self.expr(node.elt, inner)
            return T("list", elt.name) if isinstance(node, ast.ListComp) and elt and elt.kind == "struct" else None
        if isinstance(node, ast.Lambda):
            inner = Scope(scope)
            for a in node.args.args:
                inner.set(a.arg, None)
            self.expr(node.body, inner)
            return None
        if isinstance(node, ast.NamedExpr):
            value = self.expr(node.value, scope)
            scope.set(node.target.id, value)
            return value
        if isinstance(node, ast.BoolOp):
            kinds = [self.expr(v, scope) for v in node.values]
            return kinds[0] if len(set(kinds)) == 1 else None
        if isinstance(node, ast.IfExp):
            self.expr(node.test, scope)
            a, b = self.expr(node.body, scope), self.expr(node.orelse, scope)
            return a if a == b else None
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expr(child, scope)
            elif isinstance(child, ast.keyword):
                self.expr(child.value, scope)
        return None
