"""Writing one piece of code with the model: a part (one component) or a whole stage.

A draft goes reply -> code -> policy -> lint -> rehearsal; whatever fails goes back to the
model as a repair request, at most `max_repairs` times, each call counted in the job's
budget by the model session. Everything here runs on the engine's worker threads and never
touches the live scene.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from . import briefs
from .blockout import PLACEHOLDER_HELPER, assemble, is_placeholder, preview_program
from .events import Tally
from .gates import GateResult, Gates, Try, through_the_gates
from .ports import Context, ModelRequest, Ports, RenderRequest
from .program import PART_PREFIX, SceneProgram
from .records import Attempt, PipelineConfig
from .replies import Piece, extract_code, part_piece, stage_parts


@dataclass
class Draft:
    ok: bool
    code: str = ""                    # the part function, or the whole stage's code
    imports: list[str] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    reply_at: float = 0.0             # clock time the accepted reply arrived
    gate: GateResult | None = None    # the passing gate result (renders, when asked for)
    problem: str = ""

    @property
    def gate_seconds(self) -> float:
        return sum(a.seconds for a in self.attempts)


class Agent:
    def __init__(self, ports: Ports, config: PipelineConfig, tally: Tally, aspect: float,
                 emit: Callable[..., None]):
        self.ports = ports
        self.config = config
        self.tally = tally
        self.aspect = aspect
        self.emit = emit
        self.gates = Gates(ports)
        self.clock = ports.clock

    # -- the model ---------------------------------------------------------------------
    def call(self, request: ModelRequest, iteration: int = 0) -> Any:
        """One model call, tallied. Provider failures, a spent budget and cancellation
        propagate: they end the job, not just this piece."""
        self.emit(request.stage or request.purpose, "calling", request.purpose, component=request.component,
                  iteration=iteration)
        t = self.clock()
        reply = self.ports.model.complete(request)
        self.tally.add(request, reply, float(getattr(reply, "latency_s", 0.0) or (self.clock() - t)))
        return reply

    def context(self, stage: str, description: str, error: str | None = None) -> Context | None:
        if self.ports.context is None or not (self.config.retrieval or self.config.exemplars):
            return None
        ctx = self.ports.context.for_prompt(stage, description, error)
        if not self.config.retrieval:
            ctx = Context(text="", chunk_ids=[], exemplar=ctx.exemplar)
        return ctx

    def render_requests(self, stage: str) -> list[RenderRequest]:
        """The feedback render. Before lighting it is transparent: the world is not modelled
        yet, and its alpha is the subject's silhouette while the preview holds nothing but
        components and a camera (geometry, material). From composition on, floors and
        backdrops are in the frame, so the silhouette comes from a second rehearsal."""
        if stage == "lighting":
            # Denoised: at 128 px and 16 samples the noisy render hid the light pools the
            # verifier judges; denoising costs ~0.3 s on 2 cores (vs 0.7 s more for 256 px).
            return [RenderRequest("color", engine=self.config.lighting_engine, size=self.render_size(stage),
                                  denoise=True)]
        return [RenderRequest("color", engine="BLENDER_WORKBENCH", size=self.render_size(stage), transparent=True)]

    def render_size(self, stage: str) -> int:
        if stage == "lighting" and self.config.lighting_engine != "BLENDER_WORKBENCH":
            return min(self.config.render_size, self.config.lighting_render_size)
        return self.config.render_size

    def mask_request(self, stage: str = "geometry") -> RenderRequest:
        return RenderRequest("mask", engine="BLENDER_WORKBENCH", size=self.render_size(stage), transparent=True)

    # -- one part ----------------------------------------------------------------------
    def write_part(self, stage: str, name: str, request: ModelRequest, base: SceneProgram,
                   iteration: int, description: str) -> Draft:
        """The part `name` of `stage`, gated alone on top of `base`'s earlier stages."""
        draft = Draft(ok=False)
        fn = PART_PREFIX[stage] + name

        def check(tried: Try, tolerate: frozenset[str]) -> GateResult:
            text = extract_code(tried.reply.text, bool(getattr(tried.reply, "truncated", False)), want=[fn])
            tried.value = piece = part_piece(text, stage, name)
            tried.ran = assemble(stage, {name: piece.function}, piece.imports)
            return self.gate_part(stage, name, tried.ran, base, tolerate)

        def repair(request: ModelRequest, tried: Try, result: GateResult) -> ModelRequest:
            return briefs.repair_request(request, tried.reply.text, result.gate, result.message,
                                         tried.ran or tried.reply.text, wanted=f"`{fn}(ctx)`",
                                         what=f"code for `{fn}(ctx)`",
                                         context=self.context(stage, description, result.message))

        out = through_the_gates(
            request, call=lambda r: self.call(r, iteration), check=check, repair=repair,
            on_repair=lambda problem: self.emit(stage, "repairing", _first_line(problem), component=name,
                                                iteration=iteration),
            max_repairs=self.config.max_repairs, clock=self.clock, attempts=draft.attempts)
        if out.passed is not None:
            piece: Piece = out.passed.value
            draft.ok, draft.code, draft.imports, draft.reply_at, draft.gate = (True, piece.function, piece.imports,
                                                                               out.reply_at, out.result)
            return draft
        draft.problem = out.problem
        self.emit(stage, "failed", _first_line(draft.problem), component=name, iteration=iteration)
        return draft

    def gate_part(self, stage: str, name: str, code: str, base: SceneProgram,
                  tolerate: frozenset[str] = frozenset()) -> GateResult:
        preview = preview_program(base, stage, self.aspect, stage_code={stage: code})
        result = self.gates.check(code, preview.to_json(), stage, [], tolerate)
        if result.ok and stage == "geometry" and result.rehearsal is not None and result.rehearsal.objects == 0:
            return GateResult(False, "rehearsal", f"build_{name}(ctx) ran but created no object",
                              timings=result.timings)
        return result

    def repair_part(self, stage: str, name: str, function: str, imports: list[str], message: str,
                    base: SceneProgram, iteration: int, description: str) -> Draft:
        """A part that passed alone but failed inside the whole stage: one repair round."""
        ran = assemble(stage, {name: function}, imports)
        fn = PART_PREFIX[stage] + name
        first = ModelRequest(purpose="repair", system="", prompt="", stage=stage, component=name)
        seed = briefs.repair_request(first, "", "rehearsal", message, ran, wanted=f"`{fn}(ctx)`",
                                     what=f"code for `{fn}(ctx)`", context=self.context(stage, description, message))
        seed.system, seed.cache_prefix = briefs.code_system(), briefs.code_prefix()
        seed.history, seed.max_tokens = [], self.config.max_tokens
        return self.write_part(stage, name, seed, base, iteration, description)

    # -- a whole stage -----------------------------------------------------------------
    def write_stage(self, stage: str, request: ModelRequest, base: SceneProgram, iteration: int,
                    description: str, keep_parts: dict[str, str] | None = None) -> Draft:
        """Code for all of `stage`, gated and rehearsed with the feedback renders. For the
        geometry stage, components the reply leaves out keep `keep_parts` (their current
        code or blockout box)."""
        draft = Draft(ok=False)

        def check(tried: Try, tolerate: frozenset[str]) -> GateResult:
            tried.ran = extract_code(tried.reply.text, bool(getattr(tried.reply, "truncated", False)))
            _, parts = stage_parts(tried.ran, stage)
            tried.ran = self.complete_stage(stage, tried.ran, parts, keep_parts or {})
            preview = preview_program(base, stage, self.aspect, stage_code={stage: tried.ran})
            return self.gates.check(tried.ran, preview.to_json(), None, self.render_requests(stage), tolerate)

        def repair(request: ModelRequest, tried: Try, result: GateResult) -> ModelRequest:
            return briefs.repair_request(request, tried.reply.text, result.gate, result.message,
                                         tried.ran or tried.reply.text, wanted=f"the whole {stage} stage",
                                         what=f"{stage} code", context=self.context(stage, description, result.message))

        out = through_the_gates(
            request, call=lambda r: self.call(r, iteration), check=check, repair=repair,
            on_repair=lambda problem: self.emit(stage, "repairing", _first_line(problem), iteration=iteration),
            max_repairs=self.config.max_repairs, clock=self.clock, attempts=draft.attempts)
        if out.passed is not None:
            draft.ok, draft.code, draft.reply_at, draft.gate = True, out.passed.ran, out.reply_at, out.result
            return draft
        draft.problem = out.problem
        self.emit(stage, "failed", _first_line(draft.problem), iteration=iteration)
        return draft

    @staticmethod
    def complete_stage(stage: str, code: str, parts: dict[str, str], keep_parts: dict[str, str]) -> str:
        """Append kept parts the reply did not write (geometry: their boxes stay)."""
        missing = {n: src for n, src in keep_parts.items() if n not in parts}
        if not missing:
            return code
        extra = []
        if any(is_placeholder(src) for src in missing.values()) and "def placeholder(" not in code:
            extra.append(PLACEHOLDER_HELPER.rstrip())
        extra += [src.rstrip() for src in missing.values()]
        head = "import bpy\nimport math\n\n\n" if stage == "geometry" else "import bpy\n\n\n"
        return head + code.rstrip() + "\n\n\n" + "\n\n\n".join(extra) + "\n"


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 160 else line[:157] + "..."


__all__ = ["Agent", "Draft"]
