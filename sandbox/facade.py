"""The guarded ``bpy`` stage code sees, and the curated modules it may import.

Every Blender value handed to stage code is a proxy: reads pass through (Blender data the
run does not own comes back read-only), writes and method calls are checked against the
run's ``Guard`` — the artist's data may be read but not changed, deletions of it are
skipped, file and code-running APIs are refused, and counts are capped before Blender
evaluates geometry. No proxy hands out the real Blender object, the guard, or a real module.
"""
from __future__ import annotations

import types
from typing import Any

import bpy
import mathutils

from . import limits, rules
from .deadline import SandboxStop
from .guard import Guard, id_label
from .policy import attribute_refusal
from ..scene.ownership import renamed
from .rnachecks import (TOPOLOGY_ATTRIBUTES, TOPOLOGY_STRUCTS, check_topology_array, check_topology_write,
                        is_file_function, is_path_property, reads_files)
from .safe_builtins import SandboxRefusal, call_clean, sealed_getattribute

_ID = bpy.types.ID
_STRUCT = bpy.types.bpy_struct
_COLLECTION = bpy.types.bpy_prop_collection
_ARRAY = bpy.types.bpy_prop_array
_FUNC = bpy.types.bpy_func
_TEXT = bpy.types.Text
_MESH = bpy.types.Mesh
_MATH = (mathutils.Vector, mathutils.Matrix, mathutils.Euler, mathutils.Quaternion, mathutils.Color)
_PLAIN = frozenset({int, float, str, bool, type(None), bytes})
_BOUND = frozenset({types.MethodType, types.BuiltinMethodType})
try:
    from idprop import types as _idprop_types
    from idprop.types import IDPropertyArray, IDPropertyGroup
    _VIEWS = frozenset(getattr(_idprop_types, n) for n in dir(_idprop_types) if n.startswith("IDPropertyGroupView"))
except ImportError:  # pragma: no cover - every Blender has idprop
    IDPropertyArray = IDPropertyGroup = ()
    _VIEWS = frozenset()

# Zones: what a proxy allows beyond reading.
W = "w"              # the run's own data
R = None             # read-only: the artist's data
SCENE = "scene"      # the artist's scene: rendering and camera settings, linking the run's objects
MASTER = "master"    # a collection the run does not own: link/unlink of the run's own objects only
LAYER = "layer"      # the view layer: make one of the run's objects active, update
DATA = "data"        # bpy.data and its collections: new, scoped remove

SCENE_SETTABLE = frozenset({"camera", "world", "frame_current", "frame_start", "frame_end", "frame_step",
                            "use_gravity", "gravity", "use_nodes"})
SCENE_CHILD = {"render": W, "eevee": W, "cycles": W, "view_settings": W, "display_settings": W,
               "display": W, "unit_settings": W, "cursor": W, "tool_settings": W,
               "sequencer_colorspace_settings": W, "collection": MASTER, "view_layers": LAYER}
READ_METHODS = frozenset({
    "get", "find", "keys", "values", "items", "foreach_get", "select_get", "visible_get", "hide_get",
    "holdout_get", "indirect_only_get", "local_view_get", "visible_in_viewport_get", "evaluated_get",
    "ray_cast", "closest_point_on_mesh", "copy", "is_deform_modified", "is_modified",
    "calc_matrix_camera", "camera_fit_coords", "view_frame", "path_resolve", "path_from_id",
    "as_pointer", "user_of_id", "to_mesh", "to_mesh_clear", "to_curve", "to_curve_clear",
    "bl_system_properties_get", "statistics", "frame_path", "poll", "idname", "get_rna_type",
    "update", "evaluated_depsgraph_get",
})
EVALUATING = frozenset({"evaluated_depsgraph_get", "update", "frame_set", "new_from_object",
                        "from_object", "to_mesh", "to_curve"})
