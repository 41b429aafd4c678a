"""Running stage code in the live scene.

This is the one place where stage code is executed in the artist's Blender. Each run gets a
fresh namespace; nothing from the extension's own modules is visible to it.
"""
from __future__ import annotations

import builtins
import contextlib
import sys
import traceback
from typing import Any, Callable, Iterator

from ..pipeline.errors import CodeRaised, LimitExceeded


def code_filename(run: str, stage: str) -> str:
    return f"<codeform:{run}:{stage}>"


def load_stage_module(code: str, run: str, stage: str) -> dict[str, Any]:
    """Execute the stage module's top level (imports, helpers) and return its namespace."""
    filename = code_filename(run, stage)
    try:
        compiled = compile(code, filename, "exec")
    except SyntaxError as exc:
        raise CodeRaised(f"{stage} code, line {exc.lineno}: {exc.msg}", stage=stage,
                         line=exc.lineno, error_type="SyntaxError") from None
    namespace: dict[str, Any] = {"__name__": f"codeform_{stage}", "__builtins__": builtins}
    _guarded(lambda: exec(compiled, namespace), filename, stage, "")
    return namespace


def call_part(namespace: dict[str, Any], function: str, ctx: Any, run: str, stage: str,
              part: str) -> Any:
    fn = namespace.get(function)
    if not callable(fn):
        raise CodeRaised(f"{stage} code has no function {function}(ctx)", stage=stage, part=part)
    return _guarded(lambda: fn(ctx), code_filename(run, stage), stage, part)


def _guarded(call: Callable[[], Any], filename: str, stage: str, part: str) -> Any:
    try:
        return call()
    except (KeyboardInterrupt, SystemExit):
        raise LimitExceeded(f"{stage} code was stopped") from None
    except RecursionError:
        raise CodeRaised(f"{stage} code recursed too deeply", stage=stage, part=part,
                         error_type="RecursionError") from None
    except Exception as exc:  # generated code can raise anything; it becomes one line
        line = _line_in(exc, filename)
        where = f"{stage}" + (f" part {part}" if part else "") + (f", line {line}" if line else "")
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise CodeRaised(f"{where}: {type(exc).__name__}: {message}", stage=stage, part=part,
                         line=line, error_type=type(exc).__name__) from None


def _line_in(exc: BaseException, filename: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno  # the innermost frame of the generated code wins
    return line


# ---------------------------------------------------------------------------
# Operator calls without a depsgraph evaluation around each one
# ---------------------------------------------------------------------------

# Operators that create objects or flip flags and read no evaluated data. Blender's
# Python wrapper evaluates the view layer before and after every operator call; with new
# objects that means a relations rebuild each time, so 100 `primitive_cube_add` calls cost
# 0.2-0.3 s, quadratic in the object count, against 0.02 s for the calls themselves.
_NO_EVAL_PREFIXES = ("mesh.primitive_", "curve.primitive_", "surface.primitive_",
                     "metaball.primitive_", "curves.primitive_")
_NO_EVAL_OPS = frozenset({"object.add", "object.select_all", "object.shade_smooth",
                          "object.shade_flat", "object.shade_auto_smooth"})


def _needs_evaluation(idname: str) -> bool:
    if idname.startswith(_NO_EVAL_PREFIXES) or idname in _NO_EVAL_OPS:
        return False
    module, _, name = idname.partition(".")
    return not (module == "object" and name.endswith("_add"))


@contextlib.contextmanager
def deferred_view_layer_updates() -> Iterator[None]:
    """Skip the per-call view-layer update for operators that do not need it; every other
    operator still evaluates first, and the view layer is evaluated once on the way out."""
    ops_module = sys.modules.get("bpy.ops")
    op_class = getattr(ops_module, "_BPyOpsSubModOp", None)
    original = op_class.__dict__.get("_view_layer_update") if op_class else None
    if original is None or not hasattr(op_class, "idname_py"):
        yield  # another Blender's wrapper: leave it alone
        return
    real_update = original.__func__ if isinstance(original, staticmethod) else original
    original_call = op_class.__call__

    def call(self, *args, **kw):
        if _needs_evaluation(self.idname_py()):
            return original_call(self, *args, **kw)
        op_class._view_layer_update = staticmethod(lambda context: None)
        try:
            return original_call(self, *args, **kw)
        finally:
            op_class._view_layer_update = original

    op_class.__call__ = call
    try:
        yield
    finally:
        op_class.__call__ = original_call
        op_class._view_layer_update = original
        try:
            real_update(__import__("bpy").context)
        except Exception:
            pass
