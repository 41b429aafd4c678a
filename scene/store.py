"""The program lives inside the .blend as Text datablocks.

``CodeForm/<run>/program.json`` holds the whole program (blueprint, every stage's version
history, pointers); ``CodeForm/<run>/<stage>.py`` holds the current code of each stage, for
reading and hand-editing in the Text Editor. No key, transcript or log ever goes here.
"""
from __future__ import annotations

import hashlib

import bpy

from ..pipeline.errors import ProgramError
from ..pipeline.program import STAGES, SceneProgram

WRITTEN_KEY = "codeform_written"  # hash of what CodeForm last wrote into a stage Text
PREFIX = "CodeForm/"


def program_text_name(run: str) -> str:
    return f"{PREFIX}{run}/program.json"


def stage_text_name(run: str, stage: str) -> str:
    return f"{PREFIX}{run}/{stage}.py"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _write_text(name: str, content: str) -> bpy.types.Text:
    text = bpy.data.texts.get(name)
    if text is None or text.library is not None:
        text = bpy.data.texts.new(name)
    if text.as_string() != content:
        text.from_string(content)
    return text


def save_program(program: SceneProgram) -> None:
    """Write the program and the current stage code into the .blend.

    A stage Text that the artist edited and has not applied yet is only overwritten when
    that stage's code itself changes (undo, redo, a new version); saving the program after
    a change elsewhere leaves the hand edit in place.
    """
    _write_text(program_text_name(program.name), program.dumps())
    for stage in STAGES:
        code = program.stages[stage].code
        name = stage_text_name(program.name, stage)
        text = bpy.data.texts.get(name)
        if not code:
            if text is not None and text.library is None:
                _keep_unapplied(program, stage, text)
                bpy.data.texts.remove(text)
            continue
        if text is not None and text.get(WRITTEN_KEY) == _hash(code):
            continue  # what we wrote last time is still the stage's code
        if text is not None and text.library is None:
            _keep_unapplied(program, stage, text)
        text = _write_text(name, code)
        text[WRITTEN_KEY] = _hash(code)


def unapplied_text_name(run: str, stage: str) -> str:
    return f"{PREFIX}{run}/{stage}.unapplied.py"


def _keep_unapplied(program: SceneProgram, stage: str, text: bpy.types.Text) -> None:
    """Undo, redo or an edit of a stage replaces its Text; typing the artist did there and
    never applied is kept in a Text of its own instead of vanishing."""
    typed = text.as_string()
    if not typed.strip() or text.get(WRITTEN_KEY) == _hash(typed):
        return  # nothing typed since CodeForm wrote it
    if any(v.code == typed for v in program.stages[stage].versions):
        return  # it is a version already (applied, or the one being replaced)
    name = unapplied_text_name(program.name, stage)
    kept = bpy.data.texts.get(name)
    if kept is not None and kept.as_string() == typed:
        return
    # An earlier kept copy stays too: Blender names this one <name>.001, .002...
    bpy.data.texts.new(name).from_string(typed)


def list_runs() -> list[str]:
    runs = []
    for text in bpy.data.texts:
        name = text.name
        if name.startswith(PREFIX) and name.endswith("/program.json"):
            runs.append(name[len(PREFIX): -len("/program.json")])
    return sorted(runs)


def load_program(run: str | None = None) -> SceneProgram:
    """The program saved in this .blend; `run` may be omitted when there is exactly one."""
    runs = list_runs()
    if run is None:
        if not runs:
            raise ProgramError("this file has no CodeForm program")
        if len(runs) > 1:
            raise ProgramError(f"this file has several CodeForm runs ({', '.join(runs)}); name one with --run")
        run = runs[0]
    text = bpy.data.texts.get(program_text_name(run))
    if text is None:
        raise ProgramError(f"this file has no CodeForm run named {run!r}" +
                           (f"; runs: {', '.join(runs)}" if runs else ""))
    try:
        program = SceneProgram.loads(text.as_string())
    except ProgramError as exc:  # say which Text to repair in the Text Editor
        raise ProgramError(f"{text.name}: {exc}") from None
    if program.name != run:
        raise ProgramError(f"program text {text.name!r} holds run {program.name!r}; rename it back")
    return program


def edited_stages(program: SceneProgram) -> list[str]:
    """Stages whose Text differs from their current code: edited by hand, not yet applied."""
    out = []
    for stage in STAGES:
        text = bpy.data.texts.get(stage_text_name(program.name, stage))
        if text is not None and program.stages[stage].code and text.as_string() != program.stages[stage].code:
            out.append(stage)
    return out


def edited_code(program: SceneProgram, stage: str) -> str:
    text = bpy.data.texts.get(stage_text_name(program.name, stage))
    if text is None:
        raise ProgramError(f"run {program.name!r} has no {stage} code to apply")
    return text.as_string()


def delete_program(run: str) -> None:
    for name in [program_text_name(run)] + [stage_text_name(run, s) for s in STAGES] + \
            [unapplied_text_name(run, s) for s in STAGES]:
        text = bpy.data.texts.get(name)
        if text is not None and text.library is None:
            bpy.data.texts.remove(text)
