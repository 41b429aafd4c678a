"""codeform stages: list, undo, redo, show or apply hand-edited code of a stage in a .blend."""
from __future__ import annotations

import argparse
import json
import sys

from ..pipeline.program import STAGES

HELP = "list the stages of a .blend's run, or undo, redo, show or apply-edited one stage"
ACTIONS = ("list", "undo", "redo", "show", "apply-edited")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("blend", metavar="FILE.blend", help="a .blend with a CodeForm run")
    p.add_argument("action", nargs="?", default="list", choices=ACTIONS, help="what to do (default: list)")
    p.add_argument("stage", nargs="?", choices=STAGES, help="the stage for undo, redo, show, apply-edited")
    p.add_argument("--run", metavar="NAME", help="which run, when the file has several")
    p.add_argument("--out", metavar="OUT.blend", help="write here instead of updating FILE.blend in place")
    p.add_argument("--json", action="store_true", help="list as JSON, for scripts")


def run(args: argparse.Namespace) -> int:
    from ..pipeline.errors import ProgramError
    from .blendfile import check_output, open_blend, save_blend

    if args.action != "list" and not args.stage:
        raise ProgramError(f"{args.action} needs a stage: {', '.join(STAGES)}")
    # list and show only read: a read-only file is fine for them
    out = check_output(args.out or args.blend) if args.action not in ("list", "show") else None
    open_blend(args.blend)
    from ..scene import runs, store
    program = store.load_program(args.run)
    if args.action == "list":
        _list(program, store.edited_stages(program), args.json)
        return 0
    if args.action == "show":
        code = program.stages[args.stage].code
        if not code:
            raise ProgramError(f"the {args.stage} stage has no current version")
        sys.stdout.write(code)
        return 0
    change = {"undo": runs.undo, "redo": runs.redo, "apply-edited": runs.apply_edited}[args.action]
    result = change(program.name, args.stage)
    save_blend(out)
    print(result.summary())
    return 0


def _list(program, edited: list[str], as_json: bool) -> None:
    rows = []
    applied = program.applied_stages()
    for stage in STAGES:
        st = program.stages[stage]
        v = st.version
        rows.append({
            "stage": stage,
            "applied": stage in applied,  # a stage after one without a version is not in the scene
            "current": st.current + 1,
            "versions": len(st.versions),
            "origin": v.origin if v else None,
            "parts": list(st.parts().parts) if v else [],
            "edited": stage in edited,
            "metrics": v.metrics if v else {},
        })
    if as_json:
        print(json.dumps({"run": program.name, "stages": rows}, indent=1))
        return
    print(f"run {program.name}")
    for r in rows:
        where = f"v{r['current']}/{r['versions']}" if r["versions"] else "-"
        state = ("applied" if r["applied"] else "not applied (an earlier stage has no version)") if r["current"] \
            else ("undone" if r["versions"] else "pending")
        extra = f" ({r['origin']}, {len(r['parts'])} parts)" if r["origin"] else ""
        flag = "  [edited in Text Editor, not applied]" if r["edited"] else ""
        print(f"  {r['stage']:<12} {where:<7} {state}{extra}{flag}")
