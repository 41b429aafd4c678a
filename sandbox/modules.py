"""What ``import`` gives stage code: fresh, curated module objects per run.

Never the real module: ``random._os``, ``uuid.os``, ``typing.sys``, ``dataclasses.builtins``
are the real os/sys/builtins, and ``bpy.utils``/``bpy.path`` carry os. Each facade is a new
module object holding only the names in ``rules.FACADE_NAMES``; Python classes that stage
code could change for everyone (random.Random, collections.Counter) are fresh subclasses.
Blender's own modules come wrapped: bpy is the guarded facade, bmesh and mathutils.bvhtree
functions take guarded data and caps are checked before they build geometry.
"""
from __future__ import annotations

import importlib
import types
from typing import Any, Callable

import bpy

from . import limits, rules
from .deadline import SandboxStop
from .executor import needs_evaluation
from .facade import R, W, _Context, _Data, _Type, real, unwrap, wrap
from .guard import Guard
from .optable import rna_has_file_property
from .safe_builtins import SandboxRefusal, call_clean, sealed_getattribute

_FILE_OPS: dict[str, bool] = {}  # live RNA answers, for this Blender session


def has_file_property(namespace: str, name: str) -> bool:
    key = f"{namespace}.{name}"
    if key not in _FILE_OPS:
        op = getattr(getattr(bpy.ops, namespace), name)
        try:
            _FILE_OPS[key] = rna_has_file_property(op.get_rna_type())
        except (KeyError, RuntimeError):
            raise AttributeError(f"bpy.ops.{key} does not exist in Blender {bpy.app.version_string}") from None
    return _FILE_OPS[key]


# -- bpy.ops ---------------------------------------------------------------------------------

_EDIT_GROWTH: dict[str, Callable[[dict[str, Any]], float]] = {
    "mesh.subdivide": lambda kw: (int(kw.get("number_cuts", 1)) + 1) ** 2,
    "mesh.spin": lambda kw: int(kw.get("steps", 12)) + 1,
    "mesh.screw": lambda kw: int(kw.get("steps", 9)) * int(kw.get("turns", 1)) + 1,
    "mesh.extrude_repeat": lambda kw: int(kw.get("steps", 10)) + 1,
    "mesh.bevel": lambda kw: 2 * (int(kw.get("segments", 1)) + 1),
    "mesh.loopcut": lambda kw: int(kw.get("number_cuts", 1)) + 1,
}


class _Ops:
    __slots__ = ("_cf_g",)
    __getattribute__ = sealed_getattribute

    def __init__(self, guard: Guard):
        object.__setattr__(self, "_cf_g", guard)

    def _cf_get(self, namespace: str) -> Any:
        if namespace.startswith("_") or (namespace not in rules.OPERATOR_NAMESPACES
                                         and namespace not in rules.SINGLE_OPERATOR_NAMESPACES):
            raise SandboxRefusal(rules.operator_refusal(namespace, "") or f"bpy.ops.{namespace} is not available")
        return _OpsNamespace(namespace, object.__getattribute__(self, "_cf_g"))

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxRefusal("bpy.ops cannot be changed by stage code")


class _OpsNamespace:
    __slots__ = ("_cf_ns", "_cf_g")
    __getattribute__ = sealed_getattribute

    def __init__(self, namespace: str, guard: Guard):
        object.__setattr__(self, "_cf_ns", namespace)
        object.__setattr__(self, "_cf_g", guard)

    def _cf_get(self, name: str) -> Any:
        ns = object.__getattribute__(self, "_cf_ns")
        if name.startswith("_"):
            raise SandboxRefusal(f"the private attribute '{name}' is not allowed")
        why = rules.operator_refusal(ns, name, has_file_property(ns, name))
        if why:
            raise SandboxRefusal(why)
        return _Operator(ns, name, object.__getattribute__(self, "_cf_g"))

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxRefusal("bpy.ops cannot be changed by stage code")