COUNTED = {"add": "adding elements", "from_pydata": "from_pydata"}
# What may change the run's geometry (and so needs a new prediction before evaluating).
_GEOMETRY_STRUCTS = (bpy.types.Modifier, bpy.types.Curve, bpy.types.MetaBall, bpy.types.MetaElement,
                     bpy.types.ParticleSettings, bpy.types.Spline, bpy.types.ParticleSystem)
_GEOMETRY_IDS = (bpy.types.Object, bpy.types.Mesh, bpy.types.Curve, bpy.types.MetaBall, bpy.types.Lattice,
                 bpy.types.Collection, bpy.types.ParticleSettings)
_GEOMETRY_ATTRS = frozenset({"data", "instance_type", "instance_collection", "body"})
_GEOMETRY_METHODS = frozenset({"add", "from_pydata", "new", "remove", "clear", "copy", "transform",
                               "to_mesh", "update", "link", "unlink"})


def real(value: Any) -> Any:
    """The Blender value behind a proxy (for handing to Blender's own C functions)."""
    if type(value) in _PROXY_TYPES:
        return object.__getattribute__(value, "_cf_r")
    return value


def unwrap(value: Any) -> Any:
    t = type(value)
    if t in _PROXY_TYPES:
        return object.__getattribute__(value, "_cf_r")
    if (t is list or t is tuple) and value and (type(value[0]) in _PROXY_TYPES or type(value[0]) in (list, tuple)):
        return t(unwrap(v) for v in value)
    return value


def _make(cls: type, value: Any, guard: Guard, zone: Any, name: str = "", owner: Any = None) -> Any:
    p = object.__new__(cls)
    object.__setattr__(p, "_cf_r", value)
    object.__setattr__(p, "_cf_g", guard)
    object.__setattr__(p, "_cf_z", zone)
    object.__setattr__(p, "_cf_n", name)
    object.__setattr__(p, "_cf_o", owner)
    return p


def wrap(value: Any, guard: Guard, zone: Any = R, name: str = "", owner: Any = None) -> Any:
    """Hand `value` to stage code. `zone` is the zone of the struct it was read from."""
    t = type(value)
    if t in _PLAIN:
        return value
    if isinstance(value, _STRUCT):
        if isinstance(value, _TEXT):
            # Reachable through user_map() or a Script node: the artist's scripts and notes.
            raise SandboxRefusal("text datablocks are not available to stage code")
        if isinstance(value, _ID) and not value.is_embedded_data:
            zone = W if guard.writable(value) else (SCENE if isinstance(value, bpy.types.Scene) else R)
        elif zone == SCENE:
            zone = SCENE_CHILD.get(name, R)
        elif zone == LAYER and name == "objects":
            zone = LAYER
        if isinstance(value, bpy.types.Context):
            return _make(_Context, value, guard, R)
        if isinstance(value, bpy.types.Depsgraph):
            zone = LAYER  # evaluating it again (update) is checked like any evaluation
        elif zone == W and isinstance(value, bpy.types.Attribute) and value.name in TOPOLOGY_ATTRIBUTES:
            zone = R  # raw corner/edge indices: written only through the checked element APIs
        return _make(_Struct, value, guard, zone, name)
    if isinstance(value, _COLLECTION):
        if zone == SCENE:
            zone = SCENE_CHILD.get(name, R)
        return _make(_Collection, value, guard, zone, name)
    if isinstance(value, _ARRAY):
        return _make(_Array, value, guard, W if zone == W else R, name)
    if isinstance(value, _FUNC) or (t in _BOUND and owner is not None):
        # Blender's methods in C (bpy_func, builtin) and in Python (bpy_types): guarded alike.
        return _make(_Method, value, guard, zone, name, owner)
    if isinstance(value, _MATH):
        return value if zone == W else value.copy().freeze()
    if t is list or t is tuple:
        return t(wrap(v, guard, zone) for v in value)
    if isinstance(value, IDPropertyGroup):
        # The run's own group still goes through a proxy: it may hold pointers to any ID.
        return _make(_Collection, value, guard, W, name) if zone == W else wrap(value.to_dict(), guard, R)
    if isinstance(value, IDPropertyArray):
        return value if zone == W else value.to_list()
    if isinstance(value, type) and issubclass(value, _STRUCT):
        return _Type(value, guard)
    # Containers are rebuilt with their items wrapped: bpy.data.user_map() is a dict of real
    # IDs, ID-property views and to_dict() hold real IDs, and one raw ID is the artist's data
    # unguarded.
    if t is dict:
        return {wrap(k, guard, zone): wrap(v, guard, zone) for k, v in value.items()}
    if t is set or t is frozenset:
        return t(wrap(v, guard, zone) for v in value)
    if t in _VIEWS or t is types.GeneratorType:
        return [wrap(v, guard, zone) for v in value]
    return value


