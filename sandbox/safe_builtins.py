"""The builtins stage code sees: a fresh dict per run, without the ones that reach files,
the interpreter or the sandbox's own stop signals. bpy-free.

Dynamic attribute access (getattr/setattr/delattr/hasattr) is re-checked here at run time,
since a name computed at run time is invisible to the policy.
"""
from __future__ import annotations

import builtins as _builtins
from typing import Any, Callable

from .policy import attribute_refusal

# Plain builtins handed out as they are.
_PLAIN = (
    "abs", "all", "any", "ascii", "bin", "bool", "bytearray", "bytes", "callable", "chr", "classmethod", "complex",
    "dict", "divmod", "enumerate", "filter", "float", "format", "frozenset", "hash", "hex", "id",
    "int", "isinstance", "issubclass", "iter", "len", "list", "map", "max", "min", "next", "object",
    "oct", "ord", "pow", "property", "repr", "reversed", "round", "set", "slice", "sorted",
    "staticmethod", "str", "sum", "super", "tuple", "zip", "NotImplemented", "Ellipsis",
    "__build_class__",
    # Exceptions stage code may raise and catch; none of them is a BaseException-only one.
    "Exception", "ArithmeticError", "AssertionError", "AttributeError", "EOFError", "FloatingPointError",
    "ImportError", "IndexError", "KeyError", "LookupError", "MemoryError", "ModuleNotFoundError",
    "NameError", "NotImplementedError", "OSError", "OverflowError", "PermissionError", "RecursionError",
    "ReferenceError", "RuntimeError", "StopIteration", "TypeError", "UnboundLocalError",
    "UnicodeError", "ValueError", "ZeroDivisionError", "Warning", "UserWarning", "DeprecationWarning",
    "RuntimeWarning",
)
MAX_RANGE = 50_000_000  # a longer range only feeds a C loop (list, sum) no deadline can stop
# What print() may write in one run: a loop printing 10 MB lines wrote ~0.9 GB to the
# worker's log in 5 s (GBs of the user's disk within the time limit).
MAX_PRINTED = 1_000_000


class SandboxRefusal(PermissionError):
    """Stage code asked for something the sandbox refuses at run time."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_attribute(name: Any) -> str:
    if not isinstance(name, str):
        raise TypeError("attribute name must be a string")
    why = attribute_refusal(name)
    if why is None and name.startswith("_"):
        why = f"the private attribute '{name}' is not allowed through getattr/setattr"
    if why is None and name == "format":
        why = "str.format may only be called directly on a string literal; use an f-string"
    if why:
        raise SandboxRefusal(why)
    return name


def make_builtins(importer: Callable[..., Any], type_of: Callable[[Any], Any]) -> dict[str, Any]:
    """A fresh builtins dict. `importer` is the guarded ``__import__``; `type_of` maps an
    object to what ``type(obj)`` shows stage code (facade classes for Blender data)."""
    out: dict[str, Any] = {name: getattr(_builtins, name) for name in _PLAIN}
    _missing = object()

    def getattr_(obj: Any, name: str, default: Any = _missing) -> Any:
        check_attribute(name)
        if default is _missing:
            return getattr(obj, name)
        return getattr(obj, name, default)

    def setattr_(obj: Any, name: str, value: Any) -> None:
        setattr(obj, check_attribute(name), value)

    def delattr_(obj: Any, name: str) -> None:
        delattr(obj, check_attribute(name))

    def hasattr_(obj: Any, name: str) -> bool:
        try:
            check_attribute(name)
        except SandboxRefusal:
            return False
        return hasattr(obj, name)

    def type_(*args: Any) -> Any:
        if len(args) != 1:
            raise SandboxRefusal("type() with three arguments builds classes at run time; use a class statement")
        return type_of(args[0])

    def range_(*args: int) -> range:
        r = range(*args)
        if len(r) > MAX_RANGE:
            raise ValueError(f"range of {len(r):,} items is too long for modeling code (at most {MAX_RANGE:,})")
        return r

    printed = [0]

    def print_(*args: Any, sep: Any = " ", end: Any = "\n", file: Any = None, flush: bool = False) -> None:
        # Always to stdout (stage code has no files), and at most MAX_PRINTED characters.
        left = MAX_PRINTED - printed[0]
        if left <= 0:
            return
        text = (" " if sep is None else str(sep)).join(str(a) for a in args) + ("\n" if end is None else str(end))
        if len(text) > left:
            text = text[:left] + "\n[codeform: the rest of this run's output was dropped]\n"
        printed[0] += len(text)
        _builtins.print(text, end="", flush=flush)

    def dir_(*args: Any) -> list[str]:
        names = dir(*args) if args else []
        return [n for n in names if not n.startswith("_")]

    out.update(getattr=getattr_, setattr=setattr_, delattr=delattr_, hasattr=hasattr_, type=type_,
               range=range_, dir=dir_, print=print_, __import__=importer)
    return out


_PLAIN_ARGS = (str, int, float, bool, type(None), bytes)


def call_clean(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """Call Blender's own code on stage code's behalf. An exception it raises reaches stage
    code without the real values it may carry: Python sets AttributeError.obj to the real
    struct that lacked the name, and other errors may hold real values in their args."""
    try:
        return fn(*args, **kw)
    except SandboxRefusal:
        raise
    except AttributeError as exc:
        raise AttributeError(str(exc)) from None
    except Exception as exc:
        if all(type(a) in _PLAIN_ARGS for a in exc.args):
            raise
        raise RuntimeError(f"{type(exc).__name__}: {' '.join(str(exc).split())}") from None


def sealed_getattribute(self: Any, name: str) -> Any:
    """``__getattribute__`` for the sandbox's wrappers (proxies, facades): public names go
    straight to the class's guarded getter ``_cf_get`` (not ``__getattr__``, which Python
    would call again with the original error after this one); the slots holding the real
    value, the guard or the owner (``_cf_*``) are never handed out, whatever route asks for
    them (an attribute, a match pattern, anything a future Python adds)."""
    if name[:1] != "_":
        try:
            return type(self)._cf_get(self, name)
        except AttributeError as exc:
            # Python sets .obj on an AttributeError to the object that lacked the name: here
            # the real bpy.context, bpy.data or collection behind the wrapper. A fresh error.
            raise AttributeError(str(exc)) from None
    if name.startswith("_cf_"):
        raise SandboxRefusal(f"the private attribute '{name}' is not allowed")
    return object.__getattribute__(self, name)
