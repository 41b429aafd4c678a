"""Gate 2: rehearsal in separate headless Blender processes. bpy-free (the caller's side).

A worker is killed and replaced when a job runs past its wall-clock limit or its memory
limit, or when Blender crashes; the caller gets an error result and carries on. Workers
start warm (Blender imported, first render done) so a job pays only its own work.
``rehearse()`` may be called from several threads at once: each job takes an idle worker.
"""
from __future__ import annotations

import itertools
import math
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import protocol
from .isolate import worker_environment

STARTUP_TIMEOUT_S = 180.0
_RENDER_ALLOWANCE_S = {"BLENDER_WORKBENCH": 15.0, "CYCLES": 60.0, "BLENDER_EEVEE": 120.0}
KEEP_BLENDS = 16


@dataclass
class RenderSpec:
    name: str
    engine: str = "BLENDER_WORKBENCH"
    size: int = 256
    transparent: bool = False
    samples: int = 16          # Cycles only
    denoise: bool = False      # Cycles only: a clean image for the verifier at few samples


@dataclass
class RehearsalJob:
    program: dict = field(default_factory=dict)   # SceneProgram.to_json()
    upto: str | None = None                       # last stage to apply (None: all applied stages)
    renders: list[RenderSpec] = field(default_factory=list)
    timeout_s: float = 30.0
    memory_mb: int = 2048
    keep_blend: bool = False                      # keep the rehearsed .blend (for import into the live scene)
    script: str | None = None                     # a plain script instead of a program (codeform run-code)
    name: str = "script"                          # the script's run name
    blend_in: str | None = None                   # start from this .blend (read, never written)
    max_vertices: int = 2_000_000
    reserved: dict = field(default_factory=dict)  # {ID collection: names} the live file holds (rehearsed.reserve_names)

    def __post_init__(self) -> None:
        # NaN compares false with every clock reading: a NaN (or infinite) limit would turn
        # off both the in-worker deadline and the pool's kill, and a loop would run forever.
        if self.timeout_s and not (math.isfinite(self.timeout_s) and self.timeout_s > 0):
            from ..pipeline.errors import ProgramError
            raise ProgramError(f"the time limit must be a positive number of seconds, not {self.timeout_s}")


@dataclass
class RehearsalResult:
    ok: bool
    error: dict | None          # {"kind": "raised"|"policy"|"limit"|"crash"|"input", "type", "message", "stage", "part", "line"}
    objects: int = 0
    vertices: int = 0
    renders: dict[str, bytes] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)   # seconds: start, apply, render, total
    blend_path: str | None = None
    warnings: list[str] = field(default_factory=list)


def _failure(kind: str, message: str, kind_type: str = "") -> RehearsalResult:
    return RehearsalResult(False, {"kind": kind, "type": kind_type, "message": message, "stage": "",
                                   "part": "", "line": None})


def worker_command() -> list[str]:
    """How to start a worker: inside Blender its own binary in background mode; elsewhere
    the Python that has the bpy module. A fresh process cannot import the package by the
    name Blender gave it (``bl_ext.<repo>.codeform``), so it loads this checkout as
    ``codeform`` from its folder."""
    root = Path(__file__).resolve().parents[1]
    boot = ("import importlib.util, os, sys; "
            f"root = {str(root)!r}; "
            "spec = importlib.util.spec_from_file_location('codeform', os.path.join(root, '__init__.py'), "
            "submodule_search_locations=[root]); "
            "module = importlib.util.module_from_spec(spec); sys.modules['codeform'] = module; "
            "spec.loader.exec_module(module); "
            "from codeform.worker.main import main; "
            "os._exit(main(sys.argv[sys.argv.index('--') + 1:]))")
    bpy = sys.modules.get("bpy")
    binary = getattr(getattr(bpy, "app", None), "binary_path", "") if bpy is not None else ""
    if binary and os.path.isfile(binary):
        return [binary, "-b", "--factory-startup", "--python-exit-code", "1", "--python-expr", boot, "--"]
    if __package__ == "codeform.worker":
        return [sys.executable, "-m", __package__]
    return [sys.executable, "-c", boot, "--"]


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError):
        pass
    return 0.0