def _fresh_attribute_error(owner: Any, name: str) -> AttributeError:
    # A fresh error: the one Python raised carries the real object in `.obj`.
    return AttributeError(f"{type(owner).__name__} has no attribute {name!r}")


_NAMES_OK: set[str] = set()
def _read_only(guard: Guard, idb: Any, action: str = "changed") -> SandboxRefusal:
    """The refusal for a write to read-only data: the artist's (or another run's), or a part
    of the run's own data that stage code only reads (raw mesh topology)."""
    if isinstance(idb, _ID) and guard.writable(idb):
        return SandboxRefusal(f"this part of {id_label(idb)} is read-only to stage code; build meshes with "
                              f"from_pydata, bmesh or vertices/loops/polygons")
    return guard.protected(idb, action)


def _check_name(name: str) -> None:
    if name in _NAMES_OK:
        return
    why = attribute_refusal(name)
    if why is None and name.startswith("_"):
        why = f"the private attribute '{name}' is not allowed"
    if why:
        raise SandboxRefusal(why)
    _NAMES_OK.add(name)


class _Proxy:
    __slots__ = ("_cf_r", "_cf_g", "_cf_z", "_cf_n", "_cf_o", "__weakref__")
    __getattribute__ = sealed_getattribute

    def __init__(self, *args, **kw):
        raise TypeError("Blender data cannot be constructed here; use bpy.data.<collection>.new()")

    @property
    def __class__(self):  # isinstance(obj, bpy.types.Object) keeps working
        return type(object.__getattribute__(self, "_cf_r"))

    def __repr__(self) -> str:
        return repr(object.__getattribute__(self, "_cf_r"))

    def __eq__(self, other: Any) -> bool:
        return object.__getattribute__(self, "_cf_r") == real(other)

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(object.__getattribute__(self, "_cf_r"))

    def __dir__(self) -> list[str]:
        return [n for n in dir(object.__getattribute__(self, "_cf_r")) if not n.startswith("_")]

    def _cf_get(self, name: str) -> Any:
        _check_name(name)
        r = object.__getattribute__(self, "_cf_r")
        try:
            value = getattr(r, name)
        except AttributeError:
            raise _fresh_attribute_error(r, name) from None
        guard = object.__getattribute__(self, "_cf_g")
        zone = object.__getattribute__(self, "_cf_z")
        if zone == SCENE and name in ("world", "camera") and value is not None and not guard.writable(value):
            value = _copy_on_write(r, name, value)
        return wrap(value, guard, zone, name, r)

    def __setattr__(self, name: str, value: Any) -> None:
        _check_name(name)
        r = object.__getattribute__(self, "_cf_r")
        guard = object.__getattribute__(self, "_cf_g")
        zone = object.__getattribute__(self, "_cf_z")
        value = unwrap(value)
        if is_path_property(r, name):
            raise SandboxRefusal(f"'{name}' is a file path: stage code cannot point Blender at files")
        if zone == W:
            if isinstance(r, TOPOLOGY_STRUCTS):
                check_topology_write(r, name, value)
            if name == "data" and isinstance(value, _ID) and not guard.writable(value):
                raise guard.protected(value, "shared as object data")
            if name in _GEOMETRY_ATTRS or isinstance(r, _GEOMETRY_STRUCTS):
                guard.touch(r.id_data)
            elif isinstance(getattr(r, "id_data", None), bpy.types.GeometryNodeTree):
                guard.touch(r.id_data)  # a node tree's settings may feed any object
            if isinstance(r, bpy.types.Modifier) or isinstance(value, (int, float)):
                try:
                    limits.check_setting(r, name, value, guard.limits)
                except SandboxStop as stop:
                    raise guard.deadline.trip(stop)
        elif zone == SCENE and name in SCENE_SETTABLE:
            pass
        elif zone == LAYER and name == "active":
            if value is not None and not guard.writable(value):
                raise guard.protected(value, "made active")
        elif zone == LAYER and name == "active_layer_collection" and isinstance(value, bpy.types.LayerCollection):
            if not guard.writable(value.collection):
                raise guard.protected(value.collection, "made the active collection")
        else:
            raise _read_only(guard, r.id_data if isinstance(r, _STRUCT) and r.id_data else r)
        try:
            setattr(r, name, value)
        except AttributeError as exc:
            raise AttributeError(str(exc)) from None
        if name == "name" and zone == W and isinstance(r, _ID):
            renamed(r)

    def __getitem__(self, key: Any) -> Any:
        r = object.__getattribute__(self, "_cf_r")
        zone = object.__getattribute__(self, "_cf_z")
        return wrap(r[unwrap(key)], object.__getattribute__(self, "_cf_g"), zone)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._write_check()
        object.__getattribute__(self, "_cf_r")[unwrap(key)] = unwrap(value)

    def __delitem__(self, key: Any) -> None:
        self._write_check()
        del object.__getattribute__(self, "_cf_r")[unwrap(key)]

    def __contains__(self, item: Any) -> bool:
        return unwrap(item) in object.__getattribute__(self, "_cf_r")

    def __len__(self) -> int:
        return len(object.__getattribute__(self, "_cf_r"))

    def __iter__(self):
        r = object.__getattribute__(self, "_cf_r")
        guard = object.__getattribute__(self, "_cf_g")
        zone = object.__getattribute__(self, "_cf_z")
        for item in r:
            yield wrap(item, guard, zone)

    def __bool__(self) -> bool:
        return True

    def _write_check(self) -> None:
        if object.__getattribute__(self, "_cf_z") != W:
            r = object.__getattribute__(self, "_cf_r")
            raise _read_only(object.__getattribute__(self, "_cf_g"), getattr(r, "id_data", None) or r)