class _Operator:
    __slots__ = ("_cf_id", "_cf_op", "_cf_g")

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("_cf_"):
            raise SandboxRefusal(f"the private attribute '{name}' is not allowed")
        return object.__getattribute__(self, name)

    def __init__(self, namespace: str, name: str, guard: Guard):
        object.__setattr__(self, "_cf_id", f"{namespace}.{name}")
        object.__setattr__(self, "_cf_op", getattr(getattr(bpy.ops, namespace), name))
        object.__setattr__(self, "_cf_g", guard)

    def __repr__(self) -> str:
        return f"bpy.ops.{object.__getattribute__(self, '_cf_id')}"

    def poll(self, *args: Any) -> bool:
        return object.__getattribute__(self, "_cf_op").poll(*[a for a in args if isinstance(a, str)])

    def idname(self) -> str:
        return object.__getattribute__(self, "_cf_op").idname()

    def get_rna_type(self) -> Any:
        guard = object.__getattribute__(self, "_cf_g")
        return wrap(object.__getattribute__(self, "_cf_op").get_rna_type(), guard, R)

    def __call__(self, *args: Any, **kw: Any) -> Any:
        idname = object.__getattribute__(self, "_cf_id")
        guard: Guard = object.__getattribute__(self, "_cf_g")
        guard.deadline.check()
        for arg in args:
            if isinstance(arg, str) and not arg.startswith("EXEC_"):
                raise SandboxRefusal(f"bpy.ops.{idname}('{arg}'): only EXEC_DEFAULT is available headless")
            if not isinstance(arg, (str, bool)):
                raise SandboxRefusal(f"bpy.ops.{idname}: context dictionaries are not supported; "
                                     f"use bpy.context.temp_override(...)")
        kw = {k: unwrap(v) for k, v in kw.items()}
        kind = kw.get("type")
        if idname == "object.modifier_add" and kind in rules.FORBIDDEN_MODIFIER_TYPES:
            raise SandboxRefusal(f"{kind} modifiers write caches to disk and are not available")
        if idname == "object.make_single_user" and kind == "ALL":
            raise SandboxRefusal("bpy.ops.object.make_single_user(type='ALL') changes the artist's objects; "
                                 "use type='SELECTED_OBJECTS'")
        try:
            limits.check_operator_args(idname, kw, guard.limits)
        except SandboxStop as stop:
            raise guard.deadline.trip(stop)
        guard.clear_protected_selection()
        if idname in _EDIT_GROWTH:
            _check_edit_growth(guard, idname, _EDIT_GROWTH[idname](kw))
        if needs_evaluation(idname):
            guard.before_evaluation(f"bpy.ops.{idname}")
        before = len(bpy.data.objects)
        try:
            return call_clean(object.__getattribute__(self, "_cf_op"), *args, **kw)
        finally:
            guard.after_operator(before)


def _check_edit_growth(guard: Guard, idname: str, factor: float) -> None:
    import bmesh
    obj = bpy.context.edit_object
    if obj is None or obj.type != "MESH":
        return
    count = len(bmesh.from_edit_mesh(obj.data).verts)
    guard.check_new_elements(f"bpy.ops.{idname}", int(count * max(factor - 1, 0)))


# -- bmesh -------------------------------------------------------------------------------------

