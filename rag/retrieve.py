"""Retrieval for prompts: hybrid BM25 + dense search over the API corpus. bpy-free.

`Retriever.open_default()` serves the index built for this Blender (dense + BM25) when
there is one; else BM25 over the shipped docs of this Blender series (or a fresh extraction
when this process runs inside Blender on the main thread and nothing was shipped for its
version). Without torch/sentence-transformers/chromadb it says so once and uses BM25 alone.

Thread-safe: BM25 and the chunk list are read-only; the dense side serialises its model
and chromadb calls behind one lock (rag/dense.py). The pipeline calls `for_prompt` from
concurrent component threads.
"""
from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from . import dense as dense_mod
from . import paths
from .bm25 import BM25Index
from .chunks import Chunk
from .exemplars import Exemplar, ExemplarPicker
from .notes import load_notes

log = logging.getLogger("codeform.rag")
RRF_K = 60           # reciprocal-rank fusion constant (Cormack et al.)
CANDIDATES = 40      # hits taken from each side before fusion
PER_CHUNK_CHARS = 1800
_STAGE_HINTS = {
    "geometry": "mesh object modifier",
    "material": "material shader node Principled BSDF",
    "composition": "camera object transform",
    "lighting": "light world background",
}
_warned: set[str] = set()
_warn_lock = threading.Lock()


def warn_once(message: str) -> None:
    with _warn_lock:
        if message in _warned:
            return
        _warned.add(message)
    log.warning(message)


@dataclass
class Hit:
    id: str
    score: float
    chunk: Chunk

    @property
    def title(self) -> str:
        return self.chunk.title

    @property
    def text(self) -> str:
        return self.chunk.text


@dataclass
class RetrievalContext:
    text: str
    chunk_ids: list[str]
    exemplar: Exemplar | None


class Retriever:
    def __init__(self, chunks: list[Chunk], version: str = "", index_dir: Path | None = None,
                 use_dense: bool = True, notice: str | None = None):
        self.chunks = chunks
        self.version = version
        self.by_id = {c.id: i for i, c in enumerate(chunks)}
        self.bm25 = BM25Index([c.search_text() for c in chunks])
        self.notices: list[str] = [notice] if notice else []
        self.dense: dense_mod.DenseIndex | None = None
        if use_dense and index_dir is not None and (index_dir / "chroma").exists():
            problem = dense_mod.unavailable()
            if problem:
                self.notices.append(problem)
            else:
                self.dense = dense_mod.DenseIndex(index_dir / "chroma")
        elif use_dense and index_dir is None:
            self.notices.append("no dense index built for this Blender (`codeform index build`); using BM25 only")
        for n in self.notices:
            warn_once(n)
        self.picker = ExemplarPicker()
        self._pinned = _load_pinned()

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open_default(cls, use_dense: bool = True) -> "Retriever":
        """The built index if present, else BM25 over the shipped docs or a fresh extraction."""
        from .index import can_extract, extract_and_cache, load_corpus
        version = paths.blender_version()
        chunks, corpus_version, index_dir, notice = load_corpus(version)
        if index_dir is None and notice and can_extract():
            result = extract_and_cache()  # nothing shipped for this Blender: read its API now
            chunks, corpus_version, notice = result.chunks + load_notes(result.version), result.version, None
        if index_dir is not None:
            chunks = [c for c in chunks if not c.id.startswith("note:")] + load_notes(corpus_version)
        return cls(chunks, corpus_version, index_dir, use_dense=use_dense, notice=notice)

    @property
    def mode(self) -> str:
        return "hybrid" if self.dense is not None else "bm25"

    # -- searching -------------------------------------------------------------------
    def search(self, query: str, k: int = 5, mode: str | None = None) -> list[Hit]:
        """The `k` best chunks for `query`; mode 'hybrid' (default when built), 'bm25' or 'dense'."""
        mode = mode or self.mode
        ranked = self._ranked(query, mode, None)
        return [Hit(cid, score, self.chunks[self.by_id[cid]]) for cid, score in ranked[:k]]

    def _ranked(self, query: str, mode: str, vector) -> list[tuple[str, float]]:
        lexical = [] if mode == "dense" else [(self.chunks[i].id, s) for i, s in self.bm25.search(query, CANDIDATES)]
        if mode == "bm25" or self.dense is None:
            if mode == "dense":
                raise ValueError("dense retrieval is not available: " + "; ".join(self.notices or ["no index"]))
            return lexical
        if vector is None:
            vector = dense_mod.embed([query])[0]
        semantic = [(cid, s) for cid, s in self.dense.query(vector, CANDIDATES) if cid in self.by_id]
        if mode == "dense":
            return semantic
        return fuse([lexical, semantic])

    # -- prompts ----------------------------------------------------------------------
    def for_prompt(self, stage: str, description: str, error: str | None = None,
                   budget_chars: int = 6000) -> RetrievalContext:
        """The chunks worth their tokens for writing `stage` code of a component: what the
        last error was about first, then the stage's pinned notes, then the best matches for
        the description; deduplicated and capped at `budget_chars`. Plus the exemplar most
        like the component."""
        vector = None
        if self.dense is not None:
            vector = dense_mod.embed([description])[0]
        picked: list[str] = []
        if error:
            ranked = self._ranked(error_query(error), self.mode, None)
            picked.extend([cid for cid, _ in ranked if not _PROMPT_SKIP.search(cid)][:3])
        picked.extend(c for c in self._pinned.get(stage, []) if c in self.by_id)
        query = f"{description} {_STAGE_HINTS.get(stage, '')}"
        ranked = self._ranked(query, self.mode, vector)
        picked.extend([cid for cid, _ in ranked if not _PROMPT_SKIP.search(cid)][:8])
        text_parts: list[str] = []
        used: list[str] = []
        size = 0
        for cid in dict.fromkeys(picked):
            chunk = self.chunks[self.by_id[cid]]
            body = trim(chunk.text, PER_CHUNK_CHARS)
            if size + len(body) + 2 > budget_chars:
                continue
            text_parts.append(body)
            used.append(cid)
            size += len(body) + 2
        exemplar = self.picker.best(description, vector, dense_mod.embed if vector is not None else None)
        return RetrievalContext("\n\n".join(text_parts), used, exemplar)