class _Struct(_Proxy):
    __slots__ = ()


class _Collection(_Proxy):
    __slots__ = ()

    def __bool__(self) -> bool:
        return len(object.__getattribute__(self, "_cf_r")) > 0


class _Array(_Proxy):
    __slots__ = ()

    def __bool__(self) -> bool:
        return len(object.__getattribute__(self, "_cf_r")) > 0

    def __getitem__(self, key: Any) -> Any:
        value = object.__getattribute__(self, "_cf_r")[key]
        if type(value) in _PLAIN:
            return value
        return wrap(value, object.__getattribute__(self, "_cf_g"), object.__getattribute__(self, "_cf_z"))


def _copy_on_write(scene: bpy.types.Scene, name: str, value: Any) -> Any:
    """The artist's world or camera, read through the scene: the run gets its own copy and
    the scene points at it, so in-place edits never reach the artist's (a stage undo puts the
    artist's back)."""
    copy = value.copy()
    if name == "camera":
        if value.data is not None:
            copy.data = value.data.copy()
        bpy.context.collection.objects.link(copy)
    setattr(scene, name, copy)
    return copy


class _Method(_Proxy):
    __slots__ = ()

    def __call__(self, *args: Any, **kw: Any) -> Any:
        fn = object.__getattribute__(self, "_cf_r")
        guard = object.__getattribute__(self, "_cf_g")
        zone = object.__getattribute__(self, "_cf_z")
        name = object.__getattribute__(self, "_cf_n")
        owner = object.__getattribute__(self, "_cf_o")
        args = tuple(unwrap(a) for a in args)
        kw = {k: unwrap(v) for k, v in kw.items()}
        if name in EVALUATING:
            guard.before_evaluation(f"{type(owner).__name__}.{name}()")
        if is_file_function(owner, name):
            raise SandboxRefusal(f".{name}() takes a file path: stage code cannot point Blender at files")
        if name == "rename" and isinstance(owner, _ID):
            mode = kw.get("mode", args[1] if len(args) > 1 else "NEVER")
            if mode != "NEVER":
                # ALWAYS/SAME_ROOT give the name to this ID by renaming whoever holds it.
                raise SandboxRefusal(f"rename(mode='{mode}') renames other data too (the artist's); "
                                     f"use rename(name) or .name = name")
        if zone == DATA:
            return _data_method(guard, owner, name, fn, args, kw)
        if zone == W:
            if name in _GEOMETRY_METHODS:
                id_data = getattr(owner, "id_data", None)
                if isinstance(id_data, _GEOMETRY_IDS):
                    guard.touch(id_data)
            if name == "link" and args and isinstance(args[0], _ID) and not guard.writable(args[0]):
                raise guard.protected(args[0], "linked elsewhere")
            if name == "foreach_set" and len(args) >= 2 and isinstance(getattr(owner, "id_data", None), _MESH):
                check_topology_array(owner, args[0], args[1])
            if name in COUNTED and args:
                first = args[0]
                guard.check_new_elements(COUNTED[name], first if isinstance(first, int) else len(first))
            if name == "new" and isinstance(owner, _COLLECTION) and args[1:2] and \
                    args[1] in rules.FORBIDDEN_MODIFIER_TYPES:
                raise SandboxRefusal(f"{args[1]} modifiers write caches to disk and are not available")
        elif zone in (MASTER, SCENE) or (zone == R and name in ("link", "unlink")):
            if name in ("link", "unlink"):
                item = args[0] if args else None
                if isinstance(item, _ID) and not guard.writable(item):
                    if name == "unlink":
                        guard.skipped(item, "unlink")
                        return None
                    raise guard.protected(item, "linked elsewhere")
            elif name not in READ_METHODS and name != "frame_set":
                raise guard.protected(getattr(owner, "id_data", None) or owner, f"changed (.{name}())")
        elif zone == LAYER:
            if name not in READ_METHODS:
                raise guard.protected(getattr(owner, "id_data", None) or owner, f"changed (.{name}())")
        elif name == "select_set":
            guard.skipped(owner, "select")
            return None
        elif name not in READ_METHODS or name == "update":
            raise _read_only(guard, getattr(owner, "id_data", None) or owner, f"changed (.{name}())")
        result = call_clean(fn, *args, **kw)
        if name == "new" and isinstance(result, bpy.types.Node) and reads_files(result):
            kind = result.bl_idname
            owner.remove(result)
            raise SandboxRefusal(f"{kind} nodes read files from disk and are not available to stage code")
        if name == "copy" and isinstance(result, bpy.types.Object) and result.data is not None \
                and not guard.writable(result.data):
            # A copy of the artist's object shares the artist's mesh: edit mode on the copy
            # would edit theirs. The copy gets its own data.
            result.data = result.data.copy()
        return wrap(result, guard, zone)


