"""codeform bench: the performance benchmarks; prints medians against their targets."""
from __future__ import annotations

import argparse
import importlib

HELP = "run benchmarks and print medians against the performance targets"
# suite name -> module under codeform.bench
SUITES: dict[str, str] = {
    "apply": "apply",
    "sandbox": "sandbox",
    "ui": "ui",
    "vlm": "vlm",
    "rag": "rag",
    "edits": "edits",
    "pipeline": "pipeline",
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--suite", action="append", choices=sorted(SUITES),
                   help="run only this suite (repeatable; default: all)")
    p.add_argument("--edits", action="store_true", help="the edit evaluation: ours vs two baselines (= --suite edits)")
    p.add_argument("--case", action="append", metavar="CASE", help="edits: only this case or scene (repeatable)")


def run(args: argparse.Namespace) -> int:
    from ..pipeline.errors import ProgramError
    suites = list(args.suite or []) + (["edits"] if getattr(args, "edits", False) else [])
    for name in dict.fromkeys(suites) or list(SUITES):
        try:
            module = importlib.import_module(f"{__package__.rsplit('.', 1)[0]}.bench.{SUITES[name]}")
        except ModuleNotFoundError:
            raise ProgramError("benchmarks ship with the source checkout, not the installed extension") from None
        for line in module.run(args):
            print(line, flush=True)
        print()
    return 0
