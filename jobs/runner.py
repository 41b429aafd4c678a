"""A job: a function on a worker thread that talks to the main thread through one queue.

This module is bpy-free. The bpy side (`jobs/host.py`) owns the one timer that calls
`JobRunner.drain()` on the main thread; tests and benchmarks call `drain()` themselves.

Threading rules (after BlenderKit's): the work function never touches bpy. Its inputs are
snapshotted on the main thread before it starts; anything that must touch the scene is
handed back with `ctx.on_main(fn)`, which runs `fn` inside a timer tick and (optionally)
pushes a named undo step after it. Cancel sets an Event that the work checks between calls
(and hands to the VLM client); a job that raises after cancel was requested ends as
"cancelled", not "failed".

With `synchronous=True` (background mode, the CLI, `EXEC_DEFAULT` from a script) the same
work runs on the calling thread: `on_main` calls run inline and progress applies at once.
"""
from __future__ import annotations

import concurrent.futures
import queue
import threading
import time
import traceback
from dataclasses import dataclass, field, fields, replace
from typing import Any, Callable

STATES = ("pending", "running", "paused", "done", "failed", "cancelled")
FINISHED = ("done", "failed", "cancelled")


class JobCancelled(Exception):
    """Raised inside the work function when the job was cancelled."""


@dataclass
class Progress:
    """What the sidebar shows about a running job. Pipeline events map onto it by name."""
    stage: str = ""
    component: str = ""
    iteration: int = 0
    state: str = ""          # the stage's state: pending | running | done | failed
    message: str = ""
    calls: int = 0
    cost_usd: float = 0.0
    fraction: float = -1.0   # 0..1 when known; -1 draws an indeterminate bar

    @classmethod
    def from_event(cls, event: Any) -> tuple["Progress", set[str]]:
        """A Progress and the names of the fields `event` carries. `event` may be a
        Progress, a dict, or any object with some of these attributes."""
        if isinstance(event, cls):
            return event, {f.name for f in fields(cls)}
        get = event.get if isinstance(event, dict) else (lambda k, d=None: getattr(event, k, d))
        out, given = cls(), set()
        for f in fields(cls):
            value = get(f.name, None)
            if f.name == "cost_usd" and value is None:
                value = get("cost", None)
            if value is None:
                continue
            try:
                setattr(out, f.name, type(getattr(out, f.name))(value))
            except (TypeError, ValueError):
                continue  # a field of another shape: not ours to show
            given.add(f.name)
        return out, given


@dataclass
class _MainCall:
    fn: Callable[[], Any]
    undo: str | None
    future: concurrent.futures.Future


@dataclass
class _Post:
    progress: Progress
    fields_set: frozenset[str]


@dataclass
class _StageState:
    stage: str
    state: str
    message: str = ""


@dataclass
class Job:
    """A unit of background work.

    `work(ctx)` runs on the worker thread and returns the job's result. `on_done(runner)`
    runs on the main thread once, after the last queued item, whatever the outcome.
    """
    label: str                                        # "Reconstruct", "Build Index"...
    work: Callable[["JobContext"], Any]
    on_done: Callable[["JobRunner"], None] | None = None
    kind: str = ""                                    # "reconstruct", "index", "edit", "test"...
    run: str = ""                                     # the CodeForm run it works on, if any
    secrets: tuple[str, ...] = ()                     # never shown: masked in errors and details


