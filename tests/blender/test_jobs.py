"""The job runner on real bpy: a fake job on a worker thread, drained by the host's timer
function on the main thread, with undo steps, pause, cancel, failure and file closing."""
import threading
import time

import bpy
import pytest

from bpytest import MODULE, disable_extension, enable_extension


def _modules():
    import importlib
    host = importlib.import_module(MODULE + ".jobs.host")
    runner = importlib.import_module(MODULE + ".jobs.runner")
    errors = importlib.import_module(MODULE + ".pipeline.errors")
    return host, runner, errors


def _drive(host, timeout=10.0):
    """What the timer does in a window: call tick() until the job is gone."""
    end = time.time() + timeout
    while host.active() is not None:
        assert time.time() < end, "the job did not finish"
        host.tick()
        time.sleep(0.01)


def _add_cube(name):
    mesh = bpy.data.meshes.new(name)
    obj = bpy.data.objects.new(name, mesh)
    bpy.context.scene.collection.objects.link(obj)
    return obj.name


def test_threaded_job_posts_progress_and_changes_the_scene_on_the_main_thread(extension):
    host, runner_mod, _ = _modules()
    main = threading.get_ident()
    seen_threads = []

    def work(ctx):
        seen_threads.append(threading.get_ident())
        for i, stage in enumerate(("geometry", "material")):
            ctx.stage_state(stage, "running")
            ctx.progress(stage=stage, component="leg", iteration=1, calls=i + 1, cost_usd=0.01 * (i + 1))
            name = ctx.on_main(lambda s=stage: (seen_threads.append(threading.get_ident()), _add_cube(s))[1],
                               undo=f"CodeForm: {stage}")
            assert name == stage
            ctx.stage_state(stage, "done")
        return "built 2 stages"

    bpy.ops.ed.undo_push(message="before")
    runner = host.start(runner_mod.Job("Fake", work, kind="reconstruct", run="fake"), synchronous=False)
    assert host.busy() and bpy.context.window_manager.codeform.job.state == "running"
    _drive(host)
    assert runner.state == "done" and runner.result == "built 2 stages"
    assert seen_threads[0] != main and seen_threads[1:] == [main, main]
    p = bpy.context.window_manager.codeform.job
    assert (p.state, p.stage, p.component, p.calls) == ("done", "material", "leg", 2)
    assert pytest.approx(p.cost) == 0.02
    assert {s.name: s.state for s in p.stages} == {"geometry": "done", "material": "done"}
    assert {"geometry", "material"} <= set(bpy.data.objects.keys())
    # Each main-thread apply pushed its named undo step: one undo removes the last stage only.
    bpy.ops.ed.undo()
    assert "material" not in bpy.data.objects and "geometry" in bpy.data.objects


def test_background_mode_runs_the_same_job_synchronously(extension):
    host, runner_mod, _ = _modules()

    def work(ctx):
        ctx.progress(stage="geometry", message="inline")
        return ctx.on_main(_add_cube, "inline")

    runner = host.start(runner_mod.Job("Fake", work))  # bpy.app.background: synchronous
    assert runner.finished and runner.state == "done" and runner.result == "inline"
    assert host.active() is None and not host.busy()
    assert bpy.context.window_manager.codeform.job.message == "inline"


def test_cancel_stops_the_job_between_calls(extension):
    host, runner_mod, _ = _modules()
    calls = []

    def work(ctx):
        while True:
            ctx.check_cancelled()
            calls.append(1)
            ctx.on_main(lambda: None)
            time.sleep(0.01)

    runner = host.start(runner_mod.Job("Loop", work, kind="reconstruct"), synchronous=False)
    for _ in range(5):
        host.tick()
        time.sleep(0.02)
    assert bpy.ops.codeform.cancel_job() == {"FINISHED"}
    _drive(host)
    assert runner.state == "cancelled" and runner.join(2.0)
    assert bpy.context.window_manager.codeform.job.state == "cancelled"
    with pytest.raises(RuntimeError, match="Nothing is running"):
        bpy.ops.codeform.cancel_job()


