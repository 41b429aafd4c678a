"""Runs inside a real Blender window (tools/gui/run.sh): install the CodeForm zip, open the
CodeForm tab and drive the sidebar through the whole loop with the real pipeline, one
X-level screenshot per state.

The reconstruction is the desk lamp replayed from its recorded transcript (the replay
provider: no network, no key) through the real engine: Blender's own binary as the
rehearsal worker, the gates, feedback renders, metrics and the live scene. The buttons are
pressed the way a click presses them (INVOKE_DEFAULT in the window: a job thread and a
modal operator), so the timer, the progress, the pause and the undo steps are the real ones.

States: idle; reference chosen; running (the viewport filling in); paused between stages;
done (stages and a real edit in the history); failed (a transcript that runs out: a
one-line message with its fix); the preferences. Exit code 0 only when no Python error was
printed by any draw, operator, timer or job thread.
"""
import importlib
import json
import os
import subprocess
import sys
import time
import traceback

import bpy

ZIP = os.environ["CODEFORM_ZIP"]
SHOTS = os.environ["CODEFORM_SHOTS"]
FIXTURES = os.environ["CODEFORM_FIXTURES"]
MODULE = "bl_ext.user_default.codeform"
REFERENCE = os.path.join(FIXTURES, "desk_lamp.png")    # evalset/desk_lamp/reference.png
RUN = "desk_lamp"                                       # the run is named after the image
MASK = os.path.join(FIXTURES, "mask.png")
STAGED = os.path.join(FIXTURES, "staged.json")          # evalset/desk_lamp/transcripts/staged.json
EDIT = os.path.join(FIXTURES, "edit_shade.json")        # "make the shade brass", and nothing else
ERRORS: list[str] = []
FAILURES: list[str] = []      # CodeForm's own "<job> failed" details: expected only in the failed state
REPORT: list[str] = []
T0 = time.time()


class ErrorTee:
    """Records Python errors Blender prints (draw(), operator, timer and thread exceptions go
    to sys.stderr). A job's failure detail ("CodeForm: <job> failed:") is kept apart: the
    failed state expects exactly one."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        if text.startswith("CodeForm: ") and " failed:\n" in text:
            FAILURES.append(text.split("\n", 1)[0])
        elif "Traceback" in text or "Error:" in text or text.startswith("CodeForm: job timer failed"):
            ERRORS.append(text.strip()[:600])
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()


sys.stderr = ErrorTee(sys.stderr)
bpy.context.preferences.view.show_splash = False


def log(message: str) -> None:
    line = f"[{time.time() - T0:6.1f}s] {message}"
    REPORT.append(line)
    print(line, flush=True)


def shot(name: str) -> None:
    path = os.path.join(SHOTS, f"{name}.png")
    subprocess.run(["import", "-window", "root", path], check=True, timeout=30)
    log(f"screenshot {name}.png")


def wait_for(condition, timeout: float, what: str):
    end = time.time() + timeout
    while not condition():
        if time.time() > end:
            raise AssertionError(f"timed out waiting for {what} (job: {job_line()})")
        yield 0.1


def settle(seconds: float = 0.8):
    """Give Blender a few redraws."""
    for area in bpy.context.window_manager.windows[0].screen.areas:
        area.tag_redraw()
    yield seconds


def job_line() -> str:
    p = bpy.context.window_manager.codeform.job
    return f"{p.label} {p.state} {p.stage}/{p.component} {p.calls} calls: {p.message or p.error}"


class Window:
    """The 3D View of the main window, maximised so the sidebar has the window's height."""

    def __init__(self):
        self.window = bpy.context.window_manager.windows[0]
        self.area = max((a for a in self.window.screen.areas if a.type == "VIEW_3D"), key=lambda a: a.width * a.height)

    @property
    def space(self):
        return self.area.spaces.active

    @property
    def sidebar(self):
        return next(r for r in self.area.regions if r.type == "UI")

    @property
    def main_region(self):
        return next(r for r in self.area.regions if r.type == "WINDOW")

    def override(self, region=None):
        return bpy.context.temp_override(window=self.window, screen=self.window.screen, area=self.area,
                                         region=region or self.main_region)

    def click(self, op: str, **props):
        """An operator as a click runs it (INVOKE_DEFAULT, with a window: a job runs on a thread)."""
        category, name = op.split(".")
        with self.override(self.sidebar):
            result = getattr(getattr(bpy.ops, category), name)("INVOKE_DEFAULT", **props)
        log(f"clicked {op}: {result}")
        return result

    def frame_lamp(self):
        """A user view from where the scene's camera is (the planner's guess while the
        model writes: the live scene replaces that camera with each preview, and a view
        looking through it would drop back to perspective), closed in on the lamp."""
        r3d = self.space.region_3d
        r3d.view_perspective = "PERSP"
        camera = bpy.context.scene.camera
        if camera is not None:
            r3d.view_rotation = camera.matrix_world.to_quaternion()
        r3d.view_location, r3d.view_distance = (0.08, 0.0, 0.25), 1.0

    def frame_camera(self):
        """Look through the composition's camera, the frame filling the 3D View."""
        if bpy.context.scene.camera is None:
            return self.frame_lamp()
        self.space.region_3d.view_perspective = "CAMERA"
        with self.override():
            bpy.ops.view3d.view_center_camera()


