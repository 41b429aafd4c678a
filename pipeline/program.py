"""The program model: a reconstruction is a SceneProgram, the code is the asset.

A program has a blueprint and four stages in fixed order. Every stage keeps a history of
versions and a pointer to the current one, which is what per-stage undo and redo move.

A stage version is Python source made of *parts*: top-level functions whose name starts
with the stage's prefix (``build_`` for geometry, ``material_`` for material, ``compose_``
for composition, ``light_`` for lighting). The applier calls them in order, one at a time,
each with a context. In the geometry and material stages a part is a blueprint component
(``build_leg_front_left`` builds component ``leg_front_left``), so an edit can replace one
function and leave every other byte of the stage as it was. Everything else in the source
(imports, helpers, constants) is the stage's preamble.

This module is bpy-free.
"""
from __future__ import annotations

import ast
import copy
import io
import json
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import pyparse
from .errors import ProgramError

SCHEMA_VERSION = 1

STAGES: tuple[str, ...] = ("geometry", "material", "composition", "lighting")
COMPONENT_STAGES: tuple[str, ...] = ("geometry", "material")
PART_PREFIX: dict[str, str] = {
    "geometry": "build_",
    "material": "material_",
    "composition": "compose_",
    "lighting": "light_",
}
ORIGINS: tuple[str, ...] = ("model", "user", "edit")


def stage_index(stage: str) -> int:
    try:
        return STAGES.index(stage)
    except ValueError:
        raise ProgramError(
            f"unknown stage {stage!r}; stages are {', '.join(STAGES)}"
        ) from None


# ---------------------------------------------------------------------------
# Stage source: parts and preamble
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class StageSource:
    """A stage's code split into preamble and parts, in source order."""

    preamble: str
    parts: dict[str, str]  # part name (component) -> function source
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)  # 0-based lines

    def render(self) -> str:
        chunks = [self.preamble.rstrip()] if self.preamble.strip() else []
        chunks.extend(src.rstrip() for src in self.parts.values())
        return "\n\n\n".join(chunks) + "\n"


