"""Turning model replies into program pieces: code for one part, a whole stage, a one-shot
program, a blueprint, a critique.

Anything that cannot be used raises ReplyProblem with a one-line reason; the engine sends
that reason back to the model as a repair request, like any other gate failure.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from . import pyparse
from ..vlm import parse as vlm_parse
from ..vlm.errors import ReplyError
from .program import PART_PREFIX, STAGES, split_stage_source


class ReplyProblem(ValueError):
    pass


def extract_code(text: str, truncated: bool = False, want: list[str] | None = None) -> str:
    """The Python in a reply (vlm.parse does the reading: fences or bare code, several
    blocks, refusals, cut-off blocks); the code must parse."""
    if truncated:
        raise ReplyProblem("the reply was cut off at the token limit; write shorter code "
                           "(loops and small helpers instead of repeated statements)")
    try:
        code = vlm_parse.extract_code(text, want)
    except ReplyError as exc:
        raise ReplyProblem(str(exc)) from None
    try:
        pyparse.parse(code)
    except SyntaxError as exc:
        raise ReplyProblem(f"line {exc.lineno}: SyntaxError: {exc.msg}") from None
    return code


@dataclass
class Piece:
    """One part function, self-contained, plus the imports it needs at module level."""
    name: str
    function: str
    imports: list[str] = field(default_factory=list)


def _import_lines(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Import):
        return [f"import {a.name}" + (f" as {a.asname}" if a.asname else "") for a in node.names]
    assert isinstance(node, ast.ImportFrom)
    names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in node.names)
    return [f"from {'.' * node.level}{node.module or ''} import {names}"]


def _is_self_call(node: ast.stmt, functions: set[str]) -> bool:
    """`build_x(ctx)` or `if __name__ == "__main__": ...` at module level: a model testing
    its own function, which the applier does itself."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        fn = node.value.func
        return isinstance(fn, ast.Name) and fn.id in functions
    if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
        left = node.test.left
        return isinstance(left, ast.Name) and left.id == "__name__"
    return False


def part_piece(code: str, stage: str, name: str) -> Piece:
    """The part function `<prefix><name>` from a reply, made self-contained: module-level
    helpers and constants move into its body (so parts written by different calls cannot
    collide), imports are returned for the stage preamble."""
    prefix = PART_PREFIX[stage]
    want = prefix + name
    try:
        tree = pyparse.parse(code)
    except SyntaxError as exc:
        raise ReplyProblem(f"line {exc.lineno}: SyntaxError: {exc.msg}") from None
    lines = code.splitlines()
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    parts = [f for f in funcs if f.name.startswith(prefix)]
    target = next((f for f in parts if f.name == want), None)
    if target is None:
        if len(parts) == 1:
            target = parts[0]  # the right part under another name: take it, rename below
        else:
            raise ReplyProblem(f"the reply must define {want}(ctx)")
    imports: list[str] = []
    moved: list[str] = []
    names = {f.name for f in parts}
    for node in tree.body:
        if node is target:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.extend(_import_lines(node))
        elif isinstance(node, ast.FunctionDef) and node.name.startswith(prefix):
            continue  # another part: not what was asked for
        elif _is_self_call(node, names):
            continue
        else:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            moved.append("\n".join(lines[start - 1: node.end_lineno]))
    fn_lines = lines[min([target.lineno] + [d.lineno for d in target.decorator_list]) - 1: target.end_lineno]
    fn_start = min([target.lineno] + [d.lineno for d in target.decorator_list])
    fn_lines = [ln for ln in fn_lines if not ln.lstrip().startswith("@")] if target.decorator_list else fn_lines
    header_end = target.body[0].lineno - fn_start
    if target.decorator_list:
        header_end -= len(target.decorator_list)
    body0 = target.body[0]
    if isinstance(body0, ast.Expr) and isinstance(getattr(body0, "value", None), ast.Constant) \
            and isinstance(body0.value.value, str):
        header_end += body0.end_lineno - body0.lineno + 1  # keep the docstring first
    indent = " " * target.body[0].col_offset
    inner = []
    for chunk in moved:
        inner.extend((indent + ln) if ln.strip() else "" for ln in chunk.splitlines())
    new_lines = fn_lines[:header_end] + inner + fn_lines[header_end:]
    source = "\n".join(new_lines).rstrip() + "\n"
    if target.name != want:
        source = re.sub(rf"^def {re.escape(target.name)}\(", f"def {want}(", source, count=1, flags=re.M)
    try:
        pyparse.parse(source)
    except SyntaxError as exc:  # a helper whose indentation we could not move safely
        raise ReplyProblem(f"put every helper inside {want}(ctx) ({exc.msg})") from None
    return Piece(name=name, function=source, imports=imports)


