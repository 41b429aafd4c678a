"""Real public scripts (tests/data/public/) through the bpy-free gates: the policy admits
every script whose header does not expect a refusal (and refuses the others with the line
and reason given), and the program model splits each one, wrapped as a stage, and splices
it back byte for byte."""
import re
from pathlib import Path

import pytest

from codeform.cli import main
from codeform.pipeline.program import PART_PREFIX, splice_parts, split_stage_source
from codeform.sandbox.policy import check_code

CORPUS = Path(__file__).resolve().parents[1] / "data" / "public"
SCRIPTS = sorted(CORPUS.glob("*.py"))


def _read(path):
    text = path.read_text(encoding="utf-8")
    kind, message = re.search(r"^# expect: (\w+):? ?(.*)$", text, re.M).groups()
    return text, kind, message


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_policy_admits_public_scene_code(path):
    code, kind, message = _read(path)
    found = [v.message for v in check_code(code)]
    if kind == "policy":
        assert found and found[0] == message, found
    else:
        assert found == [], f"{path.name}: a false refusal of legitimate code: {found}"


def _as_stage(code, stage):
    """The script with every top-level function renamed into a part of `stage`."""
    return re.sub(r"^(async def |def )(?!_)", lambda m: m.group(1) + PART_PREFIX[stage], code, flags=re.M)


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_public_script_as_a_stage_splices_back_byte_for_byte(path, newline):
    stage = "geometry"
    code = _as_stage(path.read_text(encoding="utf-8"), stage).replace("\n", newline)
    src = split_stage_source(stage, code)
    assert splice_parts(stage, code, {}) == code
    for name, text in src.parts.items():
        assert splice_parts(stage, code, {name: text}) == code, name
    if len(src.parts) > 1:  # an edit of the first part leaves every other line where it was
        first = next(iter(src.parts))
        edited = splice_parts(stage, code, {first: f"def {PART_PREFIX[stage]}{first}(ctx):{newline}    pass{newline}"})
        again = split_stage_source(stage, edited)
        assert list(again.parts) == list(src.parts)
        assert {k: v for k, v in again.parts.items() if k != first} == \
            {k: v for k, v in src.parts.items() if k != first}
        assert again.preamble == src.preamble


def test_lint_reads_a_file_saved_with_a_bom(tmp_path, capsys):
    script = tmp_path / "bom.py"
    script.write_bytes(b"\xef\xbb\xbf" + (CORPUS / "cgart_camera_rig.py").read_bytes())
    assert main(["lint", str(script)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("code, refused", [
    ("class A(B):\n    def __init__(self, n):\n        super().__init__(n)\n        super()._setup()\n", False),
    ("def f():\n    return super().__init__()\n", True),       # not a method of the code's own class
    ("class A:\n    def f(self):\n        return super().__class__\n", True),
    ("class A:\n    def f(self):\n        return super().__init__.__globals__\n", True),
])
def test_super_in_the_codes_own_classes_is_its_own(code, refused):
    # Class-based public scripts call super().__init__(...); it was refused as a private
    # attribute "outside your own classes".
    assert bool(check_code(code)) == refused, check_code(code)
