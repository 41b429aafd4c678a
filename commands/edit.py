"""codeform edit: change a reconstructed scene by a sentence; only the parts it is about change."""
from __future__ import annotations

import argparse
import sys

HELP = "change a scene's program by a sentence; only the parts it is about are rewritten"
EXIT_QUESTION = 8
EPILOG = ("exit codes: 0 done, 2 bad input (file, run, instruction, flags), 4 the edit passed rehearsal but "
          "failed in the scene, 6 provider failure (key, quota, network), 7 the model could not produce working "
          f"code within the budget, {EXIT_QUESTION} the instruction is ambiguous: the model's question is printed "
          "on stdout and nothing is written")


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..vlm.cli_args import add_provider_arguments
    p.epilog = EPILOG
    p.add_argument("blend", metavar="IN.blend", help="a .blend holding a CodeForm program (never written)")
    p.add_argument("instruction", metavar="INSTRUCTION", help='what to change, e.g. "make the legs thinner and brass"')
    add_provider_arguments(p)
    p.add_argument("--out", metavar="OUT.blend", required=True, help="write the edited file here (atomically)")
    p.add_argument("--report", metavar="DIR", help="write an HTML report: before/after renders, plan, code diff")
    p.add_argument("--run", metavar="NAME", help="which run of the file to edit (when it holds several)")
    tune = p.add_argument_group("budget and tuning")
    tune.add_argument("--max-calls", type=int, default=20, metavar="N", help="model calls per edit (default 20)")
    tune.add_argument("--max-cost", type=float, default=1.0, metavar="USD", help="estimated cost per edit (default 1)")
    tune.add_argument("--concurrency", type=int, default=4, metavar="N", help="parts written at once (default 4)")
    tune.add_argument("--render-size", type=int, default=256, metavar="PX",
                      help="width of the before/after renders the model and the report see (default 256)")
    tune.add_argument("--render-engine", default="CYCLES", choices=("CYCLES", "BLENDER_EEVEE", "BLENDER_WORKBENCH"),
                      help="engine of those renders (default CYCLES)")
    tune.add_argument("--no-retrieval", action="store_true", help="no retrieved API docs in prompts")
    p.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")


def run(args: argparse.Namespace) -> int:
    import threading

    from ..pipeline.edit import EditConfig, Editor, check_edit_input
    from ..pipeline.errors import CodeRaised, ProgramError
    from .blendfile import check_output, check_report_dir, open_blend, save_paid_work
    from ..cli import plain
    from .reconstruct import printer

    if not 64 <= args.render_size <= 1024:
        raise ProgramError("--render-size must be from 64 to 1024 pixels")
    if args.max_calls < 1 or not 0 <= args.max_cost < float("inf"):  # nan would switch the budget off
        raise ProgramError("--max-calls must be at least 1 and --max-cost at least 0")
    instruction = " ".join(args.instruction.split())
    out = check_output(args.out, not_same_as=args.blend)
    check_report_dir(args.report)
    config = EditConfig(concurrency=max(1, min(32, args.concurrency)), retrieval=not args.no_retrieval,
                        render_engine=args.render_engine, render_size=args.render_size, cancel=threading.Event())
    from ..vlm.cli_args import client_from_args
    from ..vlm.session import Session
    client = client_from_args(args)
    open_blend(args.blend)
    from ..scene import store, wiring
    from ..scene.live import LiveScene
    program = store.load_program(args.run)
    check_edit_input(program, instruction)
    session = Session(client, max_calls=args.max_calls, max_cost_usd=args.max_cost or None, cancel=config.cancel)
    wiring.require(("vlm", "policy", "worker", "linter") + (("retrieval",) if config.retrieval else ()))
    live = LiveScene()
    from ..scene.ownership import foreign_names
    with wiring.real_ports(session, live=live, events=printer(args.quiet), retrieval=config.retrieval,
                           concurrency=config.concurrency, cancel=config.cancel,
                           reserved=foreign_names(program.name)) as ports:
        result = Editor(ports, config).run(program, instruction)
    report = None
    if args.report:
        from ..pipeline.edit_report import write_edit_report
        try:
            report = write_edit_report(result, args.report, title=f"{program.name} — {client.provider} {client.model}")
        except OSError as exc:  # a lost report is not worth losing the edit
            result.warnings.append(f"could not write the report to {args.report}: {exc.strerror or exc}")
    if result.needs_clarification:
        print(plain(f"The model asks: {result.question}"), flush=True)
        print("Nothing was changed; say it more precisely and run the edit again.", file=sys.stderr, flush=True)
        if report is not None:
            print(f"report: {report}", flush=True)
        return EXIT_QUESTION
    if result.error is not None:
        raise result.error
    if live.problems:
        raise CodeRaised(f"the edit passed rehearsal but failed in the scene: {live.problems[0]}")
    save_paid_work(out)
    lines = ["", f"edited {', '.join(result.changed_parts) or 'nothing'} "
                 f"({'; '.join(f'{s} now version {v + 1}' for s, v in result.new_versions.items())})"]
    if result.plan is not None and result.plan.summary:
        lines.append(f"plan:   {result.plan.summary}")
    lines.append(f"usage:  {session.summary()}")
    lines += [f"warning: {w}" for w in result.warnings]
    lines.append(f"file:   {out}  (run {program.name!r}; undo with: codeform stages {out} undo "
                 f"{result.changed_stages[-1] if result.changed_stages else 'geometry'})")
    if report is not None:
        lines.append(f"report: {report}")
    print(plain("\n".join(lines)), flush=True)
    return 0
