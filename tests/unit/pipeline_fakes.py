"""Fakes for the engine's ports: a scripted model, a rehearser that runs stage code against
a recording stand-in for bpy, a live scene that remembers what it showed.

The fake rehearser renders a picture whose content follows the code: every object a part
creates paints a white square at its planned place, so better code scores better, and a
component that is still a blockout box scores like one.
"""
from __future__ import annotations

import ast
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from codeform.metrics.png import encode_png
from codeform.metrics.reference import load_reference
from codeform.pipeline.errors import ModelFailure, ProviderError
from codeform.pipeline.ports import Issue, Ports
from codeform.pipeline.blockout import is_placeholder
from codeform.pipeline.program import PART_PREFIX, STAGES, split_stage_source

SIZE = 64


class BudgetSpent(ModelFailure):
    pass


@dataclass
class FakeUsage:
    input_tokens: int = 100
    output_tokens: int = 50
    cached_tokens: int = 0
    cost_usd: float = 0.001


@dataclass
class FakeReply:
    text: str
    usage: FakeUsage = field(default_factory=FakeUsage)
    truncated: bool = False
    latency_s: float = 0.0


class ScriptedModel:
    """Replies by (purpose, stage, component): the n-th request with a key gets the n-th
    reply. A reply may be a callable(request) -> str."""

    def __init__(self, script: dict[tuple[str, str, str], list[Any]], latency: float = 0.0,
                 max_calls: int | None = None, fail_with: Exception | None = None):
        self.script = {k: list(v) for k, v in script.items()}
        self.latency = latency
        self.max_calls = max_calls
        self.fail_with = fail_with
        self.requests: list[Any] = []
        self._lock = threading.Lock()

    def complete(self, request):
        key = (request.purpose, request.stage, request.component)
        with self._lock:
            if self.fail_with is not None:
                raise self.fail_with
            if self.max_calls is not None and len(self.requests) >= self.max_calls:
                raise BudgetSpent(f"the job's budget of {self.max_calls} calls is spent")
            self.requests.append(request)
            queue = self.script.get(key)
            if not queue:
                raise AssertionError(f"no scripted reply left for {key}")
            reply = queue.pop(0)
        if self.latency:
            time.sleep(self.latency)
        text = reply(request) if callable(reply) else reply
        return FakeReply(text=text, latency_s=self.latency)

    def keys(self) -> list[tuple[str, str, str]]:
        return [(r.purpose, r.stage, r.component) for r in self.requests]


# ---------------------------------------------------------------------------
# A stand-in for bpy that records what code creates
# ---------------------------------------------------------------------------

class Thing:
    """Accepts any attribute, call, item and arithmetic, like a forgiving datablock."""

    def __init__(self, world: "World", name: str = "thing"):
        object.__setattr__(self, "_world", world)
        object.__setattr__(self, "_name", name)

    def __getattr__(self, name):
        if name.endswith("_addd") or name == "no_such_thing":
            raise AttributeError(f"'{self._name}' object has no attribute '{name}'")
        if name.startswith("primitive_") and name.endswith("_add"):
            return self._world.adder(name)
        if name == "new" and self._name in ("objects", "data.objects"):
            return self._world.new_object
        return Thing(self._world, name)

    def __setattr__(self, name, value):
        if name == "location" and self._world.last is not None:
            self._world.last["location"] = value

    def __call__(self, *args, **kw):
        return Thing(self._world, self._name + "()")

    def __getitem__(self, key):
        return Thing(self._world, f"{self._name}[{key!r}]")

    def __setitem__(self, key, value):
        pass

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def _num(self, *a):
        return Thing(self._world, "value")

    def __float__(self):
        return 0.0

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __neg__ = _num
    __matmul__ = __rmatmul__ = _num


class World:
    def __init__(self):
        self.objects: list[dict[str, Any]] = []
        self.last: dict[str, Any] | None = None
        self.part = ""
        self.box = False
        self.component: dict[str, Any] = {}

    def adder(self, op):
        def add(*args, location=None, **kw):
            self._add(location)
            return {"FINISHED"}
        return add

    def new_object(self, name, data=None):
        self._add(None)
        return Thing(self, "object")

    def _add(self, location):
        loc = location or (self.component.get("location") or [0, 0, 0])
        self.last = {"part": self.part, "location": list(loc), "size": self.component.get("size") or [0.2] * 3,
                     "box": self.box}
        self.objects.append(self.last)


class RunError(Exception):
    def __init__(self, error: dict[str, Any]):
        super().__init__(error["message"])
        self.error = error


@dataclass
class FakeRehearsal:
    ok: bool
    error: dict[str, Any] | None
    objects: int
    vertices: int
    renders: dict[str, bytes]
    timings: dict[str, float]


