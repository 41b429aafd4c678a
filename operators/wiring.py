"""How the sidebar's jobs call the engine: the ports the pipeline needs, built on the main
thread from the operators' snapshots. Each function is reached only when `engine.missing()`
says the part it calls is present."""
from __future__ import annotations

import re

from ..jobs.runner import Job
from ..pipeline.errors import ProgramError
from ..pipeline.program import MAX_RUN_NAME
from ..scene import store


def new_run_name(image_name: str) -> str:
    """A run name from the image's name, unique in this file."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", image_name.rsplit(".", 1)[0]).strip("_") or "run"
    base = base[:MAX_RUN_NAME - 3]
    taken = set(store.list_runs())
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def reconstruct_job(context, *, run: str, image: bytes, hint: str, pause_after_stage: bool, settings) -> Job:
    raise ProgramError("the reconstruction pipeline is not part of this build")


def rerun_job(context, *, run: str, stage: str, hint: str, settings) -> Job:
    raise ProgramError("re-running a stage is not part of this build")


def edit_job(context, *, run: str, instruction: str, settings) -> Job:
    raise ProgramError("editing by sentence is not part of this build")


def undo_edit(*, run: str, stage: str, version: int) -> str:
    raise ProgramError("undoing an edit is not part of this build")