class JobContext:
    """The work function's handle on its job; safe to use from any thread."""

    def __init__(self, runner: "JobRunner"):
        self._runner = runner
        self.cancel: threading.Event = runner.cancel_event

    @property
    def synchronous(self) -> bool:
        return self._runner.synchronous

    def progress(self, event: Any = None, **changes: Any) -> None:
        """Post progress: an event object/dict, keyword fields, or both. Fields not given
        keep their last value, so a job may post only what changed."""
        if event is not None:
            p, given = Progress.from_event(event)
        else:
            p, given = Progress(), set()
        if changes:
            p = replace(p, **changes)
            given |= set(changes)
        self._runner._put(_Post(p, frozenset(given)))

    def stage_state(self, stage: str, state: str, message: str = "") -> None:
        """Record a stage's status for the stage list (pending/running/done/failed)."""
        self._runner._put(_StageState(stage, state, message))

    def warn(self, message: str) -> None:
        with self._runner._lock:
            self._runner.warnings.append(message)

    def check_cancelled(self) -> None:
        if self.cancel.is_set():
            raise JobCancelled()

    def on_main(self, fn: Callable[..., Any], *args: Any, undo: str | None = None,
                wait: bool = True, even_if_cancelled: bool = False, **kwargs: Any) -> Any:
        """Run `fn(*args, **kwargs)` on the main thread; with `wait`, block until it ran and
        return its result (its exception is raised here). `undo` names the undo step pushed
        after it. Cancel while waiting raises JobCancelled, unless `even_if_cancelled`: the
        call that leaves the scene and the file in order after a cancel (what was accepted)
        still runs; only abandoning the job (file closing, extension disabled) drops it."""
        call = _MainCall(lambda: fn(*args, **kwargs), undo, concurrent.futures.Future())
        if self._runner.synchronous:
            self._runner._run_main_call(call)
            return call.future.result()
        if not even_if_cancelled:
            self.check_cancelled()
        self._runner._put(call)
        if not wait:
            return None
        while True:
            try:
                return call.future.result(timeout=0.05)
            except concurrent.futures.TimeoutError:
                stop = self._runner.abandoned if even_if_cancelled else self.cancel.is_set()
                if stop:
                    call.future.cancel()
                    raise JobCancelled() from None
            except concurrent.futures.CancelledError:
                raise JobCancelled() from None

    def pause(self, message: str = "") -> None:
        """Stop here until `JobRunner.resume()` (Next Stage) or cancel. Synchronous jobs
        never pause: nobody could press the button."""
        if self._runner.synchronous:
            return
        runner = self._runner
        runner._resume.clear()
        runner._put(_Paused(message))
        while not runner._resume.wait(0.05):
            self.check_cancelled()
        self.check_cancelled()


@dataclass
class _Paused:
    message: str


@dataclass
class _Finished:
    state: str
    result: Any = None
    error: str = ""
    detail: str = ""


@dataclass
class TickStats:
    """Main-thread seconds spent in each drain() call that had work, for the benchmark."""
    durations: list[float] = field(default_factory=list)
    items: int = 0


