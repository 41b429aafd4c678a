"""`codeform reconstruct --provider openai` end to end: the real openai SDK against the
loopback fake VLM server, the real worker and gates. The scripted model makes the mistakes
real models make, and the loop must catch and fix them: code that raises when rehearsed
goes back for repair, a part in the wrong place goes back through the verifier, and a spent
budget stops the job with exit 7 and the work so far saved."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("bpy")  # the worker and the .blend need Blender

from codeform.bench.pipeline_harness import ScriptResponder  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
STOOL = ROOT / "evalset" / "bar_stool"
BLUEPRINT = json.loads((STOOL / "blueprint.json").read_text())


def py(body: str) -> str:
    return f"Here it is.\n\n```python\n{body.strip()}\n```\n"


def accept() -> str:
    return '```json\n{"accept": true, "summary": "close enough", "fixes": []}\n```'


SEAT = py("""
import bpy

def build_seat(ctx):
    bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=0.19, depth=0.07, location=(0, 0, 0.745))
    bpy.context.active_object.name = "Seat"
""")
LEGS_RAISES = py("""
import bpy
import math

def build_legs(ctx):
    for i in range(4):
        a = math.radians(45 + 90 * i)
        foot = Vector((0.24 * math.cos(a), 0.24 * math.sin(a), 0.0))
""")
LEGS = py("""
import bpy
import math
from mathutils import Vector

def build_legs(ctx):
    for i in range(4):
        a = math.radians(45 + 90 * i)
        top = Vector((0.12 * math.cos(a), 0.12 * math.sin(a), 0.71))
        foot = Vector((0.24 * math.cos(a), 0.24 * math.sin(a), 0.0))
        axis = top - foot
        bpy.ops.mesh.primitive_cylinder_add(radius=0.012, depth=axis.length, location=(top + foot) / 2)
        leg = bpy.context.active_object
        leg.rotation_mode = 'QUATERNION'
        leg.rotation_quaternion = Vector((0, 0, 1)).rotation_difference(axis.normalized())
""")
FOOTREST_TOO_HIGH = py("""
import bpy

def build_footrest(ctx):
    bpy.ops.mesh.primitive_torus_add(major_radius=0.2, minor_radius=0.01, location=(0, 0, 0.62))
""")
FOOTREST = py("""
import bpy

def build_footrest(ctx):
    bpy.ops.mesh.primitive_torus_add(major_radius=0.2, minor_radius=0.01, location=(0, 0, 0.28))
""")


def material(name: str, color: str) -> str:
    return py(f"""
import bpy

def material_{name}(ctx):
    mat = bpy.data.materials.new("{name}")
    mat.diffuse_color = ({color}, 1.0)
    for obj in ctx.objects:
        obj.data.materials.append(mat)
""")


def script() -> dict:
    return {
        ("blueprint", "", ""): ["```json\n" + json.dumps(BLUEPRINT) + "\n```"],
        ("component", "geometry", "seat"): [SEAT],
        ("component", "geometry", "legs"): [LEGS_RAISES],
        ("repair", "geometry", "legs"): [LEGS],
        ("component", "geometry", "footrest"): [FOOTREST_TOO_HIGH, FOOTREST],
        ("critique", "geometry", ""): ['```json\n{"accept": false, "summary": "the ring sits far too high", "fixes": '
                                       '[{"component": "footrest", "fix": "lower the ring to z = 0.28"}]}\n```', accept()],
        ("component", "material", "seat"): [material("seat", "0.8, 0.6, 0.1")],
        ("component", "material", "legs"): [material("legs", "0.02, 0.02, 0.02")],
        ("component", "material", "footrest"): [material("footrest", "0.9, 0.9, 0.9")],
        ("critique", "material", ""): [accept()],
        ("stage", "composition", ""): [py("""
import bpy
from mathutils import Vector

def compose_camera(ctx):
    cam = bpy.data.objects.new("Camera", bpy.data.cameras.new("Camera"))
    ctx.collection.objects.link(cam)
    cam.location = (-0.68, -1.88, 1.3)
    cam.rotation_euler = (Vector((0, 0, 0.42)) - cam.location).to_track_quat('-Z', 'Y').to_euler()
    bpy.context.scene.camera = cam
""")],
        ("critique", "composition", ""): [accept()],
        ("stage", "lighting", ""): [py("""
import bpy

def light_world(ctx):
    world = bpy.data.worlds.new("Grey")
    world.color = (0.6, 0.6, 0.62)
    bpy.context.scene.world = world
""")],
        ("critique", "lighting", ""): [accept()],
    }


def reconstruct(fake, out: Path, *extra: str):
    env = dict(os.environ, OPENAI_API_KEY="sk-test-e2e")
    cmd = [sys.executable, "-m", "codeform", "reconstruct", str(STOOL / "reference.png"), "--mask",
           str(STOOL / "mask.png"), "--provider", "openai", "--model", "gpt-4.1", "--base-url", fake.openai_base_url,
           "--out", str(out), "--run", "stool", "--iterations", "2", "--no-retrieval", *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def program_of(blend: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "codeform", "stages", str(blend), "--json"], capture_output=True,
                          text=True, env=os.environ.copy(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {s["stage"]: s for s in json.loads(proc.stdout)["stages"]}


def test_wrong_first_attempts_are_caught_and_fixed_through_the_real_sdk(fake_vlm, tmp_path):
    responder = ScriptResponder(script())
    fake_vlm.responder = responder
    out = tmp_path / "stool.blend"
    code, stdout, stderr = reconstruct(fake_vlm, out)
    assert code == 0, stderr + stdout
    assert "unknown" not in [k[0] for k in responder.seen]
    assert responder.seen.count(("repair", "geometry", "legs")) == 1
    assert responder.seen.count(("component", "geometry", "footrest")) == 2
    # The repair request carried the worker's error, the refinement the verifier's fix.
    prompts = [r.prompt for r in fake_vlm.requests if r.wire == "openai"]
    assert any("NameError" in p and "Vector" in p for p in prompts)
    refine = [p for p in prompts if "The reviewer asks for this change to `footrest`" in p]
    assert refine and "lower the ring to z = 0.28" in refine[0]
    assert all(r.key == "sk-test-e2e" for r in fake_vlm.requests if r.wire == "openai")
    geometry = program_of(out)["geometry"]
    assert geometry["versions"] == 3 and geometry["current"] == 3  # the refined version is kept
    assert "usage:" in stdout and "calls to openai gpt-4.1" in stdout


def test_a_spent_budget_stops_with_exit_7(fake_vlm, tmp_path):
    fake_vlm.responder = ScriptResponder(script())
    out = tmp_path / "stool.blend"
    code, stdout, stderr = reconstruct(fake_vlm, out, "--max-calls", "5", "--quiet")
    assert code == 7
    assert "budget of 5 model calls is spent" in stderr and "Traceback" not in stderr
    assert len([r for r in fake_vlm.requests if r.wire == "openai"]) == 5
    assert program_of(out)["geometry"]["current"] >= 1
