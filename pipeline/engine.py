"""The staged reconstruction: blueprint -> blockout -> geometry, material, composition,
lighting, each one generated, gated, rehearsed, rendered, compared, critiqued and refined.

    result = Reconstructor(ports, PipelineConfig(iterations=3)).run(reference)
    result = Reconstructor(ports, PipelineConfig(until="material")).run(reference, program)  # resume

Geometry and material are written one component per call, concurrently; each component
replaces its blockout box in the live scene as soon as it passes the gates. Every stage
iteration becomes a new version of the stage (origin "model", its metrics, the critique
that led to it as the note); when the stage ends its best-scoring version is current.

`run` never raises a CodeFormError: a spent budget, a provider failure or a cancel ends
the job with `result.error` set and the program as far as it got (see records.Result).
"""
from __future__ import annotations

import ast
import math
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any, Callable

from . import pyparse
from ..metrics.compose import side_by_side
from ..metrics.reference import Reference
from ..metrics.stages import compare
from . import briefs
from .agent import Agent, Draft
from .blockout import (assemble, blockout_geometry, order_imports, placeholder_part, preview_program,
                       subject_mask_program)
from .blueprint import BlueprintError, validate_blueprint
from .errors import CodeFormError, ModelFailure, ProgramError, stop_now
from .events import Progress, Tally
from .ports import ModelRequest, Ports
from .program import COMPONENT_STAGES, STAGES, SceneProgram, split_stage_source, stage_index
from .records import ComponentRecord, IterationRecord, PipelineConfig, Result, StageRecord
from .replies import Critique, ReplyProblem, extract_code, extract_json, parse_critique, split_oneshot


class Working:
    """A component stage being written: part functions by component, their imports, and
    helpers a whole-stage reply put in its preamble."""

    def __init__(self, stage: str, order: list[str]):
        self.stage = stage
        self.order = order
        self.parts: dict[str, str] = {}
        self.imports: set[str] = set()
        self.extra = ""

    def put(self, name: str, function: str, imports: list[str] = ()) -> None:
        self.parts[name] = function
        self.imports.update(imports)

    def code(self) -> str:
        names = [n for n in self.order if n in self.parts] + [n for n in self.parts if n not in self.order]
        return assemble(self.stage, {n: self.parts[n] for n in names}, self.imports, self.extra)

    def load(self, code: str) -> None:
        src = split_stage_source(self.stage, code)
        imports, extra = split_preamble(src.preamble)
        self.parts = dict(src.parts)
        self.imports, self.extra = set(imports), extra


def split_preamble(preamble: str) -> tuple[list[str], str]:
    """(import lines, everything else) of a stage preamble."""
    tree = pyparse.parse(preamble or "")
    lines = preamble.splitlines()
    imports, rest = [], []
    for node in tree.body:
        seg = "\n".join(lines[node.lineno - 1: node.end_lineno])
        (imports if isinstance(node, (ast.Import, ast.ImportFrom)) else rest).append(seg)
    return order_imports(imports), "\n\n\n".join(rest)


