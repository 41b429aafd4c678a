"""The sidebar's jobs on real bpy with the real engine: Reconstruct replaying the desk lamp's
recorded transcript (worker rehearsal, gates, renders, live scene), stepping with Pause
After Each Stage, Cancel, Re-run Stage with a hint, and Apply Edit / Undo Edit through the
loopback fake VLM server. One reconstruction is shared by the tests that start from a
finished run."""
import importlib
import json
import time
from pathlib import Path

import bpy
import pytest

from bpytest import MODULE, disable_extension, enable_extension, install_repo

ROOT = Path(__file__).resolve().parents[2]
LAMP = ROOT / "evalset" / "desk_lamp"
REFERENCE, MASK, TRANSCRIPT = LAMP / "reference.png", LAMP / "mask.png", LAMP / "transcripts" / "staged.json"
STAGES = ("geometry", "material", "composition", "lighting")
RUN = "lamp"


def mod(name):
    return importlib.import_module(f"{MODULE}.{name}")


@pytest.fixture
def workers(extension):
    """Workers the extension starts itself: loaded from the bpy module as
    bl_ext.cftest.codeform, it must boot a fresh Python on this checkout's folder."""
    command = mod("worker.pool").worker_command()
    assert "bl_ext" not in " ".join(command)
    yield


def prefs():
    return bpy.context.preferences.addons[MODULE].preferences


def use_replay():
    p = prefs()
    p.provider, p.transcript, p.iterations, p.concurrency = "replay", str(TRANSCRIPT), 3, 2


def use_server(fake):
    p = prefs()
    p.provider, p.base_url, p.model, p.api_key = "openai-compatible", fake.openai_base_url, "fake-vision", ""
    # The edit's before/after pictures: small and quick (their engine is the artist's choice).
    p.render_engine, p.render_size, p.concurrency = "BLENDER_WORKBENCH", 64, 1


def job():
    return bpy.context.window_manager.codeform.job


def stage_states():
    return {s.name: s.state for s in job().stages}


def program(run=RUN):
    return mod("scene.store").load_program(run)


def in_scene(run=RUN):
    """stage -> hash of the code the scene shows now."""
    return mod("scene.apply").applied_record(run)


def assert_scene_is_the_program(run=RUN):
    prog, code_hash = program(run), mod("scene.apply").code_hash
    assert in_scene(run) == {s: code_hash(prog.stages[s].code) for s in prog.applied_stages()}


def choose_reference():
    assert bpy.ops.codeform.reference_open(filepath=str(REFERENCE)) == {"FINISHED"}


class Recorder:
    """Every state each stage shows in the sidebar, in order, as the timer mirrors them."""

    def __init__(self):
        self.seen = {s: [] for s in STAGES}

    def __call__(self):
        for stage, state in stage_states().items():
            if not self.seen[stage] or self.seen[stage][-1] != state:
                self.seen[stage].append(state)


def drive(until, record=None, timeout=120.0):
    """What Blender's timer does in a window: tick the host until `until()`."""
    host, end = mod("jobs.host"), time.time() + timeout
    while not until():
        assert time.time() < end, f"timed out; job {job().state}: {job().message} {job().error}"
        host.tick()
        if record:
            record()
        time.sleep(0.02)


@pytest.fixture(scope="module")
def lamp_blend(sandbox_dir, tmp_path_factory):
    """A file reconstructed by the Reconstruct button's blocking path (scripts, background
    mode), with the stage states the sidebar showed along the way. It starts from Blender's
    startup file, whose Cube, Camera and Light hold names the model's code uses too."""
    bpy.ops.wm.read_factory_settings(use_empty=False)
    assert {"Cube", "Camera", "Light"} <= set(bpy.data.objects.keys())
    install_repo(sandbox_dir)
    enable_extension()
    executor = mod("sandbox.executor")
    load_stage_module, in_process = executor.load_stage_module, []
    executor.load_stage_module = lambda *a, **k: in_process.append(a[2]) or load_stage_module(*a, **k)
    try:
        use_replay()
        choose_reference()
        host, record = mod("jobs.host"), Recorder()
        mirror = host._mirror

        def mirror_and_record(runner):   # the sidebar's view after every event, as it is drawn
            mirror(runner)
            record()
        host._mirror = mirror_and_record
        try:
            outcome = bpy.ops.codeform.reconstruct(run=RUN, mask=str(MASK))
        finally:
            host._mirror = mirror
        status = bpy.context.window_manager.codeform.status
        assert outcome == {"FINISHED"}, job().error
        # Every preview and the result came in as the worker's rehearsal, names and all.
        assert in_process == []
        assert bpy.data.objects["Camera"].get("codeform_owner") is None
        assert bpy.context.scene.camera.name == "Camera.001"
        path = tmp_path_factory.mktemp("ui") / "lamp.blend"
        bpy.ops.wm.save_as_mainfile(filepath=str(path), copy=True)
    finally:
        executor.load_stage_module = load_stage_module
        disable_extension()
    return path, record.seen, status


