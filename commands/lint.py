"""codeform lint: check Blender Python files against this Blender's API without running them."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "check Blender Python code for unknown operators, arguments, attributes, sockets and removed APIs"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="a .py file, a folder of them, or a program .json (each stage is checked)")
    p.add_argument("--quiet", action="store_true", help="print nothing; the exit code says it all")


def run(args: argparse.Namespace) -> int:
    """Exit 0 when clean, 1 when there are findings, 2 when a file cannot be read."""
    from ..pipeline.errors import ProgramError
    from ..rag.lint import lint_code
    from ..rag.tables import default_tables

    sources: list[tuple[str, str]] = []
    for name in args.files:
        sources.extend(_sources(Path(name)))
    if not sources:
        raise ProgramError("no Python files to check")
    tables = default_tables()
    found = 0
    for label, code in sources:
        for finding in lint_code(code, tables):
            found += 1
            if not args.quiet:
                print(finding.format(label))
    if found and not args.quiet:
        print(f"{found} finding{'s' if found != 1 else ''} in {len(sources)} file{'s' if len(sources) != 1 else ''} "
              f"(Blender {tables.version} API)", file=sys.stderr)
    return 1 if found else 0


def _sources(path: Path) -> list[tuple[str, str]]:
    from ..pipeline.errors import ProgramError
    if not path.exists():
        raise ProgramError(f"no such file: {path}")
    if path.is_dir():
        return [(str(p), _read(p)) for p in sorted(path.rglob("*.py"))]
    text = _read(path)
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgramError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        from ..pipeline.program import SceneProgram
        program = SceneProgram.from_json(data)
        return [(f"{path}[{name}]", stage.code) for name, stage in program.stages.items() if stage.code]
    return [(str(path), text)]


def _read(path: Path) -> str:
    from ..pipeline.errors import ProgramError
    try:
        return path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is no code
    except UnicodeDecodeError:
        raise ProgramError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise ProgramError(f"cannot read {path}: {exc.strerror or exc}") from None
