"""One run's protection state: which data stage code may change, and the checks the
guarded facade calls before Blender evaluates anything.

An ID is the run's own — writable — when it did not exist when the run started, or it is
tagged ``codeform_owner = <run>/...`` (earlier stages of the same run), or it is one of the
run's stage collections. Everything else (the artist's objects, meshes, materials,
collections, worlds, scenes; other runs) is read-only to stage code: writes are refused
with a message, deletions are skipped (so "select all, delete" and removal loops clear the
run's own data and nothing else).
"""
from __future__ import annotations

import threading
from typing import Any, Iterable

import bpy

from ..scene.collections import RUN_KEY
from ..scene.ownership import ID_COLLECTIONS, owner_of
from .deadline import Deadline, SandboxStop
from .limits import Limits, check_count, predicted_vertices
from .safe_builtins import SandboxRefusal

_MESH = bpy.types.Mesh
_EXTRA_ID_COLLECTIONS = ("scenes", "texts", "libraries", "node_groups", "brushes", "cache_files")


def _all_ids() -> Iterable[bpy.types.ID]:
    for attr in dict.fromkeys(ID_COLLECTIONS + _EXTRA_ID_COLLECTIONS):
        coll = getattr(bpy.data, attr, None)
        if coll is not None:
            yield from coll


def id_label(idb: Any) -> str:
    try:
        return f"{type(idb).__name__} '{idb.name}'"
    except (AttributeError, ReferenceError):
        return "this data"