def open_lamp(lamp_blend):
    bpy.ops.wm.open_mainfile(filepath=str(lamp_blend[0]))
    assert RUN in mod("scene.store").list_runs()


def test_reconstruct_fills_in_the_stages_and_ends_with_the_program_in_the_file(extension, lamp_blend):
    path, seen, status = lamp_blend
    for stage in STAGES:
        assert seen[stage] == ["pending", "running", "done"], (stage, seen[stage])
    assert status == "Reconstructed lamp: 4 stages, 27 calls, $0.00"
    open_lamp(lamp_blend)
    prog = program()
    assert prog.applied_stages() == list(STAGES)
    # The same program the CLI makes from the same transcript and mask.
    assert [prog.stages[s].current + 1 for s in STAGES] == [3, 1, 3, 1]
    assert prog.stages["geometry"].parts().parts.keys() >= {"base", "shade", "cord"}
    assert_scene_is_the_program()
    assert {"Lamp_Shade", "Lamp_Cord", "Camera", "Desk_Top", "Key"} <= set(bpy.data.objects.keys())
    assert shade_materials() == ["Red_Enamel", "Shade_Inside"]


def test_pause_after_each_stage_waits_for_next_stage_and_cancel_keeps_what_was_accepted(workers):
    """Threaded, as a click runs it: the job pauses after geometry with that stage stored,
    Next Stage goes on, and Cancel during material stops at the next call."""
    use_replay()
    choose_reference()
    bpy.context.scene.codeform.pause_after_stage = True
    wiring, provider, host = mod("operators.wiring"), mod("operators.provider"), mod("jobs.host")
    job_ = wiring.reconstruct_job(bpy.context, run=RUN, image=REFERENCE.read_bytes(), mask=MASK.read_bytes(),
                                  hint="", pause_after_stage=True, settings=provider.snapshot())
    record = Recorder()
    runner = host.start(job_, synchronous=False)
    drive(lambda: runner.state == "paused", record)
    assert job().state == "paused" and "Next Stage" in job().pause_message
    assert stage_states() == {"geometry": "done", "material": "pending", "composition": "pending",
                              "lighting": "pending"}
    assert program().applied_stages() == ["geometry"]   # stored: saving now keeps it
    assert_scene_is_the_program()
    time.sleep(0.3)
    host.tick()
    assert runner.state == "paused" and stage_states()["material"] == "pending"   # still waiting
    with pytest.raises(RuntimeError, match="Reconstruct is running"):   # the job owns the program now
        bpy.ops.codeform.stage_undo(run=RUN, stage="geometry")
    assert bpy.ops.codeform.view_code(run=RUN, stage="geometry") == {"FINISHED"}   # reading is fine

    assert bpy.ops.codeform.next_stage() == {"FINISHED"}
    drive(lambda: stage_states()["material"] == "running" and job().component, record)
    assert bpy.ops.codeform.cancel_job() == {"FINISHED"}
    drive(lambda: host.active() is None, record)
    assert runner.state == "cancelled" and job().state == "cancelled" and runner.join(5)
    assert seen_in_order(record.seen["geometry"], ["pending", "running", "done"])
    assert record.seen["composition"] == ["pending"] and record.seen["lighting"] == ["pending"]
    assert job().calls < 22   # stopped between calls: nothing after material's critique
    applied = program().applied_stages()
    assert applied[0] == "geometry" and "composition" not in applied
    assert_scene_is_the_program()   # no preview left over: the scene is what the file holds


def seen_in_order(seen, wanted):
    return [s for s in seen if s in wanted] == wanted


@pytest.fixture(scope="module")
def fake_server():
    fakevlm = pytest.importorskip("fakevlm")
    with fakevlm.FakeVLM(idle_timeout_s=300) as fake:
        yield fake


@pytest.fixture
def fake(fake_server):
    fake_server.reset()
    yield fake_server
    fake_server.reset()


def fenced(kind, body):
    return f"```{kind}\n{body}\n```"


SHADE_BLUE = '''import bpy


def material_shade(ctx):
    mat = bpy.data.materials.new("Shade_Blue")
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (0.02, 0.06, 0.4, 1.0)
    mat.diffuse_color = (0.02, 0.06, 0.4, 1.0)
    for obj in ctx.objects:
        if obj.data is None:
            continue
        obj.data.materials.clear()
        obj.data.materials.append(mat)
'''


def shade_materials():
    return [m.name for m in bpy.data.objects["Lamp_Shade"].data.materials]


def parts(prog):
    return {s: prog.stages[s].parts() for s in STAGES}


