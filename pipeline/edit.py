"""Localized text edits: change the parts an instruction is about, keep every other byte.

    result = Editor(ports, EditConfig()).run(program, "make the legs thinner and brass")
    result.needs_clarification, result.question        # an ambiguous instruction: nothing changed
    result.program, result.new_versions, result.diffs   # the edited program, per stage

The model first *localizes* the instruction (pipeline.edit_plan): which parts of which
stages change, which components are added or removed — or a clarifying question. Only those
parts are rewritten, each through the same gates as every other piece of model code
(policy, lint, rehearsal of the whole edited program in the worker, repairs on failure).
Then every touched stage gets one new version (origin "edit", the instruction as its note)
in which every other part and the preamble are byte for byte what they were, and the live
scene shows it. An edit is all or nothing: if one part never passes, nothing changes.

`run` never raises a CodeFormError (like the reconstruction engine): a provider failure, a
spent budget or no working code ends with `result.error` set and the program unchanged. It
runs on whatever thread calls it; the live-scene port decides where bpy is touched.

Undo: an edit is a new version per stage, so per-stage undo (scene.runs.undo) restores
the previous version exactly. `revert_edit` undoes one edit even under later ones.
"""
from __future__ import annotations

import ast
import difflib
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from . import pyparse
from .edit_briefs import part_request, repair_request
from .edit_plan import EditPlan, PartEdit, PlanProblem, locate_fix_request, locate_request, parse_plan
from .errors import CodeFormError, ModelFailure, ProgramError, stop_now
from .events import Progress, Tally
from .gates import GateResult, Gates, Try, through_the_gates
from .ports import Context, ModelRequest, Ports, RenderRequest
from .program import STAGES, SceneProgram, split_stage_source
from .records import Attempt
from .replies import ReplyProblem, extract_code, extract_json, part_piece

EDIT_BASE = "edit_base"   # version metric: index of the version the edit was made on top of


class NeedsClarification(CodeFormError):
    """The instruction is ambiguous; the model asked a question instead of guessing."""
    exit_code = 8


@dataclass
class EditConfig:
    max_repairs: int = 2            # repair calls per part after its first attempt
    concurrency: int = 4            # parts of one stage written at once
    retrieval: bool = True          # retrieved API docs in part prompts
    renders: bool = True            # before/after renders (report, sidebar); off in benchmarks of speed
    render_engine: str = "CYCLES"
    render_size: int = 256
    max_tokens: int = 4096
    cancel: threading.Event | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.max_repairs <= 10:
            raise ProgramError("max_repairs must be from 0 to 10")
        if not 1 <= self.concurrency <= 32:
            raise ProgramError("concurrency must be from 1 to 32")


@dataclass
class PartRecord:
    stage: str
    part: str
    action: str                     # change | add | remove
    what: str = ""
    ok: bool = False
    attempts: list[Attempt] = field(default_factory=list)
    before: str = ""                # the part's code before ("" when new)
    after: str = ""                 # its code after ("" when removed)

    @property
    def key(self) -> str:
        return f"{self.stage}/{self.part}"


@dataclass
class EditResult:
    instruction: str
    method: str = "localized"       # "localized" (this engine) or "regenerate" (the baseline)
    program: SceneProgram | None = None   # the edited program; the unchanged input when nothing changed
    plan: EditPlan | None = None
    question: str = ""              # the model's clarifying question, when it asked one
    parts: list[PartRecord] = field(default_factory=list)
    previous_versions: dict[str, int] = field(default_factory=dict)   # stage -> current index before
    new_versions: dict[str, int] = field(default_factory=dict)        # stage -> index of the edit's version
    diffs: dict[str, str] = field(default_factory=dict)               # stage -> unified diff of its code
    before_render: bytes = b""
    after_render: bytes = b""
    complete: bool = False
    failure: str = ""
    error: Exception | None = None
    warnings: list[str] = field(default_factory=list)
    usage: dict[str, float] = field(default_factory=dict)
    usage_by_purpose: dict[str, dict[str, float]] = field(default_factory=dict)
    calls: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    wall_s: float = 0.0
    ports: dict[str, str] = field(default_factory=dict)

    @property
    def needs_clarification(self) -> bool:
        return bool(self.question)

    @property
    def changed_stages(self) -> list[str]:
        return [s for s in STAGES if s in self.new_versions]

    @property
    def changed_parts(self) -> list[str]:
        return [p.key for p in self.parts if p.ok]

    def summary(self) -> dict[str, Any]:
        """A JSON-able digest (no images, no code) for the bench and scripts."""
        return {
            "instruction": self.instruction, "method": self.method, "complete": self.complete,
            "failure": self.failure, "question": self.question,
            "plan": self.plan.to_json() if self.plan else None,
            "changed_stages": self.changed_stages, "changed_parts": self.changed_parts,
            "previous_versions": dict(self.previous_versions), "new_versions": dict(self.new_versions),
            "attempts": {p.key: len(p.attempts) for p in self.parts if p.attempts},
            "warnings": list(self.warnings), "usage": dict(self.usage), "wall_s": round(self.wall_s, 3),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }


def copy_program(program: SceneProgram) -> SceneProgram:
    return SceneProgram.from_json(program.to_json())


def stage_diff(stage: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        f"{stage}.py (before)", f"{stage}.py (after)", n=2))


def _import_key(line: str) -> str:
    try:
        return ast.unparse(pyparse.parse(line.strip()))
    except SyntaxError:
        return line.strip()


def with_imports(function: str, imports: list[str], preamble: str) -> str:
    """`function` with the imports it needs that the stage preamble lacks moved into its body,
    so an edit never has to touch the preamble other parts share."""
    have: set[str] = set()
    for node in pyparse.parse(preamble or "").body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            have.add(ast.unparse(node))
    need = [i for i in dict.fromkeys(_import_key(i) for i in imports) if i not in have]
    if not need:
        return function
    fn = next(n for n in pyparse.parse(function).body if isinstance(n, ast.FunctionDef))
    body0 = fn.body[0]
    if body0.lineno == fn.lineno:
        return function  # a one-line function: leave it as written
    at = body0.lineno - 1
    if isinstance(body0, ast.Expr) and isinstance(body0.value, ast.Constant) and isinstance(body0.value.value, str):
        at = body0.end_lineno  # after the docstring
    lines = function.splitlines()
    indent = " " * body0.col_offset
    lines[at:at] = [indent + i for i in need]
    return "\n".join(lines).rstrip() + "\n"


@dataclass
class _Draft:
    edit: PartEdit
    ok: bool = False
    code: str = ""
    attempts: list[Attempt] = field(default_factory=list)
    problem: str = ""