def fuse(rankings: list[list[tuple[str, float]]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion: each list votes 1/(k + rank) for its items."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, (cid, _score) in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: -kv[1])


_QUOTED = re.compile(r"['\"]([A-Za-z_][\w .]*?)['\"]")
# Words every Blender error repeats; they match thousands of chunks and say nothing.
_ERROR_NOISE = re.compile(r"bpy_prop_collection\[key\]|bpy_struct|\bkey\b|not found|object has no attribute|"
                          r"\b(KeyError|AttributeError|TypeError|RuntimeError|ValueError|Error|line \d+|part|"
                          r"geometry|material|composition|lighting)\b", re.I)
# Families a scene-building prompt never needs: whatever their words match, they only cost tokens.
_PROMPT_SKIP = re.compile(r"Fluid|Particle|GreasePencil|grease_pencil|gpencil|Compositor|Sequencer|Armature|"
                          r"armature\.|pose\.|Pose|Bone|Cloth|RigidBody|rigidbody|DynamicPaint|Boid|[Ss]culpt|"
                          r"[Bb]rush|Freestyle|LineArt|Lineart|Hair|SoftBody|Collision|Ocean|Lattice|Mask|[Kk]eying")


def error_query(error: str) -> str:
    """Search words for an error message: the names it quotes count twice, the boilerplate
    of Blender's messages not at all."""
    quoted = [q for q in _QUOTED.findall(error) if not _ERROR_NOISE.fullmatch(q)]
    rest = _ERROR_NOISE.sub(" ", _QUOTED.sub(" ", error))
    return " ".join(quoted * 2) + " " + rest


def trim(text: str, limit: int) -> str:
    """Cut at a line boundary so a prompt never gets half a signature."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + "\n  …"


def _load_pinned() -> dict[str, list[str]]:
    try:
        data = json.loads((paths.DATA_DIR / "pinned.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {k: list(v) for k, v in data.items() if isinstance(v, list)}
