"""Building and describing the retrieval index (the corpus, the tables, the vectors).

`prepare_build()` walks the live API and must run on Blender's main thread (about a
second); `build_index()` writes the tables and chunks and embeds them, and may run on any
thread (the sidebar's job thread, the CLI). Everything lands in the user directory under the
Blender version, so a new Blender gets a new index (see rag/paths.py).

Progress is reported as dicts `{"message": str, "fraction": float}` to a callback, the shape
the sidebar's job runner takes; cancellation is a threading.Event checked between batches.
"""
from __future__ import annotations

import json
import shutil
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import dense, paths
from .chunks import Chunk, load_chunks, save_chunks
from .notes import load_notes
from .tables import CHUNKS_FILE, TABLES_FILE, save_tables

META_FILE = "index.json"
CHROMA_DIR = "chroma"
Progress = Callable[[dict], None]


class BuildCancelled(Exception):
    """The build was cancelled; what was there before is left as it was."""


@dataclass
class PreparedBuild:
    version: str
    chunks: list[Chunk]
    tables: dict[str, Any]
    extract_seconds: float
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class IndexStatus:
    version: str
    path: str
    chunks: int = 0            # chunks in the built corpus (0: nothing built)
    dense: bool = False        # vectors were built
    dense_problem: str | None = None  # why dense retrieval is unavailable here, if it is
    built_at: float = 0.0
    build_seconds: float = 0.0
    extract_seconds: float = 0.0
    embed_seconds: float = 0.0
    model: str = ""
    shipped: str | None = None  # the shipped corpus that serves when nothing is built

    def lines(self) -> list[str]:
        out = [f"Blender {self.version}: index at {self.path}"]
        if self.chunks:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.built_at)) if self.built_at else "?"
            out.append(f"built {when}: {self.chunks} chunks, "
                       + (f"dense vectors ({self.model}) + BM25" if self.dense else "BM25 only")
                       + f"; extraction {self.extract_seconds:.1f} s, build {self.build_seconds:.1f} s")
        else:
            out.append("not built" + (f"; the shipped docs for Blender {self.shipped} serve BM25 queries"
                                      if self.shipped else "; run `codeform index build`"))
        if self.dense_problem:
            out.append(self.dense_problem)
        return out


def prepare_build(progress: Progress | None = None) -> PreparedBuild:
    """Walk the running Blender's API (imports bpy; main thread only)."""
    from .extract import extract
    say = progress or (lambda _e: None)
    result = extract(lambda step: say({"message": f"Reading the API: {step}", "fraction": 0.0}))
    chunks = result.chunks + load_notes(result.version)
    return PreparedBuild(result.version, chunks, result.tables, result.seconds, result.timings)