class FakeRehearser:
    """Runs each stage's module and part functions with the stand-in bpy; renders squares."""

    def __init__(self):
        self.jobs: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def rehearse(self, program, upto, renders):
        with self._lock:
            self.jobs.append({"upto": upto, "renders": [r.name for r in renders]})
        world = World()
        stages = program["stages"]
        blueprint = program.get("blueprint") or {}
        comps = {c["name"]: c for c in blueprint.get("components", [])}
        t = time.perf_counter()
        try:
            for stage in STAGES:
                st = stages.get(stage) or {}
                versions = st.get("versions") or []
                cur = st.get("current", len(versions) - 1)
                if not versions or cur < 0:
                    break
                run_stage(world, stage, versions[cur]["code"], comps)
                if stage == upto:
                    break
        except RunError as exc:
            return FakeRehearsal(False, exc.error, 0, 0, {}, {"total": time.perf_counter() - t})
        out = {}
        for r in renders:
            out[r.name] = paint(world, blueprint, r.transparent)
        return FakeRehearsal(True, None, len(world.objects), 8 * len(world.objects), out,
                             {"apply": 0.001, "render": 0.001, "total": time.perf_counter() - t})


def _line(exc: BaseException, filename: str) -> int | None:
    import traceback
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def run_stage(world: World, stage: str, code: str, comps: dict[str, Any]) -> None:
    filename = f"<fake:{stage}>"
    bpy = Thing(world, "bpy")
    namespace = {"__builtins__": __builtins__}
    fake_modules = {"bpy": bpy, "bmesh": Thing(world, "bmesh"), "mathutils": Thing(world, "mathutils"), "math": math}

    def fake_import(name, *args, **kw):
        if name in fake_modules:
            return fake_modules[name]
        if name == "random":
            import random
            return random
        raise ImportError(f"No module named '{name}'")

    namespace["__builtins__"] = dict(__builtins__ if isinstance(__builtins__, dict) else vars(__builtins__),
                                     __import__=fake_import)
    try:
        exec(compile(code, filename, "exec"), namespace)
    except Exception as exc:
        raise RunError({"kind": "raised", "type": type(exc).__name__, "message": str(exc), "stage": stage,
                        "part": "", "line": _line(exc, filename)})
    for part, src in split_stage_source(stage, code).parts.items():
        world.part = part
        world.box = is_placeholder(src)
        world.component = comps.get(part, {"name": part})
        ctx = Thing(world, "ctx")
        try:
            namespace[PART_PREFIX[stage] + part](ctx)
        except Exception as exc:
            raise RunError({"kind": "raised", "type": type(exc).__name__, "message": str(exc), "stage": stage,
                            "part": part, "line": _line(exc, filename)})


def paint(world: World, blueprint: dict[str, Any], transparent: bool) -> bytes:
    """White squares where the objects are, seen from above (x, y) on a 2 m field.
    A placeholder box of the blockout paints only half its size, so real parts score higher."""
    img = np.zeros((SIZE, SIZE, 4), np.uint8)
    if not transparent:
        img[:, :, :3] = 40
        img[:, :, 3] = 255
    for obj in world.objects:
        x, y = obj["location"][0], obj["location"][1]
        s = obj["size"][0] * (0.5 if obj["box"] else 1.0)
        cx, cy = int((x + 1) / 2 * SIZE), int((y + 1) / 2 * SIZE)
        r = max(1, int(s / 2 / 2 * SIZE))
        img[max(0, cy - r): cy + r, max(0, cx - r): cx + r] = 255
    return encode_png(img)


def reference_for(blueprint: dict[str, Any]):
    """The picture a perfect reconstruction of `blueprint` paints, as the reference."""
    world = World()
    for c in blueprint["components"]:
        world.part, world.component = c["name"], c
        world._add(c["location"])
    png = paint(world, blueprint, transparent=False)
    return load_reference(png, name="fake")


def policy(code: str) -> list[Issue]:
    tree = ast.parse(code)
    issues = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for n in names:
                if n.split(".")[0] not in ("bpy", "bmesh", "mathutils", "math", "random"):
                    issues.append(Issue(node.lineno, f"import of '{n}' is not allowed; use bpy, bmesh, mathutils, math, random"))
    return issues


def linter(code: str) -> list[Issue]:
    out = []
    for i, line in enumerate(code.splitlines(), 1):
        if "primitive_cube_addd" in line:
            out.append(Issue(i, "bpy.ops.mesh.primitive_cube_addd does not exist", ["bpy.ops.mesh.primitive_cube_add"]))
    return out


class Live:
    def __init__(self):
        self.shown: list[tuple[str, bool, list[str], str]] = []
        self.threads: set[str] = set()

    def show(self, program, note="", final=False):
        self.threads.add(threading.current_thread().name)
        parts = program.stages["geometry"].parts().parts if program.stages["geometry"].code else {}
        boxes = sorted(n for n, src in parts.items() if "placeholder(ctx" in src)
        self.shown.append((note, final, boxes, program.last_stage() or ""))
        return 0.001


def make_ports(model, live: Live | None = None, events: list | None = None, context=None, lint=True) -> Ports:
    sink = (lambda e: events.append(e)) if events is not None else None
    return Ports(model=model, rehearsal=FakeRehearser(), policy=policy, linter=linter if lint else None,
                 context=context, live=live, events=sink)


__all__ = ["ScriptedModel", "FakeRehearser", "Live", "make_ports", "reference_for", "BudgetSpent",
           "ProviderError"]
