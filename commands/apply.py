"""codeform apply: apply a program file to a .blend."""
from __future__ import annotations

import argparse

from ..pipeline.program import STAGES

HELP = "apply a program (JSON file or folder of stage .py files) to a .blend"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("program", help="program JSON, or a folder with blueprint.json and <stage>.py files")
    p.add_argument("--blend", metavar="IN.blend", help="start from this file (default: an empty scene)")
    p.add_argument("--out", metavar="OUT.blend", required=True, help="write the result here (may equal --blend)")
    p.add_argument("--until", metavar="STAGE", choices=STAGES, help="apply stages up to this one only")
    p.add_argument("--run", metavar="NAME", help="run name (default: the program's; a run of that name is replaced)")


def run(args: argparse.Namespace) -> int:
    from ..pipeline.programfile import load_program_path
    from .blendfile import check_output, open_blend, save_blend

    program = load_program_path(args.program, name=args.run)
    out = check_output(args.out)
    if args.until and args.until not in program.applied_stages():
        from ..pipeline.errors import ProgramError
        raise ProgramError(f"the program has no {args.until} stage to apply up to")
    open_blend(args.blend)
    from ..scene import runs
    from ..pipeline.errors import CodeFormError
    try:
        report = runs.install(program, upto=args.until)
    except CodeFormError:
        # A failing stage still leaves the earlier stages and the program in the file, so
        # the artist can open it and fix the code in the Text Editor. An interrupt
        # (Ctrl-C, SIGTERM) writes nothing: the output stays as it was.
        save_blend(out)
        raise
    save_blend(out)
    counts = ", ".join(f"{s} {n}" for s, n in report.objects.items() if n)
    if not report.stages:
        print(f"applied no stage of run {program.name!r}: its {program.next_stage() or 'geometry'} stage has no "
              f"current version, and later stages need it (stored in {out})")
        return 0
    print(f"applied {', '.join(report.stages)} of run {program.name!r} in {report.seconds:.2f} s "
          f"({counts or 'no objects'}) -> {out}")
    return 0