def build_index(prepared: PreparedBuild | None = None, progress: Progress | None = None,
                cancel: threading.Event | None = None, use_dense: bool = True,
                limit: int | None = None) -> IndexStatus:
    """Write tables and chunks for `prepared.version` and embed the chunks (unless the
    dense stack is missing or `use_dense` is False). `limit` embeds and keeps only the first
    chunks: for tests, which must never embed the whole corpus."""
    say = progress or (lambda _e: None)
    prepared = prepared or prepare_build(progress)
    t0 = time.perf_counter()
    chunks = prepared.chunks[:limit] if limit else prepared.chunks
    final = paths.version_dir(prepared.version)
    work = final.with_name(final.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        save_tables(work / TABLES_FILE, prepared.tables)
        save_chunks(work / CHUNKS_FILE, chunks)
        problem = dense.unavailable() if use_dense else "dense vectors not requested"
        embed_seconds = 0.0
        if problem is None:
            embed_seconds = _embed_into(work / CHROMA_DIR, chunks, say, cancel)
        meta = {"version": prepared.version, "chunks": len(chunks), "dense": problem is None,
                "model": dense.model_name() if problem is None else "", "built_at": time.time(),
                "extract_seconds": round(prepared.extract_seconds, 3),
                "embed_seconds": round(embed_seconds, 3),
                "build_seconds": round(time.perf_counter() - t0 + prepared.extract_seconds, 3),
                "max_seq_length": dense.MAX_SEQ_LENGTH}
        (work / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        _check(cancel)
        shutil.rmtree(final, ignore_errors=True)
        work.replace(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    say({"message": f"Index built: {len(chunks)} chunks", "fraction": 1.0})
    return index_status(prepared.version)


def can_extract() -> bool:
    """An extraction needs a live bpy and Blender's main thread."""
    import sys
    return "bpy" in sys.modules and threading.current_thread() is threading.main_thread()


def extract_and_cache():
    """Extract the running Blender's API and keep its tables and chunks in the user
    directory (no vectors: that is what `build_index` adds). Main thread only."""
    from .extract import extract
    result = extract()
    folder = paths.version_dir(result.version)
    folder.mkdir(parents=True, exist_ok=True)
    save_tables(folder / TABLES_FILE, result.tables)
    save_chunks(folder / CHUNKS_FILE, result.chunks)
    return result


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BuildCancelled("index build cancelled")


def _embed_into(path: Path, chunks: list[Chunk], say: Progress, cancel: threading.Event | None) -> float:
    t = time.perf_counter()
    total = len(chunks)
    texts = [c.embed_text() for c in chunks]
    say({"message": "Loading the embedding model", "fraction": 0.0})

    def step(done: int) -> None:
        _check(cancel)
        say({"message": f"Embedding {done}/{total} chunks", "fraction": 0.95 * done / max(total, 1)})

    vectors = dense.embed(texts, progress=step)
    say({"message": "Writing vectors", "fraction": 0.97})
    dense.write_collection(path, [c.id for c in chunks], vectors)
    return time.perf_counter() - t


def read_meta(version: str) -> dict[str, Any] | None:
    try:
        return json.loads((paths.version_dir(version) / META_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def index_status(version: str | None = None) -> IndexStatus:
    version = version or paths.blender_version() or "unknown"
    meta = read_meta(version) or {}
    shipped = paths.shipped_dir(version)
    return IndexStatus(
        version=version, path=str(paths.version_dir(version)), chunks=int(meta.get("chunks", 0)),
        dense=bool(meta.get("dense")), dense_problem=dense.unavailable(),
        built_at=float(meta.get("built_at", 0.0)), build_seconds=float(meta.get("build_seconds", 0.0)),
        extract_seconds=float(meta.get("extract_seconds", 0.0)),
        embed_seconds=float(meta.get("embed_seconds", 0.0)), model=str(meta.get("model", "")),
        shipped=shipped.name[len("blender-"):] if shipped else None)


def status_dict(status: IndexStatus) -> dict[str, Any]:
    return asdict(status)


def load_corpus(version: str | None = None) -> tuple[list[Chunk], str, Path | None, str | None]:
    """(chunks, version they describe, built index folder or None, notice or None): the
    built corpus for this Blender, else the shipped one of its series, else the newest
    shipped one (with a notice that it describes another version)."""
    version = version or paths.blender_version()
    if version:
        built = paths.version_dir(version)
        if (built / CHUNKS_FILE).exists():
            return load_chunks(built / CHUNKS_FILE), version, built, None
    shipped = paths.shipped_dir(version)
    if shipped is None:
        return load_notes(version or ""), version or "", None, "no API docs: run `codeform index build`"
    shipped_version = shipped.name[len("blender-"):]
    notice = None
    if version and paths.series(version) != shipped_version:
        notice = (f"API docs are for Blender {shipped_version}, not {version}: "
                  f"run `codeform index build` for exact ones")
    chunks = load_chunks(shipped / CHUNKS_FILE) + load_notes(shipped_version)
    return chunks, shipped_version, None, notice
