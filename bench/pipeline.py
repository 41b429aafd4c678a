"""codeform bench --suite pipeline: the reconstruction pipeline over the evaluation set.

Prints, per scene and workflow: the kept score of each stage, iterations per stage, calls,
tokens and wall time; then the performance targets (blueprint reply -> blockout, component
reply -> placed, overhead per iteration with its breakdown, the concurrent first geometry
pass against sequential calls at 1 s of fake model latency).

By default the models are the recorded transcripts of evalset/*/transcripts (replayed: a
replayed reply does not depend on the prompt, so switches that only change prompts show
their cost, not their worth). To compare live providers and models, and workflows on each:

    python -m codeform.bench.pipeline --provider openai --model gpt-4.1 --model gpt-4.1-mini \\
        --workflow staged --workflow oneshot --ablate retrieval --ablate components [--scenes a b]
    python -m codeform.bench.pipeline --config bench.json   # {"models": [{"provider", "model",
                                                             #   "base_url"}], "workflows": [...]}
    CODEFORM_BENCH_CONFIG=bench.json codeform bench --suite pipeline
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from .pipeline_harness import ScriptResponder, run_scene, scenes, transcript_for

STAGES = ("geometry", "material", "composition", "lighting")
# workflow name -> PipelineConfig switches; "transcript" names the recording it replays
WORKFLOWS: dict[str, dict[str, Any]] = {
    "staged": {"workflow": "staged"},
    "oneshot": {"workflow": "oneshot"},
    "monolithic": {"workflow": "staged", "component_agent": False},
}
ABLATIONS = {"retrieval": {"retrieval": False}, "exemplars": {"exemplars": False},
             "components": {"component_agent": False}}


@dataclass
class Model:
    provider: str
    model: str = ""
    base_url: str | None = None
    label: str = ""

    def name(self) -> str:
        return self.label or (f"{self.provider}:{self.model}" if self.model else self.provider)


@dataclass
class Plan:
    models: list[Model] = field(default_factory=lambda: [Model("replay", label="recorded")])
    workflows: list[str] = field(default_factory=lambda: ["staged", "oneshot"])
    ablations: list[str] = field(default_factory=list)
    scenes: list[str] = field(default_factory=list)
    iterations: int = 3
    speedup: bool = True


def _config(workflow: str, run: str, iterations: int, ablate: list[str]):
    from ..pipeline.records import PipelineConfig
    switches = dict(WORKFLOWS[workflow])
    for a in ablate:
        switches.update(ABLATIONS[a])
    return PipelineConfig(iterations=iterations, run_name=run[:24], **switches)


def _client(model: Model, scene: str, workflow: str):
    from ..vlm.base import make_client
    if model.provider == "replay":
        path = transcript_for(scene, workflow)
        return make_client("replay", transcript=str(path)) if path else None
    return make_client(model.provider, model=model.model or None, base_url=model.base_url)


def _fmt_row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))


def evaluate(plan: Plan) -> tuple[list[str], list[Any]]:
    """Run every (model, workflow[, ablation]) over the scenes; returns table lines and runs."""
    from ..scene import wiring
    runs, lines = [], []
    retriever = wiring.open_retriever(dense=False)
    variants = [(w, []) for w in plan.workflows] + [("staged", [a]) for a in plan.ablations]
    with wiring.open_worker_pool(size=2) as pool:
        for model in plan.models:
            for workflow, ablate in variants:
                for scene in scenes(plan.scenes or None):
                    client = _client(model, scene, workflow)
                    if client is None:
                        continue  # no recording of this workflow for this scene
                    config = _config(workflow, scene, plan.iterations, ablate)
                    run = run_scene(scene, client, config, pool, retriever=retriever)
                    run.model = model.name()
                    run.workflow = workflow + "".join(f" -{a}" for a in ablate)
                    runs.append(run)
    widths = [14, 16, 18] + [11] * 4 + [7, 6, 16, 7]
    head = ["scene", "model", "workflow"] + [f"{s[:4]} score/it" for s in STAGES] + ["final", "calls",
                                                                                      "tokens in/out", "wall s"]
    lines.append(_fmt_row(head, widths))
    for r in runs:
        res = r.result
        cells = [r.scene, r.model[:16], r.workflow[:18]]
        for s in STAGES:
            rec = res.stages.get(s)
            best = rec.best_record() if rec else None
            cells.append(f"{best.score:.3f}/{len(rec.iterations)}" if best else "-")
        final = res.final_metrics()
        usage = res.usage
        cells += [f"{final.get('score', 0):.3f}" if final else "-", str(int(usage.get("calls", 0))),
                  f"{int(usage.get('input_tokens', 0))}/{int(usage.get('output_tokens', 0))}",
                  f"{r.wall_s:.1f}" + ("" if res.complete else " !")]
        lines.append(_fmt_row(cells, widths))
    lines += _summary(runs)
    return lines, runs


def _summary(runs: list[Any]) -> list[str]:
    out = []
    groups: dict[tuple[str, str], list[Any]] = {}
    for r in runs:
        groups.setdefault((r.model, r.workflow), []).append(r)
    for (model, workflow), rs in groups.items():
        calls = [r.result.usage.get("calls", 0) for r in rs]
        tokens = [r.result.usage.get("input_tokens", 0) + r.result.usage.get("output_tokens", 0) for r in rs]
        per_stage = []
        for s in STAGES:
            scores = [r.result.stages[s].best_record().score for r in rs
                      if s in r.result.stages and r.result.stages[s].best_record()]
            per_stage.append(f"{s} {statistics.mean(scores):.3f}" if scores else f"{s} -")
        done = sum(r.result.complete for r in rs)
        out.append(f"  {model} / {workflow}: {len(rs)} scenes, {done} complete; mean kept score: {', '.join(per_stage)}; "
                   f"per reconstruction {statistics.mean(calls):.1f} calls, {statistics.mean(tokens):,.0f} tokens")
    out += _paired(groups)
    return out


def _final(run: Any) -> float:
    return float(run.result.final_metrics().get("score", 0.0))


def _paired(groups: dict[tuple[str, str], list[Any]]) -> list[str]:
    """Each workflow against the staged loop of the same model on the scenes both ran."""
    out = []
    for (model, workflow), rs in groups.items():
        base = {r.scene: r for r in groups.get((model, "staged"), [])}
        pairs = [(base[r.scene], r) for r in rs if r.scene in base and workflow != "staged"]
        if not pairs:
            continue
        a = statistics.mean(_final(b) for b, _ in pairs)
        b = statistics.mean(_final(r) for _, r in pairs)
        ca = statistics.mean(bb.result.usage.get("calls", 0) for bb, _ in pairs)
        cb = statistics.mean(r.result.usage.get("calls", 0) for _, r in pairs)
        out.append(f"  {model}: {workflow} vs staged on the same {len(pairs)} scenes: final score {b:.3f} vs {a:.3f}, "
                   f"{cb:.1f} vs {ca:.1f} calls")
    return out


def performance(runs: list[Any]) -> list[str]:
    blockout = [r.result.timings["blueprint_to_blockout_s"] for r in runs if "blueprint_to_blockout_s" in r.result.timings]
    placed = [c.reply_to_live_s for r in runs for rec in r.result.stages.values() for c in rec.components
              if c.ok and c.reply_to_live_s is not None]
    iters = [it for r in runs for rec in r.result.stages.values() for it in rec.iterations]
    lines = ["performance (medians over the runs above):"]
    if blockout:
        lines.append(f"  blueprint reply -> blockout in the scene   {statistics.median(blockout) * 1000:7.0f} ms"
                     f"   target <= 500 ms  (max {max(blockout) * 1000:.0f} ms, {len(blockout)} runs)")
    if placed:
        p90 = sorted(placed)[int(0.9 * (len(placed) - 1))]
        lines.append(f"  component reply -> placeholder replaced     {statistics.median(placed) * 1000:7.0f} ms"
                     f"   target <= 1500 ms (p90 {p90 * 1000:.0f} ms, {len(placed)} components)")
    if iters:
        keys = ("policy", "lint", "rehearse", "mask", "metrics", "live")
        totals = [sum(it.timings.get(k, 0.0) for k in keys) for it in iters]
        lines.append(f"  overhead per iteration (no model time)     {statistics.median(totals) * 1000:7.0f} ms"
                     f"   target <= 1500 ms ({len(iters)} iterations)")
        for stage in STAGES:
            its = [it for it in iters if it.stage == stage]
            if not its:
                continue
            parts = ", ".join(f"{k} {statistics.median([it.timings.get(k, 0.0) for it in its]) * 1000:.0f}"
                              for k in keys + ("worker_apply", "worker_render"))
            total = statistics.median([sum(it.timings.get(k, 0.0) for k in keys) for it in its])
            lines.append(f"    {stage:<12} {total * 1000:6.0f} ms = {parts} (ms; worker_* inside rehearse)")
    return lines


def speedup(latency: float = 1.0, components: int = 6) -> list[str]:
    """The first geometry pass with `components` components at `latency` s per call from the
    loopback fake server (real openai SDK), concurrent against sequential."""
    tests = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests")
    sys.path.insert(0, tests)  # the fake server lives with the tests (source checkout only)
    import fakevlm

    from ..metrics.png import encode_png
    from ..metrics.reference import load_reference
    from ..pipeline.engine import Reconstructor
    from ..pipeline.records import PipelineConfig
    from ..scene import wiring
    from ..vlm.base import make_client
    from ..vlm.session import Session
    import numpy as np

    names = [f"part_{i}" for i in range(components)]
    blueprint = {"title": "row of blocks", "description": "blocks in a row",
                 "components": [{"name": n, "size": [0.2, 0.2, 0.2], "location": [-0.75 + 0.3 * i, 0, 0.1]}
                                for i, n in enumerate(names)],
                 "camera": {"height": 1.0, "distance": 3.0, "focal_length": 50}}
    img = np.full((128, 128, 3), 200, np.uint8)
    img[50:80, 10:118] = 60
    reference = load_reference(encode_png(img), name="blocks")
    replies = {("blueprint", "", ""): ["```json\n" + json.dumps(blueprint) + "\n```"]}
    times = {}
    with wiring.open_worker_pool(size=2) as pool, fakevlm.FakeVLM(latency_s=latency, idle_timeout_s=300) as fake:
        for concurrency in (1, components):
            script = dict(replies)
            for i, n in enumerate(names):
                script[("component", "geometry", n)] = [
                    f"```python\nimport bpy\n\n\ndef build_{n}(ctx):\n    bpy.ops.mesh.primitive_cube_add("
                    f"size=0.2, location=({-0.75 + 0.3 * i:.2f}, 0, 0.1))\n```"]
            fake.responder = ScriptResponder({k: list(v) for k, v in script.items()})
            client = make_client("openai", base_url=fake.openai_base_url, api_key="sk-bench", model="gpt-4.1")
            ports = wiring.build_ports(Session(client, max_calls=50), pool=pool, live=None, retrieval=False)
            config = PipelineConfig(until="geometry", iterations=1, concurrency=concurrency, run_name="speedup")
            result = Reconstructor(ports, config).run(reference)
            if not result.complete:
                return [f"  speedup: the run failed: {result.failure}"]
            times[concurrency] = result.timings["geometry_first_pass_s"]
    ratio = times[1] / times[components]
    return [f"  first geometry pass, {components} components at {latency:.0f} s latency: sequential "
            f"{times[1]:.2f} s, concurrent {times[components]:.2f} s -> {ratio:.1f}x   target >= 3x"]


def plan_from(config_path: str | None, args: argparse.Namespace | None = None) -> Plan:
    plan = Plan()
    if config_path:
        data = json.loads(open(config_path, encoding="utf-8").read())
        plan.models = [Model(**m) for m in data.get("models", [])] or plan.models
        plan.workflows = data.get("workflows", plan.workflows)
        plan.ablations = data.get("ablations", [])
        plan.scenes = data.get("scenes", [])
        plan.iterations = int(data.get("iterations", plan.iterations))
    if args is not None:
        if args.model or args.provider:
            plan.models = [Model(args.provider or "openai", m, args.base_url) for m in (args.model or [""])]
        plan.workflows = args.workflow or plan.workflows
        plan.ablations = args.ablate or plan.ablations
        plan.scenes = args.scenes or plan.scenes
        plan.speedup = not args.no_speedup
    return plan


def run(args=None, plan: Plan | None = None) -> list[str]:
    plan = plan or plan_from(os.environ.get("CODEFORM_BENCH_CONFIG"))
    t = time.perf_counter()
    table, runs = evaluate(plan)
    lines = [f"pipeline: {len(runs)} reconstructions of the evaluation set "
             f"({', '.join(m.name() for m in plan.models)}; replayed replies do not depend on prompts)"] + table
    lines += performance(runs)
    if plan.speedup:
        lines += speedup()
    lines.append(f"  ({time.perf_counter() - t:.0f} s in all; '!' marks a reconstruction that stopped early)")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description="the pipeline benchmark over the evaluation set")
    ap.add_argument("--config", help="JSON: models, workflows, ablations, scenes, iterations")
    ap.add_argument("--provider", choices=("openai", "anthropic", "openai-compatible", "replay"))
    ap.add_argument("--model", action="append", help="repeat to compare models of the provider")
    ap.add_argument("--base-url")
    ap.add_argument("--workflow", action="append", choices=sorted(WORKFLOWS))
    ap.add_argument("--ablate", action="append", choices=sorted(ABLATIONS), help="staged loop without this")
    ap.add_argument("--scenes", nargs="*")
    ap.add_argument("--no-speedup", action="store_true")
    args = ap.parse_args()
    for line in run(plan=plan_from(args.config, args)):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
