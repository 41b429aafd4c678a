"""Errors that cross layers, each with the CLI exit code it maps to.

Messages are one line for people: what happened and what to do. No error message may
contain an API key or a traceback.
"""
from __future__ import annotations


class CodeFormError(Exception):
    exit_code = 1

    def __str__(self) -> str:  # one line, always
        return " ".join(super().__str__().split())


class ProgramError(CodeFormError, ValueError):
    """A program, blueprint or input file that cannot be used (bad input)."""
    exit_code = 2


class PolicyError(CodeFormError):
    """Generated code refused by the sandbox policy before it ran."""
    exit_code = 3

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class CodeRaised(CodeFormError):
    """Generated code raised while it ran."""
    exit_code = 4

    def __init__(self, message: str, stage: str = "", part: str = "", line: int | None = None,
                 error_type: str = ""):
        super().__init__(message)
        self.stage, self.part, self.line, self.error_type = stage, part, line, error_type


class LimitExceeded(CodeFormError):
    """A time, memory or size limit stopped generated code."""
    exit_code = 5


class ProviderError(CodeFormError):
    """The model provider failed: key, quota, network."""
    exit_code = 6


class ModelFailure(CodeFormError):
    """The model could not produce working code within the budget."""
    exit_code = 7


def stop_now(exc: BaseException, cancel=None) -> bool:
    """Whether `exc` is an interrupt (Ctrl-C, SIGTERM) rather than an error. Then the job's
    other threads are told to stop (`cancel`, a threading.Event) and the caller does not
    wait for the calls still in flight: a worker rehearsal can take its full time limit."""
    if isinstance(exc, Exception):
        return False
    if cancel is not None:
        cancel.set()
    return True
