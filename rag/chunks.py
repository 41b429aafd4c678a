"""Chunks: the unit of retrieval. bpy-free.

A chunk is a short document about one API item (an operator, a struct or part of one, a
node type with its sockets, a Python-defined method, a bmesh operator, a curated note).
Its id is stable across extractions of the same Blender version, which is what the
labelled retrieval questions refer to.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

KINDS = ("operator", "struct", "node", "pymethod", "bmesh", "mathutils", "enum", "note")


@dataclass(frozen=True)
class Chunk:
    id: str          # "op:mesh.primitive_cube_add", "type:Object", "node:ShaderNodeBsdfPrincipled", ...
    kind: str        # one of KINDS
    title: str       # one line: what the chunk is about
    text: str        # the document, as it goes into a prompt
    version: str = ""  # Blender version it was extracted from; "" for curated notes
    keywords: str = ""  # extra search words (aliases, old names) that do not go into prompts

    def search_text(self) -> str:
        # The title counts twice: it says what the chunk is about. Enum chunks are long
        # lists; only their head is worth matching, or length normalisation buries them.
        body = self.text[:400] if self.kind == "enum" else self.text
        return f"{self.title}\n{self.title}\n{self.keywords}\n{body}"

    def embed_text(self, limit: int = 700) -> str:
        """What the dense model sees: it truncates at ~128 tokens anyway, so the head counts."""
        head = f"{self.title}. {self.keywords}\n{self.text}" if self.keywords else f"{self.title}\n{self.text}"
        return head[:limit]


def save_chunks(path: str | Path, chunks: Iterable[Chunk]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    # mtime=0: the same chunks give the same bytes, so a shipped copy diffs cleanly.
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        for c in chunks:
            gz.write((json.dumps(asdict(c), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
    tmp.replace(path)


def load_chunks(path: str | Path) -> list[Chunk]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(Chunk(**json.loads(line)))
    return out
