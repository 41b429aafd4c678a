"""The staged loop end to end with fake ports: blueprint, blockout, concurrent components,
gates and repairs, verifier and refinement, best-version keeping, budget stops, resume."""
import json
import threading

import pytest

from pipeline_fakes import BudgetSpent, Live, ScriptedModel, make_ports, reference_for

from codeform.pipeline.engine import Reconstructor
from codeform.pipeline.errors import ModelFailure, ProviderError
from codeform.pipeline.ports import Context, Exemplar
from codeform.pipeline.program import SceneProgram
from codeform.pipeline.records import PipelineConfig

BP = {"title": "Reading corner", "description": "a table, a stool and a shelf",
      "components": [
          {"name": "table", "size": [0.5, 0.5, 0.7], "location": [-0.5, -0.4, 0.35], "shape": "box", "material": "oak"},
          {"name": "stool", "size": [0.3, 0.3, 0.45], "location": [0.4, -0.3, 0.225], "shape": "cylinder"},
          {"name": "shelf", "size": [0.4, 0.2, 1.2], "location": [0.2, 0.6, 0.6], "shape": "box"}],
      "camera": {"height": 1.5, "distance": 3, "focal_length": 50},
      "lighting": {"key": "window light from the left"}}


def code(fn, body="    bpy.ops.mesh.primitive_cube_add(size=1)\n", imports="import bpy\n"):
    return f"```python\n{imports}\n\ndef {fn}(ctx):\n{body}```\nDone."


def at(fn, loc):
    return code(fn, f"    bpy.ops.mesh.primitive_cube_add(size=1, location={loc})\n"
                    f"    bpy.context.active_object.name = '{fn}'\n")


def crit(accept=True, fixes=()):
    return "```json\n" + json.dumps({"accept": accept, "summary": "looks close" if accept else "not yet",
                                     "fixes": [{"component": c, "fix": f} for c, f in fixes]}) + "\n```"


def blueprint_reply(bp=BP):
    return "```json\n" + json.dumps(bp) + "\n```"


def good_script():
    """Every call answered right the first time; material, composition, lighting accepted."""
    return {
        ("blueprint", "", ""): [blueprint_reply()],
        ("component", "geometry", "table"): [at("build_table", (-0.5, -0.4, 0.35))],
        ("component", "geometry", "stool"): [at("build_stool", (0.4, -0.3, 0.225))],
        ("component", "geometry", "shelf"): [at("build_shelf", (0.2, 0.6, 0.6))],
        ("critique", "geometry", ""): [crit()],
        **{("component", "material", n): [code(f"material_{n}", "    bpy.data.materials.new('M')\n")]
           for n in ("table", "stool", "shelf")},
        ("critique", "material", ""): [crit()],
        ("stage", "composition", ""): [code("compose_camera", "    bpy.data.cameras.new('Camera')\n")],
        ("critique", "composition", ""): [crit()],
        ("stage", "lighting", ""): [code("light_key", "    bpy.data.lights.new('Key', type='AREA')\n")],
        ("critique", "lighting", ""): [crit()],
    }


def run(script, config=None, program=None, **model_kw):
    model = ScriptedModel(script, **model_kw)
    live, events = Live(), []
    ports = make_ports(model, live, events)
    result = Reconstructor(ports, config or PipelineConfig(run_name="corner")).run(reference_for(BP), program)
    return result, model, live, events


