"""Gate 1, the static policy: bpy-free, over the sandbox corpora and its own cases."""
import re

import pytest

from codeform.pipeline.errors import CodeRaised, PolicyError
from codeform.pipeline.programfile import load_program_path
from codeform.sandbox import rules
from codeform.sandbox.policy import check_code, ensure_allowed
from sandbox_corpus import load

HOSTILE = load("hostile")
LEGIT = load("legit")


def test_corpora_are_big_enough_and_ids_unique():
    assert len(HOSTILE) >= 60 and len(LEGIT) >= 40
    ids = [s[0] for s in HOSTILE + LEGIT]
    assert len(ids) == len(set(ids))
    assert {e for _, e, _ in HOSTILE} <= {"policy", "refused", "raised", "limit", "crash", "contained"}
    assert {e for _, e, _ in LEGIT} == {"ok"}


@pytest.mark.parametrize("name, expect, code", [s for s in HOSTILE if s[1] == "policy"], ids=lambda v: v if isinstance(v, str) and "\n" not in v else "")
def test_hostile_snippets_are_refused_with_a_line_and_a_reason(name, expect, code):
    found = check_code(code)
    assert found, f"{name} passed the policy"
    first = found[0]
    assert re.match(rf"line {first.line}: \S", first.message) and "\n" not in first.message
    assert 1 <= first.line <= code.count("\n") + 1


@pytest.mark.parametrize("name, expect, code", [s for s in HOSTILE if s[1] != "policy"], ids=lambda v: v if isinstance(v, str) and "\n" not in v else "")
def test_runtime_snippets_pass_the_static_policy(name, expect, code):
    # These are the facade's job: they look harmless to a parser (aliases, computed names).
    assert check_code(code) == []


@pytest.mark.parametrize("name, expect, code", LEGIT, ids=lambda v: v if isinstance(v, str) and "\n" not in v else "")
def test_legitimate_snippets_pass(name, expect, code):
    assert check_code(code) == []


def test_import_refusal_names_the_alternatives():
    [v] = check_code("import bpy\n\nimport os\n")
    assert v.line == 3
    assert v.message == "line 3: import of 'os' is not allowed; use bpy, bmesh, mathutils, math, random"


def test_ensure_allowed_raises_policy_error_with_the_line():
    with pytest.raises(PolicyError) as info:
        ensure_allowed("x = 1\neval('2')\nimport sys\n")
    assert info.value.line == 2 and info.value.exit_code == 3
    assert str(info.value).startswith("line 2: 'eval' is not allowed") and "(and 1 more)" in str(info.value)


def test_syntax_errors_are_the_codes_own():
    assert check_code("def f(:\n")[0].message.startswith("line 1: SyntaxError")
    with pytest.raises(CodeRaised) as info:
        ensure_allowed("def f(:\n")
    assert info.value.exit_code == 4


@pytest.mark.parametrize("code", [
    "import random\nrandom._os", "import uuid\nuuid.os", "import typing\ntyping.sys", "import dataclasses\ndataclasses.builtins",
    "from random import _os", "from typing import sys", "import itertools\nitertools.count()",
])
def test_facades_hand_out_only_curated_names(code):
    assert check_code(code)


@pytest.mark.parametrize("code", [
    "from mathutils import Vector, Matrix\nfrom bpy.app import version\nfrom math import *",
    "class A:\n    def __init__(self):\n        self._x = 1\n    def get(self):\n        return self._x",
    "x = '{}-{:03d}'.format('a', 3)\ny = f'{x!r}'",
    "try:\n    pass\nexcept:\n    pass",
    "import bpy\nbpy.context.scene.render.engine = 'CYCLES'\nbpy.ops.mesh.primitive_cube_add(size=2)",
    "if __name__ == '__main__':\n    print(2 ** 64)",
    "x = '{:{}}'.format(3.5, 8)\nimport bpy\nbpy.context.scene.render.ffmpeg.format = 'MPEG4'",
    "def ring(n):\n    for i in range(n):\n        yield i\n    try:\n        pass\n    finally:\n        pass",
    "def steps():\n    yield (lambda: 1)\n\nwith nothing as t:\n    pass",
    "from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\nmatch P(1):\n"
    "    case P(x=0):\n        pass\n    case P(x=n) if n > 0:\n        pass\n    case {'k': v}:\n        pass",
])
def test_ordinary_python_passes(code):
    assert check_code(code) == []


def test_operator_table_comes_from_rna():
    table = rules.file_operators()
    assert {"object.empty_image_add", "font.open", "wm.save_as_mainfile", "image.open"} <= table
    assert "mesh.primitive_cube_add" not in table
    assert rules.operator_refusal("mesh", "primitive_cube_add") is None
    assert "file path" in rules.operator_refusal("object", "empty_image_add")
    assert "not available" in rules.operator_refusal("wm", "quit_blender")


def test_shipped_programs_pass(repo_root):
    program = load_program_path(repo_root / "examples" / "desk_lamp")
    for stage in program.applied_stages():
        assert check_code(program.stages[stage].code) == [], stage


def test_code_nested_too_deeply_to_check_is_refused_not_crashed():
    found = check_code("x = 1" + "+1" * 5000)
    assert found and "nested too deeply" in found[0].message
    found = check_code("x = (" * 150 + "1" + ")" * 150)
    assert found == [] or found[0].line == 1
