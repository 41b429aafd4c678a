"""Code and JSON out of replies as real models write them: the corpus in tests/data/replies."""
import ast
import json
from pathlib import Path

import pytest

from codeform.vlm.errors import ReplyError
from codeform.vlm.parse import defined_functions, extract_code, extract_json

CORPUS = Path(__file__).resolve().parent.parent / "data" / "replies"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))


def _reply(name: str) -> str:
    # bytes -> str without newline translation: CRLF and BOM cases must reach the parser intact
    return (CORPUS / f"{name}.txt").read_bytes().decode("utf-8")


def test_corpus_is_large_and_every_file_has_a_case():
    files = {p.stem for p in CORPUS.glob("*.txt")}
    assert files == set(CASES)
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c["kind"] == "code"))
def test_code_corpus(name):
    case = CASES[name]
    text = _reply(name)
    if "error" in case:
        with pytest.raises(ReplyError) as err:
            extract_code(text, case.get("want"))
        message = str(err.value)
        assert case["error"] in message and "\n" not in message
        return
    code = extract_code(text, case.get("want"))
    ast.parse(code)                       # what we return runs through the policy and Python
    assert set(case["defines"]) <= set(defined_functions(code))
    for needle in case["contains"]:
        assert needle in code
    for needle in case["excludes"]:
        assert needle not in code
    assert "```" not in code.replace("'```'", "")


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c["kind"] == "json"))
def test_json_corpus(name):
    case = CASES[name]
    text = _reply(name)
    if "error" in case:
        with pytest.raises(ReplyError) as err:
            extract_json(text)
        assert case["error"] in str(err.value)
        return
    value = extract_json(text)
    assert isinstance(value, dict)
    assert set(case["keys"]) <= set(value)
    for key, expected in case.get("equals", {}).items():
        assert value[key] == expected


def test_refusal_message_quotes_the_reply_on_one_line():
    with pytest.raises(ReplyError) as err:
        extract_code("I'm sorry, but I can't help with that.\n\nIt may depict a real person.")
    assert str(err.value).startswith("the model refused: 'I'm sorry, but I can't help")
    assert "\n" not in str(err.value)


def test_several_wanted_functions_pick_the_block_defining_most():
    text = ("```python\ndef build_a(ctx):\n    pass\n```\n"
            "```python\ndef build_a(ctx):\n    return 1\n\ndef build_b(ctx):\n    return 2\n```")
    code = extract_code(text, ["build_a", "build_b"])
    assert defined_functions(code) == ["build_a", "build_b"] and "return 1" in code


def test_wanted_functions_with_no_match_falls_back_to_an_error_naming_them():
    with pytest.raises(ReplyError, match="defines none of build_seat, build_leg .it defines build_table."):
        extract_code("```python\ndef build_table(ctx):\n    pass\n```", ["build_seat", "build_leg"])


def test_json_array_of_many_objects_is_not_a_blueprint():
    with pytest.raises(ReplyError):
        extract_json('[{"a": 1}, {"b": 2}]')


def test_long_prose_reply_without_code_is_rejected_quickly():
    import time
    text = "\n".join(f"# step {i}: think about the chair and its legs" if i % 7 == 0 else f"Sentence {i} about the chair."
                     for i in range(400))
    start = time.perf_counter()
    with pytest.raises(ReplyError):
        extract_code(text)
    assert time.perf_counter() - start < 2.0


# -- replies from a hostile endpoint: every one is a ReplyError, in linear time --------------------------
@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", [
    "```" + "a" * 300_000 + "`",                   # the fence regex backtracked quadratically: minutes
    "``` " + " \t" * 150_000 + "x`",
    "<think>" * 120_000,                           # each unclosed opening rescanned to the end
    "<thinking>" * 50_000 + "</think>",
], ids=["fence-backtick", "fence-blanks", "think-unclosed", "thinking-mismatched"])
def test_pathological_lines_are_rejected_in_linear_time(text):
    with pytest.raises(ReplyError):
        extract_code(text)
    with pytest.raises(ReplyError):
        extract_json(text)


def test_thinking_sections_still_go_whatever_else_is_unclosed():
    text = "<think>draft```python\nbad()\n```</think><think>open\n```python\nimport bpy\nbpy.ops.mesh.primitive_cube_add()\n```"
    assert "bad()" not in extract_code(text)
    assert extract_code("<THINK>x</think>```python\nimport bpy\n```\n<reasoning>y</reasoning>") == "import bpy\n"


@pytest.mark.parametrize("code", ["x = " + "-" * 100_000 + "1", "x = 1" + " + 1" * 200_000])
def test_code_the_python_parser_cannot_hold_is_a_reply_error(code):
    # ast.parse raises MemoryError / RecursionError here, not SyntaxError
    with pytest.raises(ReplyError):
        extract_code(f"```python\n{code}\n```", ["build_seat"])
    with pytest.raises(ReplyError, match="nested too deeply for Python to parse"):
        extract_code(f"```python\n{code}\n```")      # pipeline.replies parses what it gets again


def test_json_nested_past_the_recursion_limit_is_a_reply_error():
    with pytest.raises(ReplyError):
        extract_json('{"a":' * 5_000 + "1" + "}" * 5_000)


def test_a_reply_of_megabytes_is_refused_before_parsing():
    with pytest.raises(ReplyError, match=r"the reply is 2,000,000 characters long, far more than any answer asked for"):
        extract_code("x = 1\n" * 333_333 + "xx")
    with pytest.raises(ReplyError, match="far more than any answer"):
        extract_json("{" + " " * 2_000_000 + "}")
