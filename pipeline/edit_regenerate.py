"""The whole-program baseline for edits: no localization — the model gets the whole program
and the instruction and writes the whole program again.

It goes through the same gates and the same commit as the localized editor (every stage
whose code changed gets a new version, origin "edit"), so the benchmark compares the two
methods and nothing else. What it loses is what localization buys: every stage is
re-written, so anything the model copies imperfectly drifts, and every edit pays for the
whole program in output tokens.
"""
from __future__ import annotations

from . import briefs
from .edit import EDIT_BASE, EditResult, Editor, PartRecord, copy_program, stage_diff
from .edit_briefs import regenerate_request
from .errors import ModelFailure, ProgramError
from .gates import GateResult
from .program import SceneProgram, split_stage_source
from .records import Attempt
from .replies import ReplyProblem, extract_code, split_oneshot


class Regenerator(Editor):
    method = "regenerate"

    def _edit(self, work: SceneProgram, result: EditResult) -> None:
        self.emit("edit", "started", f"regenerating the whole program: {result.instruction}")
        applied = work.applied_stages()
        request = regenerate_request(work, result.instruction, result.before_render,
                                     self.context("geometry", result.instruction), self.config.max_tokens)
        attempts: list[Attempt] = []
        sources: dict[str, str] = {}
        gate = GateResult(False, "reply", "no reply")
        for attempt in range(self.config.max_repairs + 1):
            reply = self.call(request)
            t = self.clock()
            code = ""
            try:
                code = extract_code(reply.text, bool(getattr(reply, "truncated", False)))
                sources = split_oneshot(code)
                candidate = copy_program(work)
                for stage in applied:
                    candidate.set_stage_code(stage, sources[stage], origin="edit", note=result.instruction)
                gate = self.gates.check(code, candidate.to_json(), None, self.render_requests())
            except (ReplyProblem, ProgramError) as exc:
                gate = GateResult(False, "reply", str(exc))
            attempts.append(Attempt("edit", gate.ok, gate.gate, gate.message, self.clock() - t))
            if gate.ok:
                break
            if attempt == self.config.max_repairs:
                raise ModelFailure(f"the regenerated program did not pass the gates within "
                                   f"{self.config.max_repairs} repairs ({gate.gate}: {gate.message[:200]})")
            self.emit("edit", "repairing", f"{gate.gate}: {gate.message}".splitlines()[0][:160])
            request = briefs.repair_request(request, reply.text, gate.gate, gate.message, code or reply.text,
                                            wanted="the whole program", what="program", context=None)
            request.purpose = "edit"
        if gate.rehearsal is not None:
            result.after_render = gate.rehearsal.renders.get("color", b"")
        for stage in applied:
            before = work.stages[stage].code
            if sources[stage] == before:
                continue
            old, new = split_stage_source(stage, before).parts, split_stage_source(stage, sources[stage]).parts
            for name in dict.fromkeys([*old, *new]):
                if old.get(name) != new.get(name):
                    action = "add" if name not in old else "remove" if name not in new else "change"
                    result.parts.append(PartRecord(stage, name, action, "", True, attempts,
                                                   old.get(name, ""), new.get(name, "")))
            previous = work.stages[stage].current
            version = work.set_stage_code(stage, sources[stage], origin="edit", note=result.instruction)
            version.metrics[EDIT_BASE] = float(previous)
            result.previous_versions[stage] = previous
            result.new_versions[stage] = work.stages[stage].current
            result.diffs[stage] = stage_diff(stage, before, sources[stage])
        result.program = work
        if self.ports.live is not None and result.new_versions:
            self.ports.live.show(work, note="edit", final=True)
        self.emit("done", "done", f"regenerated {len(result.new_versions)} stage(s)")