def split_stage_source(stage: str, code: str) -> StageSource:
    """Split stage code into its preamble and its part functions.

    Raises ProgramError with a line number when the code does not parse, or when a part
    function is defined twice (the second would silently win).
    """
    prefix = PART_PREFIX[stage]
    try:
        tree = pyparse.parse(code)
    except SyntaxError as exc:
        raise ProgramError(f"{stage} code, line {exc.lineno or 1}: {exc.msg}") from None
    except (RecursionError, MemoryError):  # what CPython's parser raises for very deep nesting
        raise ProgramError(f"{stage} code, line 1: the code is nested too deeply for Python to parse") from None
    lines = source_lines(code)
    parts: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    taken: list[tuple[int, int]] = []
    # Lines inside other statements (a multi-line string whose line starts with '#') are
    # never comments to carry along with the function below them.
    covered = {n for node in tree.body for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(prefix):
            name = node.name[len(prefix):]
            if not name or _required_positional(node) > 1:
                continue  # build_camera_rig(context, mode) is a helper: a part is called as part(ctx)
            if name in parts:
                raise ProgramError(
                    f"{stage} code, line {node.lineno}: function {node.name} is defined twice"
                )
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            # Comment lines directly above a function belong to it, so they travel with it.
            while start > 0 and start not in covered and lines[start - 1].lstrip().startswith("#"):
                start -= 1
            end = node.end_lineno
            parts[name] = "".join(lines[start:end]).rstrip() + "\n"
            spans[name] = (start, end)
            taken.append((start, end))
    in_part = [False] * len(lines)
    for a, b in taken:
        in_part[a:b] = [True] * (b - a)
    keep = [line for line, skip in zip(lines, in_part) if not skip]
    preamble = _squeeze_blank_lines("".join(keep)).strip("\n")
    return StageSource(preamble=preamble + "\n" if preamble else "", parts=parts, spans=spans)


def _required_positional(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    args = node.args
    return len(args.posonlyargs) + len(args.args) - len(args.defaults)


def splice_parts(stage: str, code: str, new_parts: dict[str, str], remove: Iterable[str] = ()) -> str:
    """`code` with the named parts replaced where they stand, removed ones cut out (with the
    blank lines after them) and new ones appended. Every other line stays where it was:
    top-level code below a part may use it, and a string may hold blank lines."""
    current = split_stage_source(stage, code)
    lines, removed = source_lines(code), set(remove)
    out: list[str] = []
    pos = 0
    for name, (start, end) in current.spans.items():
        out.append("".join(lines[pos:start]))
        if name in new_parts:
            ending = "\r\n" if lines[end - 1].endswith("\r\n") else "\n"
            out.append(new_parts[name].rstrip("\r\n") + ending)
        elif name in removed:
            while end < len(lines) and not lines[end].strip():
                end += 1
        else:
            out.append("".join(lines[start:end]))
        pos = end
    out.append("".join(lines[pos:]))
    text = "".join(out)
    added = [src.rstrip() for name, src in new_parts.items() if name not in current.spans]
    if added:
        text = "\n\n\n".join(([text.rstrip()] if text.strip() else []) + added)
    return text if text.endswith("\n") or not text else text + "\n"


def module_name(stage: str, code: str) -> str:
    """The __name__ stage code runs under. A stage's parts are called by the applier, so its
    module is imported, not run (codeform_<stage>); a plain script, and stage code without
    parts (a pasted public script ending in `if __name__ == "__main__": main()`), runs as
    Blender's Text Editor runs it, as __main__, instead of silently building nothing."""
    if not stage:
        return "__main__"
    if "__main__" in code:
        try:
            if not split_stage_source(stage, code).parts:
                return "__main__"
        except ProgramError:
            pass  # the code does not parse: it fails on its own, with its line
    return f"codeform_{stage}"


def source_lines(code: str) -> list[str]:
    """`code`'s lines as Python numbers them: str.splitlines() also breaks at form feeds,
    NEL and the Unicode line separator, which would shift every line number the parser reports."""
    return io.StringIO(code, newline="").readlines()


def _squeeze_blank_lines(text: str) -> str:
    out: list[str] = []
    blank = 0
    for line in source_lines(text):
        if line.strip():
            blank = 0
            out.append(line)
        else:
            blank += 1
            if blank <= 2:
                out.append(line)
    return "".join(out)


def part_function_name(stage: str, part: str) -> str:
    return PART_PREFIX[stage] + part


# ---------------------------------------------------------------------------
# Versions and stages
# ---------------------------------------------------------------------------

@dataclass
class StageVersion:
    code: str
    origin: str = "model"
    metrics: dict[str, float] = field(default_factory=dict)
    created: float = field(default_factory=time.time)
    note: str = ""  # the edit instruction, the critique that led here, or a hand-edit remark
    render: str = ""  # path or image name of the render this version produced, if any

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ProgramError(f"unknown version origin {self.origin!r}; use {', '.join(ORIGINS)}")

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "origin": self.origin,
            "metrics": dict(self.metrics),
            "created": self.created,
            "note": self.note,
            "render": self.render,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "StageVersion":
        if not isinstance(data, dict) or not isinstance(data.get("code"), str):
            raise ProgramError("a stage version needs a 'code' string")
        metrics = data.get("metrics") or {}
        if not isinstance(metrics, dict):
            raise ProgramError("a stage version's 'metrics' must be an object")
        return cls(
            code=data["code"],
            origin=data.get("origin", "model"),
            metrics={str(k): _number(v, f"metric {k!r}") for k, v in metrics.items()},
            created=_number(data.get("created", 0.0), "a version's 'created'"),
            note=str(data.get("note", "")),
            render=str(data.get("render", "")),
        )


@dataclass
class Stage:
    name: str
    versions: list[StageVersion] = field(default_factory=list)
    current: int = -1  # index into versions; -1 means the stage has no applied version

    @property
    def version(self) -> StageVersion | None:
        return self.versions[self.current] if 0 <= self.current < len(self.versions) else None

    @property
    def code(self) -> str:
        v = self.version
        return v.code if v else ""

    def parts(self) -> StageSource:
        return split_stage_source(self.name, self.code)

    def add_version(self, version: StageVersion) -> int:
        """Append a version and make it current; versions past the pointer are kept
        (history is never lost), the new one goes at the end."""
        split_stage_source(self.name, version.code)  # refuse code that does not parse
        self.versions.append(version)
        self.current = len(self.versions) - 1
        return self.current

    def can_undo(self) -> bool:
        return self.current >= 0

    def can_redo(self) -> bool:
        return self.current < len(self.versions) - 1

    def undo(self) -> None:
        if not self.can_undo():
            raise ProgramError(f"{self.name} has nothing to undo")
        self.current -= 1

    def redo(self) -> None:
        if not self.can_redo():
            raise ProgramError(f"{self.name} has nothing to redo")
        self.current += 1

    def best_index(self, score_key: str, higher_is_better: bool = True) -> int:
        scored = [(i, v.metrics[score_key]) for i, v in enumerate(self.versions) if score_key in v.metrics]
        if not scored:
            return self.current
        pick = max if higher_is_better else min
        return pick(scored, key=lambda iv: iv[1])[0]

    def to_json(self) -> dict[str, Any]:
        return {"current": self.current, "versions": [v.to_json() for v in self.versions]}

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> "Stage":
        if not isinstance(data, dict):
            raise ProgramError(f"stage {name!r} must be an object")
        raw = data.get("versions", [])
        if not isinstance(raw, list):
            raise ProgramError(f"stage {name!r}: 'versions' must be a list")
        versions = [StageVersion.from_json(v) for v in raw]
        current = data.get("current", len(versions) - 1)
        if not isinstance(current, int) or isinstance(current, bool):
            raise ProgramError(f"stage {name!r}: current version {current!r} is not a whole number")
        if not -1 <= current < len(versions):
            raise ProgramError(f"stage {name!r}: current version {current} is out of range")
        return cls(name=name, versions=versions, current=current)


# ---------------------------------------------------------------------------
# The program
# ---------------------------------------------------------------------------

def component_names(blueprint: dict[str, Any]) -> list[str]:
    comps = blueprint.get("components") or []
    return [str(c["name"]) for c in comps if isinstance(c, dict) and c.get("name")]


@dataclass
class SceneProgram:
    name: str
    blueprint: dict[str, Any] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=lambda: {s: Stage(s) for s in STAGES})
    created: float = field(default_factory=time.time)

    def __post_init__(self) -> None:
        validate_run_name(self.name)
        for s in STAGES:
            self.stages.setdefault(s, Stage(s))

    # -- reading -----------------------------------------------------------
    def stage(self, name: str) -> Stage:
        stage_index(name)
        return self.stages[name]

    @property
    def components(self) -> list[str]:
        """Component names: the blueprint's order first, then parts found only in code."""
        names = component_names(self.blueprint)
        for s in COMPONENT_STAGES:
            for part in self.stages[s].parts().parts:
                if part not in names:
                    names.append(part)
        return names

    def component(self, name: str) -> dict[str, Any]:
        for c in self.blueprint.get("components") or []:
            if isinstance(c, dict) and c.get("name") == name:
                return c
        return {"name": name}

    def applied_stages(self) -> list[str]:
        """Stages with a current version, in order, stopping at the first gap: a stage
        cannot be applied on top of a missing earlier one."""
        out = []
        for s in STAGES:
            if self.stages[s].version is None:
                break
            out.append(s)
        return out

    def last_stage(self) -> str | None:
        applied = self.applied_stages()
        return applied[-1] if applied else None

    def next_stage(self) -> str | None:
        applied = self.applied_stages()
        return STAGES[len(applied)] if len(applied) < len(STAGES) else None

    # -- changing ----------------------------------------------------------
    def set_stage_code(self, stage: str, code: str, origin: str = "model", note: str = "",
                       metrics: dict[str, float] | None = None) -> StageVersion:
        version = StageVersion(code=code, origin=origin, note=note, metrics=dict(metrics or {}))
        self.stage(stage).add_version(version)
        return version

    def replace_parts(self, stage: str, new_parts: dict[str, str], remove: Iterable[str] = (),
                      origin: str = "edit", note: str = "") -> StageVersion:
        """A new version of `stage` where only the named parts change: each replaced part
        keeps its position, new ones go at the end, removed ones disappear. The preamble and
        every other part stay byte for byte."""
        parts: dict[str, str] = {}
        for name, src in new_parts.items():
            got = split_stage_source(stage, src)
            fn = part_function_name(stage, name)
            if name not in got.parts:
                raise ProgramError(f"{stage} code for {name!r} must define {fn}(ctx)")
            parts[name] = got.parts[name]
        code = splice_parts(stage, self.stage(stage).code, parts, remove)
        return self.set_stage_code(stage, code, origin=origin, note=note)

    # -- serialising -------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "schema": "codeform.program",
            "schema_version": SCHEMA_VERSION,
            "name": self.name,
            "created": self.created,
            "blueprint": copy.deepcopy(self.blueprint),
            "stages": {s: self.stages[s].to_json() for s in STAGES},
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, data: Any) -> "SceneProgram":
        if not isinstance(data, dict) or data.get("schema") != "codeform.program":
            raise ProgramError("not a CodeForm program (missing \"schema\": \"codeform.program\")")
        version = data.get("schema_version")
        if not isinstance(version, int) or version < 1:
            raise ProgramError("program has no valid schema_version")
        if version > SCHEMA_VERSION:
            raise ProgramError(
                f"program schema {version} is newer than this CodeForm understands "
                f"({SCHEMA_VERSION}); update the extension"
            )
        blueprint = data.get("blueprint") or {}
        if not isinstance(blueprint, dict):
            raise ProgramError("program blueprint must be an object")
        from .blueprint import check_stored
        check_stored(blueprint)
        stages_data = data.get("stages") or {}
        if not isinstance(stages_data, dict):
            raise ProgramError("program stages must be an object")
        unknown = set(stages_data) - set(STAGES)
        if unknown:
            raise ProgramError(f"unknown stage(s) in program: {', '.join(sorted(unknown))}")
        if not isinstance(data.get("name", ""), str):
            raise ProgramError("program name must be a string")
        stages = {s: Stage.from_json(s, stages_data.get(s, {})) for s in STAGES}
        for s in STAGES:
            for v in stages[s].versions:
                split_stage_source(s, v.code)
        return cls(
            name=str(data.get("name", "")),
            blueprint=blueprint,
            stages=stages,
            created=_number(data.get("created", 0.0), "program 'created'"),
        )

    @classmethod
    def loads(cls, text: str) -> "SceneProgram":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgramError(f"program is not valid JSON (line {exc.lineno}: {exc.msg})") from None
        except RecursionError:
            raise ProgramError("program JSON is nested too deeply") from None
        return cls.from_json(data)

    @classmethod
    def from_sources(cls, name: str, blueprint: dict[str, Any], sources: dict[str, str],
                     origin: str = "model") -> "SceneProgram":
        program = cls(name=name, blueprint=blueprint)
        for s in STAGES:
            if s in sources:
                program.set_stage_code(s, sources[s], origin=origin)
        return program


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProgramError(f"{what} must be a number, not {value!r:.40}")
    return float(value)


# Blender 4.x caps ID names at 63 bytes; "CodeForm/<run>/composition.py" must fit.
MAX_RUN_NAME = 24
_BAD_NAME_CHARS = set('/\\:*?"<>|\n\r\t')


def validate_run_name(name: str) -> str:
    if not name or not name.strip():
        raise ProgramError("a run needs a name")
    if any(c in _BAD_NAME_CHARS or not c.isprintable() for c in name) or len(name.encode("utf-8")) > MAX_RUN_NAME:
        shown = repr(name) if len(name) <= 40 else repr(name[:40]) + "..."
        raise ProgramError(f"run name {shown} must be at most {MAX_RUN_NAME} bytes of printable characters "
                           f"without / \\ : * ? \" < > |")
    return name