def test_the_loop_catches_and_fixes_wrong_first_attempts():
    script = good_script()
    bad_blueprint = dict(BP, camera={"height": 1.5})
    script[("blueprint", "", "")] = [blueprint_reply(bad_blueprint), blueprint_reply()]
    # table: refused by the policy; stool: raises when it runs; shelf: runs but in the wrong place.
    script[("component", "geometry", "table")] = [code("build_table", imports="import bpy\nimport os\n")]
    script[("repair", "geometry", "table")] = [at("build_table", (-0.5, -0.4, 0.35))]
    script[("component", "geometry", "stool")] = [code("build_stool", "    bpy.no_such_thing()\n")]
    script[("repair", "geometry", "stool")] = [at("build_stool", (0.4, -0.3, 0.225))]
    script[("component", "geometry", "shelf")] = [at("build_shelf", (-0.8, 0.8, 0.6)), at("build_shelf", (0.2, 0.6, 0.6))]
    script[("critique", "geometry", "")] = [crit(False, [("shelf", "move it right, behind the stool")]), crit()]
    # composition: an API name the linter knows is wrong.
    script[("stage", "composition", "")] = [code("compose_camera", "    bpy.ops.mesh.primitive_cube_addd()\n")]
    script[("repair", "composition", "")] = [code("compose_camera", "    bpy.data.cameras.new('Camera')\n")]
    result, model, live, events = run(script)

    assert result.complete and not result.failure, result.failure
    assert result.blueprint_attempts == 2
    fix = model.requests[1]
    assert fix.purpose == "blueprint" and "camera.distance is missing" in fix.prompt and fix.history[1][0] == "assistant"
    repairs = {r.component or r.stage: r.prompt for r in model.requests if r.purpose == "repair"}
    assert "import of 'os' is not allowed" in repairs["table"] and "policy" in repairs["table"]
    assert "AttributeError" in repairs["stool"] and "rehearsal" in repairs["stool"]
    assert "did you mean: bpy.ops.mesh.primitive_cube_add" in repairs["composition"]
    assert "\n1 | import bpy\n2 | import os" in repairs["table"]  # the code as it ran, numbered

    geo = result.program.stages["geometry"]
    assert [v.note.splitlines()[0] for v in geo.versions] == [
        "blockout: one box per blueprint component", "first pass", "not yet"]
    assert "shelf: move it right" in geo.versions[2].note
    assert all(v.origin == "model" for v in geo.versions)
    rec = result.stages["geometry"]
    assert [i.iteration for i in rec.iterations] == [1, 2] and rec.best == 2 and geo.current == 2
    assert rec.iterations[1].score > rec.iterations[0].score
    assert rec.stop_reason == "the verifier accepted"
    assert "blockout_iou" in geo.versions[0].metrics and "score" not in geo.versions[0].metrics
    refine = [r for r in model.requests if r.purpose == "component" and r.component == "shelf"][1]
    assert len(refine.images) == 2 and "move it right" in refine.prompt and "build_shelf" in refine.prompt
    stool = next(c for c in rec.components if c.component == "stool")
    assert [a.gate for a in stool.attempts] == ["rehearsal", ""]
    assert all(result.program.stages[s].current >= 0 for s in ("material", "composition", "lighting"))

    # The scene filled in component by component, on the caller's thread only.
    boxes = [shown[2] for shown in live.shown if shown[0] == "geometry"]
    assert boxes[0] == ["shelf", "stool", "table"] and [] in boxes
    assert max(len(b) for b in boxes[1:]) <= 2
    assert live.shown[-1][1] is True and live.shown[-1][3] == "lighting"
    assert live.threads == {threading.current_thread().name}

    states = {e.state for e in events}
    assert {"placed", "repairing", "scored", "critique", "accepted", "kept", "done"} <= states
    calls = [e.calls for e in events]
    assert calls == sorted(calls) and calls[-1] == result.usage["calls"] == len(model.requests)
    assert result.usage["input_tokens"] == 100 * len(model.requests)
    assert result.timings["blueprint_to_blockout_s"] >= 0
    placed = [c for c in rec.components if c.ok]
    assert all(c.reply_to_live_s is not None and c.reply_to_live_s >= 0 for c in placed)


def test_a_spent_budget_stops_the_job_and_keeps_what_was_done():
    result, model, live, events = run(good_script(), max_calls=6)
    assert not result.complete
    assert isinstance(result.error, ModelFailure) and result.error.exit_code == 7
    assert "budget" in result.failure
    geo = result.program.stages["geometry"]
    assert geo.current >= 1 and result.program.stages["material"].current == -1
    assert events[-1].state == "stopped" and live.shown[-1][1] is True


def test_a_component_that_never_passes_keeps_its_box():
    script = good_script()
    broken = code("build_stool", "    bpy.no_such_thing()\n")
    script[("component", "geometry", "stool")] = [broken]
    script[("repair", "geometry", "stool")] = [broken, broken]
    result, model, _, _ = run(script)
    assert result.complete
    assert model.keys().count(("repair", "geometry", "stool")) == 2  # max_repairs, then it gives up
    parts = result.program.stages["geometry"].parts().parts
    assert "placeholder(ctx, 'stool'" in parts["stool"] and "placeholder" not in parts["table"]
    assert any("stool: gave up after 3 attempts" in w for w in result.warnings)


