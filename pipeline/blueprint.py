"""The blueprint: what the model plans before it writes any code.

A blueprint is JSON (the shape is in prompts/blueprint.md, which the model reads):

    {"title": str, "description": str, "units": "metres",
     "components": [{"name": snake_case, "role": str, "shape": primitive or construction hint,
                     "size": [x, y, z] metres (bounding box), "location": [x, y, z] (its centre,
                     world, Z up, ground at z = 0), "rotation_degrees": [x, y, z] (optional),
                     "material": str, "parent": a component name or null}],
     "camera": {"height": m, "distance": m (horizontal, to the point looked at),
                "azimuth_degrees": 0 = in front on -Y (optional), "focal_length": mm,
                "tilt_degrees": down is positive (optional), "looks_at": [x, y, z] (optional)},
     "lighting": {"key": str, "fill": str, "world": str, ...}}

`validate_blueprint` checks it and returns a normalised copy, or raises BlueprintError with
every problem found, in words a model can act on.
"""
from __future__ import annotations

import copy
import math
import re
from typing import Any

from .errors import ProgramError

MAX_COMPONENTS = 40
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class BlueprintError(ProgramError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:6]) + (f"; and {len(problems) - 6} more" if len(problems) > 6 else "")
        super().__init__(f"blueprint is not valid: {shown}")


def component_name(raw: str) -> str:
    """A name usable in `build_<name>`: lower snake case, starting with a letter."""
    name = re.sub(r"[^a-z0-9]+", "_", str(raw).strip().lower()).strip("_")
    if name and not name[0].isalpha():
        name = "c_" + name
    return name[:40]


def _vector(value: Any, where: str, problems: list[str], positive: bool = False,
            limit: float | None = None) -> list[float] | None:
    if not isinstance(value, (list, tuple)) or len(value) != 3 or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value):
        problems.append(f"{where} must be a list of three numbers")
        return None
    vec = [float(v) for v in value]
    if positive and not all(0 < v <= 1000 for v in vec):
        problems.append(f"{where} must be three sizes in metres, each > 0 and <= 1000")
        return None
    if limit is not None and not all(abs(v) <= limit for v in vec):
        # 1e300 is finite, but Blender stores float32: the object and the camera framing
        # it end up at infinity and every render is empty.
        problems.append(f"{where} must be three numbers from {-limit:g} to {limit:g}")
        return None
    return vec


def _number(obj: dict, key: str, where: str, problems: list[str], lo: float, hi: float,
            required: bool = True) -> float | None:
    value = obj.get(key)
    if value is None:
        if required:
            problems.append(f"{where}.{key} is missing")
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not lo <= value <= hi:
        problems.append(f"{where}.{key} must be a number from {lo:g} to {hi:g}")
        return None
    return float(value)


def validate_blueprint(data: Any) -> dict[str, Any]:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise BlueprintError(["the blueprint must be a JSON object"])
    bp = copy.deepcopy(data)
    comps = bp.get("components")
    if not isinstance(comps, list) or not comps:
        problems.append("components must be a non-empty list")
        comps = []
    if len(comps) > MAX_COMPONENTS:
        problems.append(f"at most {MAX_COMPONENTS} components; merge small parts")
    seen: dict[str, int] = {}
    clean = []
    for i, comp in enumerate(comps):
        where = f"components[{i}]"
        if not isinstance(comp, dict):
            problems.append(f"{where} must be an object")
            continue
        raw = comp.get("name")
        if not isinstance(raw, str) or not raw.strip():
            problems.append(f"{where}.name is missing")
            continue
        name = component_name(raw)
        if not _NAME.match(name):
            problems.append(f"{where}.name {raw!r} must be a short snake_case name like 'leg_front_left'")
            continue
        where = f"component '{name}'"
        if name in seen:
            problems.append(f"{where} appears twice; give each component its own name")
            continue
        seen[name] = i
        comp = dict(comp, name=name)
        size = _vector(comp.get("size"), f"{where}.size", problems, positive=True)
        loc = _vector(comp.get("location"), f"{where}.location", problems, limit=1000)
        if size:
            comp["size"] = size
        if loc:
            comp["location"] = loc
        if comp.get("rotation_degrees") is not None:
            rot = _vector(comp["rotation_degrees"], f"{where}.rotation_degrees", problems, limit=3600)
            if rot:
                comp["rotation_degrees"] = rot
        for key in ("role", "shape", "material"):
            if key in comp and not isinstance(comp[key], str):
                problems.append(f"{where}.{key} must be a string")
        comp.setdefault("role", "")
        comp.setdefault("shape", "box")
        comp.setdefault("material", "")
        clean.append(comp)
    for comp in clean:
        parent = comp.get("parent")
        if parent in (None, "", "none", "null"):
            comp["parent"] = None
        elif not isinstance(parent, str) or component_name(parent) not in seen:
            problems.append(f"component '{comp['name']}'.parent {parent!r} is not a component name (use null for none)")
        else:
            comp["parent"] = component_name(parent)
            if comp["parent"] == comp["name"]:
                problems.append(f"component '{comp['name']}' cannot be its own parent")
    bp["components"] = clean
    cam = bp.get("camera")
    if not isinstance(cam, dict):
        problems.append("camera must be an object with height, distance, focal_length")
    else:
        _number(cam, "height", "camera", problems, -100, 100)
        _number(cam, "distance", "camera", problems, 0.01, 500)
        _number(cam, "focal_length", "camera", problems, 8, 400)
        _number(cam, "tilt_degrees", "camera", problems, -90, 90, required=False)
        _number(cam, "azimuth_degrees", "camera", problems, -360, 360, required=False)
        if cam.get("looks_at") is not None:
            _vector(cam["looks_at"], "camera.looks_at", problems, limit=1000)
    light = bp.get("lighting")
    if light is None:
        bp["lighting"] = {}
    elif not isinstance(light, dict):
        problems.append("lighting must be an object of short descriptions (key, fill, world)")
    for key in ("title", "description"):
        if key in bp and not isinstance(bp[key], str):
            problems.append(f"{key} must be a string")
    if problems:
        raise BlueprintError(problems)
    bp.setdefault("units", "metres")
    return bp


