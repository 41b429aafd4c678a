"""Gate 1: refuse, by reading the code, what modeling code never needs. bpy-free.

Every refusal is one line with the line number and a reason the model can act on:
``line 3: import of 'os' is not allowed; use bpy, bmesh, mathutils, math, random``.
The same tables (``rules.py``) are enforced again at run time by the guarded facade, which
sees what no parse can (aliases, names computed at run time); this gate exists so that the
model hears about a refusal before anything runs, with the line to fix.
"""
from __future__ import annotations

import ast
import math
import string
from dataclasses import dataclass

from ..pipeline import pyparse
from ..pipeline.errors import CodeRaised, PolicyError
from . import rules

MAX_VIOLATIONS = 20
_NAMEDTUPLE_API = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults"})


@dataclass
class Violation:
    line: int
    message: str  # "line 3: import of 'os' is not allowed; use bpy, bmesh, ..."


def check_code(code: str) -> list[Violation]:
    """Every policy violation in `code`, in line order (at most MAX_VIOLATIONS). Code that
    does not parse gives one violation naming the syntax error."""
    known = _known.get(code)
    if known is not None:
        return list(known)
    try:
        tree = pyparse.parse(code)
    except SyntaxError as exc:
        line = exc.lineno or 1
        return [Violation(line, f"line {line}: SyntaxError: {exc.msg}")]
    except (RecursionError, MemoryError):
        return [too_deep()]
    return remember(code, check_tree(tree))


def too_deep(line: int = 1) -> Violation:
    """Code nested deeper than the parser (or this checker) can follow: refused rather than
    crashing the checker; modeling code never nests a thousand levels."""
    return Violation(line, f"line {line}: the code is nested too deeply to check (an expression or "
                           f"block more than a few hundred levels deep); split it into steps")


# Re-applying a stage (undo, redo, a change in a later stage) checks the same code again.
_known: dict[str, list[Violation]] = {}
_KNOWN_MAX = 64


def remember(code: str, found: list[Violation]) -> list[Violation]:
    if len(_known) >= _KNOWN_MAX:
        try:
            _known.pop(next(iter(_known)))
        except (KeyError, RuntimeError, StopIteration):
            pass  # another thread evicted first
    _known[code] = list(found)
    return found


def known_result(code: str) -> list[Violation] | None:
    """The violations of `code` if it was checked recently (thread-safe enough: a miss only
    costs a re-check)."""
    found = _known.get(code)
    return None if found is None else list(found)


def check_tree(tree: ast.Module) -> list[Violation]:
    checker = _Checker()
    try:
        checker.visit(tree)
    except RecursionError:
        return [too_deep()]
    seen: set[int] = set()
    out = []
    for v in sorted(checker.found, key=lambda v: v.line):  # stable: the first reason per line
        if v.line not in seen:
            seen.add(v.line)
            out.append(v)
    return out[:MAX_VIOLATIONS]


def ensure_allowed(code: str) -> None:
    """Raise PolicyError (exit 3) with the first violation; CodeRaised (exit 4) when the code
    does not parse, since that is the code's own error rather than a refusal."""
    found = check_code(code)
    raise_first(found)


def raise_first(found: list[Violation]) -> None:
    if found and found[0].message.split(": ", 1)[-1].startswith("SyntaxError"):
        first = found[0]
        raise CodeRaised(first.message, line=first.line, error_type="SyntaxError")
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise PolicyError(first.message + more, line=first.line)


def attribute_refusal(name: str) -> str | None:
    """Why attribute `name` may not be read or written anywhere, or None. Shared with the
    facade's getattr/setattr builtins."""
    if name.startswith("__") and name.endswith("__"):
        if name in rules.ALLOWED_DUNDERS:
            return None
        return f"the dunder attribute '{name}' is not allowed (it reaches interpreter internals)"
    if name.startswith("__"):
        return f"the private attribute '{name}' is not allowed"
    if name in rules.INTROSPECTION_ATTRS:
        return f"the attribute '{name}' is not allowed (it reaches interpreter internals)"
    why = rules.BLENDER_ATTRS.get(name)
    if why:
        return f"'{name}' is not available to stage code: {why}"
    return None