class Editor:
    """The edit engine behind `codeform edit`, the sidebar's Apply Edit and the benchmark."""

    method = "localized"

    def __init__(self, ports: Ports, config: EditConfig | None = None):
        self.ports = ports
        self.config = config or EditConfig()
        self.clock = ports.clock
        self.gates = Gates(ports)
        self.tally = Tally()
        self._t0 = 0.0

    # -- events and calls ------------------------------------------------------------------
    def emit(self, stage: str, state: str, message: str, component: str = "") -> None:
        if self.ports.events is None:
            return
        t = self.tally.totals()
        self.ports.events(Progress(stage=stage, state=state, message=message, component=component,
                                   calls=int(t["calls"]), input_tokens=int(t["input_tokens"]),
                                   output_tokens=int(t["output_tokens"]), cost_usd=float(t["cost_usd"]),
                                   elapsed_s=self.clock() - self._t0))

    def _check_cancel(self) -> None:
        if self.config.cancel is not None and self.config.cancel.is_set():
            from ..vlm.errors import Cancelled
            raise Cancelled("the edit was cancelled; nothing was changed")

    def call(self, request: ModelRequest) -> Any:
        self._check_cancel()
        self.emit(request.stage or "edit", "calling", request.purpose, component=request.component)
        t = self.clock()
        reply = self.ports.model.complete(request)
        self.tally.add(request, reply, float(getattr(reply, "latency_s", 0.0) or (self.clock() - t)))
        return reply

    def context(self, stage: str, description: str, error: str | None = None) -> Context | None:
        if self.ports.context is None or not self.config.retrieval:
            return None
        return self.ports.context.for_prompt(stage, description, error)

    def render_requests(self) -> list[RenderRequest]:
        if not self.config.renders:
            return []
        return [RenderRequest("color", engine=self.config.render_engine, size=self.config.render_size)]

    # -- the job ---------------------------------------------------------------------------
    def run(self, program: SceneProgram, instruction: str, render: bytes | None = None) -> EditResult:
        """Edit `program` (which is not modified) by `instruction`. `render` is a picture of
        the scene as it is now; without one the worker renders it."""
        self._t0 = self.clock()
        result = EditResult(instruction=" ".join((instruction or "").split()), method=self.method,
                            program=program, ports=dict(self.ports.describe))
        self.result = result
        try:
            check_edit_input(program, result.instruction)
            work = copy_program(program)
            t = self.clock()
            result.before_render = render or self._render(work)
            result.timings["before_render_s"] = self.clock() - t
            self._edit(work, result)
            result.complete = not result.needs_clarification
        except CodeFormError as exc:
            result.error, result.failure = exc, str(exc)
            self.emit("done", "stopped", str(exc))
        finally:
            result.usage = self.tally.totals()
            result.usage_by_purpose = self.tally.by_purpose()
            result.calls = list(self.tally.calls)
            result.wall_s = self.clock() - self._t0
        return result

    def _render(self, program: SceneProgram) -> bytes:
        requests = self.render_requests()
        if not requests:
            return b""
        got = self.ports.rehearsal.rehearse(program.to_json(), None, requests)
        if not got.ok:
            self.result.warnings.append("the current program did not render in the worker; the model edits "
                                        "without a picture")
            return b""
        return got.renders.get("color", b"")

    def _edit(self, work: SceneProgram, result: EditResult) -> None:
        self.emit("edit", "started", f"locating: {result.instruction}")
        t = self.clock()
        plan = self.locate(work, result.instruction, result.before_render)
        result.timings["locate_s"] = self.clock() - t
        result.plan = plan
        if plan.needs_clarification:
            result.question = plan.question
            self.emit("done", "stopped", f"the model asks: {plan.question}")
            return
        self.emit("edit", "placed", (plan.summary + " — " if plan.summary else "") + ", ".join(plan.keys()))
        t = self.clock()
        written = self._write(work, plan, result)
        result.timings["write_s"] = self.clock() - t
        self._commit(work, plan, written, result)
        self.emit("done", "done", f"edited {', '.join(result.changed_parts) or 'nothing'} in "
                                  f"{self.clock() - self._t0:.1f} s")

    # -- localization ----------------------------------------------------------------------
    def locate(self, program: SceneProgram, instruction: str, render: bytes | None) -> EditPlan:
        request = locate_request(program, instruction, render)
        reply = self.call(request)
        try:
            return parse_plan(extract_json(reply.text), program)
        except (ReplyProblem, PlanProblem) as exc:
            problems = exc.problems if isinstance(exc, PlanProblem) else [str(exc)]
            self.emit("edit", "repairing", "; ".join(problems)[:160])
        retry = locate_fix_request(request, reply.text, problems, program)
        reply = self.call(retry)
        try:
            return parse_plan(extract_json(reply.text), program)
        except (ReplyProblem, PlanProblem) as again:
            raise ModelFailure(f"the model's edit plan is still not usable after one correction: {again}") from None

    # -- rewriting the parts ---------------------------------------------------------------
    def _write(self, work: SceneProgram, plan: EditPlan, result: EditResult) -> dict[str, dict[str, str]]:
        """Every part the plan changes or adds, gated stage by stage on top of the earlier
        stages' edits; then the whole edited program is rehearsed once with the renders."""
        base = copy_program(work)
        written: dict[str, dict[str, str]] = {}
        for stage in plan.stages():
            removed = [e.part for e in plan.of(stage, "remove")]
            writes = plan.of(stage, "change", "add")
            for e in writes:
                if e.action == "add" and stage == "geometry":
                    base.blueprint.setdefault("components", []).append({"name": e.part, **e.component})
            if removed:
                base.replace_parts(stage, {}, remove=removed, origin="edit")
            if not writes:
                continue
            self.emit(stage, "started", f"rewriting {', '.join(e.part for e in writes)}")
            drafts = self._write_stage(base, writes, result)
            for d in drafts:
                cur = work.stages[stage].parts().parts.get(d.edit.part, "")
                result.parts.append(PartRecord(stage, d.edit.part, d.edit.action, d.edit.what, d.ok, d.attempts,
                                               cur, d.code if d.ok else ""))
            failed = [d for d in drafts if not d.ok]
            if failed:
                f = failed[0]
                raise ModelFailure(f"the model could not write working code for {f.edit.key} within "
                                   f"{self.config.max_repairs} repairs ({f.problem[:200]}); nothing was changed")
            written[stage] = {d.edit.part: d.code for d in drafts}
            base.replace_parts(stage, written[stage], origin="edit")
        for e in plan.edits:
            if e.action == "remove":
                result.parts.append(PartRecord(e.stage, e.part, "remove", e.what, True, [],
                                               work.stages[e.stage].parts().parts.get(e.part, ""), ""))
        t = self.clock()
        gate = self.gates.check("", base.to_json(), None, self.render_requests())
        result.timings["final_rehearsal_s"] = self.clock() - t
        if not gate.ok:
            raise ModelFailure(f"the edited program does not run: {gate.message[:240]}; nothing was changed")
        if gate.rehearsal is not None:
            result.after_render = gate.rehearsal.renders.get("color", b"")
        return written

    def _write_stage(self, base: SceneProgram, writes: list[PartEdit], result: EditResult) -> list[_Draft]:
        if len(writes) == 1 or self.config.concurrency == 1:
            return [self._write_part(base, e, result) for e in writes]
        pool = ThreadPoolExecutor(max_workers=min(self.config.concurrency, len(writes)),
                                  thread_name_prefix="codeform-edit")
        interrupted = False
        try:
            futures = [pool.submit(self._write_part, base, e, result) for e in writes]
            return [f.result() for f in futures]   # a provider failure or a spent budget propagates
        except BaseException as exc:
            interrupted = stop_now(exc, self.config.cancel)
            raise
        finally:
            pool.shutdown(wait=not interrupted, cancel_futures=True)

    def _write_part(self, base: SceneProgram, edit: PartEdit, result: EditResult) -> _Draft:
        stage, fn = edit.stage, edit.function
        description = f"{edit.part}: {edit.what or result.instruction}"
        request = part_request(base, edit, result.instruction, result.before_render,
                               self.context(stage, description), self.config.max_tokens)
        preamble = base.stages[stage].parts().preamble
        draft = _Draft(edit)

        def check(tried: Try, tolerate: frozenset[str]) -> GateResult:
            text = extract_code(tried.reply.text, bool(getattr(tried.reply, "truncated", False)), want=[fn])
            piece = part_piece(text, stage, edit.part)
            tried.ran = with_imports(piece.function, piece.imports, preamble)
            candidate = copy_program(base)
            candidate.replace_parts(stage, {edit.part: tried.ran}, origin="edit")
            return self.gates.check(tried.ran, candidate.to_json(), None, [], tolerate)

        def repair(request: ModelRequest, tried: Try, gate: GateResult) -> ModelRequest:
            return repair_request(request, tried.reply.text, gate.gate, gate.message, tried.ran or tried.reply.text,
                                  fn, self.context(stage, description, gate.message))

        out = through_the_gates(
            request, call=self.call, check=check, repair=repair,
            on_repair=lambda problem: self.emit(stage, "repairing", problem.splitlines()[0][:160],
                                                component=edit.part),
            max_repairs=self.config.max_repairs, clock=self.clock, attempts=draft.attempts, purpose="edit",
            problems=(ReplyProblem, ProgramError))
        if out.passed is not None:
            draft.ok, draft.code = True, out.passed.ran
            self.emit(stage, "placed", f"passed the gates in {len(draft.attempts)} attempt(s)", component=edit.part)
            return draft
        draft.problem = out.problem
        self.emit(stage, "failed", draft.problem.splitlines()[0][:160] if draft.problem else "failed",
                  component=edit.part)
        return draft

    # -- committing ------------------------------------------------------------------------
    def _commit(self, work: SceneProgram, plan: EditPlan, written: dict[str, dict[str, str]],
                result: EditResult) -> None:
        self._check_cancel()
        for e in plan.of("geometry", "add"):
            work.blueprint.setdefault("components", []).append({"name": e.part, **e.component})
        for stage in plan.stages():
            removed = [e.part for e in plan.of(stage, "remove")]
            before = work.stages[stage].code
            previous = work.stages[stage].current
            version = work.replace_parts(stage, written.get(stage, {}), remove=removed, origin="edit",
                                         note=result.instruction)
            version.metrics[EDIT_BASE] = float(previous)
            result.previous_versions[stage] = previous
            result.new_versions[stage] = work.stages[stage].current
            result.diffs[stage] = stage_diff(stage, before, version.code)
            if version.code == before:
                result.warnings.append(f"the rewritten {stage} code is the same as before")
        result.program = work
        if self.ports.live is not None:
            t = self.clock()
            self.ports.live.show(work, note="edit", final=True)
            result.timings["live_s"] = self.clock() - t