def steps():
    ext, host = install()
    # The sidebar beside the viewport, not over it: the camera's frame then fits what shows.
    bpy.context.preferences.system.use_region_overlap = False
    ui = Window()
    with ui.override():
        bpy.ops.screen.screen_full_area()      # the 3D View fills the window: a tall sidebar
    ui = Window()
    ui.space.show_region_ui = True
    ui.space.shading.type = "SOLID"
    ui.space.shading.color_type = "MATERIAL"
    ui.space.overlay.show_floor = True
    # The scene as the artist judges it: the lamp, not the wireframes of the camera guess
    # (which sits between this view and the lamp) and the lights.
    ui.space.show_object_viewport_camera = False
    ui.space.show_object_viewport_light = False
    yield from settle(0.5)
    yield from open_tab(ui, "CodeForm")
    for obj in list(bpy.data.objects):          # the default cube, light and camera
        bpy.data.objects.remove(obj)
    prefs = bpy.context.preferences.addons[MODULE].preferences
    prefs.provider, prefs.transcript, prefs.iterations, prefs.concurrency = "replay", STAGED, 3, 2
    log(f"numpy: {numpy_version()}; pipeline: {ext.operators.engine.missing('pipeline') or 'present'}")
    ui.frame_lamp()   # where the lamp will stand (about 0.6 m tall)
    yield from settle(1.5)
    shot("1-idle")

    with ui.override(ui.sidebar):
        assert bpy.ops.codeform.reference_open(filepath=REFERENCE) == {"FINISHED"}
    bpy.context.scene.codeform.hint = "a red desk lamp on a wooden desk"
    bpy.context.scene.codeform.pause_after_stage = True
    yield from settle(1.5)
    shot("2-reference")

    assert ui.click("codeform.reconstruct", mask=MASK) == {"RUNNING_MODAL"}
    runner = host.active()
    yield from wait_for(lambda: written_parts() >= 3 or runner.state == "paused" or runner.finished, 120,
                        "geometry components to land")
    ui.frame_lamp()
    yield from settle(0.6)
    shot("3-running")
    log(f"running: {job_line()}")

    yield from wait_for(lambda: runner.state == "paused" or runner.finished, 180, "the pause after geometry")
    assert runner.state == "paused", f"the job did not pause: {job_line()}"
    ui.frame_lamp()
    yield from settle(1.2)
    shot("4-paused")
    log(f"paused: {runner.pause_message}")
    while not runner.finished:                  # Next Stage after each stage, as the artist steps
        if runner.state == "paused":
            with ui.override(ui.sidebar):
                assert bpy.ops.codeform.next_stage() == {"FINISHED"}
            log(f"next stage after: {runner.pause_message or job_line()}")
        yield 0.2
    assert runner.state == "done", f"the reconstruction ended {runner.state}: {runner.error}"
    log(f"done: {bpy.context.window_manager.codeform.status}")

    # A real edit by sentence through the same job runner, answered by a replay transcript.
    prefs.transcript = EDIT
    bpy.context.scene.codeform.instruction = "make the shade brass"
    yield from settle(0.3)
    assert ui.click("codeform.apply_edit") == {"RUNNING_MODAL"}
    edit = host.active()
    yield from wait_for(lambda: edit.finished, 120, "the edit")
    assert edit.state == "done" and not getattr(edit.result, "question", ""), f"edit: {edit.state} {edit.error}"
    log(f"edit: {bpy.context.window_manager.codeform.status}")
    ui.frame_camera()
    yield from settle(1.5)
    shot("5-done")

    # Re-run lighting with a transcript that has no lighting reply: it runs out at once.
    assert ui.click("codeform.stage_rerun", stage="lighting") == {"RUNNING_MODAL"}
    failing = host.active()
    yield from wait_for(lambda: failing is None or failing.finished, 120, "the failing re-run")
    yield from settle(1.5)
    shot("6-failed")
    p = bpy.context.window_manager.codeform.job
    log(f"failed state says: {p.error} (fix: {p.fix or 'none'})")
    assert p.state == "failed" and p.fix == "preferences" and "\n" not in p.error, job_line()
    assert len(FAILURES) == 1 and "Re-run lighting failed" in FAILURES[0], FAILURES

    # The preferences in the big area of this window (a new window would open off-screen).
    ui.area.type = "PREFERENCES"
    bpy.context.preferences.active_section = "ADDONS"
    bpy.context.window_manager.addon_search = "CodeForm"
    with bpy.context.temp_override(window=ui.window, area=ui.area):
        bpy.ops.preferences.addon_expand(module=MODULE)
    yield from settle(2.0)
    shot("7-preferences")


