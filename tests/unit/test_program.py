"""The program model, without Blender."""
import json

import pytest

from codeform.pipeline.errors import ProgramError
from codeform.pipeline.program import (
    SCHEMA_VERSION, STAGES, SceneProgram, StageVersion, split_stage_source,
)
from codeform.pipeline.programfile import load_program_path

GEOMETRY = '''import bpy
import math

SIZE = 0.5


def helper(x):
    return x * 2


# The seat is a flat box.
def build_seat(ctx):
    bpy.ops.mesh.primitive_cube_add(size=SIZE)


@staticmethod
def build_leg(ctx):
    for i in range(4):
        bpy.ops.mesh.primitive_cylinder_add(radius=0.02)


def not_a_part(ctx):
    pass
'''


def test_split_finds_parts_in_order_with_comments_and_decorators():
    src = split_stage_source("geometry", GEOMETRY)
    assert list(src.parts) == ["seat", "leg"]
    assert src.parts["seat"].startswith("# The seat is a flat box.\ndef build_seat(ctx):")
    assert src.parts["leg"].startswith("@staticmethod\ndef build_leg(ctx):")
    assert "def helper(x)" in src.preamble and "def not_a_part" in src.preamble
    assert "SIZE = 0.5" in src.preamble and "build_" not in src.preamble


def test_split_render_round_trip_is_stable():
    once = split_stage_source("geometry", GEOMETRY).render()
    twice = split_stage_source("geometry", once).render()
    assert once == twice
    assert split_stage_source("geometry", once).parts == split_stage_source("geometry", GEOMETRY).parts


def test_part_prefix_depends_on_stage():
    code = "def light_key(ctx):\n    pass\n\ndef build_x(ctx):\n    pass\n"
    assert list(split_stage_source("lighting", code).parts) == ["key"]
    assert list(split_stage_source("geometry", code).parts) == ["x"]
    assert list(split_stage_source("composition", code).parts) == []


def test_syntax_error_is_one_line_with_line_number():
    with pytest.raises(ProgramError, match=r"geometry code, line 2: "):
        split_stage_source("geometry", "import bpy\ndef build_x(ctx)\n    pass\n")


def test_duplicate_part_is_refused():
    code = "def build_a(ctx):\n    pass\n\ndef build_a(ctx):\n    return 1\n"
    with pytest.raises(ProgramError, match="line 4: function build_a is defined twice"):
        split_stage_source("geometry", code)


def _program() -> SceneProgram:
    bp = {"components": [{"name": "seat"}, {"name": "leg"}, {"name": "back"}]}
    return SceneProgram.from_sources("chair", bp, {
        "geometry": GEOMETRY,
        "material": "def material_seat(ctx):\n    pass\n",
    })


def test_components_follow_blueprint_then_code():
    p = _program()
    assert p.components == ["seat", "leg", "back"]
    p.set_stage_code("geometry", GEOMETRY + "\ndef build_extra(ctx):\n    pass\n")
    assert p.components[-1] == "extra"


def test_applied_stages_stop_at_first_gap():
    p = _program()
    assert p.applied_stages() == ["geometry", "material"]
    assert p.next_stage() == "composition"
    p.set_stage_code("lighting", "def light_key(ctx):\n    pass\n")
    assert p.applied_stages() == ["geometry", "material"]  # composition missing
    p.stage("geometry").undo()
    assert p.applied_stages() == []
    assert p.last_stage() is None


def test_undo_redo_move_the_pointer_and_keep_history():
    p = _program()
    geo = p.stage("geometry")
    p.set_stage_code("geometry", "def build_seat(ctx):\n    pass\n")
    assert (geo.current, len(geo.versions)) == (1, 2)
    geo.undo()
    assert geo.code == GEOMETRY
    geo.undo()
    assert geo.version is None and geo.code == ""
    with pytest.raises(ProgramError, match="nothing to undo"):
        geo.undo()
    geo.redo()
    geo.redo()
    with pytest.raises(ProgramError, match="nothing to redo"):
        geo.redo()
    # A new version after an undo is appended; the undone one stays in the history.
    geo.undo()
    p.set_stage_code("geometry", "def build_seat(ctx):\n    return 3\n", origin="edit", note="taller")
    assert len(geo.versions) == 3 and geo.current == 2 and geo.version.note == "taller"