class JobRunner:
    def __init__(self, job: Job, synchronous: bool = False,
                 undo_push: Callable[[str], None] | None = None,
                 on_progress: Callable[["JobRunner"], None] | None = None,
                 error_message: Callable[[BaseException], str] | None = None):
        self.job = job
        self.synchronous = synchronous
        self.undo_push = undo_push
        self.on_progress = on_progress
        self.error_message = error_message or one_line
        self.cancel_event = threading.Event()
        self._resume = threading.Event()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.state = "pending"
        self.progress = Progress()
        self.stage_states: dict[str, tuple[str, str]] = {}
        self.pause_message = ""
        self.result: Any = None
        self.error = ""          # one line for people
        self.detail = ""         # the traceback, for the system console
        self.warnings: list[str] = []
        self.exception: BaseException | None = None   # the failure, for the main thread's fix hint
        self.started = 0.0
        self.finished_at = 0.0
        self.stats = TickStats()
        self.abandoned = False   # finished without waiting for the thread: nothing more reaches bpy
        self._done_called = False

    # -- lifecycle --------------------------------------------------------
    def start(self) -> "JobRunner":
        self.started = time.time()
        self.state = "running"
        if self.synchronous:
            self._work()
            self.drain(budget_s=None)
        else:
            self._thread = threading.Thread(target=self._work, name=f"codeform-{self.job.kind or 'job'}",
                                            daemon=True)
            self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_event.set()
        self._resume.set()

    def resume(self) -> None:
        if self.state == "paused":
            self.state = "running"
            self.pause_message = ""
        self._resume.set()

    @property
    def finished(self) -> bool:
        return self._done_called

    @property
    def elapsed(self) -> float:
        end = self.finished_at or time.time()
        return max(0.0, end - self.started) if self.started else 0.0

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the worker thread; True when it has ended."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def abandon(self) -> None:
        """Cancel, fail every pending main-thread call, and finish now without waiting for
        the thread (closing the file, disabling the extension). Later posts are ignored."""
        self.abandoned = True
        self.cancel()
        self.join(1.0)
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, _MainCall):
                item.future.cancel()
        if not self._done_called:
            self._finish(_Finished("cancelled", error="cancelled"))

    # -- worker side ------------------------------------------------------
    def _put(self, item: Any) -> None:
        if self._done_called:
            if isinstance(item, _MainCall):
                item.future.cancel()
            return
        self._queue.put(item)
        if self.synchronous and not isinstance(item, _Finished):
            self.drain(budget_s=None)

    def _work(self) -> None:
        ctx = JobContext(self)
        try:
            result = self.job.work(ctx)
        except BaseException as exc:  # noqa: BLE001 - a job must always report back
            self.exception = exc
            if self.cancel_event.is_set() or isinstance(exc, JobCancelled) or type(exc).__name__ == "Cancelled":
                self._queue.put(_Finished("cancelled", error="cancelled"))
            else:
                secrets = self.job.secrets
                self._queue.put(_Finished("failed", error=redact(self.error_message(exc), secrets),
                                          detail=redact("".join(traceback.format_exception(exc)), secrets)))
            return
        state = "cancelled" if self.cancel_event.is_set() else "done"
        self._queue.put(_Finished(state, result=result))

    # -- main-thread side -------------------------------------------------
    def drain(self, budget_s: float | None = 0.03) -> bool:
        """Handle queued items on the main thread until the queue is empty or `budget_s`
        has been spent (None: no limit). Returns True once the job has finished."""
        if self._done_called:
            return True
        t0 = time.perf_counter()
        changed = False
        handled = 0
        while budget_s is None or time.perf_counter() - t0 < budget_s:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            handled += 1
            if isinstance(item, _Post):
                for name in item.fields_set:
                    setattr(self.progress, name, getattr(item.progress, name))
                changed = True
            elif isinstance(item, _StageState):
                self.stage_states[item.stage] = (item.state, item.message)
                changed = True
            elif isinstance(item, _MainCall):
                self._run_main_call(item)
                changed = True
            elif isinstance(item, _Paused):
                if not self.cancel_event.is_set():
                    self.state, self.pause_message = "paused", item.message
                changed = True
            elif isinstance(item, _Finished):
                self._finish(item)
                changed = False
                break
        if changed and self.on_progress is not None:
            self.on_progress(self)
        if handled:
            self.stats.durations.append(time.perf_counter() - t0)
            self.stats.items += handled
        return self._done_called

    def _run_main_call(self, call: _MainCall) -> None:
        if not call.future.set_running_or_notify_cancel():
            return  # the job stopped waiting (cancelled)
        try:
            value = call.fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the job thread
            call.future.set_exception(exc)
            return
        if call.undo and self.undo_push is not None:
            self.undo_push(call.undo)
        call.future.set_result(value)

    def _finish(self, item: _Finished) -> None:
        self._done_called = True
        self.state = item.state
        self.result, self.error, self.detail = item.result, item.error, item.detail
        self.finished_at = time.time()
        if self.on_progress is not None:
            self.on_progress(self)
        if self.job.on_done is not None:
            self.job.on_done(self)


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def redact(text: str, secrets: tuple[str, ...] | list[str]) -> str:
    """Mask every secret (API keys) in `text`; short strings are not secrets worth masking
    and would mangle ordinary words."""
    for secret in secrets:
        if secret and len(secret) >= 8:
            text = text.replace(secret, "***")
    return text
