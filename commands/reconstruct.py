"""codeform reconstruct: a reference image in, a .blend with an editable program out."""
from __future__ import annotations

import argparse
import sys
import threading

from ..cli import plain
from ..pipeline.program import STAGES

HELP = "reconstruct a scene from a reference image as an editable Blender program"
EPILOG = ("exit codes: 0 done, 2 bad input (image, flags, files), 6 provider failure (key, quota, network), "
          "7 the model could not produce working code within the budget")


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..vlm.cli_args import add_provider_arguments
    p.epilog = EPILOG
    p.add_argument("image", metavar="IMAGE", help="the reference image (PNG; JPEG and others with Pillow)")
    p.add_argument("--hint", default="", metavar="TEXT", help="a sentence about the scene for the planner")
    add_provider_arguments(p)
    p.add_argument("--out", metavar="OUT.blend", required=True, help="write the result here (atomically)")
    p.add_argument("--report", metavar="DIR", help="write an HTML report with every render, metric and critique")
    p.add_argument("--iterations", type=int, default=3, metavar="N", help="iterations per stage (default 3)")
    p.add_argument("--until", choices=STAGES, metavar="STAGE", help="stop after this stage")
    p.add_argument("--resume", metavar="IN.blend", help="continue the run saved in this file at its next stage")
    p.add_argument("--run", metavar="NAME", help="run name (default: from the image's file name); with "
                                                 "--resume, which run of the file")
    tune = p.add_argument_group("budget and tuning")
    tune.add_argument("--max-calls", type=int, default=60, metavar="N", help="model calls per job (default 60)")
    tune.add_argument("--max-cost", type=float, default=2.0, metavar="USD", help="estimated cost per job (default 2)")
    tune.add_argument("--concurrency", type=int, default=4, metavar="N", help="component calls at once (default 4)")
    tune.add_argument("--mask", metavar="MASK.png", help="the reference's foreground mask (else alpha or an estimate)")
    tune.add_argument("--render-size", type=int, default=256, metavar="PX", help="feedback render width (default 256)")
    tune.add_argument("--lighting-engine", default="CYCLES", choices=("CYCLES", "BLENDER_EEVEE", "BLENDER_WORKBENCH"),
                      help="engine of the lighting stage's feedback renders (default CYCLES)")
    ab = p.add_argument_group("workflow (ablations for comparisons)")
    ab.add_argument("--workflow", choices=("staged", "oneshot"), default="staged",
                    help="staged loop (default) or the whole program in one call")
    ab.add_argument("--no-retrieval", action="store_true", help="no retrieved API docs in prompts")
    ab.add_argument("--no-exemplars", action="store_true", help="no few-shot exemplar in prompts")
    ab.add_argument("--no-component-agent", action="store_true", help="write geometry and material in one call each")
    p.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")


def config_from_args(args: argparse.Namespace, run_name: str):
    from ..pipeline.records import PipelineConfig
    return PipelineConfig(iterations=args.iterations, until=args.until, concurrency=args.concurrency,
                          workflow=args.workflow, retrieval=not args.no_retrieval, exemplars=not args.no_exemplars,
                          component_agent=not args.no_component_agent, render_size=args.render_size,
                          lighting_engine=args.lighting_engine, hint=args.hint, run_name=run_name,
                          cancel=threading.Event())


def printer(quiet: bool):
    lock = threading.Lock()

    def show(event) -> None:
        if quiet or event.state == "calling":
            return
        with lock:
            print(plain(event.line()), flush=True)
    return show


def run(args: argparse.Namespace) -> int:
    from ..metrics.reference import load_reference
    from ..pipeline.errors import ProgramError
    from ..pipeline.programfile import run_name_from
    from .blendfile import check_output, check_report_dir

    if not 64 <= args.render_size <= 1024:
        raise ProgramError("--render-size must be from 64 to 1024 pixels")
    if args.max_calls < 1 or not 0 <= args.max_cost < float("inf"):  # nan would switch the budget off
        raise ProgramError("--max-calls must be at least 1 and --max-cost at least 0")
    out = check_output(args.out)
    check_report_dir(args.report)
    if args.run and not args.resume:  # else found bad only after the blueprint call was paid for
        from ..pipeline.program import validate_run_name
        validate_run_name(args.run)
    reference = load_reference(args.image, mask=args.mask)
    config = config_from_args(args, args.run or run_name_from(reference.name))
    from ..vlm.cli_args import client_from_args
    from ..vlm.session import Session
    client = client_from_args(args)
    session = Session(client, max_calls=args.max_calls, max_cost_usd=args.max_cost or None, cancel=config.cancel)

    from ..pipeline.engine import Reconstructor
    from ..scene import wiring
    from ..scene.live import LiveScene
    from .blendfile import open_blend, save_paid_work
    wiring.require(("vlm", "policy", "worker", "linter") + (("retrieval",) if config.retrieval else ()))
    open_blend(args.resume)
    program = None
    if args.resume:
        from ..scene import store
        program = store.load_program(args.run)
        config.run_name = program.name
        if not program.blueprint.get("components") and args.workflow == "staged":
            raise ProgramError(f"run {program.name!r} in {args.resume} has no blueprint to resume from")
    live = LiveScene()
    from ..scene.ownership import foreign_names
    with wiring.real_ports(session, live=live, events=printer(args.quiet), retrieval=config.retrieval,
                           concurrency=config.concurrency, cancel=config.cancel,
                           reserved=foreign_names(config.run_name)) as ports:
        result = Reconstructor(ports, config).run(reference, program)
    if result.program is not None and result.program.applied_stages():
        save_paid_work(out)
    report = None
    if args.report:
        from ..pipeline.report import write_report
        from ..scene.live import final_render
        done = result.program is not None and result.program.last_stage() == "lighting"
        try:
            report = write_report(result, reference, args.report, title=f"{reference.name} — {client.provider} "
                                                                         f"{client.model}",
                                  final_render=final_render(result.program.name) if done else b"")
        except OSError as exc:  # the work is saved; a lost report is not worth losing the summary
            result.warnings.append(f"could not write the report to {args.report}: {exc.strerror or exc}")
    _summary(result, session, out if result.program is not None else None, report, live)
    if result.error is not None:
        raise result.error
    return 0


def _summary(result, session, out, report, live) -> None:
    lines = [""]
    for stage, rec in result.stages.items():
        best = rec.best_record()
        if best is None:
            lines.append(f"{stage:<12} no working version")
            continue
        m = best.metrics
        lines.append(f"{stage:<12} kept iteration {rec.best}/{len(rec.iterations)}  score {m['score']:.3f}  "
                     f"iou {m['iou']:.3f}  ssim {m['ssim']:.3f}  psnr {m['psnr']:.1f}  ({rec.stop_reason})")
    lines.append(f"usage: {session.summary()}")
    for w in result.warnings + live.problems:
        lines.append(f"warning: {w}")
    if out is not None:
        lines.append(f"file:   {out}  (run {result.program.name!r}, stages: {', '.join(result.program.applied_stages())})")
    if report is not None:
        lines.append(f"report: {report}")
    print(plain("\n".join(lines)), file=sys.stdout, flush=True)
