"""Curated notes (rag/data/notes/*.md) as chunks. bpy-free.

A note is a short markdown file: a `# Title` line, an optional `keywords:` line (search
words that do not go into prompts) and the body. Its chunk id is `note:<file stem>`.
"""
from __future__ import annotations

from functools import lru_cache

from .chunks import Chunk
from .paths import DATA_DIR

NOTES_DIR = DATA_DIR / "notes"


@lru_cache(maxsize=1)
def _read_notes() -> tuple[tuple[str, str, str, str], ...]:
    out = []
    for path in sorted(NOTES_DIR.glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        title = lines[0].lstrip("# ").strip() if lines else path.stem
        body = lines[1:]
        keywords = ""
        if body and not body[0].strip():
            body = body[1:]
        if body and body[0].lower().startswith("keywords:"):
            keywords = body[0].split(":", 1)[1].strip()
            body = body[1:]
        out.append((path.stem, title, keywords, "\n".join(body).strip()))
    return tuple(out)


def load_notes(version: str = "") -> list[Chunk]:
    return [Chunk(f"note:{stem}", "note", title, f"{title}\n{body}", version, keywords)
            for stem, title, keywords, body in _read_notes()]
