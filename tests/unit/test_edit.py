"""The edit engine with fake ports: localize, rewrite only the named parts through the gates,
commit one version per touched stage, ask instead of guessing, fail without changing
anything, and undo exactly."""
import threading

import pytest

from edit_fixtures import brass, part, plan, table_program, thin_leg
from pipeline_fakes import Live, ScriptedModel, make_ports

from codeform.pipeline.edit import EditConfig, Editor, edit_history, revert_edit, with_imports
from codeform.pipeline.errors import ModelFailure, ProgramError, ProviderError

INSTRUCTION = "make the legs thinner and brass"


def legs_script():
    return {
        ("edit-locate", "", ""): [plan(change=["geometry/leg_left", "geometry/leg_right", "material/leg_left",
                                               "material/leg_right"], summary="thin brass legs")],
        ("edit", "geometry", "leg_left"): [thin_leg("left", -0.4)],
        ("edit", "geometry", "leg_right"): [thin_leg("right", 0.4)],
        ("edit", "material", "leg_left"): [brass("left")],
        ("edit", "material", "leg_right"): [brass("right")],
    }


def edit(script, instruction=INSTRUCTION, program=None, config=None, **model_kw):
    model = ScriptedModel(script, **model_kw)
    live, events = Live(), []
    program = program or table_program()
    before = program.dumps()
    result = Editor(make_ports(model, live, events), config or EditConfig()).run(program, instruction)
    assert program.dumps() == before, "the input program must not change"
    return result, model, live, events


def test_only_the_named_parts_change_and_every_other_byte_stays():
    result, model, live, events = edit(legs_script())
    assert result.complete and not result.failure, result.failure
    assert result.changed_stages == ["geometry", "material"]
    assert sorted(result.changed_parts) == ["geometry/leg_left", "geometry/leg_right", "material/leg_left",
                                            "material/leg_right"]
    old, new = table_program(), result.program
    for stage in ("geometry", "material"):
        before, after = old.stages[stage].parts(), new.stages[stage].parts()
        assert after.preamble == before.preamble
        assert after.parts["top"] == before.parts["top"]
        assert list(after.parts) == list(before.parts)         # same order
        assert after.parts["leg_left"] != before.parts["leg_left"]
        version = new.stages[stage].version
        assert version.origin == "edit" and version.note == INSTRUCTION
        assert new.stages[stage].current == result.new_versions[stage] == 1
        assert result.previous_versions[stage] == 0
    assert '0.015' in new.stages["geometry"].parts().parts["leg_right"]
    for stage in ("composition", "lighting"):
        assert len(new.stages[stage].versions) == 1 and new.stages[stage].code == old.stages[stage].code
    assert "-    leg(\"Table_LegLeft\", -0.4, 0.0, 0.03)" in result.diffs["geometry"]
    assert "+    leg(\"Table_LegLeft\", -0.4, 0.0, 0.015)" in result.diffs["geometry"]

    assert model.keys()[0] == ("edit-locate", "", "")
    locate = model.requests[0]
    assert locate.images and '"make the legs thinner and brass"' in locate.prompt
    leg = next(r for r in model.requests if r.component == "leg_left" and r.stage == "geometry")
    assert 'leg("Table_LegLeft", -0.4, 0.0, 0.03)' in leg.prompt and "LEG_HEIGHT = 0.7" in leg.prompt
    mat = next(r for r in model.requests if r.component == "leg_left" and r.stage == "material")
    assert "The geometry code of `leg_left`" in mat.prompt
    # Shown once, as the final program, on the caller's thread.
    assert [(s[0], s[1]) for s in live.shown] == [("edit", True)]
    assert live.threads == {threading.current_thread().name}
    assert result.before_render and result.after_render
    assert events[-1].state == "done" and result.usage["calls"] == 5


def test_imports_a_part_needs_go_inside_it_and_the_preamble_stays():
    script = legs_script()
    script[("edit-locate", "", "")] = [plan(change=["geometry/top"])]
    script[("edit", "geometry", "top")] = [part("build_top", '    """A rounded top."""\n'
                                                             '    bpy.ops.mesh.primitive_cylinder_add(radius=0.5, depth=0.04,\n'
                                                             '                                        location=(0, 0, math.radians(41.25)))\n'
                                                             '    bpy.context.active_object.name = "Table_Top"\n',
                                                imports="import bpy\nimport math\n")]
    result, _, _, _ = edit(script, "make the top round")
    assert result.complete, result.failure
    geo = result.program.stages["geometry"].parts()
    assert geo.preamble == table_program().stages["geometry"].parts().preamble
    assert geo.parts["top"].splitlines()[1:3] == ['    """A rounded top."""', "    import math"]


def test_with_imports_adds_only_what_the_preamble_lacks():
    fn = "def build_x(ctx):\n    return math.pi\n"
    assert with_imports(fn, ["import math"], "import bpy\nimport math\n") == fn
    assert with_imports(fn, ["import math", "from mathutils import Vector"], "import bpy\n") == (
        "def build_x(ctx):\n    import math\n    from mathutils import Vector\n    return math.pi\n")


