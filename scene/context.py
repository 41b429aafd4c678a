"""The `ctx` argument every part function of stage code receives."""
from __future__ import annotations

from typing import Any

import bpy

from .ownership import owned_objects, owner_of


class ObjectIndex:
    """The run's objects by (stage, part), built once and rebuilt only after a part made
    new objects: a material stage of 100 parts asks for ctx.objects 100 times."""

    def __init__(self, run: str):
        self.run = run
        self._by_part: dict[tuple[str, str], list[bpy.types.Object]] | None = None

    def invalidate(self) -> None:
        self._by_part = None

    def _index(self) -> dict[tuple[str, str], list[bpy.types.Object]]:
        if self._by_part is None:
            index: dict[tuple[str, str], list[bpy.types.Object]] = {}
            for obj in owned_objects(self.run):
                _, stage, part = owner_of(obj)
                index.setdefault((stage, part), []).append(obj)
            for objs in index.values():
                objs.sort(key=lambda o: o.name)
            self._by_part = index
        return self._by_part

    def of(self, stage: str, part: str) -> list[bpy.types.Object]:
        return list(self._index().get((stage, part), ()))

    def all(self) -> list[bpy.types.Object]:
        return sorted((o for objs in self._index().values() for o in objs), key=lambda o: o.name)


class PartContext:
    """What a part function may know about where it runs.

    ``ctx.component`` is the blueprint entry of the part (name, size, material hint, ...);
    ``ctx.objects`` the objects the geometry stage built for it, which is what a material
    part assigns materials to; ``ctx.collection`` the stage collection new objects land in.
    """

    def __init__(self, run: str, stage: str, part: str, collection: bpy.types.Collection,
                 component: dict[str, Any], blueprint: dict[str, Any], index: ObjectIndex | None = None):
        self.run = run
        self.stage = stage
        self.part = part
        self.name = part
        self.collection = collection
        self.component = dict(component)
        self.blueprint = blueprint
        self._index = index or ObjectIndex(run)

    def __repr__(self) -> str:
        return f"<CodeForm ctx {self.run}/{self.stage}/{self.part}>"

    @property
    def objects(self) -> list[bpy.types.Object]:
        return self.objects_of(self.part)

    def objects_of(self, component: str) -> list[bpy.types.Object]:
        """The objects the geometry stage built for `component`, sorted by name."""
        return self._index.of("geometry", component)

    @property
    def all_objects(self) -> list[bpy.types.Object]:
        """Every object this run has built so far, sorted by name."""
        return self._index.all()

    def object(self, name: str) -> bpy.types.Object:
        """A run object by the name its code gave it; the artist's objects are not handed
        out. When the artist (or another run) already had that name, Blender called ours
        "Name.001": that one is found too."""
        mine = self._index.all()
        for obj in mine:
            if obj.name == name:
                return obj
        for obj in mine:
            base, dot, suffix = obj.name.rpartition(".")
            if dot and base == name and suffix.isdigit():
                return obj
        raise KeyError(f"this run has no object named {name!r}")