def test_no_component_passing_is_a_model_failure():
    script = good_script()
    for n in ("table", "stool", "shelf"):
        script[("component", "geometry", n)] = ["I can't do that."]
        script[("repair", "geometry", n)] = ["Still no.", "No."]
    result, _, _, _ = run(script)
    assert not result.complete and result.error.exit_code == 7
    assert "no geometry component passed the gates" in result.failure


def test_worse_refinements_stop_the_stage_and_the_best_version_stays():
    script = good_script()
    script[("critique", "geometry", "")] = [crit(False, [("table", "make it wider")])]
    script[("component", "geometry", "table")].append(at("build_table", (0.9, 0.9, 0.35)))
    result, _, _, _ = run(script)
    rec = result.stages["geometry"]
    assert len(rec.iterations) == 2 and rec.iterations[1].score < rec.iterations[0].score
    assert rec.stop_reason.startswith("score fell") and rec.best == 1
    geo = result.program.stages["geometry"]
    assert geo.current == rec.iterations[0].version and len(geo.versions) == 3
    assert "(-0.5, -0.4, 0.35)" in geo.parts().parts["table"]


def test_an_unusable_critique_ends_refinement():
    script = good_script()
    script[("critique", "geometry", "")] = ["Looks fine to me!"]
    result, _, _, _ = run(script)
    assert result.complete
    assert result.stages["geometry"].stop_reason == "the verifier's reply was unusable"


def test_until_stops_after_a_stage_and_resume_goes_on():
    script = good_script()
    result, model, live, _ = run(script, PipelineConfig(run_name="corner", until="geometry"))
    assert result.complete and result.program.applied_stages() == ["geometry"]
    assert ("component", "material", "table") not in model.keys()
    saved = SceneProgram.loads(result.program.dumps())
    result2, model2, _, _ = run(good_script(), PipelineConfig(run_name="corner", until="material", iterations=2),
                                program=saved)
    assert result2.complete and result2.program.applied_stages() == ["geometry", "material"]
    assert model2.keys()[0] == ("component", "material", "table") or model2.keys()[0][1] == "material"
    assert ("blueprint", "", "") not in model2.keys()
    assert len(result2.program.stages["geometry"].versions) == len(saved.stages["geometry"].versions)
    material_prompt = next(r.prompt for r in model2.requests if r.purpose == "component")
    assert "primitive_cube_add" in material_prompt  # the component's geometry code is shown


def test_components_are_written_concurrently_within_the_bound():
    names = [f"part_{i}" for i in range(6)]
    bp = dict(BP, components=[{"name": n, "size": [0.2, 0.2, 0.2], "location": [-0.8 + 0.3 * i, 0, 0.1]}
                              for i, n in enumerate(names)])
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(fn):
        def reply(request):
            with lock:
                in_flight[0] += 1
                peak[0] = max(peak[0], in_flight[0])
            threading.Event().wait(0.05)
            with lock:
                in_flight[0] -= 1
            return code(fn)
        return reply

    for concurrency, expected in ((3, 3), (1, 1)):
        peak[0] = 0
        script = {("blueprint", "", ""): [blueprint_reply(bp)],
                  **{("component", "geometry", n): [slow(f"build_{n}")] for n in names}}
        result, model, _, _ = run(script, PipelineConfig(until="geometry", iterations=1, concurrency=concurrency))
        assert result.complete and peak[0] == expected
        assert len(result.stages["geometry"].components) == 6


def test_one_shot_writes_the_whole_program_in_one_call():
    module = ("import bpy\n\n\ndef build_table(ctx):\n    bpy.ops.mesh.primitive_cube_add(location=(-0.5, -0.4, 0.35))\n\n\n"
              "def material_table(ctx):\n    pass\n\n\ndef compose_camera(ctx):\n    pass\n\n\n"
              "def light_key(ctx):\n    pass\n")
    script = {("oneshot", "", ""): ["```python\nimport os\n" + module + "```"],
              ("repair", "", ""): ["```python\n" + module + "```"]}
    result, model, _, _ = run(script, PipelineConfig(workflow="oneshot"))
    assert result.complete and model.keys() == [("oneshot", "", ""), ("repair", "", "")]
    program = result.program
    assert program.applied_stages() == ["geometry", "material", "composition", "lighting"]
    for s in program.applied_stages():
        assert len(program.stages[s].versions) == 1 and "score" in program.stages[s].version.metrics


