"""`codeform edit` end to end: the real openai SDK against the loopback fake server, the real
worker, gates and live scene, for an edit of each stage type; and its other outcomes — a
question (exit 8), a provider failure (6), bad input (2) — never write the output."""
import hashlib
import json
from pathlib import Path

import pytest

bpy = pytest.importorskip("bpy")

import fakevlm  # noqa: E402

from codeform.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-key-000000001"


def plan(*keys, question=""):
    body = {"question": question} if question else {
        "summary": "as asked", "change": [{"stage": k.split("/")[0], "part": k.split("/")[1], "what": "as asked"}
                                          for k in keys]}
    return "```json\n" + json.dumps(body) + "\n```"


def code(src):
    return f"Here it is.\n\n```python\n{src}```\n"


CASES = {
    "geometry": ("make both arm tubes thinner", {
        "geometry/lower_arm": 'def build_lower_arm(ctx):\n    arm = tube_between("Lamp_LowerArm", PIVOT, ELBOW, 0.005)\n'
                              '    arm.data.shade_smooth()\n',
        "geometry/upper_arm": 'def build_upper_arm(ctx):\n    arm = tube_between("Lamp_UpperArm", ELBOW, HEAD, 0.004)\n'
                              '    arm.data.shade_smooth()\n'}),
    "material": ("make the shade deep blue", {
        "material/shade": 'def material_shade(ctx):\n'
                          '    enamel = principled("Lamp_BlueEnamel", (0.02, 0.06, 0.4), roughness=0.18)\n'
                          '    for obj in ctx.objects:\n        obj.data.materials.clear()\n'
                          '        obj.data.materials.append(enamel)\n'}),
    "composition": ("use a longer lens", {
        "composition/camera": 'import bpy\nfrom mathutils import Vector\n\n\ndef compose_camera(ctx):\n'
                              '    cam_data = bpy.data.cameras.new("Camera")\n    cam_data.lens = 85\n'
                              '    cam = bpy.data.objects.new("Camera", cam_data)\n    ctx.collection.objects.link(cam)\n'
                              '    cam.location = (0.6, -1.4, 0.5)\n'
                              '    cam.rotation_euler = (Vector((0.1, 0.0, 0.2)) - cam.location).to_track_quat("-Z", "Y").to_euler()\n'
                              '    bpy.context.scene.camera = cam\n'}),
    "lighting": ("a warmer key light", {
        "lighting/key": 'def light_key(ctx):\n    data = bpy.data.lights.new("Key", type="AREA")\n    data.energy = 16\n'
                        '    data.size = 0.6\n    data.color = (1.0, 0.78, 0.55)\n'
                        '    key = bpy.data.objects.new("Key", data)\n    ctx.collection.objects.link(key)\n'
                        '    key.location = (-0.6, -0.7, 0.9)\n'}),
}


@pytest.fixture(scope="module")
def lamp_blend(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("edit") / "lamp.blend"
    assert main(["apply", str(ROOT / "examples" / "desk_lamp"), "--out", str(path), "--run", "lamp"]) == 0
    return path


@pytest.fixture
def edit(fake_vlm, monkeypatch, lamp_blend):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)

    def run(instruction, out, *extra, blend=None):
        return main(["edit", str(blend or lamp_blend), instruction, "--provider", "openai", "--base-url",
                     fake_vlm.openai_base_url, "--out", str(out), "--render-engine", "BLENDER_WORKBENCH",
                     "--render-size", "64", "--concurrency", "1", "--quiet", *map(str, extra)])
    return run


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("stage", list(CASES))
def test_an_edit_of_each_stage_type_through_the_cli(stage, edit, fake_vlm, lamp_blend, tmp_path, capsys):
    instruction, parts = CASES[stage]
    fake_vlm.script(plan(*parts), *(code(src) for src in parts.values()))
    before = digest(lamp_blend)
    out = tmp_path / "edited.blend"
    report = tmp_path / "report"
    assert edit(instruction, out, "--report", report) == 0, capsys.readouterr().err
    assert digest(lamp_blend) == before and out.is_file() and not list(tmp_path.glob(".*tmp*"))
    assert "edited " + ", ".join(parts) in capsys.readouterr().out

    locate, *writes = fake_vlm.requests
    assert locate.image_count == 1 and f'"{instruction}"' in locate.prompt and "build_shade" in locate.prompt
    assert len(writes) == len(parts) and all(r.image_count == 1 for r in writes)
    assert "Its current code" in writes[0].prompt

    from codeform.commands.blendfile import open_blend
    from codeform.pipeline.programfile import load_program_path
    from codeform.scene import store
    open_blend(str(out))
    program = store.load_program("lamp")
    original = load_program_path(ROOT / "examples" / "desk_lamp", name="lamp")
    for s in ("geometry", "material", "composition", "lighting"):
        now, was = program.stages[s].parts(), original.stages[s].parts()
        assert now.preamble == was.preamble
        for name, src in was.parts.items():
            if f"{s}/{name}" in parts:
                assert now.parts[name] != src
            else:
                assert now.parts[name] == src, f"{s}/{name} changed"
    version = program.stages[stage].version
    assert version.origin == "edit" and version.note == instruction
    page = (report / "index.html").read_text()
    assert (report / "before.png").is_file() and (report / "after.png").is_file()
    assert instruction in page and "code diff" in page and KEY not in page


def test_an_ambiguous_instruction_prints_the_question_and_writes_nothing(edit, fake_vlm, tmp_path, capsys):
    fake_vlm.script(plan(question="Which part should look nicer: the shade, the arm or the base?"))
    out = tmp_path / "out.blend"
    assert edit("make it nicer", out) == 8
    captured = capsys.readouterr()
    assert "The model asks: Which part should look nicer" in captured.out and not out.exists()
    assert len(fake_vlm.requests) == 1


def test_provider_failure_and_bad_input_write_nothing(edit, fake_vlm, lamp_blend, tmp_path, capsys):
    out = tmp_path / "out.blend"
    fake_vlm.script(fakevlm.status(401, message="Incorrect API key provided"))
    assert edit("make the shade blue", out) == 6
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("codeform edit:") and KEY not in err[0] and not out.exists()

    assert edit("   ", out) == 2
    assert "instruction is empty" in capsys.readouterr().err
    assert edit("make it blue", lamp_blend) == 2
    assert "--out must differ from the input" in capsys.readouterr().err
    assert edit("make it blue", out, blend=tmp_path / "missing.blend") == 2
    assert edit("make it blue", out, "--run", "nope") == 2
    assert "no CodeForm run named 'nope'" in capsys.readouterr().err
    assert edit("make it blue", out, "--max-cost", "nan") == 2  # nan would switch the budget off
    assert "--max-cost at least 0" in capsys.readouterr().err
    assert edit("make it blue", out, "--report", lamp_blend) == 2
    assert "is a file; name a folder" in capsys.readouterr().err
    assert not out.exists() and len(fake_vlm.requests) == 1