def written_parts() -> int:
    """Geometry parts the live scene shows as the model wrote them; the others are still
    the blockout's boxes, named after their component ("base", "shade", ...)."""
    coll = bpy.data.collections.get(f"CodeForm/{RUN}/geometry")
    return sum(1 for o in (coll.all_objects if coll else ()) if o.name.startswith("Lamp_"))


def numpy_version() -> str:
    try:
        import numpy
        return numpy.__version__
    except ImportError:
        return "missing"


def open_tab(ui, category: str):
    """Switch the sidebar to `category`: set it where Blender allows (5.0), else press
    Ctrl+Tab over the sidebar until it shows (4.3's property is read-only)."""
    region = ui.sidebar
    try:
        region.active_panel_category = category
    except AttributeError:
        pass
    for _ in range(12):
        if region.active_panel_category == category:
            log(f"sidebar tab: {category}")
            return
        x, y = region.x + region.width // 2, region.y + region.height // 2
        ui.window.event_simulate(type="MOUSEMOVE", value="NOTHING", x=x, y=y)
        ui.window.event_simulate(type="TAB", value="PRESS", x=x, y=y, ctrl=True)
        ui.window.event_simulate(type="TAB", value="RELEASE", x=x, y=y, ctrl=True)
        yield 0.3
    raise AssertionError(f"could not open the {category} tab (at {region.active_panel_category})")


def install():
    log(f"Blender {bpy.app.version_string}, Python {sys.version.split()[0]}")
    result = bpy.ops.extensions.package_install_files(filepath=ZIP, repo="user_default", enable_on_install=True)
    log(f"installed the extension zip: {result}")
    assert MODULE in bpy.context.preferences.addons, "the extension did not enable"
    return importlib.import_module(MODULE), importlib.import_module(MODULE + ".jobs.host")


_gen = steps()


def tick():
    try:
        return next(_gen)
    except StopIteration:
        return finish(0)
    except Exception:  # noqa: BLE001
        ERRORS.append(traceback.format_exc())
        return finish(1)


def finish(code: int):
    if ERRORS:
        code = 1
        log(f"{len(ERRORS)} Python error(s) printed:")
        for e in ERRORS:
            log("  " + e.replace("\n", "\n  "))
    else:
        log("no Python error printed by any draw, operator, timer or job thread")
    with open(os.path.join(SHOTS, "report.txt"), "w") as f:
        f.write("\n".join(REPORT) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


bpy.app.timers.register(tick, first_interval=2.0)
