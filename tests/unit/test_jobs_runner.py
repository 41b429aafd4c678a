"""The job runner without Blender: thread, queue, drain budget, cancel, pause, redaction."""
import threading
import time
from dataclasses import dataclass

from codeform.jobs.runner import Job, JobCancelled, JobRunner, Progress, redact


def _run_threaded(runner, timeout=5.0):
    runner.start()
    end = time.time() + timeout
    while not runner.drain():
        assert time.time() < end
        time.sleep(0.005)
    return runner


def test_pipeline_events_map_onto_progress_by_name():
    @dataclass
    class Event:  # the engine's own event class: extra fields are ignored
        stage: str
        state: str
        message: str
        component: str = ""
        calls: int = 3
        cost_usd: float = 0.25
        elapsed_s: float = 9.0

    runner = JobRunner(Job("J", lambda ctx: (ctx.progress(Event("geometry", "started", "go", "leg")),
                                              ctx.progress({"message": "half", "fraction": 0.5}))))
    _run_threaded(runner)
    p = runner.progress
    assert (p.stage, p.component, p.state, p.calls, p.cost_usd) == ("geometry", "leg", "started", 3, 0.25)
    assert (p.message, p.fraction) == ("half", 0.5)  # a later partial post keeps the rest


def test_main_calls_run_in_drain_on_the_calling_thread_and_push_undo():
    undo, where = [], []
    runner = JobRunner(Job("J", lambda ctx: ctx.on_main(lambda: where.append(threading.get_ident()) or 7,
                                                        undo="CodeForm: geometry")),
                       undo_push=undo.append)
    _run_threaded(runner)
    assert runner.result == 7 and where == [threading.get_ident()] and undo == ["CodeForm: geometry"]


def test_drain_respects_its_budget():
    def work(ctx):
        for _ in range(5):
            ctx.on_main(time.sleep, 0.02, wait=False)
    runner = JobRunner(Job("J", work)).start()
    runner.join(2)
    t = time.perf_counter()
    runner.drain(budget_s=0.01)
    assert time.perf_counter() - t < 0.045  # one item started under budget, then it stopped
    while not runner.drain():
        pass
    assert runner.state == "done"


def test_cancel_while_waiting_for_the_main_thread_ends_cancelled():
    runner = JobRunner(Job("J", lambda ctx: ctx.on_main(lambda: None))).start()
    time.sleep(0.05)
    runner.cancel()
    assert runner.join(2)
    runner.drain()
    assert runner.state == "cancelled"


def test_pause_resume_and_cancel_from_pause():
    def work(ctx):
        ctx.pause("after geometry")
        return "went on"
    runner = JobRunner(Job("J", work)).start()
    end = time.time() + 2
    while runner.state != "paused":
        assert time.time() < end
        runner.drain()
    runner.resume()
    while not runner.drain():
        pass
    assert runner.result == "went on"
    runner = JobRunner(Job("J", work)).start()
    while runner.state != "paused":
        runner.drain()
    runner.cancel()
    while not runner.drain():
        pass
    assert runner.state == "cancelled"


def test_synchronous_jobs_run_inline_and_never_pause():
    def work(ctx):
        ctx.pause()
        ctx.progress(stage="material")
        return ctx.on_main(lambda: threading.get_ident())
    runner = JobRunner(Job("J", work), synchronous=True).start()
    assert runner.finished and runner.result == threading.get_ident()
    assert runner.progress.stage == "material"


def test_failures_are_one_line_with_secrets_masked():
    key = "sk-ant-SECRET-abcdef123"

    def work(ctx):
        raise RuntimeError(f"401 for key {key}\n  more")
    runner = _run_threaded(JobRunner(Job("J", work, secrets=(key,))))
    assert runner.state == "failed" and key not in runner.error and "\n" not in runner.error
    assert key not in runner.detail and "Traceback" in runner.detail
    assert redact("a short key", ("key",)) == "a short key"  # too short to be a secret


def test_job_cancelled_raised_by_work_is_a_cancel_not_a_failure():
    def work(ctx):
        raise JobCancelled()
    assert _run_threaded(JobRunner(Job("J", work))).state == "cancelled"
    assert Progress.from_event(Progress(stage="x"))[0].stage == "x"