def _data_method(guard: Guard, owner: Any, name: str, fn: Any, args: tuple, kw: dict) -> Any:
    """bpy.data and its collections: creating is free; removing is scoped to the run."""
    if name == "remove" and args:
        target = args[0]
        if isinstance(target, _ID) and not guard.removable(target):
            guard.skipped(target, "remove")
            return None
        if isinstance(target, _ID):
            guard.forget(target)
    elif name == "batch_remove":
        ids = [i for i in (args[0] if args else kw.get("ids", ())) if isinstance(i, _ID)]
        keep = [i for i in ids if not guard.removable(i)]
        for idb in keep:
            guard.skipped(idb, "remove")
        doomed = [i for i in ids if guard.removable(i)]
        for idb in doomed:
            guard.forget(idb)
        return call_clean(fn, doomed) if doomed else None
    elif name == "orphans_purge":
        return _purge_run_orphans(guard)
    elif name == "temp_data":
        raise SandboxRefusal("bpy.data.temp_data() can load files and is not available")
    elif name not in READ_METHODS and name not in ("new", "user_map", "tag", "new_from_object"):
        raise SandboxRefusal(f"bpy.data.{name}() is not available to stage code")
    elif name == "new":
        for value in list(args) + list(kw.values()):
            if isinstance(value, _ID) and not guard.writable(value):
                raise guard.protected(value, "shared with a new object (copy it first: .copy())")
    result = call_clean(fn, *args, **kw)
    if name == "new" and isinstance(result, bpy.types.Object):
        guard.adopt_object(result)
    return wrap(result, guard, R)