class Guard:
    def __init__(self, run: str, limits: Limits | None = None):
        self.run = run
        self.limits = limits or Limits()
        self.deadline = Deadline(self.limits.seconds)
        # pointer -> (type, name) of every ID that exists before the run: a pointer reused
        # by a new ID after one of the run's own was freed is told apart by its name.
        self.preexisting: dict[int, tuple[type, str]] = {
            idb.as_pointer(): (type(idb), idb.name) for idb in _all_ids()}
        self._writable: dict[int, bool] = {}
        self._objects_seen = -1
        self._run_objects: dict[int, bpy.types.Object] = {}
        # Predictions per object, and what changed since: a material part that only assigns
        # materials pays nothing at its end, a geometry part only for what it touched.
        self._estimates: dict[int, float] = {}
        self._touched: set[int] = set()
        self.dirty = True
        self.warnings: list[str] = []
        self.thread = threading.get_ident()
        self.handler_counts = _handler_counts()

    # -- who owns what ------------------------------------------------------------------
    def writable(self, idb: bpy.types.ID) -> bool:
        ptr = idb.as_pointer()
        known = self._writable.get(ptr)
        if known is not None:
            return known
        before = self.preexisting.get(ptr)
        if idb.library is not None:
            ok = False
        elif before is None or before != (type(idb), idb.name):
            ok = True
        else:
            # owner_of, not the bare tag: an artist's Shift+D copy carries the run's tag too.
            who = owner_of(idb)
            run_tag = idb.get(RUN_KEY) if isinstance(idb, bpy.types.Collection) else None
            ok = (who is not None and who[0] == self.run) or \
                 (isinstance(run_tag, str) and (run_tag == self.run or run_tag.startswith(self.run + "/")))
        self._writable[ptr] = ok
        return ok

    def removable(self, idb: bpy.types.ID) -> bool:
        """The run's data minus its structure: stage collections stay."""
        return self.writable(idb) and not (isinstance(idb, bpy.types.Collection) and idb.get(RUN_KEY))

    def forget(self, idb: bpy.types.ID) -> None:
        """Before the run frees `idb`: its address may come back as a new ID."""
        ptr = idb.as_pointer()
        self._writable.pop(ptr, None)
        self.preexisting.pop(ptr, None)
        if isinstance(idb, bpy.types.Object):
            self._objects_seen = -1

    def refuse(self, message: str) -> SandboxRefusal:
        return SandboxRefusal(message)

    def protected(self, idb: Any, action: str = "changed") -> SandboxRefusal:
        return SandboxRefusal(f"{id_label(idb)} belongs to the artist (or to another run) and cannot be "
                              f"{action} by stage code; make your own data instead")

    def skipped(self, idb: Any, action: str) -> None:
        self.warnings.append(f"kept {id_label(idb)}: stage code may not {action} the artist's data")

    # -- before operators and evaluations -------------------------------------------------
    def clear_protected_selection(self) -> None:
        """Operators act on the selection and the active object: only the run's own may be
        either when an operator starts."""
        context = bpy.context
        for obj in context.selected_objects:
            if not self.usable(obj):
                obj.select_set(False)
        layer_objects = context.view_layer.objects
        active = layer_objects.active
        if active is not None and not self.usable(active):
            layer_objects.active = None

    def usable(self, obj: bpy.types.Object) -> bool:
        """An object operators may act on: the run's own, with the run's own data."""
        data = obj.data
        return self.writable(obj) and (data is None or self.writable(data))

    def run_objects(self) -> list[bpy.types.Object]:
        count = len(bpy.data.objects)
        if count != self._objects_seen:
            self._run_objects = {o.as_pointer(): o for o in bpy.data.objects if self.writable(o)}
            self._objects_seen = count
        return list(self._run_objects.values())

    def after_operator(self, before: int) -> None:
        """Keep the run's object list without rescanning all of bpy.data: an operator that
        added one object made it active. Operators act on the selection and the active
        object (and edit mode on the objects in it): those are predicted again."""
        self.dirty = True
        context = bpy.context
        touched = self._touched
        for obj in context.selected_objects:
            touched.add(obj.as_pointer())
        active = context.view_layer.objects.active
        if active is not None:
            touched.add(active.as_pointer())
        after = len(bpy.data.objects)
        if after == before:
            return
        if self._objects_seen == before and after == before + 1 and active is not None \
                and active.as_pointer() not in self._run_objects and self.writable(active):
            self._run_objects[active.as_pointer()] = active
            self._objects_seen = after
        else:
            self._objects_seen = -1

    def adopt_object(self, obj: bpy.types.Object) -> None:
        """An object stage code created through bpy.data: no rescan needed to find it."""
        if self._objects_seen >= 0 and len(bpy.data.objects) == self._objects_seen + 1:
            self._run_objects[obj.as_pointer()] = obj
            self._objects_seen += 1
        self.dirty = True

    def touch(self, idb: Any) -> None:
        """Geometry of `idb` (an object, or data objects use) may have changed."""
        self.dirty = True
        if isinstance(idb, bpy.types.Object):
            self._touched.add(idb.as_pointer())
        else:
            self._estimates.clear()  # data may be shared by several objects: predict all again

    def current_vertices(self) -> float:
        total = 0.0
        estimates = self._estimates
        for obj in self.run_objects():
            try:
                ptr = obj.as_pointer()
                value = estimates.get(ptr)
                if value is None or ptr in self._touched:
                    data = obj.data
                    if type(data) is _MESH and not obj.modifiers:
                        value = float(len(data.vertices))
                    else:
                        value = predicted_vertices(obj)
                    estimates[ptr] = value
                total += value
            except ReferenceError:
                self._objects_seen = -1  # removed since: rescan next time
        self._touched.clear()
        return total

    def before_evaluation(self, where: str) -> None:
        """Predict the run's evaluated geometry; stop before Blender builds too much."""
        self.deadline.check()
        if not self.dirty:
            return
        total = self.current_vertices()
        if total > self.limits.max_vertices:
            raise self.deadline.trip(SandboxStop(
                f"{where}: the run's objects would evaluate to about {total:,.0f} vertices, more than "
                f"the budget of {self.limits.max_vertices:,}; use fewer subdivision levels, array "
                f"counts or segments", kind="limit"))
        self.dirty = False

    def check_new_elements(self, what: str, count: int) -> None:
        try:
            check_count(what, int(count), int(self.current_vertices()), self.limits)
        except SandboxStop as stop:
            raise self.deadline.trip(stop)

    # -- after the run ---------------------------------------------------------------------
    def sweep(self) -> list[str]:
        """Remove anything that would outlive the run; return what was found."""
        found = []
        for name, before in self.handler_counts.items():
            handlers = getattr(bpy.app.handlers, name)
            while len(handlers) > before:
                handlers.pop()
                found.append(f"an app handler ({name})")
        self._objects_seen = -1
        for obj in self.run_objects():
            for idb in (obj, obj.data):
                ad = getattr(idb, "animation_data", None) if idb is not None else None
                if ad is not None and len(ad.drivers):
                    for fcurve in list(ad.drivers):
                        ad.drivers.remove(fcurve)
                    found.append(f"drivers on {id_label(idb)}")
        return found


def _handler_counts() -> dict[str, int]:
    out = {}
    for name in dir(bpy.app.handlers):
        value = getattr(bpy.app.handlers, name)
        if isinstance(value, list):
            out[name] = len(value)
    return out
