"""Gate 2: rehearsal of model code in separate headless Blender processes.

The pool side (this package's public names) is bpy-free and thread-safe; ``worker.main``
and ``worker.jobs`` run inside the worker process.
"""
from .pool import RehearsalJob, RehearsalResult, RenderSpec, WorkerPool, worker_command

__all__ = ["RehearsalJob", "RehearsalResult", "RenderSpec", "WorkerPool", "worker_command"]