class _BMesh:
    """A BMesh whose mesh-facing methods take guarded meshes."""
    __slots__ = ("_cf_r", "_cf_g")
    __getattribute__ = sealed_getattribute

    def __init__(self, bm: Any, guard: Guard):
        object.__setattr__(self, "_cf_r", bm)
        object.__setattr__(self, "_cf_g", guard)

    @property
    def __class__(self):
        return type(object.__getattribute__(self, "_cf_r"))

    def _cf_get(self, name: str) -> Any:
        if name.startswith("_"):
            raise SandboxRefusal(f"the private attribute '{name}' is not allowed")
        bm = object.__getattribute__(self, "_cf_r")
        guard = object.__getattribute__(self, "_cf_g")
        if name == "to_mesh":
            def to_mesh(mesh):
                mesh = real(mesh)
                if not guard.writable(mesh):
                    raise guard.protected(mesh)
                guard.check_new_elements("BMesh.to_mesh", len(bm.verts))
                guard.touch(mesh)
                return bm.to_mesh(mesh)
            return to_mesh
        if name in ("from_mesh", "from_object"):
            def load(source, *args, **kw):
                if name == "from_object":
                    guard.before_evaluation("BMesh.from_object")
                return getattr(bm, name)(real(source), *unwrap(args), **{k: unwrap(v) for k, v in kw.items()})
            return load
        return getattr(bm, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            raise SandboxRefusal(f"the private attribute '{name}' is not allowed")
        setattr(object.__getattribute__(self, "_cf_r"), name, value)

    def __repr__(self) -> str:
        return repr(object.__getattribute__(self, "_cf_r"))


def _bmesh_modules(guard: Guard) -> dict[str, Any]:
    import bmesh

    def new(*args: Any, **kw: Any) -> _BMesh:
        return _BMesh(bmesh.new(*args, **kw), guard)

    def from_edit_mesh(mesh: Any) -> _BMesh:
        mesh = real(mesh)
        if not guard.writable(mesh):
            raise guard.protected(mesh, "edited")
        return _BMesh(bmesh.from_edit_mesh(mesh), guard)

    def update_edit_mesh(mesh: Any, *args: Any, **kw: Any) -> None:
        mesh = real(mesh)
        if not guard.writable(mesh):
            raise guard.protected(mesh, "edited")
        guard.touch(mesh)
        return bmesh.update_edit_mesh(mesh, *args, **kw)

    ops = types.ModuleType("bmesh.ops")
    for name in dir(bmesh.ops):
        if not name.startswith("_"):
            setattr(ops, name, _bmesh_op(guard, name, getattr(bmesh.ops, name)))
    top = _module("bmesh", {"new": new, "from_edit_mesh": from_edit_mesh, "update_edit_mesh": update_edit_mesh,
                            "ops": ops})
    out = {"bmesh": top, "bmesh.ops": ops}
    for sub in ("types", "utils", "geometry"):
        facade = _public_module(f"bmesh.{sub}", importlib.import_module(f"bmesh.{sub}"))
        setattr(top, sub, facade)
        out[f"bmesh.{sub}"] = facade
    return out


_BMESH_GROWTH = {"subdivide_edges": "cuts", "spin": "steps", "bevel": "segments", "subdivide_edgering": "cuts"}


def _bmesh_op(guard: Guard, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def op(bm: Any, *args: Any, **kw: Any) -> Any:
        bm = real(bm) if not isinstance(bm, _BMesh) else object.__getattribute__(bm, "_cf_r")
        kw = {k: unwrap(v) for k, v in kw.items()}
        try:
            limits.check_operator_args(f"bmesh.ops.{name}", kw, guard.limits)
        except SandboxStop as stop:
            raise guard.deadline.trip(stop)
        growth_key = _BMESH_GROWTH.get(name)
        if growth_key:
            steps = int(kw.get(growth_key, 1) or 1)
            factor = (steps + 1) ** 2 if "subdivide" in name else steps + 1
            guard.check_new_elements(f"bmesh.ops.{name}", int(len(bm.verts) * factor))
        guard.deadline.check()
        result = fn(bm, *args, **kw)
        # Ops that copy geometry (duplicate, extrude) grow the BMesh with no count to check
        # beforehand; repeated, they double it each call and exhaust memory inside C.
        if len(bm.verts) > guard.limits.max_vertices:
            raise guard.deadline.trip(SandboxStop(
                f"bmesh.ops.{name} grew the BMesh to {len(bm.verts):,} vertices, more than the budget of "
                f"{guard.limits.max_vertices:,}", kind="limit"))
        return result
    op.__name__ = name
    return op


# -- everything else -------------------------------------------------------------------------

def _module(name: str, names: dict[str, Any]) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(names)
    return module


def _public_module(name: str, source: Any, allowed: frozenset[str] | None = None) -> types.ModuleType:
    names = {}
    for attr in (allowed if allowed is not None else dir(source)):
        if attr.startswith("_"):
            continue
        value = getattr(source, attr, None)
        if value is None or isinstance(value, types.ModuleType):
            continue
        names[attr] = value
    return _module(name, names)


def _trusted(guard: Guard, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A function of Blender's own Python, called with the real data; its result guarded."""
    def call(*args: Any, **kw: Any) -> Any:
        args = tuple(bpy.context if isinstance(a, _Context) else unwrap(a) for a in args)
        for value in list(args) + list(kw.values()):
            if isinstance(value, bpy.types.ID) and not guard.writable(value):
                raise guard.protected(value, "passed on")
        before = len(bpy.data.objects)
        try:
            return wrap(call_clean(fn, *args, **{k: unwrap(v) for k, v in kw.items()}), guard, R)
        finally:
            guard.after_operator(before)
    call.__name__ = getattr(fn, "__name__", "function")
    return call


class _Types:
    __slots__ = ("_cf_g",)
    __getattribute__ = sealed_getattribute

    def __init__(self, guard: Guard):
        object.__setattr__(self, "_cf_g", guard)

    def _cf_get(self, name: str) -> Any:
        if name.startswith("_"):
            raise SandboxRefusal(f"the private attribute '{name}' is not allowed")
        value = getattr(bpy.types, name)
        if not isinstance(value, type):
            raise SandboxRefusal(f"bpy.types.{name} is not available to stage code")
        return _Type(value, object.__getattribute__(self, "_cf_g"))

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxRefusal("Blender's types are shared and cannot be changed by stage code")


def build_modules(guard: Guard) -> dict[str, Any]:
    """Fresh facades for one run, by the dotted name stage code imports."""
    from .facade import DATA, _make
    out: dict[str, Any] = {}
    app = _module("bpy.app", {n: getattr(bpy.app, n) for n in rules.BPY_APP_NAMES})
    # The same answer in the worker (headless) and the live scene: code that could tell its
    # rehearsal from the artist's Blender could behave only in the rehearsal.
    app.background = True
    types_facade = _Types(guard)
    ops = _Ops(guard)
    out["bpy"] = _module("bpy", {"data": _make(_Data, bpy.data, guard, DATA), "context": _make(_Context, bpy.context, guard, R),
                                 "ops": ops, "types": types_facade, "app": app})
    out["bpy.types"], out["bpy.ops"], out["bpy.app"] = types_facade, ops, app
    out.update(_bmesh_modules(guard))
    for name, allowed in rules.FACADE_NAMES.items():
        if name in out or name.startswith(("bmesh", "bpy_extras")):
            continue
        out[name] = _public_module(name, importlib.import_module(name), allowed)
    import collections
    import random
    out["random"].Random = type("Random", (random.Random,), {})
    out["collections"].Counter = type("Counter", (collections.Counter,), {})
    out["mathutils.bvhtree"] = _bvhtree(guard)
    for sub in ("geometry", "noise", "kdtree", "bvhtree", "interpolate"):
        setattr(out["mathutils"], sub, out[f"mathutils.{sub}"])
    from bpy_extras import object_utils
    out["bpy_extras.object_utils"] = _module("bpy_extras.object_utils", {
        n: _trusted(guard, getattr(object_utils, n)) for n in rules.FACADE_NAMES["bpy_extras.object_utils"]})
    out["bpy_extras"] = _module("bpy_extras", {"object_utils": out["bpy_extras.object_utils"]})
    return out


def _bvhtree(guard: Guard) -> types.ModuleType:
    from mathutils.bvhtree import BVHTree

    def from_object(obj: Any, depsgraph: Any, *args: Any, **kw: Any) -> Any:
        guard.before_evaluation("BVHTree.FromObject")
        return BVHTree.FromObject(real(obj), real(depsgraph), *args, **kw)

    def from_bmesh(bm: Any, *args: Any, **kw: Any) -> Any:
        bm = object.__getattribute__(bm, "_cf_r") if isinstance(bm, _BMesh) else bm
        return BVHTree.FromBMesh(bm, *args, **kw)

    facade = types.SimpleNamespace(FromObject=from_object, FromBMesh=from_bmesh, FromPolygons=BVHTree.FromPolygons)
    return _module("mathutils.bvhtree", {"BVHTree": facade})


def make_importer(modules: dict[str, Any]) -> Callable[..., Any]:
    def guarded_import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        if level:
            raise SandboxRefusal("relative imports are not allowed")
        if name not in modules:
            raise SandboxRefusal(f"import of '{name}' is not allowed; use {rules.SUGGESTED_MODULES}")
        if fromlist:
            return modules[name]
        return modules[name.split(".")[0]]
    return guarded_import


def make_type_of(guard: Guard) -> Callable[[Any], Any]:
    """What type(value) shows stage code: Blender classes come as read-only facades."""
    from .facade import _PROXY_TYPES

    def type_of(value: Any) -> Any:
        t = type(value)
        if t in _PROXY_TYPES:
            return _Type(type(real(value)), guard)
        if t is _BMesh:
            return type(object.__getattribute__(value, "_cf_r"))
        if isinstance(value, type) or t is _Type:
            raise SandboxRefusal("type() of a class is not available to stage code")
        return t
    return type_of
