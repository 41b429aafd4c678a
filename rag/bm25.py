"""BM25 over API chunks, in numpy. bpy-free, dependency-light (numpy only).

API text is full of identifiers, so the tokenizer keeps each identifier whole *and* splits
it: `primitive_cube_add` gives primitive_cube_add, primitive, cube, add; `ShaderNodeBsdfPrincipled`
gives shadernodebsdfprincipled, shader, node, bsdf, principled. A light suffix stemmer makes
"bevelled" meet "bevel" and "modifiers" meet "modifier".

Each term's BM25 contribution to each document is precomputed at build time, so a query is
a few scatter-adds and one partial sort: well under a millisecond for a few thousand chunks.
The index is read-only after construction, so any number of threads may query it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import numpy as np

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*|\d+(?:\.\d+)?")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
STOPWORDS = frozenset("""a an and are as at be by can do does for from how i in into is it its
me my of on or that the this to use used using what when where which with without you your
should would could want make get set""".split())
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "es", "s", "ly", "e")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # bevell -> bevel, modell -> model
    return word


def tokenize(text: str) -> list[str]:
    out: list[str] = []
    for word in _WORD.findall(text):
        out.extend(_word_tokens(word))
    return out


@lru_cache(maxsize=131072)
def _word_tokens(word: str) -> tuple[str, ...]:
    lower = word.lower()
    if lower in STOPWORDS:
        return ()
    out = [stem(lower)]
    pieces: list[str] = []
    if "_" in word:
        pieces = [p for p in lower.split("_") if p]
    elif any(c.isupper() for c in word[1:]) and not word.isupper():
        pieces = [p.lower() for p in _CAMEL.findall(word)]
    if len(pieces) > 1:
        out.extend(stem(p) for p in pieces if p not in STOPWORDS)
    return tuple(out)


class BM25Index:
    """Read-only BM25 (Okapi, k1=1.2, b=0.75) over a fixed list of documents."""

    def __init__(self, documents: Iterable[str], k1: float = 1.2, b: float = 0.75):
        vocab: dict[str, int] = {}
        terms: list[int] = []
        docs: list[int] = []
        freqs: list[int] = []
        lengths: list[int] = []
        for doc_id, text in enumerate(documents):
            toks = tokenize(text)
            lengths.append(len(toks))
            counts: dict[int, int] = {}
            for tok in toks:
                term = vocab.setdefault(tok, len(vocab))
                counts[term] = counts.get(term, 0) + 1
            for term, count in counts.items():
                terms.append(term)
                docs.append(doc_id)
                freqs.append(count)
        self.vocab = vocab
        self.size = len(lengths)
        length = np.asarray(lengths, dtype=np.float32)
        avg = float(length.mean()) if self.size else 1.0
        if not terms:  # nothing to index: every query scores zero
            self.doc_ids = np.zeros(0, dtype=np.int32)
            self.offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
            self.weights = np.zeros(0, dtype=np.float32)
            return
        term_arr = np.asarray(terms, dtype=np.int64)
        doc_arr = np.asarray(docs, dtype=np.int32)
        tf = np.asarray(freqs, dtype=np.float32)
        # Postings grouped by term: term t owns doc_ids[offsets[t]:offsets[t+1]].
        order = np.argsort(term_arr, kind="stable")
        self.doc_ids = doc_arr[order]
        counts = np.bincount(term_arr, minlength=len(vocab))
        self.offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        df = counts.astype(np.float32)
        idf = np.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
        tf = tf[order]
        norm = k1 * (1.0 - b + b * length[self.doc_ids] / max(avg, 1e-6))
        self.weights = (idf[term_arr[order]] * tf * (k1 + 1.0) / (tf + norm)).astype(np.float32)

    def scores(self, query: str) -> np.ndarray:
        scores = np.zeros(self.size, dtype=np.float32)
        for tok in set(tokenize(query)):
            term = self.vocab.get(tok)
            if term is None:
                continue
            a, b = self.offsets[term], self.offsets[term + 1]
            scores[self.doc_ids[a:b]] += self.weights[a:b]
        return scores

    def search(self, query: str, k: int = 10) -> list[tuple[int, float]]:
        """(document index, score) of the best `k` documents with a positive score."""
        scores = self.scores(query)
        if not self.size:
            return []
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
