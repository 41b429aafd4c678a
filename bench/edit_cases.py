"""The edit evaluation set: cases over the evaluation scenes (evalset/edits/<case>/).

A case folder holds:
  case.json        {"scene": "<evalset scene>", "instruction": "...", "kind": "geometry|material|composition|
                    lighting|add|remove|mixed|question", "expected": {"change": ["stage/part"], "add": [...],
                    "remove": [...], "question": false}, "components": [<blueprint entries of added components>],
                    "note": "..."}
  truth.py         the ground-truth edit: the changed and added part functions, of any stage (their prefix says
                   which), written against the scene's stage code; absent for a question case
  ours.json        replay transcript of the localized editor (edit-locate + edit calls)
  regenerate.json  replay transcript of baseline (a), the whole program rewritten in one call

bpy-free: the harness (bench/edits.py) applies and measures the programs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..pipeline.errors import ProgramError
from ..pipeline.program import PART_PREFIX, STAGES, SceneProgram, split_stage_source
from ..pipeline.programfile import load_program_path

ROOT = Path(__file__).resolve().parents[1] / "evalset"
EDITS = ROOT / "edits"
KINDS = ("geometry", "material", "composition", "lighting", "add", "remove", "mixed", "question")
METHODS = {"ours": "ours.json", "regenerate": "regenerate.json"}
RUN = "edit_case"


@dataclass
class EditCase:
    id: str
    folder: Path
    scene: str
    instruction: str
    kind: str
    expected: dict[str, Any]
    components: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    @property
    def is_question(self) -> bool:
        return bool(self.expected.get("question"))

    def expected_keys(self) -> list[str]:
        return [k for action in ("change", "add", "remove") for k in self.expected.get(action, [])]

    def scene_program(self) -> SceneProgram:
        return load_program_path(ROOT / self.scene, name=RUN)

    def truth_parts(self) -> dict[str, dict[str, str]]:
        path = self.folder / "truth.py"
        if not path.is_file():
            return {}
        code = path.read_text(encoding="utf-8")
        return {s: parts for s in STAGES if (parts := split_stage_source(s, code).parts)}

    def truth_program(self) -> SceneProgram | None:
        """The scene program with the ground-truth edit applied (one new version per stage)."""
        if self.is_question:
            return None
        program = self.scene_program()
        for comp in self.components:
            program.blueprint.setdefault("components", []).append(dict(comp))
        parts = self.truth_parts()
        removed: dict[str, list[str]] = {}
        for key in self.expected.get("remove", []):
            stage, part = key.split("/")
            removed.setdefault(stage, []).append(part)
        for stage in STAGES:
            if stage in parts or stage in removed:
                program.replace_parts(stage, parts.get(stage, {}), remove=removed.get(stage, []), origin="edit",
                                      note=self.instruction)
        return program

    def transcript(self, method: str) -> Path | None:
        path = self.folder / METHODS[method]
        return path if path.is_file() else None

    def problems(self) -> list[str]:
        """What is inconsistent in this case (empty when it is usable)."""
        out = []
        if self.kind not in KINDS:
            out.append(f"unknown kind {self.kind!r}")
        if not (ROOT / self.scene / "geometry.py").is_file():
            return out + [f"no evaluation scene {self.scene!r}"]
        program = self.scene_program()
        have = {s: set(program.stages[s].parts().parts) for s in STAGES}
        truth = self.truth_parts()
        for key in self.expected.get("change", []) + self.expected.get("remove", []):
            stage, part = key.split("/")
            if part not in have.get(stage, set()):
                out.append(f"{key}: the scene has no such part")
        for key in self.expected.get("change", []) + self.expected.get("add", []):
            stage, part = key.split("/")
            if part not in truth.get(stage, {}):
                out.append(f"{key}: truth.py does not define {PART_PREFIX[stage]}{part}")
        for key in self.expected.get("add", []):
            stage, part = key.split("/")
            if part in have.get(stage, set()):
                out.append(f"{key}: added, but the scene has it already")
        named = set(self.expected_keys())
        for stage, parts in truth.items():
            for part in parts:
                if f"{stage}/{part}" not in named:
                    out.append(f"truth.py defines {PART_PREFIX[stage]}{part}, which the case does not expect")
        if self.is_question and (truth or named):
            out.append("a question case has no truth and no expected parts")
        if not self.is_question:
            try:
                self.truth_program()
            except ProgramError as exc:
                out.append(f"truth program: {exc}")
        return out


def load_case(folder: Path) -> EditCase:
    data = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    expected = data.get("expected") or {}
    return EditCase(id=folder.name, folder=folder, scene=data["scene"], instruction=data["instruction"],
                    kind=data.get("kind", "mixed"), components=list(data.get("components") or []),
                    note=data.get("note", ""),
                    expected={"change": list(expected.get("change", [])), "add": list(expected.get("add", [])),
                              "remove": list(expected.get("remove", [])), "question": bool(expected.get("question"))})


def load_cases(root: Path = EDITS, only: list[str] | None = None) -> list[EditCase]:
    if not root.is_dir():
        return []
    cases = [load_case(p) for p in sorted(root.iterdir()) if (p / "case.json").is_file()]
    return [c for c in cases if not only or c.id in only or c.scene in only]
