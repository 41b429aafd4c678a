"""Turning model replies into program pieces."""
import pytest

from codeform.pipeline.program import split_stage_source
from codeform.pipeline.replies import (ReplyProblem, extract_code, extract_json, parse_critique, part_piece,
                                       split_oneshot)

REPLY = '''Here is the seat.

```python
import bpy
import math
from mathutils import Vector

HEIGHT = 0.45


def rounded(obj, width):
    bevel = obj.modifiers.new("Bevel", "BEVEL")
    bevel.width = width


@some_decorator
def build_seat(ctx):
    """The seat slab."""
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, HEIGHT))
    seat = bpy.context.active_object
    rounded(seat, 0.01)


build_seat(None)

if __name__ == "__main__":
    build_seat(None)
```

It is a bevelled slab.
'''


def test_a_part_is_made_self_contained():
    piece = part_piece(extract_code(REPLY), "geometry", "seat")
    assert piece.imports == ["import bpy", "import math", "from mathutils import Vector"]
    src = split_stage_source("geometry", piece.function)
    assert list(src.parts) == ["seat"] and not src.preamble.strip()
    lines = piece.function.splitlines()
    assert lines[0] == "def build_seat(ctx):" and lines[1].strip() == '"""The seat slab."""'
    assert "    HEIGHT = 0.45" in lines and "    def rounded(obj, width):" in lines
    assert "build_seat(None)" not in piece.function and "__main__" not in piece.function


def test_a_part_under_another_name_is_renamed_but_two_are_refused():
    piece = part_piece("def build_chair_seat(ctx):\n    pass\n", "geometry", "seat")
    assert piece.function.startswith("def build_seat(ctx):")
    with pytest.raises(ReplyProblem, match="must define build_seat"):
        part_piece("def build_a(ctx):\n    pass\n\ndef build_b(ctx):\n    pass\n", "geometry", "seat")
    with pytest.raises(ReplyProblem, match="must define material_seat"):
        part_piece("def build_seat(ctx):\n    pass\n", "material", "seat")


@pytest.mark.parametrize("text, problem", [
    ("", "empty"),
    ("I cannot help with that.", "refused"),
    ("Here is the plan: first a box, then a cone.", "no Python code"),
    ("```python\ndef build_a(ctx):\n    return (\n```", "SyntaxError"),
])
def test_unusable_code_replies_say_why(text, problem):
    with pytest.raises(ReplyProblem, match=problem):
        extract_code(text)


def test_truncated_replies_and_bare_code():
    with pytest.raises(ReplyProblem, match="cut off"):
        extract_code("```python\ndef build_a(ctx):\n    pass\n```", truncated=True)
    assert extract_code("def build_a(ctx):\n    pass\n").startswith("def build_a")
    two = extract_code("```python\ndef build_b(ctx):\n    pass\n```\ntext\n```python\ndef build_a(ctx):\n    pass\n```",
                       want=["build_a"])
    assert "def build_a" in two and "def build_b" not in two


def test_json_is_found_in_prose_or_fences():
    assert extract_json('Sure! {"a": 1} and more') == {"a": 1}
    assert extract_json('```json\n{"b": [1, 2]}\n```') == {"b": [1, 2]}
    assert extract_json('{"a": 1, // one\n}') == {"a": 1}
    with pytest.raises(ReplyProblem, match="does not parse"):
        extract_json('{"a": 1,,}')
    with pytest.raises(ReplyProblem):
        extract_json("no json here")


def test_critiques_name_known_parts_or_the_stage():
    c = parse_critique('{"accept": false, "summary": "legs too thin", "fixes": ['
                       '{"component": "leg", "fix": "twice as thick"}, {"component": "roof", "fix": "add a roof"},'
                       '"move everything left"]}', ["leg", "seat"])
    assert [(f.component, f.fix) for f in c.fixes] == [
        ("leg", "twice as thick"), ("", "roof: add a roof"), ("", "move everything left")]
    assert "- leg: twice as thick" in c.as_note()
    assert parse_critique('{"accept": true}', []).accept
    with pytest.raises(ReplyProblem, match="accept"):
        parse_critique('{"fixes": []}', [])
    with pytest.raises(ReplyProblem, match="must list"):
        parse_critique('{"accept": false, "fixes": []}', [])


def test_a_critique_with_one_fix_instead_of_a_list():
    """A string was taken apart character by character (eleven one-letter fixes), and a
    number raised TypeError out of the loop."""
    c = parse_critique('{"accept": false, "fixes": "make it red"}', ["leg"])
    assert [(f.component, f.fix) for f in c.fixes] == [("", "make it red")]
    c = parse_critique('{"accept": false, "fixes": {"component": "leg", "fix": "thicker"}}', ["leg"])
    assert [(f.component, f.fix) for f in c.fixes] == [("leg", "thicker")]
    with pytest.raises(ReplyProblem, match='"fixes" must be a list'):
        parse_critique('{"accept": false, "fixes": 5}', ["leg"])


def test_oneshot_module_splits_into_stages_sharing_the_preamble():
    code = ('import bpy\n\n\ndef helper():\n    return 1\n\n\ndef build_a(ctx):\n    helper()\n\n\n'
            'def material_a(ctx):\n    pass\n\n\ndef compose_camera(ctx):\n    pass\n\n\ndef light_key(ctx):\n    pass\n')
    stages = split_oneshot(code)
    assert list(stages) == ["geometry", "material", "composition", "lighting"]
    for stage, src in stages.items():
        parsed = split_stage_source(stage, src)
        assert "def helper" in parsed.preamble and len(parsed.parts) == 1
        assert "def build_a" not in src or stage == "geometry"
    with pytest.raises(ReplyProblem, match="no light_"):
        split_oneshot(code.split("def light_key")[0])