def stage_parts(code: str, stage: str) -> tuple[str, dict[str, str]]:
    """A whole-stage reply: (preamble, parts). At least one part function is required."""
    try:
        src = split_stage_source(stage, code)
    except ValueError as exc:
        raise ReplyProblem(str(exc)) from None
    if not src.parts:
        raise ReplyProblem(f"the {stage} code must define at least one {PART_PREFIX[stage]}<name>(ctx) function")
    return src.preamble, src.parts


def split_oneshot(code: str) -> dict[str, str]:
    """A whole program in one module: each stage gets the shared preamble (imports,
    helpers) and its own part functions."""
    sources: dict[str, str] = {}
    for stage in STAGES:
        try:
            src = split_stage_source(stage, code)
        except ValueError as exc:
            raise ReplyProblem(str(exc)) from None
        if src.parts:
            sources[stage] = _only_stage(code, stage)
    if "geometry" not in sources:
        raise ReplyProblem("the program must define build_<component>(ctx) functions")
    missing = [s for s in STAGES if s not in sources]
    if missing:
        raise ReplyProblem(f"the program has no {', '.join(PART_PREFIX[s] + '<name>' for s in missing)} functions")
    return sources


def _only_stage(code: str, stage: str) -> str:
    """The module without the part functions of other stages."""
    tree = pyparse.parse(code)
    lines = code.splitlines(keepends=True)
    drop = [False] * len(lines)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
                node.name.startswith(PART_PREFIX[s]) for s in STAGES if s != stage):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            drop[start:node.end_lineno] = [True] * (node.end_lineno - start)
    kept = "".join(ln for ln, d in zip(lines, drop) if not d)
    return re.sub(r"\n{4,}", "\n\n\n", kept).strip("\n") + "\n"


# ---------------------------------------------------------------------------
# JSON replies
# ---------------------------------------------------------------------------

def extract_json(text: str) -> dict[str, Any]:
    """The JSON object in a reply (fenced or not, lenient about comments and commas)."""
    try:
        return vlm_parse.extract_json(text)
    except ReplyError as exc:
        raise ReplyProblem(str(exc)) from None


@dataclass
class Fix:
    component: str
    fix: str


@dataclass
class Critique:
    accept: bool
    summary: str
    fixes: list[Fix]
    raw: str = ""

    def as_note(self) -> str:
        lines = [self.summary] + [f"- {f.component or 'stage'}: {f.fix}" for f in self.fixes]
        return "\n".join(line for line in lines if line)


def parse_critique(text: str, known_parts: list[str]) -> Critique:
    data = extract_json(text)
    accept = data.get("accept")
    if not isinstance(accept, bool):
        raise ReplyProblem('the critique needs "accept": true or false')
    fixes = []
    raw_fixes = data.get("fixes") or []
    if isinstance(raw_fixes, (str, dict)):  # one fix, not a list of them (not its characters or keys)
        raw_fixes = [raw_fixes]
    if not isinstance(raw_fixes, list):
        raise ReplyProblem('"fixes" must be a list of {"component": ..., "fix": ...}')
    for item in raw_fixes:
        if isinstance(item, str):
            fixes.append(Fix("", item))
        elif isinstance(item, dict) and isinstance(item.get("fix"), str):
            comp = str(item.get("component") or "").strip()
            if comp in known_parts:
                fixes.append(Fix(comp, item["fix"].strip()))
            else:  # a fix about the whole stage, or a part that does not exist yet
                fixes.append(Fix("", (f"{comp}: " if comp else "") + item["fix"].strip()))
    if not accept and not fixes:
        raise ReplyProblem('a critique that does not accept must list "fixes"')
    return Critique(accept=accept, summary=str(data.get("summary") or "").strip(), fixes=fixes, raw=text)