class _Checker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[Violation] = []
        self.aliases: dict[str, str] = {}  # local name -> dotted module path ("bpy", "bpy.ops.mesh")
        self.receivers: list[frozenset[str]] = [frozenset()]  # names whose _private attrs are ours
        self.checked_chains: set[int] = set()
        self.format_calls: set[int] = set()  # `.format` attributes that are checked calls
        self.cleanups: list[int] = [0]  # per function: try/with blocks around the current line

    def refuse(self, node: ast.AST, message: str) -> None:
        line = getattr(node, "lineno", 1) or 1
        self.found.append(Violation(line, f"line {line}: {message}"))

    # -- imports -----------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if not self._module_allowed(node, alias.name):
                continue
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                root = alias.name.split(".")[0]
                self.aliases[root] = root

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            self.refuse(node, "relative imports are not allowed; import from bpy, bmesh, mathutils, math, random")
            return
        module = node.module or ""
        if not self._module_allowed(node, module):
            return
        for alias in node.names:
            if alias.name == "*":
                continue
            path = f"{module}.{alias.name}"
            if path in rules.ALLOWED_MODULES:
                self.aliases[alias.asname or alias.name] = path
                continue
            if self._path_refusal(node, path):
                continue
            self.aliases[alias.asname or alias.name] = path

    def _module_allowed(self, node: ast.AST, module: str) -> bool:
        if module in rules.ALLOWED_MODULES or module == "bpy.ops":
            return True
        if module.startswith("bpy.") and module.split(".")[1] in rules.BPY_NAMES:
            return not self._bpy_refusal(node, module.split("."))
        self.refuse(node, f"import of '{module}' is not allowed; use {rules.SUGGESTED_MODULES}")
        return False

    # -- names -------------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        name = node.id
        why = rules.FORBIDDEN_BUILTINS.get(name)
        if why:
            self.refuse(node, f"'{name}' is not allowed: {why}")
        elif name.startswith("__") and name.endswith("__") and name != "__name__":
            self.refuse(node, f"the name '{name}' is not allowed (it reaches interpreter internals)")
        elif name in rules.DYNAMIC_ATTRIBUTE_CALLS:
            # Reached only when not called directly (visit_Call skips the callee).
            self.refuse(node, f"'{name}' may only be called directly, with a literal attribute name")

    # -- attributes --------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:
        self._check_attribute_name(node, node.attr, node.value)
        if id(node) not in self.checked_chains:
            path = self._chain_path(node)
            if path is not None:
                self._path_refusal(node, path)
                if isinstance(node.ctx, (ast.Store, ast.Del)) and _is_module_level(path.rpartition(".")[0]):
                    self.refuse(node, f"changing '{path}' is not allowed: modules and Blender's types are shared")
        self.generic_visit(node)

    def _check_attribute_name(self, node: ast.AST, name: str, receiver: ast.AST | None) -> None:
        if name in _FORMAT_ATTRS and id(node) not in self.format_calls \
                and not isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del)):
            # A bound or stored str.format runs attribute walks ('{0.__class__}') no parse
            # sees. Setting a property called format (render.ffmpeg.format) binds nothing.
            self.refuse(node, "str.format may only be called directly on a string literal; use an f-string")
            return
        why = attribute_refusal(name)
        if why:
            self.refuse(node, why)
            return
        if name.startswith("_") and name not in _NAMEDTUPLE_API:
            if not (isinstance(receiver, ast.Name) and receiver.id in self.receivers[-1]) \
                    and not self._is_own_super(receiver):
                self.refuse(node, f"the private attribute '{name}' is not allowed outside your own classes (self.{name})")

    def _is_own_super(self, receiver: ast.AST | None) -> bool:
        """`super()` inside a method of the code's own class: its attributes are the class's
        own (`super().__init__(name)`); stage code cannot subclass Blender's types."""
        return bool(self.receivers[-1]) and isinstance(receiver, ast.Call) and \
            isinstance(receiver.func, ast.Name) and receiver.func.id == "super"

    def _chain_path(self, node: ast.Attribute) -> str | None:
        """'bpy.ops.mesh.primitive_cube_add' for an attribute chain rooted at an imported
        module name; marks the inner links so each chain is checked once."""
        attrs = []
        cur: ast.AST = node
        while isinstance(cur, ast.Attribute):
            attrs.append(cur.attr)
            self.checked_chains.add(id(cur))
            cur = cur.value
        if not isinstance(cur, ast.Name) or cur.id not in self.aliases:
            return None
        return ".".join([self.aliases[cur.id], *reversed(attrs)])

    def _path_refusal(self, node: ast.AST, path: str) -> bool:
        bits = path.split(".")
        if bits[0] == "bpy":
            return self._bpy_refusal(node, bits)
        for cut in range(len(bits) - 1, 0, -1):
            module = ".".join(bits[:cut])
            if module in rules.FACADE_NAMES:
                names = rules.FACADE_NAMES[module]
                attr = bits[cut]
                sub = f"{module}.{attr}"
                if sub in rules.FACADE_NAMES:
                    continue
                if (names is not None and attr not in names) or attr.startswith("_"):
                    offered = ", ".join(sorted(names)[:8]) if names else "its public functions"
                    self.refuse(node, f"'{module}.{attr}' is not available; {module} here offers {offered}")
                    return True
                return False
        return False

    def _bpy_refusal(self, node: ast.AST, bits: list[str]) -> bool:
        if len(bits) < 2:
            return False
        top = bits[1]
        if top not in rules.BPY_NAMES:
            self.refuse(node, f"bpy.{top} is not available to stage code; use bpy.data, bpy.context, bpy.ops, bpy.types")
            return True
        if top == "app" and len(bits) > 2 and bits[2] not in rules.BPY_APP_NAMES:
            self.refuse(node, f"bpy.app.{bits[2]} is not available to stage code; bpy.app offers "
                              f"{', '.join(sorted(rules.BPY_APP_NAMES))}")
            return True
        if top == "ops" and len(bits) > 2:
            why = rules.operator_refusal(bits[2], bits[3] if len(bits) > 3 else "")
            if why and (len(bits) > 3 or bits[2] not in rules.OPERATOR_NAMESPACES):
                self.refuse(node, why)
                return True
        return False

    # -- match statements --------------------------------------------------------------
    def visit_MatchClass(self, node: ast.MatchClass) -> None:
        # `case object(__class__=cls)` reads an attribute with no Attribute node to check:
        # keyword patterns are attribute lookups, and get the same rules.
        for name in node.kwd_attrs:
            self._check_attribute_name(node, name, None)
        self.generic_visit(node)

    # -- calls -------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in rules.DYNAMIC_ATTRIBUTE_CALLS:
            name_arg = node.args[1] if len(node.args) > 1 else None
            if not (isinstance(name_arg, ast.Constant) and isinstance(name_arg.value, str)):
                self.refuse(node, f"{func.id}() needs a literal attribute name; write obj.name directly")
            else:
                self._check_attribute_name(node, name_arg.value, node.args[0] if node.args else None)
            for arg in node.args:
                self.visit(arg)
            for kw in node.keywords:
                self.visit(kw)
            return
        if isinstance(func, ast.Name) and func.id == "type" and len(node.args) > 1:
            self.refuse(node, "type() with three arguments builds classes at run time; use a class statement")
        if isinstance(func, ast.Attribute) and func.attr == "format":
            self.format_calls.add(id(func))
            self._check_format(node, func.value)
        self.generic_visit(node)

    def _check_format(self, node: ast.Call, receiver: ast.AST) -> None:
        if not (isinstance(receiver, ast.Constant) and isinstance(receiver.value, str)):
            self.refuse(node, "str.format() on a computed string is not allowed; use an f-string")
            return
        try:
            fields = _format_fields(receiver.value)
        except ValueError:
            return  # malformed format string: it raises on its own at run time
        for field in fields:
            if "." in field or "__" in field:
                self.refuse(node, "attribute lookups inside format strings are not allowed; use an f-string")
                return

    # -- definitions -------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for base in node.bases:
            path = self._expr_path(base)
            if path and path.startswith("bpy"):
                self.refuse(base, f"subclassing {path} registers code with Blender; build data with bpy.data and bpy.ops instead")
        for kw in node.keywords:
            if kw.arg == "metaclass":
                self.refuse(kw.value, "metaclasses are not allowed")
        for decorator in node.decorator_list:
            self.visit(decorator)
        for item in node.bases + [kw.value for kw in node.keywords]:
            self.visit(item)
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._visit_function(stmt, method=True)
            else:
                self.visit(stmt)

    def _expr_path(self, node: ast.AST) -> str | None:
        attrs = []
        while isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name) and node.id in self.aliases:
            return ".".join([self.aliases[node.id], *reversed(attrs)])
        return None

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_function(node, method=False)

    def _visit_function(self, node: ast.AST, method: bool) -> None:
        if isinstance(node, ast.AsyncFunctionDef):
            self.refuse(node, "async code is not allowed")
        if node.name in rules.FORBIDDEN_METHOD_DEFS:
            self.refuse(node, f"defining {node.name} is not allowed: finalizers run after the stage ends")
        receivers = self.receivers[-1]
        positional = node.args.posonlyargs + node.args.args
        if method and positional:
            receivers = receivers | {positional[0].arg}
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.visit(node.args)
        if node.returns:
            self.visit(node.returns)
        self.receivers.append(receivers)
        self.cleanups.append(0)
        try:
            for stmt in node.body:
                self.visit(stmt)
        finally:
            self.receivers.pop()
            self.cleanups.pop()

    # -- generators --------------------------------------------------------------------
    # A generator left suspended inside try/finally, except or with runs that cleanup when
    # it is collected: after the stage ended, outside the deadline (an endless loop there
    # would freeze Blender).
    def _visit_cleanup_block(self, node: ast.AST) -> None:
        self.cleanups[-1] += 1
        try:
            self.generic_visit(node)
        finally:
            self.cleanups[-1] -= 1

    visit_Try = visit_TryStar = visit_With = _visit_cleanup_block

    def visit_Yield(self, node: ast.AST) -> None:
        if self.cleanups[-1]:
            self.refuse(node, "yield inside try, except or with is not allowed: the generator's cleanup "
                              "would run after the stage ends; yield outside the block")
        self.generic_visit(node)

    visit_YieldFrom = visit_Yield

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.cleanups.append(0)
        try:
            self.generic_visit(node)
        finally:
            self.cleanups.pop()

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._visit_function(node, method=False)

    def visit_Await(self, node: ast.Await) -> None:
        self.refuse(node, "async code is not allowed")
        self.generic_visit(node)

    visit_AsyncFor = visit_AsyncWith = visit_Await

    # -- exceptions --------------------------------------------------------------------
    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        # A bare `except:` is allowed: the sandbox's stop signals re-raise on the next line
        # of stage code, so it cannot swallow them; naming BaseException is refused because
        # it states the intent to.
        caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type] if node.type else []
        for item in caught:
            if isinstance(item, ast.Name) and item.id in ("BaseException", "KeyboardInterrupt",
                                                           "SystemExit", "GeneratorExit"):
                self.refuse(item, f"catching {item.id} is not allowed; catch Exception")
                self.checked_chains.add(id(item))
        for stmt in node.body:
            self.visit(stmt)
        for item in caught:
            if not (isinstance(item, ast.Name) and item.id in rules.FORBIDDEN_BUILTINS):
                self.visit(item)

    # -- resource bombs in literals ----------------------------------------------------
    def visit_BinOp(self, node: ast.BinOp) -> None:
        left, right = node.left, node.right
        if isinstance(node.op, ast.Pow) and (_digits(node) or 0) > 10_000:
            self.refuse(node, "this power is a number with more than 10,000 digits; modeling code never needs one")
            return
        if isinstance(node.op, ast.Mult):
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (ast.Constant, ast.List, ast.Tuple)) and not _number(seq) \
                        and (_digits(count) or 0) > 7:
                    self.refuse(node, "repeating a sequence more than 10,000,000 times is not allowed")
        self.generic_visit(node)


