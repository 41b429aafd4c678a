"""Running stage code in a Blender scene: gate 3, and the same code inside the worker.

Each stage runs inside ``guarded_stage()``: the policy is checked first, then the code runs
in a fresh namespace whose builtins are the safe ones and whose ``import`` hands out curated
facades (``bpy`` is the guarded facade); nothing from the extension is visible to it. The
deadline and limit stops are raised from a line hook the code cannot catch, resource caps
are checked before every point where Blender evaluates geometry, and on the way out nothing
the run registered may survive (handlers, drivers).
"""
from __future__ import annotations

import contextlib
import copy
import sys
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..pipeline import pyparse
from ..pipeline.errors import CodeRaised, LimitExceeded, PolicyError
from ..pipeline.program import module_name
from . import policy
from .deadline import SandboxStop
from .limits import Limits
from .safe_builtins import SandboxRefusal, make_builtins, sealed_getattribute

__all__ = ["Limits", "guarded_stage", "load_stage_module", "call_part", "limits_for", "needs_evaluation",
           "deferred_view_layer_updates", "run_script"]

_state = threading.local()


class StagePolicyError(PolicyError, CodeRaised):
    """Stage code refused while it ran. Also a CodeRaised, so callers that roll a failed
    stage back (runs.apply_edited) treat a refusal like any failure of the code."""


class StageLimitExceeded(LimitExceeded, CodeRaised):
    """Stage code stopped by a time or size limit; also a CodeRaised (see above)."""


def code_filename(run: str, stage: str) -> str:
    return f"<codeform:{run}:{stage}>"


@dataclass
class _Session:
    guard: Any
    modules: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


@contextlib.contextmanager
def limits_for(limits: Limits) -> Iterator[Limits]:
    """Run the stages applied inside this block under `limits` (the worker's job limits)."""
    previous = getattr(_state, "limits", None)
    _state.limits = limits
    try:
        yield limits
    finally:
        _state.limits = previous


@contextlib.contextmanager
def guarded_stage(run: str, stage: str, limits: Limits | None = None) -> Iterator[Any]:
    """The protection for one stage of one run: a guard (what the run may change), fresh
    module facades, deferred view-layer updates, and a sweep on the way out."""
    from .guard import Guard
    from .modules import build_modules
    guard = Guard(run, limits or getattr(_state, "limits", None) or Limits())
    previous = getattr(_state, "session", None)
    _state.session = _Session(guard, build_modules(guard))
    failed = False
    try:
        with deferred_view_layer_updates(guard):
            yield guard
    except BaseException:
        failed = True
        raise
    finally:
        _state.session = previous
        leftovers = guard.sweep()
        if leftovers and not failed:
            raise _refusal(f"{stage} code left {', '.join(leftovers)} behind; they were removed", stage, "", None)


def _session(run: str) -> tuple[_Session, contextlib.AbstractContextManager]:
    current = getattr(_state, "session", None)
    if current is not None:
        return current, contextlib.nullcontext()
    stage = guarded_stage(run, "")  # a call outside any stage gets its own protection
    stage.__enter__()
    return _state.session, _Closer(stage)


class _Closer(contextlib.AbstractContextManager):
    def __init__(self, stage: Any):
        self.stage = stage

    def __exit__(self, *exc: Any) -> None:
        self.stage.__exit__(*exc)


def load_stage_module(code: str, run: str, stage: str) -> dict[str, Any]:
    """Check the stage module against the policy, execute its top level (imports, helpers)
    in a fresh namespace and return that namespace."""
    filename = code_filename(run, stage)
    prefix = f"{stage} code, " if stage else ""
    source: Any = code
    found = policy.known_result(code)
    try:
        if found is None:
            source = pyparse.parse(code)  # parsed once: for the policy, then compiled
            found = policy.remember(code, policy.check_tree(source))
        policy.raise_first(found)
    except SyntaxError as exc:
        raise CodeRaised(f"{prefix}line {exc.lineno}: SyntaxError: {exc.msg}", stage=stage,
                         line=exc.lineno, error_type="SyntaxError") from None
    except (RecursionError, MemoryError):
        raise _refusal(f"{prefix}{policy.too_deep().message}", stage, "", 1) from None
    except PolicyError as exc:
        raise _refusal(f"{prefix}{exc}", stage, "", exc.line) from None
    except CodeRaised as exc:
        raise CodeRaised(f"{prefix}{exc}", stage=stage, line=exc.line, error_type="SyntaxError") from None
    try:
        # dont_inherit: this module's `from __future__ import annotations` must not leak
        # into stage code (dataclasses would then see string annotations).
        compiled = compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise CodeRaised(f"{prefix}line {exc.lineno}: {exc.msg}", stage=stage,
                         line=exc.lineno, error_type="SyntaxError") from None
    except (RecursionError, MemoryError):
        raise _refusal(f"{prefix}{policy.too_deep().message}", stage, "", 1) from None
    session, closer = _session(run)
    with closer:
        namespace = fresh_namespace(session, module_name(stage, code))
        _guarded(session, lambda: exec(compiled, namespace), filename, stage, "")
    return namespace


