"""The program model on code people write by hand: odd but valid Python must split into the
right parts, and an edit of one part must leave every other line where and as it was."""
import pytest

from codeform.pipeline.program import SceneProgram, source_lines, splice_parts, split_stage_source


def _program(code):
    return SceneProgram.from_sources("layout", {}, {"geometry": code}, origin="user")


@pytest.mark.parametrize("breaker", ["\x0c", "\x85", "\u2028", "\x1c", "\v"])
def test_characters_str_splitlines_breaks_at_do_not_shift_parts(breaker):
    # A form feed between sections (PEP 8 allows it) or a \u2028 in a comment is no line
    # break to Python; counting it as one cut parts at the wrong lines.
    code = f"import bpy\n# section{breaker}two\n\ndef build_a(ctx):\n    return 1\n\n\ndef build_b(ctx):\n    return 2\n"
    src = split_stage_source("geometry", code)
    assert src.parts == {"a": "def build_a(ctx):\n    return 1\n", "b": "def build_b(ctx):\n    return 2\n"}
    assert len(source_lines(code)) == code.count("\n")


def test_a_hash_line_inside_a_string_is_not_a_comment_of_the_next_part():
    code = 'NOTE = """\n# not a comment"""\ndef build_a(ctx):\n    return NOTE\n'
    src = split_stage_source("geometry", code)
    assert src.parts["a"] == "def build_a(ctx):\n    return NOTE\n"
    p = _program(code)
    p.replace_parts("geometry", {"a": "def build_a(ctx):\n    return NOTE * 2\n"})
    namespace = {}
    exec(p.stage("geometry").code, namespace)
    assert namespace["NOTE"] == "\n# not a comment"


def test_an_edit_keeps_top_level_code_below_the_parts_in_place():
    code = ("import bpy\n\n\ndef build_a(ctx):\n    return 1\n\n\ndef build_b(ctx):\n    return 2\n\n\n"
            "PARTS = [build_a, build_b]\n\nif __name__ == '__main__':\n    build_a(None)\n")
    p = _program(code)
    p.replace_parts("geometry", {"a": "def build_a(ctx):\n    return 10\n"})
    edited = p.stage("geometry").code
    assert edited == code.replace("return 1\n", "return 10\n")
    namespace = {"__name__": "codeform_geometry"}
    exec(edited, namespace)  # PARTS still comes after the functions it lists
    assert [f(None) for f in namespace["PARTS"]] == [10, 2]


def test_an_edit_leaves_blank_lines_inside_strings_alone():
    code = 'TEXT = """a\n\n\n\n\nb"""\n\n\ndef build_a(ctx):\n    return TEXT\n'
    p = _program(code)
    p.replace_parts("geometry", {"b": "def build_b(ctx):\n    pass\n"})
    assert p.stage("geometry").code.startswith(code)


def test_removing_a_part_takes_its_trailing_blank_lines_with_it():
    code = "import bpy\n\n\ndef build_a(ctx):\n    pass\n\n\ndef build_b(ctx):\n    pass\n\n\nX = 1\n"
    p = _program(code)
    p.replace_parts("geometry", {}, remove=["a"])
    assert p.stage("geometry").code == "import bpy\n\n\ndef build_b(ctx):\n    pass\n\n\nX = 1\n"


ODD = {
    "decorated class and nested function": (
        "import functools\n\n\nclass Leg:\n    @property\n    def build_x(self):\n        return 1\n\n\n"
        "# about a\n@functools.lru_cache(maxsize=None)\n# between the decorator and def\n"
        "def build_a(ctx):\n    def inner():\n        return 1\n    return inner()\n"),
    "global, match, type hints, async": (
        "from typing import List\nN: int = 0\n\n\ndef build_a(ctx: 'Ctx') -> List[int]:\n    global N\n"
        "    match ctx:\n        case {'n': n}:\n            N = n\n        case _:\n            pass\n    return [N]\n\n\n"
        "async def build_b(ctx):\n    return None\n"),
    "CRLF": "import bpy\r\n\r\n# leg\r\ndef build_a(ctx):\r\n    return 1\r\n\r\nY = 2\r\n",
    "tabs and no final newline": "import bpy\ndef build_a(ctx):\n\tif ctx:\n\t\treturn 1\n\treturn 2",
    "non-ASCII names": "größe = 2\n\n\ndef build_tür(ctx):\n    return größe  # Größe\n",
    "one-line functions and semicolons": "def build_a(ctx): return 1\ndef build_b(ctx): return 2\nx = 1; y = 2\n",
}


@pytest.mark.parametrize("code", list(ODD.values()), ids=list(ODD))
def test_odd_valid_python_loses_and_reorders_nothing(code):
    src = split_stage_source("geometry", code)
    assert src.parts
    assert splice_parts("geometry", code, {}) == code + ("" if code.endswith("\n") else "\n")
    for name, text in src.parts.items():
        assert text.replace("\r\n", "\n").rstrip() in code.replace("\r\n", "\n")
        again = splice_parts("geometry", code, {name: text})
        if code.endswith("\n"):
            assert again == code
        assert split_stage_source("geometry", again).parts == src.parts
        assert [ln.strip() for ln in source_lines(again) if ln.strip()] == \
            [ln.strip() for ln in source_lines(code) if ln.strip()]


def test_module_name_runs_a_pasted_script_but_imports_a_stage_with_parts():
    from codeform.pipeline.program import module_name
    guard = "\nif __name__ == '__main__':\n    main()\n"
    assert module_name("", "x = 1\n") == "__main__"
    assert module_name("geometry", "def main():\n    pass\n" + guard) == "__main__"
    assert module_name("geometry", "def build_a(ctx):\n    pass\n" + guard) == "codeform_geometry"
    assert module_name("lighting", "x = 1\n") == "codeform_lighting"
    assert module_name("geometry", "if __name__ == '__main__':\n  (\n") == "codeform_geometry"


def test_a_prefixed_function_that_needs_two_arguments_is_a_helper_not_a_part():
    # blender-addons' build_camera_rig(context, mode): calling it as part(ctx) can only fail.
    code = ("def build_camera_rig(context, mode):\n    pass\n\n\ndef build_rig(ctx, size=1.0):\n    pass\n\n\n"
            "def build_empty():\n    pass\n")
    assert list(split_stage_source("geometry", code).parts) == ["rig", "empty"]
