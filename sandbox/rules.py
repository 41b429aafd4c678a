"""What stage code may use: the tables both gates read.

The static policy (``policy.py``, bpy-free) refuses by these tables before anything runs; the
guarded facade (``facade.py``, inside Blender) enforces the same tables at run time, for what
no parse can see (aliases, values computed at run time). Keep them in one place so the two
gates never disagree.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

# -- imports -----------------------------------------------------------------------------

# Modules stage code may import, each handed out as a curated facade (never the real module:
# in Python 3.11 ``uuid.os``, ``random._os``, ``typing.sys`` and ``dataclasses.builtins`` are
# the real os/sys/builtins, and ``bpy.utils``/``bpy.path`` carry os too). None: every public
# name of the real module that is not a module itself.
FACADE_NAMES: dict[str, frozenset[str] | None] = {
    "math": None,
    "mathutils": None,
    "mathutils.geometry": None,
    "mathutils.noise": None,
    "mathutils.kdtree": None,
    "mathutils.bvhtree": None,
    "mathutils.interpolate": None,
    "bmesh": frozenset({"new", "from_edit_mesh", "update_edit_mesh", "ops", "types", "utils", "geometry"}),
    "bmesh.ops": None,
    "bmesh.types": None,
    "bmesh.utils": None,
    "bmesh.geometry": None,
    "random": frozenset({
        "random", "uniform", "randint", "randrange", "choice", "choices", "shuffle", "sample", "gauss",
        "normalvariate", "lognormvariate", "expovariate", "vonmisesvariate", "gammavariate",
        "betavariate", "paretovariate", "weibullvariate", "triangular", "seed", "getrandbits",
        "getstate", "setstate", "Random"}),
    "colorsys": frozenset({"rgb_to_hsv", "hsv_to_rgb", "rgb_to_hls", "hls_to_rgb", "rgb_to_yiq", "yiq_to_rgb"}),
    # No count/cycle/repeat: an endless iterator fed to list() is a C loop no deadline stops.
    "itertools": frozenset({"product", "combinations", "combinations_with_replacement", "permutations",
                            "chain", "accumulate", "islice", "zip_longest", "pairwise", "groupby",
                            "starmap", "compress", "dropwhile", "takewhile", "filterfalse", "tee"}),
    "functools": frozenset({"reduce", "partial", "lru_cache", "cache", "cmp_to_key", "total_ordering"}),
    "collections": frozenset({"namedtuple", "defaultdict", "OrderedDict", "deque", "Counter"}),
    "dataclasses": frozenset({"dataclass", "field"}),
    "typing": frozenset({"Any", "Dict", "List", "Tuple", "Set", "FrozenSet", "Optional", "Union",
                         "Sequence", "Iterable", "Iterator", "Callable", "Mapping", "NamedTuple"}),
    "enum": frozenset({"Enum", "IntEnum", "Flag", "IntFlag", "auto"}),
    "statistics": frozenset({"mean", "median", "fmean", "stdev", "pstdev", "variance", "pvariance", "mode"}),
    "time": frozenset({"time", "perf_counter", "monotonic"}),
    "uuid": frozenset({"uuid4"}),
    "bpy_extras": frozenset({"object_utils"}),
    "bpy_extras.object_utils": frozenset({"object_data_add", "world_to_camera_view"}),
    "__future__": frozenset({"annotations"}),
}
# `bpy` itself is the guarded facade; these are its top-level names.
BPY_NAMES = frozenset({"data", "context", "ops", "types", "app"})
BPY_APP_NAMES = frozenset({"version", "version_string", "version_file", "background"})
ALLOWED_MODULES = frozenset(FACADE_NAMES) | {"bpy", "bpy.types"}
SUGGESTED_MODULES = "bpy, bmesh, mathutils, math, random"

# -- names and attributes ----------------------------------------------------------------

FORBIDDEN_BUILTINS: dict[str, str] = {
    "eval": "eval() runs arbitrary code", "exec": "exec() runs arbitrary code",
    "compile": "compile() builds code at run time", "__import__": "__import__() imports modules",
    "open": "open() reads and writes files", "globals": "globals() exposes the interpreter",
    "locals": "locals() exposes the interpreter", "vars": "vars() exposes object internals",
    "input": "input() waits on a terminal", "breakpoint": "breakpoint() starts a debugger",
    "help": "help() is interactive", "exit": "exit() ends Blender", "quit": "quit() ends Blender",
    "memoryview": "memoryview() reaches raw memory",
    "BaseException": "BaseException would catch the sandbox's own stop signals",
    "KeyboardInterrupt": "KeyboardInterrupt is the sandbox's stop signal",
    "SystemExit": "SystemExit ends Blender", "GeneratorExit": "GeneratorExit is the interpreter's",
}
DYNAMIC_ATTRIBUTE_CALLS = frozenset({"getattr", "setattr", "delattr"})
ALLOWED_DUNDERS = frozenset({"__init__", "__name__", "__doc__"})
# Dunder methods a class in stage code may define: finalizers outlive the run.
FORBIDDEN_METHOD_DEFS = frozenset({"__del__"})

# Attribute names refused wherever they appear: interpreter introspection, and the Blender
# APIs that persist or run code, touch files or the network, or reach preferences and keys.
INTROSPECTION_ATTRS = frozenset({
    "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "ag_frame", "ag_code",
    "ag_await", "f_globals", "f_locals", "f_builtins", "f_back", "f_code", "f_trace", "tb_frame",
    "tb_next", "co_code", "co_consts", "mro", "format_map",
    "owner",  # mathutils values wrapping Blender data hand back the raw Blender struct
})
BLENDER_ATTRS: dict[str, str] = {
    "handlers": "application handlers run code after the stage ends",
    "timers": "timers run code after the stage ends",
    "driver_namespace": "the driver namespace runs code on every evaluation",
    "driver_add": "drivers run Python expressions", "drivers": "drivers run Python expressions",
    "expression": "driver expressions run Python",
    "register_class": "registering classes persists code", "unregister_class": "registering classes persists code",
    "as_module": "running Text datablocks as modules runs code", "use_module": "text modules run on load",
    "texts": "text datablocks can hold and run scripts", "msgbus": "message-bus subscriptions outlive the stage",
    "draw_handler_add": "draw handlers outlive the stage", "preferences": "preferences hold keys and settings",
    "keymaps": "keymaps change the artist's setup", "keyconfigs": "keymaps change the artist's setup",
    "url_open": "the network is off limits", "libraries": "libraries read and write .blend files",
    "temp_data": "temporary main databases can load files",
    "window_manager": "the window manager reaches keymaps and windows",
    "window_managers": "the window manager reaches keymaps and windows",
    "window": "windows are the artist's UI", "screen": "screens are the artist's UI",
    "screens": "screens are the artist's UI", "workspaces": "workspaces are the artist's UI",
    "filepath": "file paths read or write files", "filepath_raw": "file paths read or write files",
    "save": "saving writes files", "save_render": "saving writes files", "unpack": "unpacking writes files",
    "pack": "packing reads files", "reload": "reloading reads files", "load": "loading reads files",
    "write": "writing files is off limits", "binary_path": "the Blender binary is off limits",
    "tempdir": "the temporary folder is off limits",
    # File and folder properties under other names (RNA subtype FILE_PATH/DIR_PATH/FILE_NAME);
    # the facade also refuses any property of those subtypes at run time, whatever its name.
    "custom_filepath": "file paths read or write files", "bake_directory": "bakes write files",
    "directory": "file paths read or write files", "file_name": "file paths read or write files",
    "image_output_path": "file paths read or write files", "cache_directory": "caches write files",
    "proxy_dir": "file paths read or write files",
    "use_disk_cache": "disk caches write files beside the .blend",
    "use_external": "external caches read files",
}

# -- operators ---------------------------------------------------------------------------

# bpy.ops namespaces that model a scene. Everything else (wm, script, preferences,
# extensions, import_*/export_*, image, text, render, ed, outliner, file, screen, ...) is
# refused as a whole.
OPERATOR_NAMESPACES = frozenset({
    "object", "mesh", "curve", "curves", "surface", "transform", "material", "texture", "world",
    "uv", "anim", "pose", "armature", "constraint", "lattice", "mball", "font", "geometry",
    "particle", "collection", "view3d", "grease_pencil", "pointcloud",
})
# Single operators of namespaces refused as a whole that only build scene data: the node
# namespace is the node editor's UI, but this one adds a Geometry Nodes modifier and its new
# node group to the active object, the way public geometry-nodes scripts start.
SINGLE_OPERATORS = frozenset({"node.new_geometry_nodes_modifier"})
SINGLE_OPERATOR_NAMESPACES = frozenset(op.split(".")[0] for op in SINGLE_OPERATORS)
# Operators in those namespaces that write files without a file-path property (presets,
# copy buffers, bakes and caches write into user or temp folders); file-path operators are
# found from the RNA table instead (``operators.json``).
_OPERATOR_NAME_REFUSALS = re.compile(
    r"preset|bake|buffer|clipboard|cache|export|import|save|open|load|external|quick_|driver|keying_set")
# Copy and paste through a .blend in the temp folder.
_BUFFER_OPERATORS = frozenset({"material.copy", "material.paste", "pose.copy", "pose.paste"})
# Operators that act on every object of the view layer, not on the selection.
_ARTIST_STATE_OPERATORS = {
    "object.make_links_scene": "links objects into another of the artist's scenes",
    "object.hide_view_set": "hides the artist's objects",
    "object.hide_view_clear": "reveals and selects the artist's hidden objects",
    "object.hide_render_clear_all": "reveals every object of the artist's in renders",
    "object.isolate_type_render": "hides the artist's objects in renders",
    "object.hide_collection": "hides the artist's collections",
    "object.make_local": "changes the artist's linked data",
    "object.make_override_library": "changes the artist's linked data",
    "object.reset_override_library": "changes the artist's linked data",
    "object.clear_override_library": "changes the artist's linked data",
    "anim.clear_useless_actions": "deletes the artist's actions",
    # The system clipboard is the artist's (and may hold anything they copied).
    "font.text_copy": "uses the system clipboard", "font.text_cut": "uses the system clipboard",
    "font.text_paste": "reads the system clipboard",
    "object.copy_global_transform": "uses the system clipboard",
    "object.copy_relative_transform": "uses the system clipboard",
    "object.paste_transform": "reads the system clipboard",
    "pose.selection_set_copy": "uses the system clipboard",
    "pose.selection_set_paste": "reads the system clipboard",
}
# Modifier and physics types whose evaluation writes caches to disk.
FORBIDDEN_MODIFIER_TYPES = frozenset({"FLUID", "DYNAMIC_PAINT"})

OPERATOR_TABLE = Path(__file__).with_name("operators.json")


@lru_cache(maxsize=1)
def file_operators() -> frozenset[str]:
    """Operators (``ns.name``) with a file-path property, from the table extracted from the
    running Blender (``sandbox/optable.py``). Empty when the table is missing: the run-time
    check in the facade reads the RNA itself."""
    try:
        data = json.loads(OPERATOR_TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(data.get("file_operators", []))


def operator_refusal(namespace: str, name: str, has_file_property: bool | None = None) -> str | None:
    """Why ``bpy.ops.<namespace>.<name>`` is refused, or None when it is allowed.
    `has_file_property` comes from live RNA when the caller has it; else the table decides."""
    if namespace not in OPERATOR_NAMESPACES and f"{namespace}.{name}" not in SINGLE_OPERATORS:
        return (f"bpy.ops.{namespace} operators are not available to stage code; use the "
                f"modeling operators (bpy.ops.mesh, object, curve, transform, material, ...) or bpy.data")
    if has_file_property is None:
        has_file_property = f"{namespace}.{name}" in file_operators()
    if has_file_property:
        return f"bpy.ops.{namespace}.{name} reads or writes files (it has a file path property)"
    why = _ARTIST_STATE_OPERATORS.get(f"{namespace}.{name}")
    if why:
        return f"bpy.ops.{namespace}.{name} {why}"
    if _OPERATOR_NAME_REFUSALS.search(name) or f"{namespace}.{name}" in _BUFFER_OPERATORS:
        return f"bpy.ops.{namespace}.{name} writes files outside the scene (presets, buffers, bakes or caches)"
    return None