def _purge_run_orphans(guard: Guard) -> int:
    """orphans_purge() scoped to the run: its own data without users, nothing else."""
    removed = 0
    while True:
        doomed = []
        for attr in ("meshes", "materials", "curves", "textures", "images", "node_groups", "lights",
                     "cameras", "worlds", "actions"):
            for idb in getattr(bpy.data, attr):
                if idb.users == 0 and guard.removable(idb):
                    doomed.append(idb)
        if not doomed:
            return removed
        for idb in doomed:
            guard.forget(idb)
        bpy.data.batch_remove(doomed)
        removed += len(doomed)


class _Type:
    """bpy.types.X for stage code: isinstance/issubclass work; the class cannot be changed."""
    __slots__ = ("_cf_t", "_cf_g")
    __getattribute__ = sealed_getattribute

    def __init__(self, cls: type, guard: Guard):
        object.__setattr__(self, "_cf_t", cls)
        object.__setattr__(self, "_cf_g", guard)

    def __instancecheck__(self, obj: Any) -> bool:
        return isinstance(real(obj), object.__getattribute__(self, "_cf_t"))

    def __subclasscheck__(self, cls: Any) -> bool:
        cls = object.__getattribute__(cls, "_cf_t") if type(cls) is _Type else cls
        return isinstance(cls, type) and issubclass(cls, object.__getattribute__(self, "_cf_t"))

    def _cf_get(self, name: str) -> Any:
        _check_name(name)
        try:
            value = getattr(object.__getattribute__(self, "_cf_t"), name)
        except AttributeError:
            raise AttributeError(f"{self!r} has no attribute {name!r}") from None
        if type(value) in _PLAIN or isinstance(value, _STRUCT):
            return wrap(value, object.__getattribute__(self, "_cf_g"), R)
        raise SandboxRefusal(f"bpy.types.{object.__getattribute__(self, '_cf_t').__name__}.{name} is not available to stage code")

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxRefusal("Blender's types are shared and cannot be changed by stage code")

    def __eq__(self, other: Any) -> bool:
        other = object.__getattribute__(other, "_cf_t") if type(other) is _Type else other
        return object.__getattribute__(self, "_cf_t") is other

    def __hash__(self) -> int:
        return hash(object.__getattribute__(self, "_cf_t"))

    def __repr__(self) -> str:
        return f"<class 'bpy.types.{object.__getattribute__(self, '_cf_t').__name__}'>"

    def __call__(self, *args: Any, **kw: Any) -> Any:
        raise TypeError("Blender data cannot be constructed here; use bpy.data.<collection>.new()")


