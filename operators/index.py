"""Build Index: extract the running Blender's API docs and index them, as a job."""
from __future__ import annotations

from dataclasses import dataclass, field

import bpy

from ..jobs.runner import Job, JobContext
from . import engine
from .jobbase import JobOperator, job_idle


@dataclass
class IndexStatus:
    """What the Index panel shows; read once, refreshed after a build."""
    blender: str
    rows_: list[tuple[str, str, str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, str]]:
        return [("Blender", self.blender, "BLENDER")] + self.rows_


_status: IndexStatus | None = None


def cached_status() -> IndexStatus:
    global _status
    if _status is None:
        _status = read_status()
    return _status


def read_status() -> IndexStatus:
    status = IndexStatus(bpy.app.version_string)
    problem = engine.missing("index")
    if problem:
        status.rows_.append(("Index", "not in this build", "ERROR"))
        return status
    info = engine.module("rag.index").index_status()
    chunks = getattr(info, "chunks", 0)
    status.rows_.append(("Chunks", f"{chunks:,}" if chunks else "none yet", "DOCUMENTS"))
    dense = getattr(info, "dense", False)
    status.rows_.append(("Retrieval", "dense + BM25" if dense else "BM25 only",
                         "CHECKMARK" if dense else "DOT"))
    return status


def forget_status() -> None:
    global _status
    _status = None


class CODEFORM_OT_build_index(JobOperator, bpy.types.Operator):
    """Extract this Blender's API documentation and build the retrieval index the model's prompts draw on"""
    bl_idname = "codeform.build_index"
    bl_label = "Build Index"
    bl_options = {"REGISTER"}

    @classmethod
    def poll(cls, context):
        problem = engine.missing("index")
        if problem:
            cls.poll_message_set(problem)
            return False
        return job_idle(cls)

    def make_job(self, context) -> Job:
        index = engine.module("rag.index")
        # The API walk reads bpy, so it runs here on the main thread (about a second);
        # embedding and writing the index run on the job thread.
        prepared = index.prepare_build()

        def work(ctx: JobContext):
            return index.build_index(prepared, progress=ctx.progress, cancel=ctx.cancel)

        def done(runner) -> None:
            forget_status()

        return Job("Build Index", work, on_done=done, kind="index")


classes = (CODEFORM_OT_build_index,)
register, unregister = bpy.utils.register_classes_factory(classes)