def test_replace_parts_changes_only_named_parts():
    p = _program()
    before = split_stage_source("geometry", p.stage("geometry").code)
    p.replace_parts("geometry", {"leg": "def build_leg(ctx):\n    return 'thin'\n",
                                 "rung": "def build_rung(ctx):\n    pass\n"},
                    note="thinner legs, add a rung")
    after = split_stage_source("geometry", p.stage("geometry").code)
    assert after.preamble == before.preamble
    assert after.parts["seat"] == before.parts["seat"]
    assert after.parts["leg"] == "def build_leg(ctx):\n    return 'thin'\n"
    assert list(after.parts) == ["seat", "leg", "rung"]
    v = p.stage("geometry").version
    assert v.origin == "edit" and v.note == "thinner legs, add a rung"
    p.replace_parts("geometry", {}, remove=["seat"])
    assert list(p.stage("geometry").parts().parts) == ["leg", "rung"]


def test_replace_parts_refuses_code_without_the_function():
    p = _program()
    with pytest.raises(ProgramError, match=r"must define build_leg\(ctx\)"):
        p.replace_parts("geometry", {"leg": "def build_arm(ctx):\n    pass\n"})


def test_json_round_trip_preserves_everything():
    p = _program()
    p.stage("geometry").versions[0].metrics["iou"] = 0.75
    p.stage("geometry").versions[0].render = "renders/geo-1.png"
    p.stage("geometry").undo()
    q = SceneProgram.loads(p.dumps())
    assert q.to_json() == p.to_json()
    assert q.stage("geometry").current == -1
    data = json.loads(p.dumps())
    assert data["schema"] == "codeform.program" and data["schema_version"] == SCHEMA_VERSION
    assert list(data["stages"]) == list(STAGES)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.pop("schema"), "not a CodeForm program"),
    (lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "newer than this CodeForm"),
    (lambda d: d.update(schema_version="1"), "no valid schema_version"),
    (lambda d: d["stages"].update(sculpt={}), "unknown stage"),
    (lambda d: d["stages"]["geometry"].update(current=7), "out of range"),
    (lambda d: d["stages"]["geometry"]["versions"][0].update(origin="robot"), "unknown version origin"),
    (lambda d: d["stages"]["geometry"]["versions"][0].update(code="def build_x(:\n"), "line 1"),
    (lambda d: d.update(name="a/b"), "run name"),
    (lambda d: d.update(name="x" * 25), "at most 24 bytes"),
    (lambda d: d.update(blueprint=[1]), "blueprint must be an object"),
    # A program Text tampered with inside a .blend: each a one-line ProgramError (exit 2),
    # never a ValueError/TypeError that the CLI reports as an internal error.
    (lambda d: d["stages"]["geometry"]["versions"][0].update(metrics={"iou": None}), "must be a number"),
    (lambda d: d["stages"]["geometry"]["versions"][0].update(created="yesterday"), "must be a number"),
    (lambda d: d.update(created=[1]), "must be a number"),
    (lambda d: d["stages"]["geometry"].update(current="x"), "not a whole number"),
    (lambda d: d["stages"]["geometry"].update(current=None), "not a whole number"),
    (lambda d: d["stages"]["geometry"].update(versions=5), "'versions' must be a list"),
    (lambda d: d["stages"]["geometry"].update(versions=None), "'versions' must be a list"),
    (lambda d: d.update(name=None), "name must be a string"),
    (lambda d: d.update(name="a\x01b"), "printable"),
    (lambda d: d["stages"]["geometry"]["versions"][0].update(code="x = 1\0"), "line 1"),
])
def test_bad_program_json_gives_a_clear_error(mutate, message):
    data = _program().to_json()
    mutate(data)
    with pytest.raises(ProgramError, match=message):
        SceneProgram.from_json(data)


