"""What the panels draw about a run, parsed once per change of the program text.

Parsing program.json (and checking every version's code) on every redraw would put
milliseconds per frame on the main thread. The cache compares the program Text's current
string with the one it parsed, which is a memcmp, and parses only when it changed, so it is
right after undo, file loads and hand edits without any handler.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import bpy

from ..pipeline.errors import CodeFormError
from ..pipeline.program import STAGES
from ..scene import store

SCORE_KEYS = ("score", "similarity", "ssim", "clip", "iou")  # first one present is shown


@dataclass
class StageView:
    name: str
    versions: int
    current: int            # -1: no applied version
    can_undo: bool
    can_redo: bool
    best: str               # "0.82 (v2)" or ""
    code: str               # current code, to spot hand edits cheaply


@dataclass
class EditView:
    stage: str
    version: int            # index of the version this edit made
    note: str
    current: bool           # the scene shows it: undoing it changes something


@dataclass
class RunView:
    name: str
    stages: dict[str, StageView] = field(default_factory=dict)
    edits: list[EditView] = field(default_factory=list)
    error: str = ""


_cache: dict[str, tuple[str, RunView]] = {}


def run_view(run: str) -> RunView | None:
    text = bpy.data.texts.get(store.program_text_name(run))
    if text is None:
        _cache.pop(run, None)
        return None
    source = text.as_string()
    hit = _cache.get(run)
    if hit is not None and hit[0] == source:
        return hit[1]
    view = _parse(run, source)
    _cache[run] = (source, view)
    return view


def edited(view: RunView, stage: str) -> bool:
    """The stage's Text differs from its current code: edited by hand, not applied."""
    sv = view.stages.get(stage)
    if sv is None or not sv.code:
        return False
    text = bpy.data.texts.get(store.stage_text_name(view.name, stage))
    return text is not None and text.as_string() != sv.code


def _parse(run: str, source: str) -> RunView:
    from ..pipeline.program import SceneProgram
    try:
        program = SceneProgram.loads(source)
    except CodeFormError as exc:
        return RunView(run, error=str(exc))
    view = RunView(run)
    for name in STAGES:
        st = program.stages[name]
        view.stages[name] = StageView(name, len(st.versions), st.current, st.can_undo(), st.can_redo(),
                                      _best(st), st.code)
    view.edits = [EditView(e.stage, e.version, e.note or "(no instruction)", e.applied)
                  for e in reversed(_edit_history(program))]   # newest first
    return view


def _edit_history(program) -> list:
    try:
        from ..pipeline.edit import edit_history
    except ImportError:   # a build without editing: no history to show
        return []
    return edit_history(program)


def _best(stage) -> str:
    for key in SCORE_KEYS:
        scored = [(i, v.metrics[key]) for i, v in enumerate(stage.versions) if key in v.metrics]
        if scored:
            i, value = max(scored, key=lambda iv: iv[1])
            return f"{value:.2f} (v{i + 1})"
    return ""


def clear() -> None:
    _cache.clear()