def fresh_namespace(session: _Session, name: str) -> dict[str, Any]:
    from .modules import make_importer, make_type_of
    builtins = make_builtins(make_importer(session.modules), make_type_of(session.guard))
    return {"__name__": name, "__builtins__": builtins}


def call_part(namespace: dict[str, Any], function: str, ctx: Any, run: str, stage: str,
              part: str) -> Any:
    fn = namespace.get(function)
    if not callable(fn):
        raise CodeRaised(f"{stage} code has no function {function}(ctx)", stage=stage, part=part)
    session, closer = _session(run)
    with closer:
        guarded_ctx = _PartContext(ctx, session.guard)
        guard = session.guard

        def run_part() -> Any:
            result = fn(guarded_ctx)
            guard.before_evaluation(f"at the end of part {part}")
            return result

        return _guarded(session, run_part, code_filename(run, stage), stage, part)


def run_script(code: str, run: str) -> dict[str, Any]:
    """A plain script (top-level code, the way people paste scripts), run as one part.
    Call inside ``guarded_stage(run, "")``."""
    namespace = load_stage_module(code, run, "")
    session = _state.session
    _guarded(session, lambda: session.guard.before_evaluation("at the end of the script"),
             code_filename(run, ""), "", "")
    return namespace


def _guarded(session: _Session, call: Callable[[], Any], filename: str, stage: str, part: str) -> Any:
    def where(line: int | None) -> str:
        bits = [stage] if stage else []
        if part:
            bits.append(f"part {part}")
        text = " ".join(bits)
        if line:
            text += (", " if text else "") + f"line {line}"
        return text + ": " if text else ""

    try:
        with session.guard.deadline:
            return call()
    except SandboxStop as stop:
        line = _line_in(stop, filename)
        raise _stopped(f"{where(line)}{stop}", stage, part, line) from None
    except SandboxRefusal as exc:
        line = _line_in(exc, filename)
        raise _refusal(f"{where(line)}{exc.message}", stage, part, line) from None
    except (KeyboardInterrupt, SystemExit):
        raise _stopped(f"{where(None)}the code was stopped", stage, part, None) from None
    except RecursionError:
        raise CodeRaised(f"{where(None)}the code recursed too deeply", stage=stage, part=part,
                         error_type="RecursionError") from None
    except MemoryError as exc:
        # The worker's memory limit (RLIMIT_AS) surfaces as MemoryError: a limit, not a bug.
        line = _line_in(exc, filename)
        raise _stopped(f"{where(line)}ran out of memory and was stopped; build less at once "
                       f"(fewer or smaller objects, shorter lists and strings)", stage, part, line) from None
    except (ValueError, TypeError) as exc:
        line = _line_in(exc, filename)
        text = describe(exc)
        if "is frozen" in text:  # a read-only copy of the artist's data was written to
            raise _refusal(f"{where(line)}that value belongs to the artist's data (or another run's) and is "
                           f"read-only to stage code; make your own data instead", stage, part, line) from None
        raise CodeRaised(f"{where(line)}{type(exc).__name__}: {text}", stage=stage, part=part, line=line,
                         error_type=type(exc).__name__) from None
    except Exception as exc:  # generated code can raise anything; it becomes one line
        line = _line_in(exc, filename)
        raise CodeRaised(f"{where(line)}{type(exc).__name__}: {describe(exc)}", stage=stage, part=part,
                         line=line, error_type=type(exc).__name__) from None


_PLAIN_ARGS = (str, int, float, bool, type(None), bytes)
MAX_MESSAGE = 400