def test_a_failing_part_is_repaired_with_the_error():
    script = legs_script()
    script[("edit", "geometry", "leg_left")] = [part("build_leg_left", "    bpy.no_such_thing()\n"),
                                                thin_leg("left", -0.4)]
    result, model, _, events = edit(script)
    assert result.complete, result.failure
    calls = [r for r in model.requests if r.stage == "geometry" and r.component == "leg_left"]
    assert [r.purpose for r in calls] == ["edit", "edit"]
    assert "AttributeError" in calls[1].prompt and "rehearsal" in calls[1].prompt
    rec = next(p for p in result.parts if p.key == "geometry/leg_left")
    assert [a.gate for a in rec.attempts] == ["rehearsal", ""] and rec.ok
    assert any(e.state == "repairing" and e.component == "leg_left" for e in events)


def test_no_working_code_changes_nothing():
    script = legs_script()
    broken = part("build_leg_left", "    import os\n    leg('x', 0, 0, 0.01)\n")
    script[("edit", "geometry", "leg_left")] = [broken, broken, broken]
    result, model, live, _ = edit(script)
    assert not result.complete and isinstance(result.error, ModelFailure) and result.error.exit_code == 7
    assert "geometry/leg_left" in result.failure and "nothing was changed" in result.failure
    assert [len(result.program.stages[s].versions) for s in ("geometry", "material")] == [1, 1]
    assert not result.new_versions and live.shown == []
    assert ("edit", "material", "leg_left") not in model.keys()  # later stages are not written


def test_an_unusable_plan_gets_one_correction_then_fails_clearly():
    script = legs_script()
    script[("edit-locate", "", "")] = [plan(change=["geometry/legs"]), plan(change=["geometry/leg_left"])]
    result, model, _, _ = edit(script, "make the left leg thinner")
    assert result.complete and result.changed_parts == ["geometry/leg_left"]
    fix = model.requests[1]
    assert fix.purpose == "edit-locate" and "geometry/legs: no such part" in fix.prompt
    assert "- geometry: top, leg_left, leg_right" in fix.prompt and fix.history[1][0] == "assistant"

    script[("edit-locate", "", "")] = ["Sure! I'll make the legs thinner.", plan(change=["lighting/sun"])]
    result, _, live, _ = edit(script)
    assert result.error.exit_code == 7 and "still not usable after one correction" in result.failure
    assert live.shown == []


def test_an_ambiguous_instruction_gets_a_question_not_a_rewrite():
    script = {("edit-locate", "", ""): [plan(question="Which part should change — the top, the legs or the light?")]}
    result, model, live, events = edit(script, "make it nicer")
    assert result.needs_clarification and not result.complete and result.error is None
    assert result.question.startswith("Which part should change")
    assert model.keys() == [("edit-locate", "", "")] and live.shown == [] and not result.new_versions
    assert "asks" in events[-1].message


def test_add_and_remove_components():
    script = {
        ("edit-locate", "", ""): [plan(
            add=[{"stage": "geometry", "part": "shelf", "what": "a shelf between the legs",
                  "component": {"role": "shelf", "size": [0.8, 0.3, 0.02], "location": [0, 0, 0.3]}},
                 {"stage": "material", "part": "shelf", "what": "oak like the top"}],
            remove=["geometry/leg_right"])],
        ("edit", "geometry", "shelf"): [part("build_shelf", "    bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 0.3))\n"
                                                            "    bpy.context.active_object.name = 'Table_Shelf'\n")],
        ("edit", "material", "shelf"): [part("material_shelf", '    paint(ctx.objects, "Oak", (0.4, 0.25, 0.1))\n')],
    }
    result, model, _, _ = edit(script, "add a shelf and take away the right leg")
    assert result.complete, result.failure
    geo, mat = (result.program.stages[s].parts().parts for s in ("geometry", "material"))
    assert list(geo) == ["top", "leg_left", "shelf"] and list(mat) == ["top", "leg_left", "shelf"]
    assert result.program.component("shelf")["location"] == [0, 0, 0.3]
    shelf_prompt = next(r.prompt for r in model.requests if r.component == "shelf" and r.stage == "geometry")
    assert "is a new component" in shelf_prompt and "leg_left" in shelf_prompt
    actions = {p.key: p.action for p in result.parts}
    assert actions == {"geometry/shelf": "add", "material/shelf": "add", "geometry/leg_right": "remove",
                       "material/leg_right": "remove"}


def test_a_lighting_edit_touches_only_lighting():
    script = {("edit-locate", "", ""): [plan(change=["lighting/key"])],
              ("edit", "lighting", "key"): [part("light_key", "    data = bpy.data.lights.new('Key', type='AREA')\n"
                                                              "    data.energy = 80\n    data.color = (1.0, 0.8, 0.6)\n")]}
    result, model, _, _ = edit(script, "warmer, stronger key light")
    assert result.complete and result.changed_stages == ["lighting"]
    assert [len(result.program.stages[s].versions) for s in ("geometry", "material", "composition", "lighting")] == [1, 1, 1, 2]
    prompt = model.requests[1].prompt
    assert "Objects the geometry stage creates" in prompt and "Table_LegLeft" in prompt


