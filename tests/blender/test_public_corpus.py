"""`codeform run-code` over real public scripts (tests/data/public/), through one warm pool.

Each script states in its header what must happen: it runs (exit 0, its objects in the
output, the artist's Cube, Camera and Light untouched), or it is refused by the policy or
raises in Blender with one line that names the line and the reason.
"""
import concurrent.futures
import re
from pathlib import Path

import pytest

import bpy

from codeform.commands.run_code import execute
from codeform.pipeline.errors import CodeFormError
from codeform.worker import WorkerPool

CORPUS = Path(__file__).resolve().parents[1] / "data" / "public"
EXIT = {"ok": 0, "policy": 3, "raised": 4}
TIMEOUT_S = 20.0  # the largest script builds ~50k vertices in ~0.2 s in a warm worker


def expectation(text):
    kind, message = re.search(r"^# expect: (\w+):? ?(.*)$", text, re.M).groups()
    return kind, message


SCRIPTS = sorted(CORPUS.glob("*.py"))


@pytest.fixture(scope="session")
def fresh_blend(tmp_path_factory):
    path = tmp_path_factory.mktemp("public") / "fresh.blend"
    bpy.ops.wm.read_factory_settings()
    bpy.ops.wm.save_as_mainfile(filepath=str(path))
    return path


@pytest.fixture(scope="session")
def public_runs(fresh_blend, tmp_path_factory):
    """{script name: (exit code, message, out path)} for every script, two at a time."""
    base = tmp_path_factory.mktemp("public_runs")

    def one(path):
        out = base / f"{path.stem}.blend"
        try:
            execute(path.read_text(encoding="utf-8"), name="public", blend=str(fresh_blend), out=str(out),
                    timeout=TIMEOUT_S, pool=pool)
            return path.name, (0, "", out)
        except CodeFormError as exc:
            return path.name, (exc.exit_code, str(exc), out)

    with WorkerPool(size=2, timeout_s=TIMEOUT_S, warm_up=False) as pool:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as threads:
            return dict(threads.map(one, SCRIPTS))


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_public_script(public_runs, path):
    kind, message = expectation(path.read_text(encoding="utf-8"))
    exit_code, got, out = public_runs[path.name]
    assert exit_code == EXIT[kind], f"{path.name}: expected {kind}, got exit {exit_code}: {got}"
    assert "\n" not in got and "Traceback" not in got
    if exit_code:
        assert got.startswith(message), got
        assert re.match(r"line \d+: ", got), "the message names the line"
        return
    bpy.ops.wm.open_mainfile(filepath=str(out), load_ui=False, use_scripts=False)
    names = {o.name for o in bpy.data.objects}
    assert {"Cube", "Camera", "Light"} <= names, "the artist's objects survive a 'select all, delete'"
    cube = bpy.data.objects["Cube"]
    assert tuple(cube.location) == (0.0, 0.0, 0.0) and len(cube.data.vertices) == 8


def test_cli_runs_a_script_saved_with_a_bom_and_crlf(fresh_blend, tmp_path):
    # Windows editors save UTF-8 with a BOM and CRLF line ends; Python and Blender run such
    # a file, so run-code must too (it was "line 1: SyntaxError: ... U+FEFF").
    import os
    import subprocess
    import sys
    script = tmp_path / "rig.py"
    text = (CORPUS / "cgart_camera_rig.py").read_text(encoding="utf-8")
    script.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    proc = subprocess.run([sys.executable, "-m", "codeform", "run-code", str(script), "--blend", str(fresh_blend)],
                          capture_output=True, text=True, timeout=120, env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ran rig.py: 3 objects")


def test_a_script_that_raised_on_a_changed_api_hears_what_replaced_it(public_runs):
    message = public_runs["cgart_holder_materials.py"][1]
    assert message.endswith("(codeform lint: Principled BSDF (ShaderNodeBsdfPrincipled) has no input socket "
                            "\"Specular\": renamed in Blender 4.0 to 'Specular IOR Level')"), message
    assert "channelbag(" in public_runs["cgart_loop_of_rings_animated.py"][1]
    assert "codeform lint" not in public_runs["njanakiev_metaballs.py"][1]  # the script's own bug


def test_stage_code_pasted_from_a_script_with_a_main_guard_builds(empty_scene):
    # A public script pasted as a stage (no parts, ends in the usual main guard) built nothing
    # and reported success; with parts, the guard stays off so no part runs twice.
    from codeform.pipeline.program import SceneProgram
    from codeform.scene import runs
    script = ("import bpy\n\n\ndef main():\n    bpy.ops.mesh.primitive_torus_add()\n    "
              "bpy.context.active_object.name = 'Donut'\n\n\nif __name__ == '__main__':\n    main()\n")
    runs.install(SceneProgram.from_sources("pasted", {}, {"geometry": script}, origin="user"))
    assert [o.name for o in bpy.data.collections["CodeForm/pasted/geometry"].objects] == ["Donut"]
    parts = ("import bpy\n\n\ndef build_ring(ctx):\n    bpy.ops.mesh.primitive_torus_add()\n\n\n"
             "if __name__ == '__main__':\n    build_ring(None)\n")
    runs.install(SceneProgram.from_sources("parts", {}, {"geometry": parts}, origin="user"))
    assert len(bpy.data.collections["CodeForm/parts/geometry"].objects) == 1