def check_stored(blueprint: dict[str, Any]) -> None:
    """The types the code reading a stored blueprint relies on, for a program read from a
    file (a .blend's program Text, a program.json, a hand-written blueprint.json): fields
    may be missing, but those present must have the right shape. Raises ProgramError."""
    problems: list[str] = []
    comps = blueprint.get("components")
    if comps is not None and not isinstance(comps, list):
        problems.append("components must be a list")
        comps = []
    for i, comp in enumerate(comps or []):
        if not isinstance(comp, dict):
            problems.append(f"components[{i}] must be an object")
            continue
        name = comp.get("name")
        if name is not None and not isinstance(name, str):
            problems.append(f"components[{i}].name must be a string")
        for key in ("size", "location", "rotation_degrees"):
            if comp.get(key) is not None:
                _vector(comp[key], f"components[{i}].{key}", problems)
    cam = blueprint.get("camera")
    if cam is not None and not isinstance(cam, dict):
        problems.append("camera must be an object")
    elif cam:
        for key in ("height", "distance", "focal_length", "tilt_degrees", "azimuth_degrees"):
            value = cam.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                      or not math.isfinite(value)):
                problems.append(f"camera.{key} must be a number")
        if cam.get("looks_at") is not None:
            _vector(cam["looks_at"], "camera.looks_at", problems)
    if problems:
        shown = "; ".join(problems[:4]) + (f"; and {len(problems) - 4} more" if len(problems) > 4 else "")
        raise ProgramError(f"the program's blueprint is damaged: {shown}")


# ---------------------------------------------------------------------------
# Geometry of the plan
# ---------------------------------------------------------------------------

def bounds(blueprint: dict[str, Any]) -> tuple[list[float], list[float]]:
    """The axis-aligned box around every component (rotations ignored)."""
    lo, hi = [math.inf] * 3, [-math.inf] * 3
    for comp in blueprint.get("components", []):
        loc, size = comp.get("location"), comp.get("size")
        if not loc or not size:
            continue
        for a in range(3):
            lo[a] = min(lo[a], loc[a] - size[a] / 2)
            hi[a] = max(hi[a], loc[a] + size[a] / 2)
    if lo[0] == math.inf:
        return [-0.5, -0.5, 0.0], [0.5, 0.5, 1.0]
    return lo, hi


def camera_pose(blueprint: dict[str, Any]) -> dict[str, Any]:
    """Where the camera guess puts the camera: location, the point it looks at, lens (mm).

    The camera stands `distance` metres (horizontally) from the point it looks at, at
    `height` metres, turned `azimuth_degrees` around Z from the front (-Y). Without
    `looks_at` it looks at the centre of the components; an explicit tilt then moves the
    aim up or down so the camera pitches down by that angle.
    """
    cam = blueprint.get("camera") or {}
    lo, hi = bounds(blueprint)
    centre = [(lo[a] + hi[a]) / 2 for a in range(3)]
    target = list(cam["looks_at"]) if cam.get("looks_at") else centre
    distance = float(cam.get("distance") or max(hi[a] - lo[a] for a in range(3)) * 2.5)
    height = float(cam["height"]) if cam.get("height") is not None else target[2] + distance * 0.3
    az = math.radians(float(cam.get("azimuth_degrees") or 0.0))
    location = [target[0] + distance * math.sin(az), target[1] - distance * math.cos(az), height]
    if not cam.get("looks_at") and cam.get("tilt_degrees") is not None:
        target[2] = height - distance * math.tan(math.radians(float(cam["tilt_degrees"])))
    return {"location": location, "target": target, "lens": float(cam.get("focal_length") or 50.0)}