# Rehearsed results kept for import into the live scene: (run, ((stage, code hash), ...))
# -> (blend path, what the import needs). Written from the pool's caller threads, read on
# Blender's main thread by worker.rehearsed.
_REHEARSED: dict[tuple, tuple[str, dict[str, Any]]] = {}
_REHEARSED_LOCK = threading.Lock()


def rehearsal_key(run: str, stage_codes: dict[str, str], blueprint: dict[str, Any]) -> tuple:
    """What a rehearsal's result depends on: the run name, each stage's code, the blueprint
    (parts read their component from it)."""
    import hashlib
    import json
    digest = lambda text: hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]  # noqa: E731
    return (run, tuple((stage, digest(code)) for stage, code in stage_codes.items()),
            digest(json.dumps(blueprint, sort_keys=True, default=str)))


def remember_rehearsal(info: dict[str, Any], blend: str) -> None:
    key = rehearsal_key(info["run"], info["codes"], info.get("blueprint", {}))
    with _REHEARSED_LOCK:
        _REHEARSED.pop(key, None)
        _REHEARSED[key] = (blend, info)
        while len(_REHEARSED) > KEEP_BLENDS:
            _REHEARSED.pop(next(iter(_REHEARSED)))


def find_rehearsal(run: str, stage_codes: dict[str, str], blueprint: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    with _REHEARSED_LOCK:
        found = _REHEARSED.get(rehearsal_key(run, stage_codes, blueprint))
    if found is None or not Path(found[0]).is_file():
        return None
    return found


class _Worker:
    def __init__(self, root: Path, index: int, memory_mb: int, warm_up: bool):
        self.scratch = root / f"worker-{index}"
        self.scratch.mkdir(parents=True, exist_ok=True)
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        self.log = open(self.scratch / "worker.log", "ab")
        args = ["--in-fd", str(to_child_r), "--out-fd", str(from_child_w), "--scratch", str(self.scratch),
                "--memory-mb", str(memory_mb)] + ([] if warm_up else ["--no-warm-up"])
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(worker_command() + args, pass_fds=(to_child_r, from_child_w),
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=worker_environment(str(self.scratch)), cwd=str(self.scratch),
                                     start_new_session=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self.hello: dict[str, Any] | None = None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT_S) -> float:
        """Seconds spent waiting for the worker's hello (0 when it was already warm)."""
        if self.hello is not None:
            return 0.0
        t = time.perf_counter()
        ready, _, _ = select.select([self.from_child], [], [], timeout)
        if not ready:
            raise protocol.ProtocolError(f"the worker did not start within {timeout:.0f} s")
        self.hello = protocol.receive(self.from_child)
        return time.perf_counter() - t

    def run(self, job_id: int, job: dict[str, Any], deadline_s: float, memory_mb: int,
            limit_s: float | None = None) -> dict[str, Any]:
        """`deadline_s` is when the worker is killed (the job's limit plus start-up and render
        allowances); `limit_s`, the job's own limit, is what the message names."""
        protocol.send(self.to_child, {"op": "job", "id": job_id, "job": job})
        end = time.perf_counter() + deadline_s
        while True:
            ready, _, _ = select.select([self.from_child], [], [], 0.05)
            if ready:
                return protocol.receive(self.from_child).get("result") or {}
            if not self.alive():
                raise protocol.ProtocolError("the worker ended")
            if _rss_mb(self.proc.pid) > memory_mb:
                self.kill()
                return {"ok": False, "error": {"kind": "limit", "type": "MemoryLimit", "stage": "", "part": "",
                                               "line": None, "message": f"used more than {memory_mb} MB of memory and was stopped"}}
            if time.perf_counter() > end:
                self.kill()
                return {"ok": False, "error": {"kind": "limit", "type": "TimeLimit", "stage": "", "part": "",
                                               "line": None, "message": f"took longer than {limit_s or deadline_s:g} s and was stopped"}}

    def crash_message(self) -> str:
        code = self.proc.poll()
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"Blender crashed ({name}) while running the code"
        return f"the worker ended unexpectedly (exit code {code})"

    def kill(self) -> None:
        if self.alive():
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the worker and anything it started
            except (ProcessLookupError, PermissionError, AttributeError):
                self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self._close_fds()

    def stop(self) -> None:
        if self.alive():
            try:
                protocol.send(self.to_child, {"op": "exit"})
                self.proc.wait(timeout=3)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()

    def _close_fds(self) -> None:
        for fd in (self.to_child, self.from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        self.to_child = self.from_child = -1
        self.log.close()


def _shutdown(workers: list[_Worker], root: Path) -> None:
    for worker in list(workers):
        worker.stop()
    shutil.rmtree(root, ignore_errors=True)


class WorkerPool:
    """``with WorkerPool(size=2) as pool: result = pool.rehearse(job)``."""

    def __init__(self, size: int = 1, timeout_s: float = 30.0, memory_mb: int = 2048, warm_up: bool = True):
        self.size = max(1, int(size))
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.warm_up = warm_up
        self.root = Path(tempfile.mkdtemp(prefix="codeform-workers-"))
        (self.root / "kept").mkdir()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._kept: list[Path] = []
        self._closed = False
        self.hellos: list[dict[str, Any]] = []  # start-up reports (network isolation, timings)
        self._finalizer = weakref.finalize(self, _shutdown, self._workers, self.root)
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        with self._lock:
            worker = _Worker(self.root, next(self._ids), self.memory_mb, self.warm_up)
            self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            closed = self._closed
        shutil.rmtree(worker.scratch, ignore_errors=True)
        if not closed:
            self._idle.put(self._spawn())

    def rehearse(self, job: RehearsalJob) -> RehearsalResult:
        if self._closed:
            raise RuntimeError("the worker pool is closed")
        t0 = time.perf_counter()
        worker = self._idle.get()
        job_id = next(self._ids)
        timings: dict[str, float] = {}
        try:
            try:
                timings["start"] = worker.wait_ready()
                if worker.hello and worker.hello not in self.hellos:
                    self.hellos.append(worker.hello)
                raw = worker.run(job_id, self._job_dict(job), self._deadline(job), job.memory_mb or self.memory_mb,
                                 job.timeout_s or self.timeout_s)
            except (protocol.ProtocolError, OSError):
                try:
                    worker.proc.wait(timeout=2)  # the pipe closes a moment before the exit is seen
                except subprocess.TimeoutExpired:
                    pass
                message = worker.crash_message() if not worker.alive() else "the worker stopped answering"
                self._replace(worker)
                worker = None
                result = _failure("crash", message, "WorkerCrash")
                result.timings = {**timings, "total": time.perf_counter() - t0}
                return result
            result = self._result(raw)
            shutil.rmtree(worker.scratch / "work" / f"job-{job_id}", ignore_errors=True)
            if not worker.alive():
                self._replace(worker)
                worker = None
        finally:
            if worker is not None:
                self._idle.put(worker)
        result.timings = {**raw.get("timings", {}), **timings, "total": time.perf_counter() - t0}
        return result

    def _deadline(self, job: RehearsalJob) -> float:
        renders = sum(_RENDER_ALLOWANCE_S.get(r.engine, 60.0) for r in job.renders)
        return (job.timeout_s or self.timeout_s) + 5.0 + renders

    def _job_dict(self, job: RehearsalJob) -> dict[str, Any]:
        data = asdict(job)
        data["timeout_s"] = job.timeout_s or self.timeout_s
        if job.blend_in:
            data["blend_in"] = str(Path(job.blend_in).resolve())
        return data

    def _result(self, raw: dict[str, Any]) -> RehearsalResult:
        renders: dict[str, bytes] = {}
        for name, path in (raw.get("renders") or {}).items():
            try:
                renders[name] = Path(path).read_bytes()
                Path(path).unlink()
            except OSError:
                pass
        blend = raw.get("blend_path")
        if blend and Path(blend).is_file():
            kept = self.root / "kept" / f"{next(self._ids)}.blend"
            shutil.move(blend, kept)
            blend = str(kept)
            with self._lock:
                self._kept.append(kept)
                while len(self._kept) > KEEP_BLENDS:
                    self._kept.pop(0).unlink(missing_ok=True)
        if blend and raw.get("ok") and raw.get("import_info"):
            remember_rehearsal(raw["import_info"], blend)
        return RehearsalResult(ok=bool(raw.get("ok")), error=raw.get("error"), objects=int(raw.get("objects", 0)),
                               vertices=int(raw.get("vertices", 0)), renders=renders, blend_path=blend,
                               warnings=list(raw.get("warnings") or []))

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._finalizer()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