def test_not_json_names_the_line():
    with pytest.raises(ProgramError, match=r"not valid JSON \(line 2"):
        SceneProgram.loads('{\n  "schema": ,\n}')


def test_deeply_nested_json_is_bad_input():
    with pytest.raises(ProgramError, match="nested too deeply"):
        SceneProgram.loads("[" * 100_000 + "]" * 100_000)


def test_version_metrics_must_be_numbers():
    with pytest.raises((ProgramError, ValueError)):
        StageVersion.from_json({"code": "", "metrics": {"iou": "high"}})


def test_best_index_picks_by_score():
    p = _program()
    geo = p.stage("geometry")
    geo.versions[0].metrics["iou"] = 0.4
    p.set_stage_code("geometry", GEOMETRY, metrics={"iou": 0.8})
    p.set_stage_code("geometry", GEOMETRY, metrics={"iou": 0.6})
    assert geo.best_index("iou") == 1
    assert geo.best_index("iou", higher_is_better=False) == 0


def test_program_folder_loads_stage_files(tmp_path):
    (tmp_path / "blueprint.json").write_text('{"components": [{"name": "seat"}]}')
    (tmp_path / "geometry.py").write_text("def build_seat(ctx):\n    pass\n")
    (tmp_path / "material.py").write_text("def material_seat(ctx):\n    pass\n")
    p = load_program_path(tmp_path, name="my_chair")
    assert p.name == "my_chair" and p.applied_stages() == ["geometry", "material"]
    assert p.stage("geometry").version.origin == "user"


def test_program_folder_with_a_gap_is_refused(tmp_path):
    (tmp_path / "geometry.py").write_text("def build_seat(ctx):\n    pass\n")
    (tmp_path / "lighting.py").write_text("def light_key(ctx):\n    pass\n")
    with pytest.raises(ProgramError, match="no material.py, composition.py"):
        load_program_path(tmp_path)


def test_bundled_example_is_a_valid_program(repo_root):
    p = load_program_path(repo_root / "examples" / "desk_lamp")
    assert p.applied_stages() == list(STAGES)
    assert 6 <= len(p.components) <= 15
    # Every blueprint component has a geometry part and a material part.
    for name in p.components:
        assert name in p.stage("geometry").parts().parts
        assert name in p.stage("material").parts().parts


@pytest.mark.parametrize("damage, message", [
    (lambda c: c.update(size="abc"), r"components\[0\].size must be a list of three numbers"),
    (lambda c: c.update(location=[None, 1, 2]), r"components\[0\].location must be a list of three numbers"),
    (lambda c: c.update(name=5), r"components\[0\].name must be a string"),
])
def test_a_damaged_stored_blueprint_is_bad_input(damage, message):
    """Edit and resume format sizes and places of the stored blueprint; a damaged one was a
    ValueError or TypeError deep inside them (exit 1)."""
    data = _program().to_json()
    data["blueprint"] = {"components": [{"name": "seat", "size": [1, 1, 1], "location": [0, 0, 0]}],
                         "camera": {"height": 1.0}}
    damage(data["blueprint"]["components"][0])
    with pytest.raises(ProgramError, match="blueprint is damaged: " + message):
        SceneProgram.from_json(data)
    data["blueprint"] = {"camera": {"distance": "far"}}
    with pytest.raises(ProgramError, match="camera.distance must be a number"):
        SceneProgram.from_json(data)
    data["blueprint"] = {"components": [{"name": "seat"}], "camera": {}}  # sparse, hand-written: fine
    SceneProgram.from_json(data)


@pytest.mark.parametrize("code", ["x = " + "-" * 100_000 + "1\n", "x = 1" + " + 1" * 200_000 + "\n"])
def test_code_nested_past_the_parser_is_bad_input(code):
    """CPython raises MemoryError or RecursionError for these, not SyntaxError: from a
    program file or a hand-edited stage they were internal errors."""
    with pytest.raises(ProgramError, match="line 1: the code is nested too deeply"):
        split_stage_source("geometry", code)
