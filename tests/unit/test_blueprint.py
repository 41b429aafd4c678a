"""The blueprint schema, the camera guess, the blockout and preview programs."""
import ast
import json
import math
from pathlib import Path

import pytest

from codeform import prompts
from codeform.pipeline.blockout import (assemble, blockout_geometry, camera_guess_composition, is_placeholder,
                                        placeholder_part, preview_program)
from codeform.pipeline.blueprint import BlueprintError, bounds, camera_pose, validate_blueprint
from codeform.pipeline.program import SceneProgram, split_stage_source

ROOT = Path(__file__).resolve().parents[2]


def lamp() -> dict:
    return json.loads((ROOT / "examples" / "desk_lamp" / "blueprint.json").read_text())


def test_the_bundled_blueprint_is_valid_and_kept():
    bp = validate_blueprint(lamp())
    assert [c["name"] for c in bp["components"]][:3] == ["base", "switch", "pivot"]
    assert bp["components"][1]["parent"] == "base"
    assert bp["camera"]["focal_length"] == 50


def test_names_are_normalised_and_parents_follow():
    bp = validate_blueprint({"components": [
        {"name": "Lamp Shade", "size": [1, 1, 1], "location": [0, 0, 0.5]},
        {"name": "Bulb", "size": [0.1, 0.1, 0.1], "location": [0, 0, 0.4], "parent": "Lamp Shade"},
        {"name": "3 legs", "size": [1, 1, 1], "location": [0, 0, 0.5]}],
        "camera": {"height": 1, "distance": 2, "focal_length": 35}})
    assert [c["name"] for c in bp["components"]] == ["lamp_shade", "bulb", "c_3_legs"]
    assert bp["components"][1]["parent"] == "lamp_shade"
    assert bp["components"][0]["shape"] == "box" and bp["lighting"] == {} and bp["units"] == "metres"


@pytest.mark.parametrize("change, problem", [
    (lambda b: b.pop("components"), "components must be a non-empty list"),
    (lambda b: b["components"][0].update(size=[0.1, -1, 0.2]), "component 'base'.size must be three sizes"),
    (lambda b: b["components"][0].update(location=[0, 0]), "component 'base'.location must be a list of three numbers"),
    (lambda b: b["components"][1].update(parent="table"), "'switch'.parent 'table' is not a component name"),
    (lambda b: b["components"].append(dict(b["components"][0])), "component 'base' appears twice"),
    (lambda b: b["camera"].pop("distance"), "camera.distance is missing"),
    (lambda b: b["camera"].update(focal_length=2), "camera.focal_length must be a number from 8 to 400"),
    (lambda b: b.update(camera="front"), "camera must be an object"),
    # Finite but past float32 (1e300) or absurd: the box and the camera framing it end up at infinity.
    (lambda b: b["components"][0].update(location=[1e300, 0, 0]), "'base'.location must be three numbers from -1000"),
    (lambda b: b["components"][0].update(rotation_degrees=[0, 1e30, 0]), "'base'.rotation_degrees must be three"),
    (lambda b: b["camera"].update(looks_at=[0, 0, -1e9]), "camera.looks_at must be three numbers from"),
    (lambda b: b["components"][0].update(size=[float("nan"), 1, 1]), "'base'.size must be a list of three numbers"),
])
def test_every_problem_is_named(change, problem):
    bp = lamp()
    change(bp)
    with pytest.raises(BlueprintError) as err:
        validate_blueprint(bp)
    assert any(problem in p for p in err.value.problems), err.value.problems
    assert err.value.exit_code == 2 and "\n" not in str(err.value)


def test_several_problems_are_reported_together():
    bp = lamp()
    bp["components"][0]["size"] = "big"
    bp["camera"] = {}
    with pytest.raises(BlueprintError) as err:
        validate_blueprint(bp)
    assert len(err.value.problems) >= 4


def test_camera_pose_follows_distance_height_azimuth():
    bp = {"components": [{"name": "a", "size": [1, 1, 1], "location": [0, 0, 0.5]}],
          "camera": {"height": 2.0, "distance": 4.0, "focal_length": 35, "looks_at": [0, 0, 0.5]}}
    pose = camera_pose(bp)
    assert pose["location"] == pytest.approx([0, -4, 2]) and pose["lens"] == 35
    bp["camera"]["azimuth_degrees"] = 90
    assert camera_pose(bp)["location"] == pytest.approx([4, 0, 2], abs=1e-9)
    del bp["camera"]["looks_at"]
    bp["camera"].update(tilt_degrees=45, azimuth_degrees=0)
    pose = camera_pose(bp)
    assert pose["target"][2] == pytest.approx(2 - 4 * math.tan(math.radians(45)))
    assert bounds(bp) == ([-0.5, -0.5, 0.0], [0.5, 0.5, 1.0])


def test_blockout_has_one_box_part_per_component():
    bp = validate_blueprint(lamp())
    code = blockout_geometry(bp)
    parts = split_stage_source("geometry", code).parts
    assert list(parts) == [c["name"] for c in bp["components"]]
    assert all(is_placeholder(src) for src in parts.values())
    assert "def placeholder(" in code and "import math" in code
    # Once no box is left, the helper leaves the preamble.
    real = {"base": "def build_base(ctx):\n    pass\n"}
    assert "def placeholder(" not in assemble("geometry", real, ["from mathutils import Vector"])
    mixed = assemble("geometry", {"base": real["base"], "switch": placeholder_part(bp["components"][1])})
    assert "def placeholder(" in mixed
    ast.parse(camera_guess_composition(bp, aspect=0.75))
    assert "resolution_y = 768" in camera_guess_composition(bp, aspect=0.75)


def test_preview_adds_empty_material_and_camera_guess_until_composition():
    bp = validate_blueprint(lamp())
    program = SceneProgram("lamp", blueprint=bp)
    program.set_stage_code("geometry", blockout_geometry(bp))
    preview = preview_program(program, "geometry", aspect=1.0)
    assert preview.applied_stages() == ["geometry", "material", "composition"]
    assert "compose_camera_guess" in preview.stages["composition"].code
    assert len(program.stages["geometry"].versions) == 1  # the real program is untouched
    swapped = preview_program(program, "geometry", 1.0, stage_code={"geometry": "import bpy\n"})
    assert swapped.stages["geometry"].code == "import bpy\n"
    for s in ("material", "composition"):
        program.set_stage_code(s, f"def {'material' if s == 'material' else 'compose'}_x(ctx):\n    pass\n")
    assert preview_program(program, "composition", 1.0).stages["composition"].code == program.stages["composition"].code


def test_every_prompt_template_renders_and_refuses_wrong_values():
    for name in prompts.names():
        values = {k: f"<{k}>" for k in prompts.placeholders(name)}
        text = prompts.render(name, **values)
        assert "{{" not in text and text.strip()
    with pytest.raises(KeyError, match="needs"):
        prompts.render("blueprint_fix")
    with pytest.raises(KeyError, match="no placeholder"):
        prompts.render("blueprint_fix", problems="x", extra="y")