def test_the_call_that_keeps_what_was_accepted_runs_after_cancel_but_not_after_closing(extension):
    host, runner_mod, _ = _modules()
    ran = []

    def job(started):
        def work(ctx):
            started.set()
            ctx.cancel.wait(10)
            try:
                ctx.on_main(lambda: None)   # an ordinary call: refused once cancelled
            except runner_mod.JobCancelled:
                pass
            return ctx.on_main(lambda: ran.append(_add_cube("kept")), even_if_cancelled=True,
                               undo="CodeForm: reconstruct")
        return runner_mod.Job("Keep", work, kind="reconstruct")

    started = threading.Event()
    runner = host.start(job(started), synchronous=False)
    assert started.wait(2)
    assert bpy.ops.codeform.cancel_job() == {"FINISHED"}
    _drive(host)
    assert runner.state == "cancelled" and ran == ["kept"] and "kept" in bpy.data.objects

    started = threading.Event()
    runner = host.start(job(started), synchronous=False)
    assert started.wait(2)
    bpy.ops.wm.read_homefile(use_empty=True)   # closing the file abandons the job: nothing reaches bpy
    assert runner.finished and runner.abandoned and runner.join(2.0)
    for _ in range(3):
        host.tick()
    assert ran == ["kept"]


def test_pause_waits_for_next_stage(extension):
    host, runner_mod, _ = _modules()

    def work(ctx):
        ctx.stage_state("geometry", "done")
        ctx.pause("geometry accepted")
        ctx.stage_state("material", "done")
        return "stepped"

    with pytest.raises(RuntimeError, match="not paused"):
        bpy.ops.codeform.next_stage()
    runner = host.start(runner_mod.Job("Step", work, kind="reconstruct"), synchronous=False)
    end = time.time() + 5
    while runner.state != "paused":
        assert time.time() < end
        host.tick()
        time.sleep(0.01)
    p = bpy.context.window_manager.codeform.job
    assert p.state == "paused" and p.pause_message == "geometry accepted"
    time.sleep(0.1)
    host.tick()
    assert runner.state == "paused" and "material" not in runner.stage_states  # still waiting
    assert bpy.ops.codeform.next_stage() == {"FINISHED"}
    _drive(host)
    assert runner.state == "done" and runner.stage_states["material"][0] == "done"


def test_a_failure_is_one_line_without_the_key_and_points_at_the_fix(extension, capsys):
    host, runner_mod, errors = _modules()
    key = "sk-live-SECRET-1234567890"

    def work(ctx):
        raise errors.ProviderError(f"the provider refused key {key}: check the API key")

    runner = host.start(runner_mod.Job("Fail", work, kind="reconstruct", secrets=(key,)), synchronous=False)
    _drive(host)
    p = bpy.context.window_manager.codeform.job
    assert runner.state == "failed" and p.state == "failed"
    assert key not in p.error and "***" in p.error and "\n" not in p.error
    assert p.fix == "preferences"
    err = capsys.readouterr().err
    assert "Traceback" in err and key not in err  # details go to the console, masked


def test_closing_the_file_cancels_a_running_job(extension):
    host, runner_mod, _ = _modules()
    started = threading.Event()

    def work(ctx):
        started.set()
        while True:
            ctx.on_main(lambda: None)  # blocks until the main thread runs it, or cancel

    runner = host.start(runner_mod.Job("Long", work), synchronous=False)
    assert started.wait(2)
    bpy.ops.wm.read_homefile(use_empty=True)  # load_pre
    assert runner.finished and runner.state == "cancelled" and runner.join(2.0)
    assert host.active() is None and not bpy.app.timers.is_registered(host._tick)


def test_disabling_the_extension_cancels_a_running_job(extension):
    host, runner_mod, _ = _modules()

    def work(ctx):
        while not ctx.cancel.wait(0.01):
            pass

    runner = host.start(runner_mod.Job("Long", work), synchronous=False)
    disable_extension()
    assert runner.finished and runner.state == "cancelled" and runner.join(2.0)
    assert not bpy.app.timers.is_registered(host._tick)
    enable_extension()