class Docs:
    def __init__(self):
        self.asked = []

    def for_prompt(self, stage, description, error=None):
        self.asked.append((stage, error))
        return Context(text="DOCS: bpy.ops.mesh.primitive_cube_add(size=2.0, location=(0, 0, 0))",
                       chunk_ids=["op.mesh.primitive_cube_add"],
                       exemplar=Exemplar("stool", "a round stool", "def build_stool(ctx):\n    pass\n"))


@pytest.mark.parametrize("retrieval, exemplars", [(True, True), (False, True), (True, False)])
def test_retrieval_and_exemplar_switches(retrieval, exemplars):
    docs = Docs()
    model = ScriptedModel(good_script())
    ports = make_ports(model, Live(), [], context=docs)
    config = PipelineConfig(until="geometry", iterations=1, retrieval=retrieval, exemplars=exemplars)
    result = Reconstructor(ports, config).run(reference_for(BP))
    assert result.complete
    prompt = next(r.prompt for r in model.requests if r.purpose == "component")
    assert ("DOCS:" in prompt) == retrieval
    assert ("An example from CodeForm's library (stool" in prompt) == exemplars


def test_without_the_component_agent_a_stage_is_one_call():
    script = good_script()
    script[("stage", "geometry", "")] = [
        "```python\nimport bpy\n\n\ndef build_table(ctx):\n    bpy.ops.mesh.primitive_cube_add(location=(-0.5, -0.4, 0.35))\n\n\n"
        "def build_stool(ctx):\n    bpy.ops.mesh.primitive_cube_add(location=(0.4, -0.3, 0.225))\n```"]
    script[("stage", "material", "")] = ["```python\nimport bpy\n\n\ndef material_table(ctx):\n    pass\n```"]
    result, model, _, _ = run(script, PipelineConfig(until="material", component_agent=False))
    assert result.complete
    assert not any(k[0] == "component" for k in model.keys())
    parts = result.program.stages["geometry"].parts().parts
    assert "placeholder(ctx, 'shelf'" in parts["shelf"]  # the part the reply left out keeps its box


def test_provider_failures_end_the_job_with_exit_6():
    result, _, _, _ = run(good_script(), fail_with=ProviderError("openai: 401 invalid key (set OPENAI_API_KEY)"))
    assert not result.complete and result.error.exit_code == 6 and result.program is None


def test_a_blueprint_still_wrong_after_one_correction_fails_clearly():
    script = {("blueprint", "", ""): ["not json", "```json\n{\"components\": []}\n```"]}
    result, model, _, _ = run(script)
    assert len(model.requests) == 2 and result.error.exit_code == 7
    assert "still not valid after one correction" in result.failure and "components must be" in result.failure


def test_a_stage_can_be_rerun_on_a_finished_program():
    first, _, _, _ = run(good_script(), PipelineConfig(run_name="corner", until="composition"))
    program = SceneProgram.loads(first.program.dumps())
    model = ScriptedModel({("stage", "composition", ""): [code("compose_camera", "    bpy.data.cameras.new('Cam2')\n")],
                           ("critique", "composition", ""): [crit()]})
    again = Reconstructor(make_ports(model, Live(), []), PipelineConfig(run_name="corner", until="composition")).run(
        reference_for(BP), program, start="composition")
    assert again.complete and model.keys() == [("stage", "composition", ""), ("critique", "composition", "")]
    comp = again.program.stages["composition"]
    assert len(comp.versions) == 2 and comp.current == 1 and "Cam2" in comp.code
    assert len(again.program.stages["geometry"].versions) == len(program.stages["geometry"].versions)
    early = SceneProgram.loads(first.program.dumps())
    early.stages["material"].current = -1
    bad = Reconstructor(make_ports(ScriptedModel({}), Live(), []), PipelineConfig()).run(
        reference_for(BP), early, start="lighting")
    assert bad.error.exit_code == 2 and "material has no version yet" in bad.failure