def test_provider_failures_and_bad_input_end_the_job_with_their_exit_codes():
    result, _, _, _ = edit(legs_script(), fail_with=ProviderError("the key was refused (401)"))
    assert isinstance(result.error, ProviderError) and result.error.exit_code == 6 and not result.complete
    result, model, _, _ = edit(legs_script(), "   ")
    assert isinstance(result.error, ProgramError) and result.error.exit_code == 2 and model.requests == []


def test_undo_restores_the_previous_version_exactly_and_revert_works_under_later_edits():
    result, _, _, _ = edit(legs_script())
    program = result.program
    before = table_program()
    revert_edit(program, "geometry", result.new_versions["geometry"])
    assert program.stages["geometry"].code == before.stages["geometry"].code
    assert program.stages["geometry"].current == 0

    # Two edits on one stage; undoing the first keeps the second.
    result, _, _, _ = edit(legs_script())
    program = result.program
    script = {("edit-locate", "", ""): [plan(change=["geometry/top"])],
              ("edit", "geometry", "top"): [part("build_top", "    bpy.ops.mesh.primitive_cube_add(size=1.2, location=(0, 0, 0.72))\n"
                                                              "    bpy.context.active_object.name = 'Table_Top'\n")]}
    second, _, _, _ = edit(script, "a bigger top", program=program)
    program = second.program
    history = edit_history(program)
    assert [(e.stage, e.version, e.note, e.applied) for e in history] == [
        ("geometry", 1, INSTRUCTION, True), ("material", 1, INSTRUCTION, True), ("geometry", 2, "a bigger top", True)]
    message = revert_edit(program, "geometry", 1)
    assert "under later edits" in message
    parts = program.stages["geometry"].parts().parts
    assert parts["leg_left"] == before.stages["geometry"].parts().parts["leg_left"]
    assert "size=1.2" in parts["top"] and program.stages["geometry"].version.note == f"undo: {INSTRUCTION}"
    with pytest.raises(ProgramError, match="not an edit"):
        revert_edit(program, "geometry", 0)


def test_the_whole_program_baseline_rewrites_every_stage_through_the_same_gates():
    from codeform.pipeline.edit_briefs import program_module
    from codeform.pipeline.edit_regenerate import Regenerator

    module = program_module(table_program())
    edited = module.replace('leg("Table_LegLeft", -0.4, 0.0, 0.03)', 'leg("Table_LegLeft", -0.4, 0.0, 0.015)')
    no_lights = edited.split("def light_key")[0]
    script = {("edit", "", "program"): [f"```python\n{no_lights}```", f"```python\n{edited}```"]}
    model = ScriptedModel(script)
    live = Live()
    result = Regenerator(make_ports(model, live, [])).run(table_program(), "make the left leg thinner")
    assert result.complete, result.failure
    first, repair = model.requests
    assert "def build_leg_left(ctx):" in first.prompt and "def light_world(ctx):" in first.prompt
    assert "light_<name>" in repair.prompt and repair.purpose == "edit"
    assert result.method == "regenerate" and result.changed_stages == ["geometry", "material", "composition", "lighting"]
    assert "0.015" in result.program.stages["geometry"].parts().parts["leg_left"]
    assert [p.key for p in result.parts] == ["geometry/leg_left"]
    assert live.shown[-1][1] is True


def test_the_report_shows_the_plan_the_pictures_and_the_diff(tmp_path):
    from codeform.pipeline.edit_report import write_edit_report

    result, _, _, _ = edit(legs_script())
    page = write_edit_report(result, tmp_path / "ok").read_text()
    assert "make the legs thinner and brass" in page and "thin brass legs" in page
    assert "<span class='add'>+    leg(&quot;Table_LegLeft&quot;, -0.4, 0.0, 0.015)</span>" in page
    assert (tmp_path / "ok" / "before.png").is_file() and (tmp_path / "ok" / "after.png").is_file()
    asked, _, _, _ = edit({("edit-locate", "", ""): [plan(question="Which part?")]}, "make it nicer")
    page = write_edit_report(asked, tmp_path / "ask").read_text()
    assert "The model asks:</b> Which part?" in page and "not applied" in page


def test_a_cancelled_edit_changes_nothing():
    cancel = threading.Event()

    def locate(request):
        cancel.set()   # the artist pressed Esc while the model was answering
        return plan(change=["geometry/leg_left"])
    result, model, live, _ = edit({("edit-locate", "", ""): [locate]}, config=EditConfig(cancel=cancel))
    assert result.error is not None and result.error.exit_code == 130 and "cancelled" in result.failure
    assert model.keys() == [("edit-locate", "", "")] and live.shown == [] and not result.new_versions
