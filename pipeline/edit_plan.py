"""Edit localization: which parts of which stages an instruction changes.

The model sees the blueprint, the components with short summaries, an outline of the
program (every part function per stage, with the objects it creates) and a render, and
answers with an *edit plan*: parts to change, parts to add, parts to remove — or a
clarifying question when the instruction does not say what or where. `parse_plan`
validates the plan against the program; what it refuses goes back to the model once.

This module is bpy-free.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from . import pyparse
from .. import prompts
from .blueprint import _vector
from .ports import ModelRequest
from .program import COMPONENT_STAGES, PART_PREFIX, STAGES, SceneProgram, split_stage_source

ACTIONS = ("change", "add", "remove")
_PART_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")  # as blueprint component names: it becomes one


class PlanProblem(ValueError):
    """An edit plan that cannot be used; `problems` are one line each, for the model."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class PartEdit:
    """One part the plan names: its stage, its name (without the prefix), and the job."""
    stage: str
    part: str
    action: str                                   # change | add | remove
    what: str = ""
    component: dict[str, Any] = field(default_factory=dict)   # blueprint entry of a new component

    @property
    def key(self) -> str:
        return f"{self.stage}/{self.part}"

    @property
    def function(self) -> str:
        return PART_PREFIX[self.stage] + self.part


@dataclass
class EditPlan:
    question: str = ""
    summary: str = ""
    edits: list[PartEdit] = field(default_factory=list)

    @property
    def needs_clarification(self) -> bool:
        return bool(self.question)

    def of(self, stage: str, *actions: str) -> list[PartEdit]:
        return [e for e in self.edits if e.stage == stage and (not actions or e.action in actions)]

    def stages(self) -> list[str]:
        """Stages the plan touches, in program order."""
        touched = {e.stage for e in self.edits}
        return [s for s in STAGES if s in touched]

    def keys(self, *actions: str) -> list[str]:
        return [e.key for e in self.edits if not actions or e.action in actions]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"question": self.question, "summary": self.summary}
        for action in ACTIONS:
            out[action] = [{"stage": e.stage, "part": e.part, **({"what": e.what} if e.what else {}),
                            **({"component": e.component} if e.component else {})}
                           for e in self.edits if e.action == action]
        return out


# ---------------------------------------------------------------------------
# What the model is shown
# ---------------------------------------------------------------------------

def _fmt(vec: Any) -> str:
    try:
        return "(" + ", ".join(f"{float(v):.3g}" for v in vec) + ")"
    except (TypeError, ValueError):
        return "(?)"


def live_components(program: SceneProgram) -> list[str]:
    """Components the program builds now: geometry parts, blueprint order first."""
    geometry = list(program.stages["geometry"].parts().parts) if program.stages["geometry"].code else []
    order = [c for c in program.components if c in geometry]
    return order + [p for p in geometry if p not in order]


def component_summaries(program: SceneProgram) -> str:
    have = {s: set(program.stages[s].parts().parts) for s in COMPONENT_STAGES if program.stages[s].code}
    rows = []
    for name in live_components(program):
        c = program.component(name)
        bits = [c.get("role") or "", c.get("shape") or ""]
        if c.get("size"):
            bits.append(" x ".join(f"{float(v):.3g}" for v in c["size"]) + " m")
        if c.get("location"):
            bits.append("at " + _fmt(c["location"]))
        if c.get("material"):
            bits.append(str(c["material"]))
        stages = [s for s in COMPONENT_STAGES if name in have.get(s, ())]
        rows.append(f"- {name}: {'; '.join(b for b in bits if b) or '(no blueprint entry)'} "
                    f"[{', '.join(stages) or 'no code'}]")
    return "\n".join(rows) or "(none)"


_DATA = {"objects", "meshes", "curves", "materials", "lights", "cameras", "worlds", "collections",
         "images", "node_groups", "textures", "fonts", "metaballs"}