def test_a_budget_spent_while_components_wait_stops_cleanly():
    # One call at a time: when the budget runs out, the other components have not started.
    result, model, _, _ = run(good_script(), PipelineConfig(run_name="corner", concurrency=1), max_calls=2)
    assert not result.complete and result.error.exit_code == 7 and "budget" in result.failure
    assert len(model.requests) == 2
    assert result.program.stages["geometry"].current == 0  # the blockout stays


def test_a_16_bit_grey_reference_keeps_its_tones():
    """Pillow's convert() clips 16-bit grey to white: the loop would chase a blank picture."""
    import io

    import numpy as np
    from PIL import Image

    from codeform.metrics.reference import load_reference
    ramp = np.tile(np.linspace(0, 65535, 32).astype(np.uint16), (32, 1))
    buf = io.BytesIO()
    Image.fromarray(ramp).save(buf, format="PNG")
    ref = load_reference(buf.getvalue())
    assert abs(float(ref.rgb.mean()) - 0.5) < 0.02
    assert float(ref.rgb[:, 0].max()) < 0.05 and float(ref.rgb[:, -1].min()) > 0.95


def test_a_huge_reference_is_kept_at_a_workable_size():
    """A 48 MP phone photo took 30 s and 3 GB to load as float32 before the first call."""
    import io

    import numpy as np
    from PIL import Image

    from codeform.metrics.reference import MAX_SIDE, load_reference
    pixels = np.zeros((1500, 3000, 3), np.uint8)
    pixels[:, 1500:] = 255
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG", compress_level=1)
    ref = load_reference(buf.getvalue())
    assert (ref.width, ref.height) == (MAX_SIDE, MAX_SIDE // 2)
    assert float(ref.rgb[:, : MAX_SIDE // 2 - 2].max()) == 0.0 and float(ref.rgb[:, MAX_SIDE // 2 + 2:].min()) == 1.0


def test_an_image_past_pillows_pixel_limit_says_it_is_too_large():
    import io

    import pytest
    from PIL import Image

    from codeform.metrics.reference import load_reference
    from codeform.pipeline.errors import ProgramError
    buf = io.BytesIO()
    Image.new("1", (14000, 14000)).save(buf, format="PNG")  # 196 Mpx in a few kB
    with pytest.raises(ProgramError, match="too large: more than 178 million pixels"):
        load_reference(buf.getvalue())


def test_a_mask_of_other_proportions_is_refused_and_a_scaled_one_is_fine():
    import io

    import numpy as np
    import pytest
    from PIL import Image

    from codeform.metrics.reference import load_reference
    from codeform.pipeline.errors import ProgramError

    def png(w, h):
        buf = io.BytesIO()
        Image.fromarray(np.full((h, w), 255, np.uint8)).save(buf, format="PNG")
        return buf.getvalue()
    with pytest.raises(ProgramError, match="mask .* is 64x32 but the image is 64x64"):
        load_reference(png(64, 64), mask=png(64, 32))
    assert load_reference(png(64, 64), mask=png(128, 128)).mask.shape == (64, 64)


def test_a_phone_photo_is_seen_the_way_it_is_shown():
    """Pixels stored landscape with EXIF orientation 6 (turn 90 degrees clockwise to show):
    every viewer shows it portrait, and so must the reference the model and metrics get."""
    import io

    import numpy as np
    from PIL import Image

    from codeform.metrics.reference import load_reference
    stored = np.zeros((40, 80, 3), np.uint8)
    stored[:, :40] = 255  # the left half white: after the turn, the top half
    im = Image.fromarray(stored)
    exif = im.getexif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    im.save(buf, format="JPEG", exif=exif.tobytes(), quality=95)
    ref = load_reference(buf.getvalue())
    assert (ref.width, ref.height) == (40, 80)
    assert float(ref.rgb[:30].mean()) > 0.9 and float(ref.rgb[-30:].mean()) < 0.1


def test_an_image_format_pillow_cannot_read_says_what_to_use():
    import pytest

    from codeform.metrics.reference import load_reference
    from codeform.pipeline.errors import ProgramError
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64  # an iPhone photo's opening
    with pytest.raises(ProgramError, match="not an image format this can read; save it as PNG or JPEG"):
        load_reference(heic)
