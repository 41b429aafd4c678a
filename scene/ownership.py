"""Which datablocks belong to a run, and to which stage and part of it.

Every ID a stage creates is tagged with the custom property ``codeform_owner`` =
``"<run>/<stage>/<part>"``. The tag lives in the .blend with the data, so cleanup after a
reload, after Ctrl+Z or in another session finds exactly the run's own data and never the
artist's.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import bpy

from ..pipeline.program import STAGES

OWNER_KEY = "codeform_owner"
NAME_KEY = "codeform_name"  # the ID's name when it was tagged: tells the run's ID from a copy

# bpy.data collections a stage can create data in. Collections come last so that objects
# are removed before the collections that hold them.
ID_COLLECTIONS: tuple[str, ...] = (
    "objects", "meshes", "curves", "hair_curves", "pointclouds", "volumes", "metaballs",
    "lattices", "armatures", "grease_pencils", "lights", "lightprobes", "cameras",
    "speakers", "materials", "textures", "images", "node_groups", "worlds", "actions",
    "fonts", "particles", "palettes", "collections",
)


def _collections() -> Iterator[bpy.types.bpy_prop_collection]:
    for attr in ID_COLLECTIONS:
        coll = getattr(bpy.data, attr, None)
        if coll is not None:
            yield coll


def owner_tag(run: str, stage: str, part: str) -> str:
    return f"{run}/{stage}/{part}"


def parse_owner(tag: str) -> tuple[str, str, str] | None:
    bits = tag.split("/")
    if len(bits) != 3 or bits[1] not in STAGES:
        return None
    return bits[0], bits[1], bits[2]


def owner_of(idblock: bpy.types.ID) -> tuple[str, str, str] | None:
    try:
        tag = idblock.get(OWNER_KEY)
        name = idblock.get(NAME_KEY)
    except (TypeError, AttributeError):
        return None  # e.g. embedded IDs that carry no properties
    if not isinstance(tag, str) or idblock.library is not None:
        return None  # untagged, or linked from another file: that file's run, never this one's
    if isinstance(name, str) and name != idblock.name:
        # A copy the artist made (Shift+D copies custom properties) or an ID they renamed:
        # theirs now, never removed by the run's cleanup.
        return None
    return parse_owner(tag)


def pointers() -> set[int]:
    """Identity of every ID that exists now, for finding what a part created."""
    out: set[int] = set()
    for coll in _collections():
        out.update(idb.as_pointer() for idb in coll)
    return out


def new_ids(known: set[int]) -> list[bpy.types.ID]:
    """IDs that did not exist when `known` was taken; adds them to `known`."""
    found = []
    for coll in _collections():
        for idb in coll:
            ptr = idb.as_pointer()
            if ptr not in known:
                known.add(ptr)
                found.append(idb)
    return found


def tag(ids: Iterable[bpy.types.ID], run: str, stage: str, part: str) -> None:
    value = owner_tag(run, stage, part)
    for idb in ids:
        if idb.library is None and owner_of(idb) is None:
            idb[OWNER_KEY] = value
            idb[NAME_KEY] = idb.name


def renamed(idb: bpy.types.ID) -> None:
    """Stage code renamed one of its run's own IDs (a later stage naming what an earlier one
    built): it stays the run's, where a copy or a rename by the artist would not."""
    if owner_of(idb) is None and isinstance(idb.get(OWNER_KEY), str) and idb.library is None:
        idb[NAME_KEY] = idb.name


def owned(run: str, stages: Iterable[str] | None = None,
          part: str | None = None) -> list[bpy.types.ID]:
    wanted = set(stages) if stages is not None else set(STAGES)
    out = []
    for coll in _collections():
        for idb in coll:
            who = owner_of(idb)
            if who and who[0] == run and who[1] in wanted and (part is None or who[2] == part):
                out.append(idb)
    return out


def owned_objects(run: str, stages: Iterable[str] | None = None,
                  part: str | None = None) -> list[bpy.types.Object]:
    wanted = set(stages) if stages is not None else set(STAGES)
    out = []
    for obj in bpy.data.objects:
        who = owner_of(obj)
        if who and who[0] == run and who[1] in wanted and (part is None or who[2] == part):
            out.append(obj)
    return out


def remove_owned(run: str, stages: Iterable[str]) -> int:
    """Delete every datablock the run's `stages` created, and nothing else. What the artist
    has put to use meanwhile (the generated material on their own object, an Alt+D
    duplicate sharing a generated mesh) stays, as theirs: deleting it would empty their
    slot or delete their object with it."""
    doomed = owned(run, stages)
    if not doomed:
        return 0
    kept = _in_the_artists_use(run, doomed)
    for idb in kept.values():
        for key in (OWNER_KEY, NAME_KEY):
            if key in idb:
                del idb[key]
    doomed = [idb for idb in doomed if idb.as_pointer() not in kept]
    if doomed:
        bpy.data.batch_remove(doomed)
    return len(doomed)


# Users that only hold or show data (a collection linking an object, a scene, the UI) do not
# make it the artist's; any other user outside the run does.
_HOLDERS = (bpy.types.Collection, bpy.types.Scene, bpy.types.Screen, bpy.types.WorkSpace,
            bpy.types.WindowManager, bpy.types.Library, bpy.types.Text)


def _in_the_artists_use(run: str, doomed: list[bpy.types.ID]) -> dict[int, bpy.types.ID]:
    """The doomed IDs that data outside the run uses, directly or through one another."""
    by_pointer = {idb.as_pointer(): idb for idb in doomed}
    users = bpy.data.user_map(subset=doomed)
    kept: dict[int, bpy.types.ID] = {}
    changed = True
    while changed:   # a kept material keeps its node group: to a fixed point
        changed = False
        for idb in doomed:
            ptr = idb.as_pointer()
            if ptr in kept:
                continue
            for user in users.get(idb, ()):
                uptr = user.as_pointer()
                if uptr in kept or (uptr not in by_pointer and not isinstance(user, _HOLDERS)
                                    and not _runs(user, run)):
                    kept[ptr] = idb
                    changed = True
                    break
    return kept


def _runs(idb: bpy.types.ID, run: str) -> bool:
    who = owner_of(idb)
    return who is not None and who[0] == run


def foreign_names(run: str) -> dict[str, list[str]]:
    """The local names in this file that are not `run`'s, per ID collection: what a worker
    must reserve so that model code there gets the names it would get here."""
    from .collections import is_runs_collection
    out: dict[str, list[str]] = {}
    for attr in ID_COLLECTIONS:
        coll = getattr(bpy.data, attr, None)
        if coll is None:
            continue
        names = []
        for idb in coll:
            if idb.library is not None:
                continue   # linked data has its own namespace: it never renames local data
            who = owner_of(idb)
            if not (who and who[0] == run) and not is_runs_collection(idb, run):
                names.append(idb.name)
        if names:
            out[attr] = names
    return out
