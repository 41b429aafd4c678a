"""The gates every piece of model code passes: sandbox policy, API linter, rehearsal in the
worker. A failure comes back as one message a model can act on."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .ports import Issue, ModelRequest, Ports, Rehearsal, RenderRequest
from .records import Attempt
from .replies import ReplyProblem


@dataclass
class GateResult:
    ok: bool
    gate: str = ""                   # "policy" | "lint" | "rehearsal" when refused
    message: str = ""
    rehearsal: Rehearsal | None = None
    findings: list[str] = field(default_factory=list)  # lint messages, to tolerate on a retry
    timings: dict[str, float] = field(default_factory=dict)


def format_issues(issues: list[Issue]) -> str:
    lines = []
    for issue in issues:
        msg = issue.message.strip()
        if not msg.lower().startswith("line ") and issue.line:
            msg = f"line {issue.line}: {msg}"
        if issue.suggestions:
            msg += f" (did you mean: {', '.join(issue.suggestions[:3])}?)"
        lines.append(msg)
    return "\n".join(lines)


def format_error(error: dict[str, Any] | None) -> str:
    if not error:
        return "the rehearsal failed without an error message"
    kind = error.get("kind", "raised")
    where = ""
    if error.get("part"):
        where += f"in {error.get('stage', '')} part {error['part']}"
    if error.get("line"):
        where += f"{', ' if where else ''}line {error['line']}"
    text = " ".join(str(error.get("message", "")).split())
    etype = error.get("type") or ""
    if etype and etype not in text:
        text = f"{etype}: {text}"
    if error.get("stage") and text.startswith(str(error["stage"])):
        where = ""  # the executor's message already says where
    hint = {
        "limit": " — it ran past the time or memory limit; build fewer, lighter objects and no endless loops",
        "crash": " — Blender crashed while running it; avoid that call",
        "policy": "",
    }.get(kind, "")
    return (f"{where}: " if where else "") + text + hint


class Gates:
    def __init__(self, ports: Ports):
        self.ports = ports
        self.clock = ports.clock

    def check(self, code: str, program: dict[str, Any], upto: str | None, renders: list[RenderRequest],
              tolerate: frozenset[str] = frozenset()) -> GateResult:
        """Policy, then lint, then rehearse `program` (which contains `code`). Lint findings
        in `tolerate` were already sent back once and the model kept its code: the
        rehearsal decides."""
        timings: dict[str, float] = {}
        t = self.clock()
        issues = list(self.ports.policy(code))
        timings["policy"] = self.clock() - t
        if issues:
            return GateResult(False, "policy", format_issues(issues), timings=timings)
        findings: list[str] = []
        if self.ports.linter is not None:
            t = self.clock()
            found = [f for f in self.ports.linter(code) if f.message not in tolerate]
            timings["lint"] = self.clock() - t
            if found:
                return GateResult(False, "lint", format_issues(found), findings=[f.message for f in found],
                                  timings=timings)
        t = self.clock()
        rehearsal = self.ports.rehearsal.rehearse(program, upto, renders)
        timings["rehearse"] = self.clock() - t
        for key, value in (getattr(rehearsal, "timings", None) or {}).items():
            timings[f"worker_{key}"] = float(value)
        if not rehearsal.ok:
            return GateResult(False, "rehearsal", format_error(rehearsal.error), rehearsal=rehearsal,
                              findings=findings, timings=timings)
        return GateResult(True, rehearsal=rehearsal, timings=timings)


@dataclass
class Try:
    """One reply on its way through the gates."""
    reply: Any
    ran: str = ""        # the code as it went to the gates, once the reply gave some
    value: Any = None    # what the caller built from the reply, kept when it passes


@dataclass
class Outcome:
    passed: Try | None = None          # the try that passed; None when none did
    result: GateResult | None = None   # its gate result
    reply_at: float = 0.0              # clock time the passing reply arrived
    problem: str = ""                  # the last refusal, "<gate>: <message>"


def through_the_gates(request: ModelRequest, *, call: Callable[[ModelRequest], Any],
                      check: Callable[[Try, frozenset[str]], GateResult],
                      repair: Callable[[ModelRequest, Try, GateResult], ModelRequest],
                      on_repair: Callable[[str], None], max_repairs: int, clock: Callable[[], float],
                      attempts: list[Attempt], purpose: str | None = None,
                      problems: tuple[type[BaseException], ...] = (ReplyProblem,)) -> Outcome:
    """Ask, gate the reply, and send a refusal back as a repair request, at most
    `max_repairs` times: the loop a component, a whole stage and an edited part share.
    `check` turns a reply into code and gates it (raising one of `problems` fails the reply
    gate); lint findings the model kept once are tolerated after, and the rehearsal decides.
    Every try is appended to `attempts`."""
    tolerate: frozenset[str] = frozenset()
    problem = ""
    for n in range(max_repairs + 1):
        tried = Try(call(request))
        t = clock()
        try:
            result = check(tried, tolerate)
        except problems as exc:
            result = GateResult(False, "reply", str(exc))
        attempts.append(Attempt(purpose or request.purpose, result.ok, result.gate, result.message, clock() - t))
        if result.ok:
            return Outcome(tried, result, t)
        problem = f"{result.gate}: {result.message}"
        if result.gate == "lint":
            tolerate = tolerate | frozenset(result.findings)
        if n == max_repairs:
            break
        on_repair(problem)
        request = repair(request, tried, result)
    return Outcome(problem=problem)
