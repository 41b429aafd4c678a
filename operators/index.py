"""Build Index: extract the running Blender's API docs and index them, as a job."""
from __future__ import annotations

from dataclasses import dataclass, field

import bpy
from bpy.props import BoolProperty, IntProperty

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
    if info.chunks:
        status.rows_.append(("Chunks", f"{info.chunks:,}", "DOCUMENTS"))
        status.rows_.append(("Retrieval", "dense + BM25" if info.dense else "BM25 only",
                             "CHECKMARK" if info.dense else "DOT"))
    else:
        status.rows_.append(("Chunks", "not built", "DOCUMENTS"))
        status.rows_.append(("Retrieval", f"BM25, shipped {info.shipped} docs" if info.shipped else "none",
                             "DOT" if info.shipped else "ERROR"))
    if info.dense_problem:
        status.rows_.append(("Dense", "not installed", "BLANK1"))
    return status


def forget_status() -> None:
    global _status
    _status = None


class CODEFORM_OT_build_index(JobOperator, bpy.types.Operator):
    """Extract this Blender's API documentation and build the retrieval index the model's prompts draw on"""
    bl_idname = "codeform.build_index"
    bl_label = "Build Index"
    bl_options = {"REGISTER"}

    # For tests: keep only the first chunks, and skip the vectors.
    limit: IntProperty(name="Limit", min=0, options={"HIDDEN", "SKIP_SAVE"})
    use_dense: BoolProperty(name="Dense Vectors", default=True, options={"HIDDEN", "SKIP_SAVE"})

    @classmethod
    def poll(cls, context):
        return job_idle(cls, engine.missing("index"))

    def make_job(self, context) -> Job:
        index = engine.module("rag.index")
        # The API walk reads bpy, so it runs here on the main thread (about a second);
        # embedding and writing the index run on the job thread.
        context.window.cursor_set("WAIT") if context.window else None
        try:
            prepared = index.prepare_build()
        finally:
            context.window.cursor_set("DEFAULT") if context.window else None
        limit, use_dense = self.limit or None, self.use_dense

        def work(ctx: JobContext):
            status = index.build_index(prepared, progress=ctx.progress, cancel=ctx.cancel,
                                       use_dense=use_dense, limit=limit)
            return (f"Index built: {status.chunks:,} chunks, "
                    + ("dense + BM25" if status.dense else "BM25 only"))

        def done(runner) -> None:
            forget_status()

        return Job("Build Index", work, on_done=done, kind="index")


classes = (CODEFORM_OT_build_index,)
register, unregister = bpy.utils.register_classes_factory(classes)
