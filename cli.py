"""`codeform` — the headless entry point.

Each subcommand lives in ``commands/<name>.py`` with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Command modules import bpy and other heavy modules inside ``run()``
only, so ``codeform --help`` and the bpy-free commands never pay for ``import bpy``. Every error is one line on stderr and an exit code;
``--debug`` shows the traceback.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import signal
import sys
import threading

# name -> module under codeform.commands. Order is the order of --help.
COMMANDS: dict[str, str] = {
    "apply": "apply",
    "stages": "stages",
    "reconstruct": "reconstruct",
    "edit": "edit",
    "index": "index",
    "lint": "lint",
    "run-code": "run_code",
    "bench": "bench",
}

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


class Terminated(BaseException):
    """SIGTERM or SIGHUP (the terminal closed), raised like Ctrl-C so that `finally` blocks
    remove temporary files and stop worker processes instead of the process vanishing
    mid-write."""

    def __init__(self, signum: int = signal.SIGTERM):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, frame):
    raise Terminated(signum)


_UNWIND_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _sigterm_unwinds():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _raise_terminated) for sig in _UNWIND_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _command_module(name: str):
    return importlib.import_module(f"{__package__}.commands.{COMMANDS[name]}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="codeform", description="Reconstruct a scene from an image as editable Blender code.",
                     epilog="Run `codeform COMMAND --help` for a command's options.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = _command_module(name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:  # a non-UTF-8 console (PYTHONIOENCODING=ascii, cp1252) must not turn a print into a crash
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return run(args)


# C0/C1 control characters but newline and tab: text from the model, its code's exceptions
# or a server reaches the terminal through errors and progress lines, and an escape
# sequence there can rewrite the screen, retitle the window or hide what was printed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """`text` safe to print on a terminal: control characters shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))


def _leave(code: int) -> int:
    """After an interrupt the command's own cleanup has run (temporary files, worker
    processes); a thread still waiting on a model reply would hold the exit until its
    network timeout, so leave at once when one is left."""
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.current_thread()):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def run(args: argparse.Namespace) -> int:
    from .pipeline.errors import CodeFormError
    module = _command_module(args.command)
    try:
        with _sigterm_unwinds():
            return int(module.run(args) or 0)
    except Terminated as exc:
        print(f"codeform {args.command}: terminated", file=sys.stderr)
        return _leave(128 + int(exc.signum))
    except CodeFormError as exc:
        if args.debug:
            raise
        print(plain(f"codeform {args.command}: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"codeform {args.command}: interrupted", file=sys.stderr)
        return _leave(130)
    except BrokenPipeError:  # `codeform stages x.blend --json | head`: the reader is done, not an error of ours
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush would fail again
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a bug of ours: still one line, the traceback with --debug
        if args.debug:
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(plain(f"codeform {args.command}: internal error: {type(exc).__name__}: {message} "
                    f"(run with --debug for the traceback)"), file=sys.stderr)
        return EXIT_ERROR