class Reconstructor:
    def __init__(self, ports: Ports, config: PipelineConfig | None = None):
        self.ports = ports
        self.config = config or PipelineConfig()
        self.clock = ports.clock
        self.tally = Tally()
        self.program: SceneProgram | None = None
        self.working: dict[str, Working] = {}
        self._t0 = 0.0

    # -- events ------------------------------------------------------------------------
    def emit(self, stage: str, state: str, message: str, component: str = "", iteration: int = 0) -> None:
        if self.ports.events is None:
            return
        t = self.tally.totals()
        self.ports.events(Progress(stage=stage, state=state, message=message, component=component,
                                   iteration=iteration, calls=int(t["calls"]), input_tokens=int(t["input_tokens"]),
                                   output_tokens=int(t["output_tokens"]), cost_usd=float(t["cost_usd"]),
                                   elapsed_s=self.clock() - self._t0))

    # -- the job -----------------------------------------------------------------------
    def run(self, reference: Reference, program: SceneProgram | None = None, start: str | None = None) -> Result:
        """Reconstruct from `reference`; with `program`, go on from its next stage, or
        re-run from `start` (each re-run stage gets new versions; earlier ones stay)."""
        self._t0 = self.clock()
        self.reference = reference
        self.agent = Agent(self.ports, self.config, self.tally, reference.aspect, self.emit)
        self.result = Result(program=program, config=self.config, ports=dict(self.ports.describe))
        try:
            if self.config.workflow == "oneshot":
                self._oneshot()
            else:
                self._staged(program, start)
            self.result.complete = True
            self.emit("done", "done", f"reconstruction finished in {self.clock() - self._t0:.1f} s")
        except CodeFormError as exc:
            self.result.error = exc
            self.result.failure = str(exc)
            self.emit("done", "stopped", str(exc))
        finally:
            self.result.program = self.program
            if self.program is not None and self.program.applied_stages() and self.ports.live is not None:
                self.ports.live.show(self.program, note="final", final=True)
            self.result.usage = self.tally.totals()
            self.result.usage_by_purpose = self.tally.by_purpose()
            self.result.calls = list(self.tally.calls)
            self.result.wall_s = self.clock() - self._t0
        return self.result

    def _staged(self, program: SceneProgram | None, start: str | None = None) -> None:
        if program is None or not program.blueprint.get("components"):
            self._plan()
            start = "geometry"
        else:
            self.program = program
            if start is not None:
                applied = program.applied_stages()
                if stage_index(start) > len(applied):
                    raise ProgramError(f"cannot re-run {start}: {STAGES[len(applied)]} has no version yet")
            start = start or program.next_stage()
            if start is None:
                self.result.warnings.append("every stage already has a version; nothing to do")
                return
            self._load_working()
        last = stage_index(self.config.until) if self.config.until else len(STAGES) - 1
        if stage_index(start) > last:
            self.result.warnings.append(f"the program is already past {self.config.until}; nothing to do")
            return
        for stage in STAGES[stage_index(start): last + 1]:
            self._stage(stage)

    def _load_working(self) -> None:
        names = [c["name"] for c in self.program.blueprint.get("components", [])]
        for stage in COMPONENT_STAGES:
            work = Working(stage, names)
            if self.program.stages[stage].code:
                work.load(self.program.stages[stage].code)
            self.working[stage] = work

    # -- planning and blockout -----------------------------------------------------------
    def _plan(self) -> None:
        ref = self.reference
        self.emit("blueprint", "started", "planning the components from the reference")
        request = briefs.blueprint_request(ref.png, ref.width, ref.height, self.config.hint, self.config.max_tokens)
        reply = self.agent.call(request)
        self.result.blueprint_attempts = 1
        try:
            blueprint = validate_blueprint(extract_json(reply.text))
        except (ReplyProblem, BlueprintError) as exc:
            problems = "; ".join(exc.problems) if isinstance(exc, BlueprintError) else str(exc)
            self.emit("blueprint", "repairing", problems[:160])
            retry = briefs.blueprint_fix_request(request, reply.text, problems)
            reply = self.agent.call(retry)
            self.result.blueprint_attempts = 2
            try:
                blueprint = validate_blueprint(extract_json(reply.text))
            except (ReplyProblem, BlueprintError) as again:
                raise ModelFailure(f"the model's blueprint is still not valid after one correction: {again}") from None
        t_reply = self.clock()
        self.program = SceneProgram(name=self.config.run_name, blueprint=blueprint)
        names = [c["name"] for c in blueprint["components"]]
        geo = Working("geometry", names)
        for comp in blueprint["components"]:
            geo.put(comp["name"], placeholder_part(comp))
        self.working = {"geometry": geo, "material": Working("material", names)}
        code = blockout_geometry(blueprint)
        self.program.set_stage_code("geometry", code, origin="model",
                                    note="blockout: one box per blueprint component")
        self._show("geometry", code)
        self.result.timings["blueprint_to_blockout_s"] = self.clock() - t_reply
        self.emit("blockout", "placed", f"{len(names)} components: {', '.join(names)}")
        # The blockout's metrics say how good the plan and the camera guess are.
        gate = self.agent.gates.check(code, self._preview("geometry", code).to_json(), None,
                                      self.agent.render_requests("geometry"))
        if gate.ok and gate.rehearsal is not None and "color" in gate.rehearsal.renders:
            metrics = compare("geometry", gate.rehearsal.renders["color"], None, self.reference)
            self.result.blockout_metrics = metrics
            self.result.blockout_render = gate.rehearsal.renders["color"]
            self.program.stages["geometry"].version.metrics = {f"blockout_{k}": v for k, v in metrics.items()}

    # -- live scene ----------------------------------------------------------------------
    def _preview(self, stage: str, code: str) -> SceneProgram:
        return preview_program(self.program, stage, self.reference.aspect, stage_code={stage: code})

    def _show(self, stage: str, code: str) -> float:
        if self.ports.live is None:
            return 0.0
        return float(self.ports.live.show(self._preview(stage, code), note=stage) or 0.0)

    def _snapshot(self) -> SceneProgram:
        """A copy the worker threads read while the engine thread goes on."""
        return SceneProgram.from_json(self.program.to_json())

    # -- one stage -----------------------------------------------------------------------
    def _stage(self, stage: str) -> None:
        rec = StageRecord(stage)
        self.result.stages[stage] = rec
        t0 = self.clock()
        self.emit(stage, "started", f"writing the {stage} stage")
        by_component = stage in COMPONENT_STAGES and self.config.component_agent
        if stage in COMPONENT_STAGES and stage not in self.working:
            self._load_working()
        if by_component:
            code, draft = self._first_pass_components(stage, rec), None
        else:
            code, draft = self._first_pass_stage(stage)
        if stage == "geometry":
            self.result.timings["geometry_first_pass_s"] = self.clock() - t0
        note, best, last, critique = "first pass", -math.inf, None, None
        for it in range(1, self.config.iterations + 1):
            if it > 1:
                code, draft = self._refine(stage, rec, it, last, critique)
                if code is None:
                    rec.stop_reason = "the refinement produced no working code"
                    break
                note = critique.as_note() if critique else "refinement"
            record = self._score(stage, rec, it, code, draft, note)
            if record is None:
                if it == 1:
                    raise ModelFailure(f"the model could not write a working {stage} stage within "
                                       f"{self.config.max_repairs} repairs")
                rec.stop_reason = "the refined stage did not run"
                break
            last = record
            if it > 1 and record.score < best + self.config.min_improvement:
                rec.stop_reason = (f"score fell ({best:.3f} -> {record.score:.3f})" if record.score < best else
                                   f"score barely improved ({best:.3f} -> {record.score:.3f})")
                best = max(best, record.score)
                break
            best = max(best, record.score)
            if it == self.config.iterations:
                rec.stop_reason = f"used {it} iteration{'s' if it > 1 else ''}"
                break
            critique = self._critique(stage, record, it)
            if critique is None:
                rec.stop_reason = "the verifier's reply was unusable"
                break
            if critique.accept:
                rec.stop_reason = "the verifier accepted"
                self.emit(stage, "accepted", critique.summary or "accepted", iteration=it)
                break
        self._keep_best(stage, rec)
        rec.seconds = self.clock() - t0

    def _keep_best(self, stage: str, rec: StageRecord) -> None:
        if not rec.iterations:
            return
        best = max(rec.iterations, key=lambda r: (r.score, -r.iteration))
        rec.best = best.iteration
        st = self.program.stages[stage]
        st.current = best.version
        if stage in COMPONENT_STAGES and stage in self.working:
            self.working[stage].load(st.code)
        self.emit(stage, "kept", f"iteration {best.iteration} of {len(rec.iterations)} (score {best.score:.3f}); "
                                 f"{rec.stop_reason}", iteration=best.iteration)

    def _description(self, name: str = "") -> str:
        bp = self.program.blueprint if self.program else {}
        comp = next((c for c in bp.get("components", []) if c["name"] == name), None)
        if comp:
            return f"{comp['name']}: {comp.get('role', '')}; {comp.get('shape', '')}; {comp.get('material', '')}"
        return f"{bp.get('title', '')}: {bp.get('description', '')}"

    # -- first passes --------------------------------------------------------------------
    def _first_pass_components(self, stage: str, rec: StageRecord) -> str:
        work = self.working[stage]
        names = list(work.order)
        base = self._snapshot()
        geometry_parts = base.stages["geometry"].parts().parts if stage == "material" else {}

        def request(name: str) -> ModelRequest:
            ctx = self.agent.context(stage, self._description(name))
            return briefs.component_request(stage, self.program.blueprint, name, self.reference.png, ctx,
                                            self.config.exemplars, self.config.max_tokens,
                                            geometry_code=geometry_parts.get(name, ""))

        placed = self._write_parts(stage, rec, names, request, base, 1)
        if not placed:
            raise ModelFailure(f"no {stage} component passed the gates within {self.config.max_repairs} repairs each")
        return work.code()

    def _write_parts(self, stage: str, rec: StageRecord, names: list[str],
                     request: Callable[[str], ModelRequest], base: SceneProgram, iteration: int) -> list[str]:
        """Write `names` concurrently; each passing part goes into the working stage and the
        live scene at once, on this thread. Returns the names that passed."""
        work = self.working[stage]
        placed: list[str] = []
        failure: BaseException | None = None
        interrupted = False
        pool = ThreadPoolExecutor(max_workers=self.config.concurrency, thread_name_prefix=f"codeform-{stage}")
        try:
            futures = {pool.submit(self.agent.write_part, stage, n, request(n), base, iteration,
                                   self._description(n)): n for n in names}
            for fut in as_completed(futures):
                name = futures[fut]
                if fut.cancelled():
                    continue  # never started: the job is stopping
                try:
                    draft: Draft = fut.result()
                except CodeFormError as exc:  # budget, provider, cancel: finish what arrived, then stop
                    failure = failure or exc
                    for other in futures:
                        other.cancel()
                    continue
                crec = ComponentRecord(stage, name, iteration, draft.ok, draft.attempts, draft.code,
                                       gate_s=draft.gate_seconds)
                rec.components.append(crec)
                if not draft.ok:
                    self.result.warnings.append(f"{stage} {name}: gave up after {len(draft.attempts)} attempts "
                                                f"({draft.problem[:120]})")
                    continue
                work.put(name, draft.code, draft.imports)
                self._show(stage, work.code())
                crec.reply_to_live_s = self.clock() - draft.reply_at
                placed.append(name)
                self.emit(stage, "placed", f"passed the gates in {len(draft.attempts)} attempt(s)",
                          component=name, iteration=iteration)
        except BaseException as exc:
            interrupted = stop_now(exc, self.config.cancel)
            raise
        finally:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
        if failure is not None:
            raise failure
        return placed

    def _first_pass_stage(self, stage: str) -> tuple[str, Draft]:
        ref = self.reference
        images = [ref.png]
        prev = self._previous_render(stage)
        if stage in ("composition", "lighting") and prev:
            images.append(prev)
        ctx = self.agent.context(stage, self._description())
        geometry = self.program.stages["geometry"].code if stage == "material" else ""
        request = briefs.stage_request(stage, self.program.blueprint, images, ctx, self.config.exemplars,
                                       self.config.max_tokens, width=ref.width, height=ref.height,
                                       aspect=ref.aspect, geometry_code=geometry, engine=self.config.lighting_engine)
        keep = dict(self.working["geometry"].parts) if stage == "geometry" else {}
        draft = self.agent.write_stage(stage, request, self._snapshot(), 1, self._description(), keep)
        if not draft.ok:
            raise ModelFailure(f"the model could not write a working {stage} stage within "
                               f"{self.config.max_repairs} repairs ({draft.problem[:160]})")
        if stage in self.working:
            self.working[stage].load(draft.code)
        return draft.code, draft

    def _previous_render(self, stage: str) -> bytes:
        for s in reversed(STAGES[: stage_index(stage)]):
            rec = self.result.stages.get(s)
            if rec and rec.best_record() and rec.best_record().render:
                return rec.best_record().render
        return b""

    # -- scoring ---------------------------------------------------------------------------
    def _score(self, stage: str, rec: StageRecord, it: int, code: str, draft: Draft | None,
               note: str, commit: bool = True) -> IterationRecord | None:
        timings: dict[str, float] = {}
        gate = draft.gate if draft is not None else None
        repairs = 0
        while gate is None or not gate.ok:
            gate = self.agent.gates.check(code, self._preview(stage, code).to_json(), None,
                                          self.agent.render_requests(stage))
            for k, v in gate.timings.items():
                timings[k] = timings.get(k, 0.0) + v
            if gate.ok:
                break
            part = (gate.rehearsal.error or {}).get("part", "") if gate.rehearsal is not None else ""
            work = self.working.get(stage)
            if work is None or part not in work.parts or repairs >= self.config.max_repairs:
                self.result.warnings.append(f"{stage} iteration {it} did not run: {gate.message[:160]}")
                return None
            repairs += 1
            self.emit(stage, "repairing", f"{part} fails inside the whole stage: {gate.message[:100]}",
                      component=part, iteration=it)
            fixed = self.agent.repair_part(stage, part, work.parts[part], sorted(work.imports), gate.message,
                                           self._snapshot(), it, self._description(part))
            rec.components.append(ComponentRecord(stage, part, it, fixed.ok, fixed.attempts, fixed.code,
                                                  gate_s=fixed.gate_seconds))
            if fixed.ok:
                work.put(part, fixed.code, fixed.imports)
            elif stage == "geometry":
                work.put(part, placeholder_part(self.program.component(part)))
            else:
                work.parts.pop(part, None)
            code = work.code()
        if draft is not None and draft.gate is gate:
            timings.update(gate.timings)
        renders = dict(gate.rehearsal.renders)
        # From composition on — and before it, when the preview borrows a one-shot program's own
        # composition as its camera — floors and backdrops are in the frame: mask them out.
        if stage in ("composition", "lighting") or not self.program.blueprint.get("camera"):
            t = self.clock()
            renders["mask"] = self._subject_mask(stage, code)
            timings["mask"] = self.clock() - t
        t = self.clock()
        metrics = compare(stage, renders["color"], renders.get("mask") or None, self.reference)
        timings["metrics"] = self.clock() - t
        if commit:
            self.program.set_stage_code(stage, code, origin="model", note=note, metrics=metrics)
        else:
            self.program.stages[stage].version.metrics = dict(metrics)
        version = self.program.stages[stage].current
        timings["live"] = self._show(stage, code)
        record = IterationRecord(stage=stage, iteration=it, version=version, code=code, metrics=metrics,
                                 render=renders["color"], mask=renders.get("mask", b""), note=note, timings=timings)
        rec.iterations.append(record)
        self.emit(stage, "scored", f"score {metrics['score']:.3f} (iou {metrics['iou']:.2f}, "
                                   f"ssim {metrics['ssim']:.2f})", iteration=it)
        return record

    def _subject_mask(self, stage: str, code: str) -> bytes:
        names = [c["name"] for c in self.program.blueprint.get("components", [])] \
            or list(split_stage_source("geometry", self.program.stages["geometry"].code).parts)
        masked = subject_mask_program(self._preview(stage, code), names)
        rehearsal = self.ports.rehearsal.rehearse(masked.to_json(), None, [self.agent.mask_request(stage)])
        if not rehearsal.ok or "mask" not in rehearsal.renders:
            self.result.warnings.append(f"{stage}: the silhouette render failed; IoU counts the whole frame")
            return b""
        return rehearsal.renders["mask"]

    # -- verifier and refinement -----------------------------------------------------------------
    def _parts_of(self, stage: str, code: str) -> list[str]:
        if stage in COMPONENT_STAGES:
            return [c["name"] for c in self.program.blueprint.get("components", [])]
        return list(split_stage_source(stage, code).parts)

    def _critique(self, stage: str, record: IterationRecord, it: int) -> Critique | None:
        image = side_by_side(self.reference, record.render)
        parts = self._parts_of(stage, record.code)
        request = briefs.critique_request(stage, self.program.blueprint, parts, image, record.metrics,
                                          guessed_camera=stage in COMPONENT_STAGES, max_tokens=self.config.max_tokens)
        reply = self.agent.call(request, it)
        try:
            critique = parse_critique(reply.text, parts)
        except ReplyProblem as exc:
            self.result.warnings.append(f"{stage} critique {it} unusable: {exc}")
            return None
        record.critique = critique
        verdict = "accepts" if critique.accept else f"{len(critique.fixes)} fix(es): " + "; ".join(
            f"{f.component or 'stage'}" for f in critique.fixes)
        self.emit(stage, "critique", f"{verdict}. {critique.summary}"[:200], iteration=it)
        return critique

    def _refine(self, stage: str, rec: StageRecord, it: int, last: IterationRecord,
                critique: Critique) -> tuple[str | None, Draft | None]:
        images = [self.reference.png, last.render]
        work = self.working.get(stage)
        if stage in COMPONENT_STAGES and self.config.component_agent and work is not None:
            targeted: dict[str, list[str]] = {}
            general = [f.fix for f in critique.fixes if not f.component]
            for f in critique.fixes:
                if f.component:
                    targeted.setdefault(f.component, []).append(f.fix)
            if targeted:
                base = self._snapshot()

                def request(name: str) -> ModelRequest:
                    code = work.parts.get(name) or placeholder_part(self.program.component(name))
                    ctx = self.agent.context(stage, self._description(name))
                    return briefs.component_refine_request(stage, self.program.blueprint, name, code,
                                                           "\n".join(targeted[name]), general, images, ctx,
                                                           self.config.max_tokens)

                placed = self._write_parts(stage, rec, list(targeted), request, base, it)
                return (work.code(), None) if placed else (None, None)
        ctx = self.agent.context(stage, self._description())
        request = briefs.stage_refine_request(stage, last.code, critique.as_note(), images, ctx, self.config.max_tokens)
        keep = dict(work.parts) if stage == "geometry" and work is not None else {}
        draft = self.agent.write_stage(stage, request, self._snapshot(), it, self._description(), keep)
        if not draft.ok:
            return None, None
        if work is not None:
            work.load(draft.code)
        return draft.code, draft

    # -- one-shot (the ablation baseline) ------------------------------------------------------
    def _oneshot(self) -> None:
        ref = self.reference
        self.emit("oneshot", "started", "writing the whole program in one call")
        ctx = self.agent.context("geometry", "a complete scene: objects, materials, camera, lights")
        request = briefs.oneshot_request(ref.png, ref.width, ref.height, ref.aspect, self.config.hint, ctx,
                                         self.config.max_tokens)
        sources = self._oneshot_sources(request)
        self.program = SceneProgram.from_sources(self.config.run_name, {}, sources, origin="model")
        until = stage_index(self.config.until) if self.config.until else len(STAGES) - 1
        for stage in STAGES[: until + 1]:
            rec = StageRecord(stage)
            self.result.stages[stage] = rec
            record = self._score(stage, rec, 1, sources[stage], None, "one-shot", commit=False)
            if record is None:
                raise ModelFailure(f"the one-shot program's {stage} stage does not run")
            rec.best, rec.stop_reason = 1, "one-shot"
        for stage in STAGES[until + 1:]:
            self.program.stages[stage].current = -1

    def _oneshot_sources(self, request: ModelRequest) -> dict[str, str]:
        gates = self.agent.gates
        for attempt in range(self.config.max_repairs + 1):
            reply = self.agent.call(request)
            code = ""
            try:
                code = extract_code(reply.text, bool(getattr(reply, "truncated", False)))
                sources = split_oneshot(code)
                program = SceneProgram.from_sources(self.config.run_name, {}, sources)
                result = gates.check(code, program.to_json(), None, [])
            except ReplyProblem as exc:
                result, sources = None, {}
                message, gate = str(exc), "reply"
            else:
                message, gate = result.message, result.gate
            if result is not None and result.ok:
                return sources
            if attempt == self.config.max_repairs:
                break
            self.emit("oneshot", "repairing", f"{gate}: {message}"[:160])
            request = briefs.repair_request(request, reply.text, gate, message, code or reply.text,
                                            wanted="the whole program", what="program", context=None)
        raise ModelFailure(f"the one-shot program did not pass the gates within {self.config.max_repairs} repairs")


def usage_line(usage: dict[str, Any]) -> str:
    return (f"{int(usage.get('calls', 0))} calls, {int(usage.get('input_tokens', 0))} input + "
            f"{int(usage.get('output_tokens', 0))} output tokens, ${float(usage.get('cost_usd', 0.0)):.4f}")
