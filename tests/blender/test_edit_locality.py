"""The locality guarantee on real bpy: after an edit of each stage type, every object of an
untouched component has the same fingerprint (vertex positions bit for bit, topology,
modifiers, material slots with their node settings, light and camera data) as before; the
edited component's do change; undoing the edit restores every fingerprint exactly."""
import json
from dataclasses import dataclass

import pytest

from codeform.pipeline.edit import EditConfig, Editor
from codeform.pipeline.ports import Ports
from codeform.pipeline.programfile import load_program_path
from codeform.scene import runs, store
from codeform.scene.fingerprint import run_fingerprints
from codeform.scene.live import LiveScene

from bpytest import ROOT


@dataclass
class Passed:
    ok: bool = True
    error: dict | None = None
    objects: int = 0
    vertices: int = 0
    renders: dict = None
    timings: dict = None


class PassThrough:
    """The gates are tested elsewhere; here every rewrite passes, so the test is about what
    committing and applying an edit does to the scene."""
    def rehearse(self, program, upto, renders):
        return Passed(renders={}, timings={})


class Replies:
    def __init__(self, replies):
        self.replies = {k: list(v) for k, v in replies.items()}

    def complete(self, request):
        text = self.replies[(request.purpose, request.stage, request.component)].pop(0)
        return type("Reply", (), {"text": text, "truncated": False, "latency_s": 0.0,
                                  "usage": type("U", (), {"input_tokens": 0, "output_tokens": 0, "cached_tokens": 0,
                                                          "cost_usd": 0.0})()})()


def plan(*keys):
    return "```json\n" + json.dumps({"change": [{"stage": k.split("/")[0], "part": k.split("/")[1]}
                                                for k in keys]}) + "\n```"


def code(src):
    return f"```python\n{src}```"


EDITS = {
    "geometry": ("make both arm tubes thinner", {
        "geometry/lower_arm": "def build_lower_arm(ctx):\n    arm = tube_between(\"Lamp_LowerArm\", PIVOT, ELBOW, 0.005)\n"
                              "    arm.data.shade_smooth()\n",
        "geometry/upper_arm": "def build_upper_arm(ctx):\n    arm = tube_between(\"Lamp_UpperArm\", ELBOW, HEAD, 0.004)\n"
                              "    arm.data.shade_smooth()\n"}),
    "material": ("make the shade deep blue enamel", {
        "material/shade": "def material_shade(ctx):\n"
                          "    enamel = principled(\"Lamp_BlueEnamel\", (0.02, 0.06, 0.4), roughness=0.18, Coat_Weight=0.6)\n"
                          "    inside = principled(\"Lamp_ShadeInside\", (0.9, 0.88, 0.82), roughness=0.6)\n"
                          "    for obj in ctx.objects:\n        obj.data.materials.clear()\n"
                          "        obj.data.materials.append(enamel)\n        obj.data.materials.append(inside)\n"
                          "        obj.modifiers[\"Thickness\"].material_offset = 1\n"}),
    "composition": ("frame it tighter with a longer lens", {
        "composition/camera": "def compose_camera(ctx):\n    target = Vector((0.1, 0.0, 0.2))\n"
                              "    cam_data = bpy.data.cameras.new(\"Camera\")\n    cam_data.lens = 85\n"
                              "    cam = bpy.data.objects.new(\"Camera\", cam_data)\n    ctx.collection.objects.link(cam)\n"
                              "    cam.location = (0.5, -1.2, 0.4)\n"
                              "    cam.rotation_euler = (target - cam.location).to_track_quat('-Z', 'Y').to_euler()\n"
                              "    bpy.context.scene.camera = cam\n"}),
    "lighting": ("a warmer key light from the left", {
        "lighting/key": "def light_key(ctx):\n    key_data = bpy.data.lights.new(\"Key\", type='AREA')\n"
                        "    key_data.energy = 20\n    key_data.size = 0.6\n    key_data.color = (1.0, 0.8, 0.6)\n"
                        "    key = bpy.data.objects.new(\"Key\", key_data)\n    ctx.collection.objects.link(key)\n"
                        "    key.location = (-0.9, -0.3, 0.7)\n"
                        "    key.rotation_euler = (math.radians(60), 0.0, math.radians(-70))\n"}),
}


def touched(keys):
    """fingerprint keys ("stage/part") of what an edit of `keys` may change: a component's
    geometry objects carry its material slots, so a material edit touches geometry/<part>."""
    out = set()
    for key in keys:
        stage, part = key.split("/")
        out.add(f"geometry/{part}" if stage in ("geometry", "material") else key)
    return out


@pytest.mark.parametrize("stage", list(EDITS))
def test_untouched_components_stay_bit_identical_and_undo_is_exact(empty_scene, stage):
    program = load_program_path(ROOT / "examples" / "desk_lamp", name="lamp")
    runs.install(program)
    before = run_fingerprints("lamp")
    instruction, parts = EDITS[stage]
    replies = {("edit-locate", "", ""): [plan(*parts)]}
    for key, src in parts.items():
        s, p = key.split("/")
        replies[("edit", s, p)] = [code(src)]
    live = LiveScene()
    ports = Ports(model=Replies(replies), rehearsal=PassThrough(), policy=lambda c: [], live=live)
    result = Editor(ports, EditConfig(renders=False)).run(store.load_program("lamp"), instruction)
    assert result.complete and not live.problems, (result.failure, live.problems)
    assert result.changed_stages == [stage]

    after = run_fingerprints("lamp")
    assert set(after) == set(before)
    changed = touched(parts)
    for key in before:
        if key in changed:
            assert after[key] != before[key], f"{key} should have changed"
        else:
            assert after[key] == before[key], f"{key} changed, but the edit was only about {sorted(parts)}"
    saved = store.load_program("lamp")
    assert saved.stages[stage].version.origin == "edit" and saved.stages[stage].version.note == instruction

    runs.undo("lamp", stage)
    assert run_fingerprints("lamp") == before
    assert store.load_program("lamp").stages[stage].code == program.stages[stage].code