def describe(exc: BaseException) -> str:
    """The one-line message of an exception stage code raised, without running any of its
    code: the run's deadline is over here, so a `__str__` or `__repr__` of its own that
    loops or raises would freeze Blender or escape as a traceback. Built-in exceptions
    with plain arguments read as usual; anything else by its arguments' plain values."""
    cls = type(exc)
    defining = next((k for k in cls.__mro__ if "__str__" in k.__dict__), BaseException)
    args = BaseException.args.__get__(exc)  # the slot itself: a class may shadow `args` with a property
    if defining.__module__ == "builtins" and all(type(a) in _PLAIN_ARGS for a in args):
        try:
            text = str(exc)
        except Exception:
            text = ""
    else:
        text = ", ".join(a if type(a) is str else repr(a) if type(a) in _PLAIN_ARGS else f"<{type(a).__name__}>"
                         for a in args)
    text = " ".join(text.split()) or cls.__name__
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 3] + "..."


def _refusal(message: str, stage: str, part: str, line: int | None) -> StagePolicyError:
    error = StagePolicyError(message, line=line)
    error.stage, error.part, error.error_type = stage, part, "PolicyError"
    return error


def _stopped(message: str, stage: str, part: str, line: int | None) -> StageLimitExceeded:
    error = StageLimitExceeded(message)
    error.stage, error.part, error.line, error.error_type = stage, part, line, "LimitExceeded"
    return error


def _line_in(exc: BaseException, filename: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno  # the innermost frame of the generated code wins
    return line


class _PartContext:
    """The `ctx` a part function receives, with every Blender value guarded."""
    __slots__ = ("_cf_c", "_cf_g", "_cf_bp")
    __getattribute__ = sealed_getattribute
    _PLAIN = frozenset({"run", "stage", "part", "name"})
    _DATA = frozenset({"objects", "all_objects", "collection"})
    _CALLS = frozenset({"object", "objects_of"})

    def __init__(self, ctx: Any, guard: Any):
        object.__setattr__(self, "_cf_c", ctx)
        object.__setattr__(self, "_cf_g", guard)
        object.__setattr__(self, "_cf_bp", None)

    def __repr__(self) -> str:
        return repr(object.__getattribute__(self, "_cf_c"))

    def _cf_get(self, name: str) -> Any:
        from .facade import R, wrap
        ctx = object.__getattribute__(self, "_cf_c")
        guard = object.__getattribute__(self, "_cf_g")
        if name in self._PLAIN:
            return getattr(ctx, name)
        if name == "component":
            return copy.deepcopy(ctx.component)
        if name == "blueprint":
            # A copy: the program's blueprint is not the code's to change.
            if object.__getattribute__(self, "_cf_bp") is None:
                object.__setattr__(self, "_cf_bp", copy.deepcopy(ctx.blueprint))
            return object.__getattribute__(self, "_cf_bp")
        if name in self._DATA:
            return wrap(getattr(ctx, name), guard, R, name)
        if name in self._CALLS:
            method = getattr(ctx, name)
            return lambda *args: wrap(method(*args), guard, R)
        raise AttributeError(f"ctx has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxRefusal("ctx is read-only")


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


needs_evaluation = _needs_evaluation


@contextlib.contextmanager
def deferred_view_layer_updates(guard: Any = None) -> Iterator[None]:
    """Skip the per-call view-layer update for operators that do not need it; every other
    operator still evaluates first, and the view layer is evaluated once on the way out.
    With a `guard` whose run hit a limit, nothing is evaluated any more: the geometry that
    tripped it must not be built on the way out."""
    ops_module = sys.modules.get("bpy.ops")
    op_class = getattr(ops_module, "_BPyOpsSubModOp", None)
    original = op_class.__dict__.get("_view_layer_update") if op_class else None
    if original is None or not hasattr(op_class, "idname_py"):
        yield  # another Blender's wrapper: leave it alone
        return
    real_update = original.__func__ if isinstance(original, staticmethod) else original
    original_call = op_class.__call__

    def stopped() -> bool:
        return guard is not None and guard.deadline.tripped is not None

    def call(self, *args, **kw):
        if _needs_evaluation(self.idname_py()) and not stopped():
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
        over = False
        if guard is not None and not stopped():
            try:
                over = guard.current_vertices() > guard.limits.max_vertices
            except Exception:
                over = True
        if not stopped() and not over:
            try:
                real_update(__import__("bpy").context)
            except Exception:
                pass
