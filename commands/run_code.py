"""codeform run-code: run a script file through the sandbox gates and save the result."""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HELP = "run a Blender Python script through the sandbox (policy, worker rehearsal, protected apply)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a Blender Python script (top-level code, as pasted into Blender)")
    p.add_argument("--blend", metavar="IN.blend", help="start from this file; it is never written (default: an empty scene)")
    p.add_argument("--out", metavar="OUT.blend", help="write the result here (must differ from --blend)")
    p.add_argument("--render", metavar="OUT.png", help="also render the result (Workbench, 256 px) to this PNG")
    p.add_argument("--timeout", metavar="S", type=float, default=30.0, help="wall-clock limit in seconds (default 30)")
    p.epilog = "exit codes: 0 ran, 2 bad input, 3 refused by policy, 4 the code raised, 5 a time, memory or size limit hit"


@dataclass
class RunReport:
    objects: int
    vertices: int
    seconds: float
    out: Path | None = None
    render: Path | None = None
    warnings: list[str] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    from ..pipeline.errors import ProgramError
    from ..pipeline.programfile import run_name_from
    path = Path(args.file)
    try:
        code = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is no code
    except FileNotFoundError:
        raise ProgramError(f"no such script: {path}") from None
    except UnicodeDecodeError:
        raise ProgramError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise ProgramError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not args.timeout or args.timeout <= 0:
        raise ProgramError("--timeout must be a positive number of seconds")
    report = execute(code, name=run_name_from(path.stem), blend=args.blend, out=args.out, render=args.render,
                     timeout=args.timeout)
    where = f" -> {report.out}" if report.out else ""
    print(f"ran {path.name}: {report.objects} objects, {report.vertices} vertices in {report.seconds:.2f} s{where}")
    return 0


def check_paths(blend: str | None, out: str | None, render: str | None) -> tuple[Path | None, Path | None]:
    from ..pipeline.errors import ProgramError
    from .blendfile import check_output
    if blend is not None:
        b = Path(blend)
        if not b.is_file():
            raise ProgramError(f"no such .blend file: {b}")
        with open(b, "rb") as fh:
            magic = fh.read(7)
        if magic != b"BLENDER" and magic[:2] not in (b"\x1f\x8b", b"\x28\xb5"):
            raise ProgramError(f"{b} is not a .blend file")
    out_path = check_output(out, not_same_as=blend) if out else None
    render_path = Path(render) if render else None
    if render_path is not None:
        if render_path.suffix.lower() != ".png":
            raise ProgramError(f"render {render_path} must end in .png")
        if blend and render_path.resolve() == Path(blend).resolve():
            raise ProgramError("--render must differ from the input .blend")
    return out_path, render_path


def execute(code: str, *, name: str, blend: str | None = None, out: str | None = None, render: str | None = None,
            timeout: float = 30.0, pool: Any = None) -> RunReport:
    """The three gates, in order: the policy here, then rehearsal and the protected apply in
    a worker process that opens `blend` (read only), runs the code as one part and saves a
    copy; the copy becomes `out` only when everything passed. Raises PolicyError (3),
    CodeRaised (4) or LimitExceeded (5)."""
    from ..sandbox.policy import ensure_allowed
    from ..worker import RehearsalJob, RenderSpec, WorkerPool
    out_path, render_path = check_paths(blend, out, render)
    ensure_allowed(code)
    job = RehearsalJob(script=code, name=name, blend_in=blend, keep_blend=out_path is not None,
                       renders=[RenderSpec("render")] if render_path else [], timeout_s=timeout)
    own = pool is None
    if own:
        pool = WorkerPool(size=1, timeout_s=timeout, warm_up=False)  # one job: its render warms up
    result = None
    try:
        result = pool.rehearse(job)
        if not result.ok:
            raise _with_api_note(_error(result.error or {}), code)
        if out_path is not None:
            _place(Path(result.blend_path).read_bytes(), out_path)
        if render_path is not None:
            _place(result.renders["render"], render_path)
    finally:
        if own:
            pool.close()
        elif result is not None and result.blend_path:
            Path(result.blend_path).unlink(missing_ok=True)
    return RunReport(result.objects, result.vertices, result.timings.get("total", 0.0), out_path, render_path,
                     result.warnings)


def _error(error: dict[str, Any]) -> Exception:
    from ..pipeline.errors import CodeRaised, LimitExceeded, PolicyError, ProgramError
    message = error.get("message") or "the code failed"
    kind = error.get("kind")
    if kind == "input":
        return ProgramError(message)
    if kind == "policy":
        return PolicyError(message, line=error.get("line"))
    if kind == "limit":
        return LimitExceeded(message)
    return CodeRaised(message, line=error.get("line"), error_type=error.get("type", ""))


def _with_api_note(error: Exception, code: str) -> Exception:
    """A script that raised on an API Blender changed (a renamed socket, a removed attribute)
    hears what replaced it: the linter's curated note for that line joins the message."""
    from ..pipeline.errors import CodeRaised
    if not isinstance(error, CodeRaised) or not error.line:
        return error
    try:
        from ..rag.lint import lint_code
        notes = [f.message for f in lint_code(code) if f.line == error.line and ": " in f.message]
    except Exception:  # no tables for this Blender: the error alone still says what failed
        return error
    if not notes:
        return error
    hinted = CodeRaised(f"{error} (codeform lint: {notes[0]})", stage=error.stage, part=error.part,
                        line=error.line, error_type=error.error_type)
    return hinted


def _place(data: bytes, target: Path) -> None:
    """Write `data` to `target` atomically: a temporary file beside it, then a rename."""
    from ..pipeline.errors import ProgramError
    target = target.resolve()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:  # a full disk, a parent that is a file, a place nobody may write
        raise ProgramError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
