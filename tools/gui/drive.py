"""Runs inside a real Blender window (tools/gui/run.sh): install the CodeForm zip, open the
CodeForm tab and drive the sidebar through each state, one X-level screenshot per state.

States: idle; reference chosen; running (progress); paused between stages; done (stages and
an edit in the history); failed (a one-line message with its fix); the preferences.
Exit code 0 only when no Python error was printed by any draw or operator.
"""
import importlib
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
ERRORS: list[str] = []
REPORT: list[str] = []
T0 = time.time()


class ErrorTee:
    """Records Python errors Blender prints (draw() and operator exceptions go to sys.stderr).
    CodeForm's own failure details (prefixed "CodeForm:") are expected in the failed state."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        if not text.startswith("CodeForm: ") and ("Traceback" in text or "Error:" in text):
            ERRORS.append(text.strip()[:400])
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


def view3d():
    window = bpy.context.window_manager.windows[0]
    area = max((a for a in window.screen.areas if a.type == "VIEW_3D"), key=lambda a: a.width * a.height)
    return window, area


def wait_for(condition, timeout: float, what: str):
    end = time.time() + timeout
    while not condition():
        if time.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        yield 0.1


def settle(seconds: float = 0.8):
    """Give Blender a few redraws."""
    for area in bpy.context.window_manager.windows[0].screen.areas:
        area.tag_redraw()
    yield seconds


def steps():
    ext_modules = install()
    ext, host, runner_mod, runs, program_mod = ext_modules
    window, area = view3d()
    space = area.spaces.active
    space.show_region_ui = True
    space.shading.type = "SOLID"
    yield from settle(0.5)
    region = next(r for r in area.regions if r.type == "UI")
    yield from open_tab(window, region, "CodeForm")
    # The default cube would only confuse the pictures.
    for obj in list(bpy.data.objects):
        if obj.type == "MESH":
            bpy.data.objects.remove(obj)
    yield from settle(1.5)
    shot("1-idle")

    with bpy.context.temp_override(window=window, area=area):
        assert bpy.ops.codeform.reference_open(filepath=os.path.join(FIXTURES, "reference.png")) == {"FINISHED"}
    bpy.context.scene.codeform.hint = "a red desk lamp on a wooden desk"
    yield from settle(1.5)
    shot("2-reference")

    job = reconstruct_job(ext, runner_mod, runs, program_mod, pause_after=("geometry",))
    host.start(job, synchronous=False)
    yield from wait_for(lambda: host.active() and host.active().progress.component == "shade", 30,
                        "geometry progress")
    yield from settle(0.5)
    shot("3-running")

    yield from wait_for(lambda: host.active() and host.active().state == "paused", 30, "the pause after geometry")
    bpy.context.scene.codeform.pause_after_stage = True
    yield from settle(1.0)
    shot("4-paused")
    host.resume()

    yield from wait_for(lambda: host.active() is None, 60, "the run to finish")
    edit_program(runs, program_mod)
    space.shading.color_type = "MATERIAL"
    if bpy.context.scene.camera is not None:
        space.region_3d.view_perspective = "CAMERA"
    bpy.context.scene.codeform.instruction = "make the shade brass"
    yield from settle(1.5)
    shot("5-done")

    failing = reconstruct_job(ext, runner_mod, runs, program_mod, fail_at="material")
    host.start(failing, synchronous=False)
    yield from wait_for(lambda: host.active() is None, 60, "the failing run to end")
    yield from settle(1.5)
    shot("6-failed")
    log(f"failed state says: {bpy.context.window_manager.codeform.job.error}")

    # The preferences in the big area of this window (a new window would open off-screen).
    area.type = "PREFERENCES"
    bpy.context.preferences.active_section = "ADDONS"
    bpy.context.window_manager.addon_search = "CodeForm"
    bpy.context.preferences.addons[MODULE].preferences.api_key = "sk-gui-test-not-a-real-key"
    with bpy.context.temp_override(window=window, area=area):
        bpy.ops.preferences.addon_expand(module=MODULE)
    yield from settle(2.0)
    shot("7-preferences")


def open_tab(window, region, category: str):
    """Switch the sidebar to `category`: set it where Blender allows (5.0), else press
    Ctrl+Tab over the sidebar until it shows (4.3's property is read-only)."""
    try:
        region.active_panel_category = category
    except AttributeError:
        pass
    for _ in range(12):
        if region.active_panel_category == category:
            log(f"sidebar tab: {category}")
            return
        x, y = region.x + region.width // 2, region.y + region.height // 2
        window.event_simulate(type="MOUSEMOVE", value="NOTHING", x=x, y=y)
        window.event_simulate(type="TAB", value="PRESS", x=x, y=y, ctrl=True)
        window.event_simulate(type="TAB", value="RELEASE", x=x, y=y, ctrl=True)
        yield 0.3
    raise AssertionError(f"could not open the {category} tab (at {region.active_panel_category})")


def install():
    log(f"Blender {bpy.app.version_string}, Python {sys.version.split()[0]}")
    result = bpy.ops.extensions.package_install_files(filepath=ZIP, repo="user_default", enable_on_install=True)
    log(f"installed the extension zip: {result}")
    assert MODULE in bpy.context.preferences.addons, "the extension did not enable"
    ext = importlib.import_module(MODULE)
    return (ext, importlib.import_module(MODULE + ".jobs.host"), importlib.import_module(MODULE + ".jobs.runner"),
            importlib.import_module(MODULE + ".scene.runs"), importlib.import_module(MODULE + ".pipeline.programfile"))


def reconstruct_job(ext, runner_mod, runs, programfile, pause_after=(), fail_at=None):
    """The desk lamp example played back stage by stage through the real job runner: a
    worker thread posts progress and hands each accepted stage to the main thread."""
    folder = os.path.join(os.path.dirname(ext.__file__), "examples", "desk_lamp")
    source = programfile.load_program_path(folder)
    stages = ("geometry", "material", "composition", "lighting")
    parts = {s: list(source.stages[s].parts().parts) for s in stages}
    program = type(source)(name="desk_lamp", blueprint=source.blueprint)

    def work(ctx):
        calls = 0
        for stage in stages:
            ctx.stage_state(stage, "running")
            for i, part in enumerate(parts[stage] or [stage]):
                calls += 1
                ctx.progress(stage=stage, component=part, iteration=1, calls=calls, cost_usd=calls * 0.012,
                             fraction=(stages.index(stage) + i / max(1, len(parts[stage]))) / 4,
                             message=f"Writing {part.replace('_', ' ')}")
                time.sleep(0.25)
                ctx.check_cancelled()
            if stage == fail_at:
                ctx.stage_state(stage, "failed", "The model's code raised: KeyError 'Base Colour' (line 12)")
                raise ext.pipeline.errors.ProviderError(
                    "OpenAI refused the key (401): set a valid key in Preferences > Add-ons > CodeForm")
            program.set_stage_code(stage, source.stages[stage].code)
            if stage == "geometry":
                ctx.on_main(runs.install, program, undo=f"CodeForm: {stage}")
            else:
                ctx.on_main(runs.apply, program, start=stage, undo=f"CodeForm: {stage}")
            ctx.stage_state(stage, "done")
            if stage in pause_after:
                ctx.pause(f"{stage} accepted")
        return "Reconstructed desk_lamp: 4 stages"

    return runner_mod.Job("Reconstruct", work, kind="reconstruct", run="desk_lamp")


def edit_program(runs, programfile):
    program = runs.load_program("desk_lamp")
    geometry = program.stages["geometry"].parts().parts
    part = next(iter(geometry))
    program.replace_parts("geometry", {part: geometry[part]}, origin="edit", note="make the base heavier")
    program.stages["geometry"].versions[-1].metrics["score"] = 0.81
    runs.apply(program)


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
        log("no Python error printed by any draw or operator")
    with open(os.path.join(SHOTS, "report.txt"), "w") as f:
        f.write("\n".join(REPORT) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


bpy.app.timers.register(tick, first_interval=2.0)
