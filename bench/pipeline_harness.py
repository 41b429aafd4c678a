"""Running the reconstruction pipeline over the evaluation set, for `codeform bench` and the
end-to-end tests.

`run_scene` reconstructs one evaluation scene with real ports (worker, gates, retrieval,
live scene when bpy is here) and a given VLM client; `ScriptResponder` answers the loopback
fake VLM server's requests from keyed replies, recognising each request's (purpose, stage,
component) from CodeForm's own prompt wording — the fake server sees only the wire format.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
EVALSET = ROOT / "evalset"
Key = tuple[str, str, str]


def scenes(names: list[str] | None = None) -> list[str]:
    found = sorted(p.name for p in EVALSET.iterdir() if (p / "reference.png").is_file())
    return [n for n in found if not names or n in names]


def transcript_for(scene: str, workflow: str) -> Path | None:
    path = EVALSET / scene / "transcripts" / f"{workflow}.json"
    return path if path.is_file() else None


# ---------------------------------------------------------------------------
# Which call a request is, from CodeForm's prompts
# ---------------------------------------------------------------------------

_STAGES = ("geometry", "material", "composition", "lighting")
_PREFIX = {"build_": "geometry", "material_": "material", "compose_": "composition", "light_": "lighting"}


def key_of(system: str, prompt: str) -> Key:
    """(purpose, stage, component) of a request built from prompts/*.md."""
    if "CodeForm's planner" in system:
        return ("blueprint", "", "")
    if "CodeForm's reviewer" in system:
        m = re.search(r"current render of the (\w+) stage", prompt)
        return ("critique", m.group(1) if m else "", "")
    m = re.search(r"The code for `(build_|material_|compose_|light_)(\w+)\(ctx\)` you wrote", prompt)
    if m:
        return ("repair", _PREFIX[m.group(1)], m.group(2))
    m = re.search(r"The (\w+) code you wrote did not pass", prompt)
    if m and m.group(1) in _STAGES:
        return ("repair", m.group(1), "")
    if "The program you wrote did not pass" in prompt:
        return ("repair", "", "")
    m = re.search(r"Write the (geometry|material) of ONE component, `(\w+)`", prompt)
    if m:
        return ("component", m.group(1), m.group(2))
    m = re.search(r"The reviewer asks for this change to `(\w+)`", prompt)
    if m:
        stage = re.search(r"current render of the (\w+) stage", prompt)
        return ("component", stage.group(1) if stage else "", m.group(1))
    m = re.search(r"Write the (?:whole )?(geometry|material|composition|lighting) stage", prompt)
    if m:
        return ("stage", m.group(1), "")
    m = re.search(r"Rewrite the whole (\w+) stage", prompt)
    if m:
        return ("stage", m.group(1), "")
    if "Write a complete CodeForm program" in prompt:
        return ("oneshot", "", "")
    return ("unknown", "", "")


@dataclass
class ScriptResponder:
    """A FakeVLM responder: the n-th request with a key gets the n-th reply for that key.
    A reply is a string or a callable(prompt) -> str. Unknown keys get `fallback`."""
    replies: dict[Key, list[Any]]
    fallback: str = "I have no reply scripted for this request."
    seen: list[Key] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_transcript(cls, path: Path) -> "ScriptResponder":
        import json
        replies: dict[Key, list[Any]] = {}
        for call in json.loads(path.read_text())["calls"]:
            replies.setdefault((call["purpose"], call.get("stage", ""), call.get("component", "")), []).append(
                call["reply"])
        return cls(replies)

    def __call__(self, request) -> str:
        key = key_of(request.system, request.prompt)
        with self._lock:
            self.seen.append(key)
            queue = self.replies.get(key)
            reply = queue.pop(0) if queue else self.fallback
        return reply(request.prompt) if callable(reply) else reply


# ---------------------------------------------------------------------------
# One reconstruction with real ports
# ---------------------------------------------------------------------------

@dataclass
class SceneRun:
    scene: str
    label: str
    result: Any
    wall_s: float
    session_totals: dict
    model: str = ""
    workflow: str = ""


def open_live():
    """The live-scene port in this process when bpy is importable (an empty scene), else None."""
    try:
        import bpy  # noqa: F401
    except ImportError:
        return None
    from ..commands.blendfile import open_blend
    from ..scene.live import LiveScene
    open_blend(None)
    return LiveScene()


def run_scene(scene: str, client: Any, config: Any, pool: Any, retriever: Any = None, live: bool = True,
              events: Callable[[Any], None] | None = None, max_calls: int = 80) -> SceneRun:
    from ..metrics.reference import load_reference
    from ..pipeline.engine import Reconstructor
    from ..scene import wiring
    from ..vlm.session import Session

    folder = EVALSET / scene
    reference = load_reference(folder / "reference.png", mask=folder / "mask.png", name=scene)
    session = Session(client, max_calls=max_calls)
    ports = wiring.build_ports(session, pool=pool, live=open_live() if live else None, events=events,
                               retrieval=config.retrieval, retriever=retriever)
    t = time.perf_counter()
    result = Reconstructor(ports, config).run(reference)
    return SceneRun(scene, config.label(), result, time.perf_counter() - t, session.totals())