class _Context(_Proxy):
    """bpy.context: the scene, view layer, stage collection, selection; never the window
    manager, preferences or screens."""
    __slots__ = ()
    _REFUSED = frozenset({"preferences", "window_manager", "window", "screen", "area", "region",
                          "workspace", "space_data", "region_data", "copy", "blend_data"})

    def _cf_get(self, name: str) -> Any:
        _check_name(name)
        if name in self._REFUSED:
            raise SandboxRefusal(f"bpy.context.{name} is not available to stage code; use bpy.context.scene, "
                                 f"view_layer, collection, active_object, selected_objects")
        r = object.__getattribute__(self, "_cf_r")
        guard = object.__getattribute__(self, "_cf_g")
        value = getattr(r, name)
        if name == "view_layer":
            return _make(_Struct, value, guard, LAYER, name)
        if name == "tool_settings":
            return _make(_Struct, value, guard, W, name)
        if name == "temp_override":
            return lambda **kw: _temp_override(guard, value, kw)
        return wrap(value, guard, R, name, r)

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxRefusal("bpy.context cannot be changed by stage code")


_OVERRIDE_KEYS = frozenset({"active_object", "object", "selected_objects", "selected_editable_objects",
                            "edit_object", "collection", "active_base", "selectable_objects",
                            "visible_objects", "editable_objects", "material", "mesh", "light",
                            "camera", "curve", "modifier", "constraint"})


def _temp_override(guard: Guard, temp_override: Any, kw: dict[str, Any]) -> Any:
    for key, value in kw.items():
        if key not in _OVERRIDE_KEYS:
            raise SandboxRefusal(f"temp_override({key}=...) is not available to stage code")
        for item in (value if isinstance(value, (list, tuple)) else [value]):
            item = real(item)
            if isinstance(item, _ID) and not guard.writable(item):
                raise guard.protected(item, "passed to an operator")
    return temp_override(**{k: unwrap(v) for k, v in kw.items()})


_PROXY_TYPES = frozenset({_Struct, _Collection, _Array, _Method, _Context})


class _Data(_Proxy):
    """bpy.data: its ID collections, with scoped removal."""
    __slots__ = ()

    def _cf_get(self, name: str) -> Any:
        _check_name(name)
        r = object.__getattribute__(self, "_cf_r")
        guard = object.__getattribute__(self, "_cf_g")
        value = getattr(r, name)
        if isinstance(value, _COLLECTION):
            return _make(_DataCollection, value, guard, DATA, name)
        if isinstance(value, _FUNC) or type(value) in _BOUND:
            return _make(_Method, value, guard, DATA, name, r)
        return wrap(value, guard, R, name, r)

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxRefusal("bpy.data cannot be changed by stage code")


class _DataCollection(_Proxy):
    __slots__ = ()

    def __iter__(self):
        guard = object.__getattribute__(self, "_cf_g")
        for item in list(object.__getattribute__(self, "_cf_r")):
            yield wrap(item, guard)

    def __bool__(self) -> bool:
        return len(object.__getattribute__(self, "_cf_r")) > 0

    def _cf_get(self, name: str) -> Any:
        _check_name(name)
        r = object.__getattribute__(self, "_cf_r")
        guard = object.__getattribute__(self, "_cf_g")
        value = getattr(r, name)
        if isinstance(value, _FUNC) or type(value) in _BOUND:
            return _make(_Method, value, guard, DATA, name, r)
        return wrap(value, guard, R, name, r)

    def __setitem__(self, key: Any, value: Any) -> None:
        raise SandboxRefusal("bpy.data collections cannot be assigned to")

    __delitem__ = __setitem__


_PROXY_TYPES = _PROXY_TYPES | {_Data, _DataCollection}