EditEngine = Editor   # the name the API sketch uses


def check_edit_input(program: SceneProgram, instruction: str) -> None:
    if not instruction.strip():
        raise ProgramError("the edit instruction is empty; say what to change, e.g. 'make the legs thinner'")
    if len(instruction) > 2000:
        raise ProgramError("the edit instruction is longer than 2000 characters; say it in a sentence or two")
    if not program.applied_stages():
        raise ProgramError(f"run {program.name!r} has no stage to edit yet; reconstruct it first")


# ---------------------------------------------------------------------------
# History and undo of edits (bpy-free: the caller applies the program afterwards)
# ---------------------------------------------------------------------------

@dataclass
class EditEntry:
    stage: str
    version: int
    note: str
    created: float
    base: int
    applied: bool       # the scene shows this edit (the current version descends from it)


def _base_of(stage_versions: list, index: int) -> int:
    v = stage_versions[index]
    return int(v.metrics[EDIT_BASE]) if EDIT_BASE in v.metrics else index - 1


def _descends(program: SceneProgram, stage: str, version: int) -> bool:
    st = program.stage(stage)
    c = st.current
    while c > version:
        c = _base_of(st.versions, c)
    return c == version


def edit_history(program: SceneProgram) -> list[EditEntry]:
    """Every edit version of every stage, oldest first."""
    out = []
    for stage in STAGES:
        st = program.stages[stage]
        for i, v in enumerate(st.versions):
            if v.origin == "edit":
                out.append(EditEntry(stage, i, v.note, v.created, _base_of(st.versions, i),
                                     _descends(program, stage, i)))
    return sorted(out, key=lambda e: (e.created, STAGES.index(e.stage)))