def _creates(source: str) -> list[str]:
    """Names a part function gives what it creates — `bpy.data.<kind>.new("Name")`,
    `obj.name = "Name"`, `helper("Name", ...)` — with light types: enough for an outline."""
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        strings = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)
                   and a.value.strip()] if isinstance(node, ast.Call) else []
        if strings:
            fn = node.func
            if isinstance(fn, ast.Attribute) and fn.attr == "new" and isinstance(fn.value, ast.Attribute) \
                    and fn.value.attr in _DATA and isinstance(node.args[0], ast.Constant):
                label = strings[0]
                for kw in node.keywords:
                    if kw.arg == "type" and isinstance(kw.value, ast.Constant) and fn.value.attr == "lights":
                        label += f" ({kw.value.value})"
                names.append(label)
            elif isinstance(fn, ast.Name):
                names.append(strings[0])
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            if any(isinstance(t, ast.Attribute) and t.attr == "name" for t in node.targets):
                names.append(node.value.value)
    seen: list[str] = []
    for n in names:
        if n not in seen and not any(s.startswith(n + " (") or n.startswith(s + " (") for s in seen):
            seen.append(n)
    return seen


def _docline(source: str) -> str:
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return ""
    fn = next((n for n in tree.body if isinstance(n, ast.FunctionDef)), None)
    doc = ast.get_docstring(fn) if fn is not None else None
    if doc:
        return doc.strip().splitlines()[0].rstrip(".")
    comments = [ln.strip()[1:].strip() for ln in source.splitlines() if ln.strip().startswith("#")]
    return comments[0].rstrip(".") if comments else ""


def outline(program: SceneProgram, limit: int = 5) -> str:
    lines = []
    for stage in STAGES:
        code = program.stages[stage].code
        if not code:
            lines.append(f"{stage}: (no code yet)")
            continue
        lines.append(f"{stage}:")
        for part, src in split_stage_source(stage, code).parts.items():
            made = _creates(src)
            doc = _docline(src)
            detail = []
            if doc:
                detail.append(doc)
            if made:
                detail.append("creates " + ", ".join(made[:limit]) + (" ..." if len(made) > limit else ""))
            lines.append(f"  - {PART_PREFIX[stage]}{part}" + (f": {'; '.join(detail)}" if detail else ""))
    return "\n".join(lines)


def known_parts(program: SceneProgram) -> str:
    rows = []
    for stage in STAGES:
        code = program.stages[stage].code
        parts = list(split_stage_source(stage, code).parts) if code else []
        rows.append(f"- {stage}: {', '.join(parts) if parts else '(no code yet: nothing to change there)'}")
    return "\n".join(rows)


def locate_request(program: SceneProgram, instruction: str, render: bytes | None,
                   max_tokens: int = 1500) -> ModelRequest:
    bp = program.blueprint
    text = prompts.render("edit_locate", title=bp.get("title") or program.name,
                          description=bp.get("description") or "", components=component_summaries(program),
                          outline=outline(program), instruction=instruction.strip(),
                          stages=", ".join(program.applied_stages()))
    return ModelRequest(purpose="edit-locate", system=prompts.load("edit_system"), prompt=text,
                        images=[render] if render else [], max_tokens=max_tokens)


def locate_fix_request(first: ModelRequest, reply: str, problems: list[str], program: SceneProgram) -> ModelRequest:
    text = prompts.render("edit_locate_fix", problems="; ".join(problems), known=known_parts(program))
    return ModelRequest(purpose="edit-locate", system=first.system, prompt=text, images=first.images,
                        history=[("user", first.prompt), ("assistant", reply)], max_tokens=first.max_tokens)


# ---------------------------------------------------------------------------
# Reading the model's plan
# ---------------------------------------------------------------------------

def _items(data: dict[str, Any], key: str, problems: list[str]) -> list[Any]:
    value = data.get(key)
    if value is None or value == "":
        return []
    if isinstance(value, (str, dict)):
        return [value]
    if not isinstance(value, list):
        problems.append(f'"{key}" must be a list')
        return []
    return value


def _part_of(item: Any, default_stage: str) -> tuple[str, str, str, dict[str, Any]]:
    """(stage, part, what, component) of one plan item, lenient about the spelling."""
    if isinstance(item, str):
        stage, _, part = item.rpartition("/") if "/" in item else (default_stage, "", item)
        return stage.strip(), _bare(part.strip()), "", {}
    if not isinstance(item, dict):
        return "", "", "", {}
    stage = str(item.get("stage") or default_stage).strip().lower()
    named = item.get("component")
    part = str(item.get("part") or (named if isinstance(named, str) else "") or item.get("name") or "").strip()
    what = str(item.get("what") or item.get("change") or item.get("description") or "").strip()
    comp = item.get("component") if isinstance(item.get("component"), dict) else {}
    return stage, _bare(part), what, dict(comp)