_FORMAT_ATTRS = frozenset({"format"})


def _format_fields(text: str, depth: int = 0) -> list[str]:
    """Every replacement field of a format string, including the ones nested in format
    specs ('{0:{1.__class__}}' looks up an attribute too)."""
    out = []
    for _, field, spec, _ in string.Formatter().parse(text):
        if field is not None:
            out.append(field)
        if spec and "{" in spec and depth < 3:
            out.extend(_format_fields(spec, depth + 1))
    return out


def _is_module_level(receiver: str) -> bool:
    """Whether `receiver` names a module, or a class or function a module hands out."""
    if receiver in rules.ALLOWED_MODULES or receiver in ("bpy", "bpy.ops", "bpy.app"):
        return True
    if receiver.startswith(("bpy.types.", "bpy.ops.", "bpy.app.")):
        return True
    return not receiver.startswith("bpy") and receiver.split(".")[0] in rules.FACADE_NAMES


def _digits(node: ast.AST) -> float | None:
    """Decimal digits of a constant arithmetic expression (powers nest: 9**9**9), or None."""
    if _number(node):
        return math.log10(abs(node.value)) if abs(node.value) > 1 else 0.0
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Pow, ast.Mult, ast.Add)):
        left, right = _digits(node.left), _digits(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Pow):
            exponent = 10 ** min(right, 300.0)
            return left * exponent if left > 0 else 0.0
        return left + right if isinstance(node.op, ast.Mult) else max(left, right) + 1
    return None


def _number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
