"""Edits, evaluated like 3D-CoS: the localized editor against two baselines on the edit cases
of the evaluation set (evalset/edits), replaying recorded model replies.

    codeform bench --edits            (or: codeform bench --suite edits)

For every case the scene program, the ground-truth edit and each method's result are applied
to an empty scene on real bpy and measured per part (bench/edit_scene.py); the methods:

- ours: localize, rewrite only the named parts, same gates as all model code (pipeline.edit);
- (a) regenerate: the whole program rewritten from the instruction in one call, same gates;
- (b) point cloud: the scene's sampled point cloud edited inside the boxes of the components
  the localizer named, with oracle shape and material parameters from the ground truth
  (bench/edit_scores.py) — so its fidelity is an upper bound and its losses are locality's.

The table shows preservation of what the edit should leave alone and fidelity of what it
should change (see bench/edit_scores.py for the definitions); per-case numbers go to
out/bench/edits.json.
"""
from __future__ import annotations

import json
import math
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .edit_cases import EditCase, load_cases
from .edit_scores import Scores, Snapshot, changed_entities, entity_key, pointcloud_edit, score

OUT = Path(__file__).resolve().parents[1] / "out" / "bench" / "edits.json"
LABELS = {"ours": "ours (localized)", "regenerate": "(a) regenerate all", "pointcloud": "(b) point cloud"}


@dataclass
class MethodRun:
    scores: Scores
    calls: int = 0
    output_tokens: int = 0
    input_tokens: int = 0
    seconds: float = 0.0
    question: str = ""
    plan: list[str] = field(default_factory=list)
    failure: str = ""


def _ports(pool: Any, transcript: Path):
    from ..scene import wiring
    from ..vlm.base import make_client
    from ..vlm.session import Session
    session = Session(make_client("replay", transcript=str(transcript)), max_calls=40)
    return wiring.build_ports(session, pool=pool, live=None, retrieval=False)


def _run_method(name: str, case: EditCase, program, pool) -> tuple[Any, float]:
    from ..pipeline.edit import EditConfig, Editor
    from ..pipeline.edit_regenerate import Regenerator
    engine = Editor if name == "ours" else Regenerator
    t = time.perf_counter()
    result = engine(_ports(pool, case.transcript(name)), EditConfig(renders=False)).run(program, case.instruction)
    return result, time.perf_counter() - t


def run_case(case: EditCase, pool) -> dict[str, MethodRun]:
    from .edit_scene import snapshot
    program = case.scene_program()
    before = snapshot(program)
    truth_program = case.truth_program()
    truth = snapshot(truth_program, extent=before.extent) if truth_program is not None else None
    edited: set[str] = set()
    if truth is not None:
        edited = changed_entities(before, truth) | {entity_key(k) for k in case.expected_keys()}
    runs: dict[str, MethodRun] = {}
    plan: list[tuple[str, str]] = []
    for name in ("ours", "regenerate"):
        if case.transcript(name) is None:
            continue
        result, seconds = _run_method(name, case, program, pool)
        changed = result.complete and bool(result.new_versions)
        after = snapshot(result.program, extent=before.extent) if changed else before
        run = MethodRun(score(before, after, truth, edited, ok=result.complete), seconds=seconds,
                        calls=int(result.usage.get("calls", 0)), output_tokens=int(result.usage.get("output_tokens", 0)),
                        input_tokens=int(result.usage.get("input_tokens", 0)),
                        question=result.question, failure=result.failure)
        if result.plan is not None:
            run.plan = sorted(result.plan.keys())
            if name == "ours":
                plan = [(e.key, e.action) for e in result.plan.edits]
        runs[name] = run
    if truth is not None:
        t = time.perf_counter()
        after = pointcloud_edit(before, truth, plan)
        runs["pointcloud"] = MethodRun(score(before, after, truth, edited, ok=bool(plan)),
                                       seconds=time.perf_counter() - t, plan=sorted(k for k, _ in plan))
    return runs


def _avg(values: list[float]) -> float:
    values = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.fmean(values) if values else math.nan


def _cell(value: float, fmt: str, width: int) -> str:
    return f"{'—' if math.isnan(value) else format(value, fmt):>{width}}"