def revert_edit(program: SceneProgram, stage: str, version: int) -> str:
    """Undo the edit that made `version` of `stage`. When it is the current version the
    pointer goes back to the version it was made on (exactly the code before); under later
    edits, a new version puts back just the parts it changed. Returns a sentence saying
    what happened. Apply the program afterwards (scene.runs.apply)."""
    st = program.stage(stage)
    if not 0 <= version < len(st.versions):
        raise ProgramError(f"{stage} has no version {version + 1}")
    v = st.versions[version]
    if v.origin != "edit":
        raise ProgramError(f"{stage} version {version + 1} is not an edit")
    base = _base_of(st.versions, version)
    if st.current == version:
        st.current = base
        return f"undid '{v.note}' in {stage}: back to version {base + 1}"
    if not _descends(program, stage, version):
        raise ProgramError(f"'{v.note}' is not applied in {stage}; nothing to undo")
    old = split_stage_source(stage, st.versions[base].code).parts if base >= 0 else {}
    new = split_stage_source(stage, v.code).parts
    now = st.parts().parts
    restore = {p: src for p, src in old.items() if new.get(p) != src}
    drop = [p for p in new if p not in old and p in now]
    previous = st.current
    program.replace_parts(stage, restore, remove=drop, origin="edit", note=f"undo: {v.note}")
    st.version.metrics[EDIT_BASE] = float(previous)
    return f"undid '{v.note}' in {stage} under later edits: {len(restore) + len(drop)} part(s) put back"
