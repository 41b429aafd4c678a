"""A stop the stage code cannot catch: a wall-clock deadline and the sandbox's limit trips.

Blender's main thread has no signal we may use (the artist's session owns it), so the stop
is raised from a ``sys.settrace`` line hook, installed only while stage code runs and only
for frames of stage code (their file name starts with ``<codeform``): every other frame runs
untraced. The stop derives from BaseException, whose names stage code cannot spell (the
policy refuses them and the safe builtins lack them), and it is sticky: once tripped, every
further line of stage code raises it again, so a bare ``except:``, a ``finally`` that loops,
or an ``__exit__`` that returns True cannot swallow it.

What this cannot stop: a single C call that never returns to Python (``sum(range(10**12))``,
a 10^9-vertex modifier evaluation). Those are bounded by the caps checked before Blender
evaluates geometry, and in the end only by running the code in a separate worker process.
"""
from __future__ import annotations

import importlib
import sys
import time
from types import FrameType
from typing import Any, Callable

CODE_PREFIX = "<codeform"
# Pure-Python modules stage code may import: their loops run on its behalf
# (random.choices(k=10**9) loops inside random.py), so their frames are traced too.
_LIBRARY_MODULES = ("random", "statistics", "fractions", "functools", "collections", "dataclasses",
                    "typing", "enum", "colorsys", "uuid")


def _library_files() -> frozenset[str]:
    out = set()
    for name in _LIBRARY_MODULES:
        try:
            path = getattr(importlib.import_module(name), "__file__", None)
        except ImportError:
            continue
        if path and path.endswith(".py"):
            out.add(path)
    return frozenset(out)


LIBRARY_FILES = _library_files()


class SandboxStop(BaseException):
    """Stage code ran out of time or hit a limit. Not an Exception: `except Exception`
    in stage code does not catch it."""

    def __init__(self, message: str, kind: str = "limit"):
        super().__init__(message)
        self.kind = kind  # "time" | "limit"


class Deadline:
    """Install with ``with Deadline(seconds):``. `trip()` makes a stop sticky."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.perf_counter):
        self.seconds = seconds
        self.clock = clock
        self.end = clock() + seconds
        self.tripped: SandboxStop | None = None
        self._previous: Any = None

    def trip(self, stop: SandboxStop) -> SandboxStop:
        if self.tripped is None:
            self.tripped = stop
        return self.tripped

    def _line(self, frame: FrameType, event: str, arg: Any):
        if event == "line":
            if self.tripped is not None:
                raise self._again()
            if self.clock() > self.end:
                raise self.trip(SandboxStop(f"took longer than {self.seconds:g} s and was stopped", kind="time"))
        return self._line

    def _again(self) -> SandboxStop:
        stop = self.tripped
        return SandboxStop(str(stop), stop.kind)

    def _call(self, frame: FrameType, event: str, arg: Any):
        filename = frame.f_code.co_filename
        if filename.startswith(CODE_PREFIX) or filename in LIBRARY_FILES:
            return self._line(frame, event, arg)
        return None

    def check(self) -> None:
        """For the facade's own hooks: raise if time is up or a stop tripped."""
        if self.tripped is not None:
            raise self._again()
        if self.clock() > self.end:
            raise self.trip(SandboxStop(f"took longer than {self.seconds:g} s and was stopped", kind="time"))

    def __enter__(self) -> "Deadline":
        self._previous = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(self, *exc) -> None:
        sys.settrace(self._previous)
        self._previous = None
