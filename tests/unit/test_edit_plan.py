"""Edit localization: the plan the model answers is read leniently and checked strictly
against the program; what it shows the model names every part."""
import pytest

from edit_fixtures import table_program

from codeform.pipeline.edit_plan import PlanProblem, locate_request, outline, parse_plan
from codeform.pipeline.program import SceneProgram


@pytest.fixture(scope="module")
def program() -> SceneProgram:
    return table_program()


def test_a_plan_names_parts_by_stage_in_program_order(program):
    plan = parse_plan({"summary": "thinner brass legs",
                       "change": [{"stage": "material", "part": "leg_left", "what": "brass"},
                                  {"stage": "geometry", "part": "build_leg_left(ctx)", "what": "radius 0.015"},
                                  "geometry/leg_right"]}, program)
    assert [e.key for e in plan.edits] == ["geometry/leg_left", "geometry/leg_right", "material/leg_left"]
    assert plan.stages() == ["geometry", "material"] and plan.edits[0].what == "radius 0.015"
    assert plan.edits[0].function == "build_leg_left" and not plan.needs_clarification


def test_a_question_wins_over_everything_else(program):
    plan = parse_plan({"question": "Which part should look nicer?", "change": [{"stage": "nope"}]}, program)
    assert plan.needs_clarification and plan.question == "Which part should look nicer?" and not plan.edits


def test_every_problem_is_reported_at_once(program):
    with pytest.raises(PlanProblem) as exc:
        parse_plan({"change": [{"stage": "geometry", "part": "legs"}, {"stage": "shading", "part": "top"},
                               {"stage": "geometry", "part": "top"}, {"stage": "geometry", "part": "top"}],
                    "remove": ["drawer"]}, program)
    problems = exc.value.problems
    assert any("geometry/legs: no such part; geometry has top, leg_left, leg_right" in p for p in problems)
    assert any("shading/top: unknown stage" in p for p in problems)
    assert any("geometry/top is named twice" in p for p in problems)
    assert any("cannot remove a part that does not exist" in p for p in problems)


def test_an_empty_plan_and_an_unapplied_stage_are_refused():
    program = table_program()
    with pytest.raises(PlanProblem, match="names no part"):
        parse_plan({"summary": "nothing"}, program)
    program.stages["lighting"].current = -1
    with pytest.raises(PlanProblem, match="lighting stage has no code yet"):
        parse_plan({"change": [{"stage": "lighting", "part": "key"}]}, program)


def test_adds_removes_and_their_consequences(program):
    plan = parse_plan({
        "add": [{"stage": "geometry", "part": "shelf", "what": "a shelf under the top",
                 "component": {"name": "ignored", "size": [0.8, 0.8, 0.02], "location": [0, 0, 0.3]}},
                {"stage": "lighting", "part": "rim", "what": "a rim light"},
                {"stage": "geometry", "part": "top", "what": "thicker"}],   # exists: a change
        "change": [{"stage": "material", "part": "shelf"}],                 # no material yet: an add
        "remove": [{"stage": "geometry", "part": "leg_right"}],
    }, program)
    by_key = {e.key: e for e in plan.edits}
    assert by_key["geometry/shelf"].action == "add" and by_key["geometry/shelf"].component == {
        "size": [0.8, 0.8, 0.02], "location": [0, 0, 0.3], "role": "a shelf under the top"}
    assert by_key["geometry/top"].action == "change" and by_key["lighting/rim"].action == "add"
    assert by_key["material/shelf"].action == "add"
    # Removing a component's geometry takes its material with it.
    assert by_key["geometry/leg_right"].action == by_key["material/leg_right"].action == "remove"
    with pytest.raises(PlanProblem, match="lower-case name"):
        parse_plan({"add": [{"stage": "lighting", "part": "Rim Light"}]}, program)


def test_a_new_component_with_a_damaged_size_goes_back_to_the_model(program):
    """Its entry joins the stored blueprint; a size of "big" would leave a file whose
    program no longer loads."""
    with pytest.raises(PlanProblem, match="geometry/shelf: component.size must be a list of three numbers"):
        parse_plan({"add": [{"stage": "geometry", "part": "shelf", "component": {"size": "big"}}]}, program)
    with pytest.raises(PlanProblem, match="component.size must be three sizes in metres"):
        parse_plan({"add": [{"stage": "geometry", "part": "shelf", "component": {"size": [-1, 1e30, 1]}}]}, program)
    with pytest.raises(PlanProblem, match="component.location must be three numbers from -1000"):
        parse_plan({"add": [{"stage": "geometry", "part": "shelf", "component": {"location": [1e300, 0, 0]}}]},
                   program)
    # A new part becomes a blueprint component, so it gets a component's name: 500 characters
    # or "__init__" went through.
    for name in ("a" * 500, "__init__", "_x"):
        with pytest.raises(PlanProblem, match="lower-case name"):
            parse_plan({"add": [{"stage": "geometry", "part": name}]}, program)


def test_the_model_sees_every_part_with_what_it_creates(program):
    text = outline(program)
    assert "build_leg_left: creates Table_LegLeft" in text and "light_key: creates Key (AREA)" in text
    assert "compose_camera: creates Camera" in text and "material_top: creates Oak" in text
    request = locate_request(program, "  make the legs thinner  ", b"png")
    assert request.purpose == "edit-locate" and request.images == [b"png"]
    assert '"make the legs thinner"' in request.prompt and "- leg_left: left leg; cylinder" in request.prompt
    assert "[geometry, material]" in request.prompt and "{{" not in request.prompt
