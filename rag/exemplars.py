"""The few-shot exemplar library: small, correct, modern CodeForm programs. bpy-free.

Each exemplar is a program folder under rag/data/exemplars/<name>/ — the same shape as
examples/ and `codeform apply` take: `blueprint.json` (with "description" and "tags"),
`geometry.py` (part functions `build_<component>(ctx)`) and optionally `material.py`
(`material_<component>(ctx)`). A test applies and renders every one of them, and the
linter must find nothing in any of them, so none can rot.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .bm25 import BM25Index
from .paths import DATA_DIR

EXEMPLARS_DIR = DATA_DIR / "exemplars"
MATERIAL_MARKER = "# --- material stage ---"


@dataclass
class Exemplar:
    name: str
    tags: list[str]
    description: str
    code: str                      # geometry stage, then the material stage after MATERIAL_MARKER
    geometry: str = ""
    material: str = ""
    blueprint: dict = field(default_factory=dict)
    path: str = ""

    def code_for(self, stage: str) -> str:
        """The exemplar's code for one stage ('' when it has none)."""
        return {"geometry": self.geometry, "material": self.material}.get(stage, "")

    def sources(self) -> dict[str, str]:
        """Stage sources for SceneProgram.from_sources."""
        out = {"geometry": self.geometry}
        if self.material:
            out["material"] = self.material
        return out

    def search_text(self) -> str:
        comps = " ".join(f"{c.get('name', '')} {c.get('shape', '')} {c.get('role', '')}"
                         for c in self.blueprint.get("components", []) if isinstance(c, dict))
        return f"{self.name.replace('_', ' ')} {' '.join(self.tags)} {self.description} {comps}"


def _load_one(folder: Path) -> Exemplar:
    blueprint = json.loads((folder / "blueprint.json").read_text(encoding="utf-8"))
    geometry = (folder / "geometry.py").read_text(encoding="utf-8")
    material_path = folder / "material.py"
    material = material_path.read_text(encoding="utf-8") if material_path.exists() else ""
    code = geometry if not material else f"{geometry.rstrip()}\n\n\n{MATERIAL_MARKER}\n{material}"
    return Exemplar(name=folder.name, tags=[str(t) for t in blueprint.get("tags", [])],
                    description=str(blueprint.get("description", "")), code=code, geometry=geometry,
                    material=material, blueprint=blueprint, path=str(folder))


@lru_cache(maxsize=4)
def _load_all(directory: str) -> tuple[Exemplar, ...]:
    root = Path(directory)
    if not root.is_dir():
        return ()
    return tuple(_load_one(p) for p in sorted(root.iterdir()) if (p / "geometry.py").exists())


def load_exemplars(directory: str | Path | None = None) -> list[Exemplar]:
    """Every exemplar, sorted by name (read once per process)."""
    return list(_load_all(str(directory or EXEMPLARS_DIR)))


class ExemplarPicker:
    """Finds the exemplar most like a component description: BM25 over names, tags,
    descriptions and component shapes, optionally fused with dense similarity."""

    def __init__(self, exemplars: list[Exemplar] | None = None):
        self.exemplars = exemplars if exemplars is not None else load_exemplars()
        self._bm25 = BM25Index([e.search_text() for e in self.exemplars])
        self._vectors = None
        self._lock = threading.Lock()

    def best(self, description: str, query_vector=None, embed=None) -> Exemplar | None:
        if not self.exemplars:
            return None
        scores = self._bm25.scores(description)
        if query_vector is not None and embed is not None:
            with self._lock:
                if self._vectors is None:
                    self._vectors = embed([e.search_text() for e in self.exemplars])
            dense = self._vectors @ query_vector
            top = float(scores.max()) or 1.0
            scores = scores / top + dense  # both about 0..1: lexical and semantic in equal parts
        best = int(scores.argmax())
        return self.exemplars[best] if float(scores[best]) > 0 else None
