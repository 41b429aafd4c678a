"""What the CLI and the operators do with a run: apply, undo, redo, apply hand-edited code.

Each function applies to the live scene, then writes the program back into the .blend, so
the file and the scene never disagree about which version of a stage is current.
"""
from __future__ import annotations

from dataclasses import dataclass

import bpy

from ..pipeline.errors import CodeRaised, ProgramError
from ..pipeline.program import SceneProgram, stage_index
from . import store
from .apply import ApplyReport, apply_program, clear_run

list_runs = store.list_runs
load_program = store.load_program
stage_text_name = store.stage_text_name


@dataclass
class StageChange:
    program: SceneProgram
    report: ApplyReport
    action: str
    stage: str

    def summary(self) -> str:
        version = self.program.stages[self.stage].current
        where = f"version {version + 1}" if version >= 0 else "no version"
        return (f"{self.action} {self.stage}: now at {where} of {len(self.program.stages[self.stage].versions)}; "
                f"re-applied {', '.join(self.report.stages) or 'nothing'} in {self.report.seconds * 1000:.0f} ms")


def apply(program: SceneProgram, upto: str | None = None, scene: bpy.types.Scene | None = None,
          start: str | None = None, undo_message: str | None = None) -> ApplyReport:
    """Apply `program` up to `upto` and store it in the file, even when a stage fails:
    the failing stage's code is then in the Text Editor for the artist to fix."""
    try:
        report = apply_program(program, scene, upto=upto, start=start, undo_message=undo_message)
    finally:
        store.save_program(program)
    return report


def install(program: SceneProgram, upto: str | None = None,
            scene: bpy.types.Scene | None = None) -> ApplyReport:
    """Add `program` to the file as its run, replacing a run of the same name, and apply it."""
    if program.name in store.list_runs():
        clear_run(program.name, scene)
    return apply(program, upto=upto, scene=scene, start="geometry",
                 undo_message=f"CodeForm: {program.last_stage() or 'clear'}")


def _change(run: str, stage: str, action: str, move) -> StageChange:
    stage_index(stage)
    program = store.load_program(run)
    move(program.stage(stage))
    report = apply(program, undo_message=f"CodeForm: {stage}")
    return StageChange(program, report, action, stage)


def undo(run: str, stage: str) -> StageChange:
    return _change(run, stage, "undid", lambda s: s.undo())


def redo(run: str, stage: str) -> StageChange:
    return _change(run, stage, "redid", lambda s: s.redo())


def apply_edited(run: str, stage: str) -> StageChange:
    """Make the Text Editor's code of `stage` a new version (origin user) and apply it."""
    program = store.load_program(run)
    code = store.edited_code(program, stage)
    if code == program.stages[stage].code:
        raise ProgramError(f"the {stage} code has not been edited since it was applied")
    previous = program.stages[stage].current
    program.set_stage_code(stage, code, origin="user", note="edited in the Text Editor")
    try:
        report = apply_program(program, undo_message=f"CodeForm: {stage}")
    except CodeRaised:
        # The failed edit stays in the history and in the Text Editor for the artist to
        # fix; the scene and the current version go back to the code that worked.
        program.stages[stage].current = previous
        apply(program)
        raise
    store.save_program(program)
    return StageChange(program, report, "applied edited", stage)