def test_apply_edit_changes_only_the_part_it_is_about_and_undo_edit_restores_it(workers, lamp_blend, fake):
    open_lamp(lamp_blend)
    use_server(fake)
    before = program()
    shade_before = shade_materials()
    bpy.ops.ed.undo_push(message="before the edit")
    plan = {"summary": "a deep blue shade", "change": [{"stage": "material", "part": "shade",
                                                       "what": "deep blue enamel"}]}
    fake.script(fenced("json", json.dumps(plan)), "Here it is.\n\n" + fenced("python", SHADE_BLUE))
    bpy.context.scene.codeform.instruction = "make the shade deep blue"
    assert bpy.ops.codeform.apply_edit() == {"FINISHED"}, job().error
    assert "Edited material/shade" in bpy.context.window_manager.codeform.status
    locate, write = fake.requests
    assert "make the shade deep blue" in locate.prompt and locate.image_count == 1

    after = program()
    was, now = parts(before), parts(after)
    for stage in STAGES:
        assert now[stage].preamble == was[stage].preamble
        for name, source in was[stage].parts.items():
            if (stage, name) == ("material", "shade"):
                assert "Shade_Blue" in now[stage].parts[name]
            else:
                assert now[stage].parts[name] == source, f"{stage}/{name} changed"
    material = after.stages["material"]
    assert material.version.origin == "edit" and material.version.note == "make the shade deep blue"
    assert shade_materials() == ["Shade_Blue"]
    assert_scene_is_the_program()

    # Ctrl+Z takes back the whole edit in one named step, and Ctrl+Shift+Z brings it back.
    assert bpy.ops.ed.undo() == {"FINISHED"}
    assert shade_materials() == shade_before and program().stages["material"].code == before.stages["material"].code
    assert bpy.ops.ed.redo() == {"FINISHED"}
    assert shade_materials() == ["Shade_Blue"]

    view = mod("panels.state").run_view(RUN)
    assert [(e.stage, e.note, e.current) for e in view.edits] == [("material", "make the shade deep blue", True)]

    edit = view.edits[0]
    assert bpy.ops.codeform.edit_undo(run=RUN, stage=edit.stage, version=edit.version) == {"FINISHED"}
    assert "Undid 'make the shade deep blue' in material" in bpy.context.window_manager.codeform.status
    undone = program()
    assert undone.stages["material"].current == before.stages["material"].current
    assert undone.stages["material"].code == before.stages["material"].code
    assert shade_materials() == shade_before
    assert_scene_is_the_program()
    assert [e.current for e in mod("panels.state").run_view(RUN).edits] == [False]
    with pytest.raises(RuntimeError, match="not applied"):   # an undone edit has nothing left to undo
        bpy.ops.codeform.edit_undo(run=RUN, stage=edit.stage, version=edit.version)


def test_an_ambiguous_instruction_shows_the_question_and_changes_nothing(workers, lamp_blend, fake):
    open_lamp(lamp_blend)
    use_server(fake)
    text_before = bpy.data.texts[mod("scene.store").program_text_name(RUN)].as_string()
    question = "Which part should look nicer: the shade, the arm or the base?"
    fake.script(fenced("json", json.dumps({"question": question})))
    bpy.context.scene.codeform.instruction = "make it nicer"
    assert bpy.ops.codeform.apply_edit() == {"CANCELLED"}
    assert job().question == question and job().state == "done"
    assert "The model asks: Which part" in bpy.context.window_manager.codeform.status
    assert bpy.data.texts[mod("scene.store").program_text_name(RUN)].as_string() == text_before
    assert len(fake.requests) == 1 and mod("panels.state").run_view(RUN).edits == []


def test_rerun_a_stage_with_a_hint_makes_a_new_version_and_reapplies_the_later_ones(workers, lamp_blend, fake):
    open_lamp(lamp_blend)
    use_server(fake)
    prefs().iterations = 1
    before = program()
    camera = before.stages["composition"].code.replace("data.lens = 50", "data.lens = 70", 1)
    assert camera != before.stages["composition"].code
    fake.script("Lower and longer:\n\n" + fenced("python", camera))
    assert bpy.ops.codeform.stage_rerun(run=RUN, stage="composition", hint="a longer lens") == {"FINISHED"}, \
        job().error
    assert "Re-ran composition of lamp" in bpy.context.window_manager.codeform.status
    (request,) = fake.requests
    assert "a longer lens" in request.prompt and "composition stage" in request.prompt
    after = program()
    comp = after.stages["composition"]
    assert len(comp.versions) == len(before.stages["composition"].versions) + 1
    assert comp.code == camera and comp.version.origin == "model"
    for stage in ("geometry", "material", "lighting"):
        assert after.stages[stage].code == before.stages[stage].code
    assert after.applied_stages() == list(STAGES)
    assert_scene_is_the_program()   # lighting re-applied on top of the new camera
    # Per-stage undo goes back to the composition that was there.
    assert bpy.ops.codeform.stage_undo(run=RUN, stage="composition") == {"FINISHED"}
    assert program().stages["composition"].code == before.stages["composition"].code


def test_rerun_explains_what_it_needs(extension, lamp_blend):
    open_lamp(lamp_blend)
    use_replay()
    bpy.context.scene.codeform.reference = None
    with pytest.raises(RuntimeError, match="Choose the reference image first"):
        bpy.ops.codeform.stage_rerun(run=RUN, stage="material")