def _bare(part: str) -> str:
    """A part name without its stage prefix or call parentheses (`build_leg(ctx)` -> `leg`)."""
    part = part.split("(")[0].strip()
    for prefix in PART_PREFIX.values():
        if part.startswith(prefix):
            return part[len(prefix):]
    return part


def parse_plan(data: dict[str, Any], program: SceneProgram) -> EditPlan:
    """The model's JSON as an EditPlan, checked against `program`; PlanProblem lists every
    problem at once, so one correction round can fix them all."""
    if not isinstance(data, dict):
        raise PlanProblem(["the plan must be one JSON object"])
    question = str(data.get("question") or "").strip()
    summary = str(data.get("summary") or "").strip()
    if question:
        return EditPlan(question=question, summary=summary)
    applied = program.applied_stages()
    parts = {s: list(program.stages[s].parts().parts) if s in applied else [] for s in STAGES}
    problems: list[str] = []
    edits: list[PartEdit] = []
    seen: set[str] = set()
    new_components = {_part_of(i, "")[1] for i in _items(data, "add", []) if _part_of(i, "")[0] == "geometry"}

    def stage_ok(stage: str, part: str) -> bool:
        if stage not in STAGES:
            problems.append(f"{stage or '(no stage)'}/{part}: unknown stage; stages are {', '.join(STAGES)}")
            return False
        if stage not in applied:
            problems.append(f"{stage}/{part}: the {stage} stage has no code yet, so nothing there can be edited")
            return False
        return True

    for action in ACTIONS:
        for item in _items(data, action, problems):
            stage, part, what, comp = _part_of(item, "geometry" if action == "remove" else "")
            if not part:
                problems.append(f'every "{action}" item needs a "part"')
                continue
            if not stage_ok(stage, part):
                continue
            key = f"{stage}/{part}"
            exists = part in parts[stage]
            kind = action
            if action == "change" and not exists:
                if stage == "material" and (part in parts["geometry"] or part in new_components):
                    kind = "add"   # a component that has no material yet gets its first one
                else:
                    problems.append(f"{key}: no such part; {stage} has {', '.join(parts[stage]) or 'none'}")
                    continue
            if action == "add" and exists:
                kind = "change"    # "add" of a part that is there is a change of it
            if action == "add" and not exists and not _PART_NAME.match(part):
                problems.append(f"{key[:60]}: a new part needs a lower-case name of letters, digits and _, "
                                f"starting with a letter, at most 40 characters")
                continue
            if action == "remove" and not exists:
                problems.append(f"{key}: cannot remove a part that does not exist; {stage} has "
                                f"{', '.join(parts[stage]) or 'none'}")
                continue
            if key in seen:
                problems.append(f"{key} is named twice; name each part once")
                continue
            seen.add(key)
            if kind == "add" and stage == "geometry":
                comp = {k: v for k, v in comp.items() if k != "name"}
                comp.setdefault("role", what or part)
                # It joins the stored blueprint, which must load again (blueprint.check_stored).
                for field_name, bounds in (("size", {"positive": True}), ("location", {"limit": 1000}),
                                           ("rotation_degrees", {"limit": 3600})):
                    if comp.get(field_name) is not None:  # the same bounds as a planned component's
                        _vector(comp[field_name], f"{key}: component.{field_name}", problems, **bounds)
            edits.append(PartEdit(stage, part, kind, what, comp if kind == "add" else {}))
    # Removing a component's geometry removes its material part with it.
    for e in [e for e in edits if e.action == "remove" and e.stage == "geometry"]:
        mkey = f"material/{e.part}"
        if e.part in parts["material"] and mkey not in seen:
            seen.add(mkey)
            edits.append(PartEdit("material", e.part, "remove", "its component is removed"))
        elif mkey in seen:
            edits = [x if x.key != mkey else PartEdit("material", e.part, "remove", "its component is removed")
                     for x in edits]
    if not edits and not problems:
        problems.append('the plan names no part to change; list parts under "change", "add" or "remove", '
                        'or ask a "question"')
    if problems:
        raise PlanProblem(problems)
    order = {s: i for i, s in enumerate(STAGES)}
    edits.sort(key=lambda e: order[e.stage])
    return EditPlan(summary=summary, edits=edits)
