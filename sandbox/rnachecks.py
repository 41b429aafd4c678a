"""What the guarded facade refuses by Blender's own RNA definitions rather than by name:
properties and function parameters that name files, nodes that read files, and raw mesh
topology indices, which Blender trusts (one past the end is an out-of-bounds read at the next
evaluation, and a segfault in the artist's Blender)."""
from __future__ import annotations

from typing import Any

import bpy

from .safe_builtins import SandboxRefusal

_STRUCT = bpy.types.bpy_struct
_COLLECTION = bpy.types.bpy_prop_collection

# RNA subtypes of properties that name files or folders: whatever the property is called
# (render.filepath, Camera.custom_filepath, a Geometry Nodes import node's Path socket),
# Blender reads or writes there.
_PATH_SUBTYPES = frozenset({"FILE_PATH", "DIR_PATH", "FILE_NAME"})
_PATH_PROPERTIES: dict[tuple[type, str], bool] = {}


def is_path_property(struct: Any, name: str) -> bool:
    key = (type(struct), name)
    known = _PATH_PROPERTIES.get(key)
    if known is None:
        rna = getattr(struct, "bl_rna", None) if isinstance(struct, _STRUCT) else None
        prop = rna.properties.get(name) if rna is not None else None
        # Only strings name files; reading a number's subtype makes Blender print a warning.
        known = prop is not None and prop.type == "STRING" and prop.subtype in _PATH_SUBTYPES
        _PATH_PROPERTIES[key] = known
    return known


# Mesh topology written as raw indices. Blender trusts them: one index past the end (a loop's
# vertex_index, a face's loop_start) is an out-of-bounds read at the next normal, area or
# evaluation, and a segfault kills the artist's Blender with their unsaved work. Every index
# is checked against the mesh when it is written.
TOPOLOGY_STRUCTS = (bpy.types.MeshLoop, bpy.types.MeshPolygon, bpy.types.MeshEdge)
TOPOLOGY_ATTRIBUTES = frozenset({".corner_vert", ".corner_edge", ".edge_verts", ".poly_offset", ".face_offsets"})
_INDEX_BOUNDS = {"vertex_index": "vertices", "edge_index": "edges", "vertices": "vertices"}


def _check_indices(mesh: Any, what: str, values: Any, bound: int) -> None:
    try:
        values = list(values)
    except TypeError:
        values = [values]
    if not values:
        return
    try:
        low, high = min(values), max(values)
    except TypeError:
        return  # not numbers: Blender raises its own TypeError
    if isinstance(low, (int, float)) and (low < 0 or high >= bound):
        bad = low if low < 0 else high
        raise SandboxRefusal(f"{what} index {bad} is outside mesh '{mesh.name}' ({bound} available); "
                             f"add the elements first, or build the mesh with from_pydata or bmesh")


def check_topology_write(element: Any, name: str, value: Any) -> None:
    mesh = element.id_data
    if name == "loop_start":
        _check_indices(mesh, "loop_start", [value], len(mesh.loops) - element.loop_total + 1)
    elif name in _INDEX_BOUNDS:
        _check_indices(mesh, f"{type(element).__name__}.{name}", value, len(getattr(mesh, _INDEX_BOUNDS[name])))


def check_topology_array(collection: Any, attr: Any, values: Any) -> None:
    mesh = collection.id_data
    path = collection.path_from_id()
    if path == "polygons" and attr == "loop_start":
        totals = [0] * len(collection)
        collection.foreach_get("loop_total", totals)
        starts = list(values)
        if len(starts) == len(totals):
            _check_indices(mesh, "loop_start", [s + t - 1 for s, t in zip(starts, totals) if t], len(mesh.loops))
            _check_indices(mesh, "loop_start", starts, len(mesh.loops) + 1)
    elif path in ("loops", "edges", "polygons") and attr in _INDEX_BOUNDS:
        _check_indices(mesh, f"{path}.{attr}", values, len(getattr(mesh, _INDEX_BOUNDS[attr])))


_PATH_PARAMETERS = frozenset({"filepath", "filename", "directory", "path", "output_filepath", "relative_path"})
_FILE_FUNCTIONS: dict[tuple[str, str], bool] = {}


def is_file_function(owner: Any, name: str) -> bool:
    """An RNA function that takes a file or folder (the sequencer's strips.new_image/new_sound/
    new_movie, Depsgraph.debug_relations_graphviz, ...): found by its parameters' subtype or
    name, whatever the function is called."""
    rna = getattr(owner, "bl_rna", None) if isinstance(owner, (_STRUCT, _COLLECTION)) else None
    if rna is None:
        return False
    key = (rna.identifier, name)
    known = _FILE_FUNCTIONS.get(key)
    if known is None:
        function = rna.functions.get(name)
        known = function is not None and any(
            p.type == "STRING" and (p.subtype in _PATH_SUBTYPES or p.identifier in _PATH_PARAMETERS)
            for p in function.parameters)
        _FILE_FUNCTIONS[key] = known
    return known


def reads_files(node: Any) -> bool:
    """A node with a file-path input (Geometry Nodes' Import OBJ/CSV/Text/VDB...) reads
    whatever file a string linked into it names, on every evaluation."""
    return any(is_path_property(socket, "default_value") for socket in node.inputs)