def table(cases: list[EditCase], results: dict[str, dict[str, MethodRun]]) -> list[str]:
    edits = [c for c in cases if not c.is_question and c.id in results]
    questions = [c for c in cases if c.is_question and c.id in results]
    lines = [f"edits: {len(edits)} edit cases over {len({c.scene for c in edits})} evaluation scenes "
             f"(evalset/edits), replayed replies; means over cases",
             "  preservation (parts the edit should leave alone, before vs after): Chamfer mm and normal "
             "consistency of surface samples, parameter drift, share left bit-identical",
             "  fidelity (parts it should change, after vs the ground-truth edit): Chamfer mm, parameter error "
             "(materials, lights, camera, world; ~0..1 scale), removed parts gone; tokens are the transcripts' "
             "(estimated where the recording server gave none); s: median wall time per edit, gates included",
             f"  {'method':<20}{'done':>7}{'loc.':>7} | {'CD mm':>7}{'NC':>7}{'drift':>7}{'ident.':>8} | "
             f"{'CD mm':>7}{'param':>7}{'gone':>6} | {'calls':>6}{'in tok':>8}{'out tok':>8}{'s':>6}"]
    for method in ("ours", "regenerate", "pointcloud"):
        rows = [(c, results[c.id][method]) for c in edits if method in results[c.id]]
        if not rows:
            continue
        done = sum(r.scores.ok for _, r in rows)
        located = sum(sorted(c.expected_keys()) == r.plan for c, r in rows) if method == "ours" else None
        s = [r.scores for _, r in rows]
        lines.append(
            f"  {LABELS[method]:<20}{f'{done}/{len(rows)}':>7}"
            f"{(f'{located}/{len(rows)}' if located is not None else '—'):>7} | "
            f"{_cell(_avg([x.preserve_cd for x in s]), '.3f', 7)}{_cell(_avg([x.preserve_nc for x in s]), '.3f', 7)}"
            f"{_cell(_avg([x.preserve_param for x in s]), '.3f', 7)}"
            f"{_cell(100 * _avg([x.identical for x in s]), '.1f', 7)}% | "
            f"{_cell(_avg([x.fidelity_cd for x in s]), '.2f', 7)}{_cell(_avg([x.fidelity_param for x in s]), '.3f', 7)}"
            f"{_cell(_avg([x.removed for x in s]), '.2f', 6)} | "
            f"{_cell(_avg([r.calls for _, r in rows]) if method != 'pointcloud' else math.nan, '.1f', 6)}"
            f"{_cell(_avg([r.input_tokens for _, r in rows]) if method != 'pointcloud' else math.nan, '.0f', 8)}"
            f"{_cell(_avg([r.output_tokens for _, r in rows]) if method != 'pointcloud' else math.nan, '.0f', 8)}"
            f"{_cell(statistics.median(r.seconds for _, r in rows), '.2f', 6)}")
    if questions:
        parts = []
        for method, label in (("ours", "ours asked a question in"), ("regenerate", "(a) rewrote the program in")):
            ran = [results[c.id][method] for c in questions if method in results[c.id]]
            if ran:
                count = sum(bool(r.question) for r in ran) if method == "ours" else sum(r.scores.ok for r in ran)
                parts.append(f"{label} {count}/{len(ran)} (parts left identical: "
                             f"{100 * _avg([r.scores.identical for r in ran]):.0f}%)")
        lines.append(f"  ambiguous instructions ({len(questions)}): " + ", ".join(parts))
    lines.append("  targets: ours leaves 100% of untouched parts bit-identical (preservation CD 0.000, drift 0.000)")
    return lines


def run(args=None) -> list[str]:
    from ..scene import wiring
    only = getattr(args, "case", None) or None
    cases = load_cases(only=only)
    if not cases:
        return ["edits: no edit cases found under evalset/edits"]
    lines: list[str] = []
    broken = {c.id: c.problems() for c in cases}
    for cid, problems in broken.items():
        if problems:
            lines.append(f"  skipped {cid}: {'; '.join(problems)}")
    cases = [c for c in cases if not broken[c.id]]
    results: dict[str, dict[str, MethodRun]] = {}
    pool = wiring.open_worker_pool(size=2)
    t0 = time.perf_counter()
    try:
        for case in cases:
            results[case.id] = run_case(case, pool)
    finally:
        pool.close()
    out = table(cases, results) + lines
    out.append(f"  {len(cases)} cases in {time.perf_counter() - t0:.0f} s; per case: {_write(cases, results)}")
    return out


def _write(cases: list[EditCase], results: dict[str, dict[str, MethodRun]]) -> str:
    data = {c.id: {"scene": c.scene, "kind": c.kind, "instruction": c.instruction, "expected": c.expected_keys(),
                   "methods": {m: {"scores": r.scores.to_json(), "calls": r.calls, "output_tokens": r.output_tokens,
                                   "seconds": round(r.seconds, 3), "plan": r.plan, "question": r.question,
                                   "failure": r.failure}
                               for m, r in results[c.id].items()}}
            for c in cases if c.id in results}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return str(OUT.relative_to(OUT.parents[2]))


__all__ = ["run", "run_case", "table", "Snapshot"]
