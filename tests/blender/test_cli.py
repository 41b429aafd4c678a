"""`codeform apply` and `codeform stages` as a technical artist runs them."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAMP = ROOT / "examples" / "desk_lamp"


def codeform(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "codeform", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=os.environ.copy(), timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def lamp_once(tmp_path_factory) -> Path:
    """The desk lamp applied once; tests copy it rather than pay for `apply` each."""
    out = tmp_path_factory.mktemp("lamp") / "lamp.blend"
    code, _, stderr = codeform("apply", LAMP, "--out", out)
    assert code == 0, stderr
    return out


@pytest.fixture
def lamp_copy(lamp_once, tmp_path) -> Path:
    out = tmp_path / "lamp.blend"
    shutil.copyfile(lamp_once, out)
    return out


def one_line_error(stderr: str) -> str:
    lines = [l for l in stderr.splitlines() if l.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stderr
    return lines[0]


def test_help_for_every_command():
    code, out, _ = codeform("--help")
    assert code == 0 and "apply" in out and "stages" in out
    for cmd in ("apply", "stages"):
        code, out, err = codeform(cmd, "--help")
        assert code == 0 and "usage: codeform " + cmd in out, err


def test_apply_then_list_undo_redo(tmp_path):
    out = tmp_path / "lamp.blend"
    code, stdout, stderr = codeform("apply", LAMP, "--out", out)
    assert code == 0, stderr
    assert "applied geometry, material, composition, lighting" in stdout and out.is_file()
    assert not list(tmp_path.glob(".*tmp*")), "temporary file left behind"

    code, stdout, _ = codeform("stages", out, "--json")
    listing = json.loads(stdout)
    assert listing["run"] == "desk_lamp"
    assert [s["current"] for s in listing["stages"]] == [1, 1, 1, 1]
    assert "shade" in listing["stages"][0]["parts"]

    code, stdout, stderr = codeform("stages", out, "undo", "lighting")
    assert code == 0 and "undid lighting" in stdout, stderr
    code, stdout, _ = codeform("stages", out, "--json")
    assert [s["current"] for s in json.loads(stdout)["stages"]] == [1, 1, 1, 0]
    code, stdout, _ = codeform("stages", out, "redo", "lighting", "--out", tmp_path / "again.blend")
    assert code == 0
    code, stdout, _ = codeform("stages", tmp_path / "again.blend", "show", "lighting")
    assert stdout == (LAMP / "lighting.py").read_text()
    # --out left the original untouched.
    code, stdout, _ = codeform("stages", out, "--json")
    assert json.loads(stdout)["stages"][3]["current"] == 0


def test_apply_until_and_onto_an_existing_file(tmp_path):
    first = tmp_path / "a.blend"
    assert codeform("apply", LAMP, "--out", first, "--until", "material")[0] == 0
    code, stdout, _ = codeform("stages", first)
    assert "composition  v1/1    undone" not in stdout
    second = tmp_path / "b.blend"
    code, stdout, stderr = codeform("apply", LAMP, "--blend", first, "--out", second, "--run", "lamp2")
    assert code == 0, stderr
    code, stdout, stderr = codeform("stages", second)
    assert code == 2 and "several CodeForm runs (desk_lamp, lamp2)" in one_line_error(stderr)
    code, stdout, _ = codeform("stages", second, "--run", "lamp2")
    assert code == 0 and "lighting" in stdout


@pytest.mark.parametrize("args, code, message", [
    (("apply", "nowhere.json", "--out", "x.blend"), 2, "no such program"),
    (("apply", LAMP, "--out", "x.txt"), 2, "must end in .blend"),
    (("apply", LAMP, "--blend", "missing.blend", "--out", "x.blend"), 2, "no such .blend file"),
    (("apply", LAMP), 2, "the following arguments are required: --out"),
    (("apply", LAMP, "--until", "sculpt", "--out", "x.blend"), 2, "invalid choice"),
    (("stages", "missing.blend"), 2, "no such .blend file"),
    (("frobnicate",), 2, "invalid choice"),
    (("apply", LAMP, "--out", "x" * 300 + ".blend"), 2, "File name too long"),  # was an internal error
    (("apply", LAMP, "--out", "a_file/x.blend"), 2, "a_file is a file, not a folder"),  # was found after the work
    (("apply", LAMP, "--blend", "a_dir.blend", "--out", "x.blend"), 2, "a_dir.blend is a folder, not a .blend"),
])
def test_errors_are_one_line_with_exit_codes(tmp_path, args, code, message):
    (tmp_path / "a_file").write_text("")
    (tmp_path / "a_dir.blend").mkdir()
    got, _, stderr = codeform(*args, cwd=tmp_path)
    assert got == code
    assert message in one_line_error(stderr)


def test_not_a_blend_file(tmp_path):
    fake = tmp_path / "fake.blend"
    fake.write_text("hello")
    code, _, stderr = codeform("stages", fake)
    assert code == 2 and "is not a .blend file" in one_line_error(stderr)


def test_failing_stage_exits_4_and_keeps_earlier_stages(tmp_path):
    prog = tmp_path / "broken"
    shutil.copytree(LAMP, prog)
    (prog / "lighting.py").write_text("import bpy\n\n\ndef light_key(ctx):\n    bpy.data.lights.new('K', type='LASER')\n")
    out = tmp_path / "broken.blend"
    code, stdout, stderr = codeform("apply", prog, "--out", out)
    line = one_line_error(stderr)
    assert code == 4 and "lighting part key, line 5: TypeError" in line
    code, stdout, _ = codeform("stages", out, "--json")
    listing = json.loads(stdout)
    assert listing["run"] == "broken"


def test_debug_shows_the_traceback(tmp_path):
    code, _, stderr = codeform("--debug", "apply", "nowhere.json", "--out", "x.blend", cwd=tmp_path)
    assert code != 0 and "Traceback" in stderr


def test_read_only_output_is_refused_and_modes_are_kept(lamp_copy):
    ro = lamp_copy
    before = ro.read_bytes()
    ro.chmod(0o444)
    code, _, stderr = codeform("stages", ro, "undo", "lighting")
    assert code == 2 and "read-only" in one_line_error(stderr)
    assert ro.read_bytes() == before
    assert codeform("stages", ro)[0] == 0 and codeform("stages", ro, "show", "lighting")[0] == 0  # reading is fine
    ro.chmod(0o600)  # a private file stays private when it is rewritten
    assert codeform("stages", ro, "undo", "lighting")[0] == 0
    assert ro.stat().st_mode & 0o777 == 0o600


def test_a_write_cut_short_leaves_the_old_file(tmp_path, empty_scene, monkeypatch):
    """Blender reports FINISHED when the disk fills mid-write and leaves a truncated file;
    it must never replace the good one."""
    import bpy
    from codeform.commands import blendfile
    from codeform.commands.blendfile import blend_is_complete, save_blend
    from codeform.pipeline.errors import ProgramError

    out = save_blend(tmp_path / "scene.blend")
    good = out.read_bytes()
    assert blend_is_complete(out)
    real = blendfile._write_copy

    def disk_full(path):
        real(path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    monkeypatch.setattr(blendfile, "_write_copy", disk_full)
    with pytest.raises(ProgramError, match="incomplete .*the old file is unchanged"):
        save_blend(out)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["scene.blend"]
    monkeypatch.undo()
    plain = tmp_path / "plain.blend"
    bpy.ops.wm.save_as_mainfile(filepath=str(plain), copy=True, compress=False)
    assert blend_is_complete(plain)
    plain.write_bytes(plain.read_bytes()[:-100])
    assert not blend_is_complete(plain)


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGHUP"])
def test_sigterm_mid_apply_writes_nothing(tmp_path, signum):
    """Killed in the middle (SIGTERM, as a job runner stops a task; SIGHUP, the terminal
    closed): the file it would have replaced stays byte for byte, no temporary file is
    left, the exit code says so."""
    import signal
    import time
    signum = getattr(signal, signum)
    target = tmp_path / "shot.blend"
    assert codeform("apply", LAMP, "--out", target, "--until", "geometry")[0] == 0
    before = target.read_bytes()
    prog = tmp_path / "spin"
    prog.mkdir()
    (prog / "geometry.py").write_text("def build_spin(ctx):\n    while True:\n        pass\n")
    proc = subprocess.Popen([sys.executable, "-m", "codeform", "apply", prog, "--blend", target, "--out", target],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    time.sleep(4)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum and "terminated" in one_line_error(stderr)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.blend", "spin"]


def test_undo_keeps_the_artists_copy_of_a_generated_object(tmp_path, lamp_copy):
    """Shift+D copies custom properties, so a duplicate of a generated object carries the
    run's owner tag; undo and redo must not delete the artist's copy."""
    lamp = lamp_copy
    script = tmp_path / "dup.py"
    script.write_text(
        "import bpy, sys\n"
        "bpy.ops.wm.open_mainfile(filepath=sys.argv[-2], load_ui=False, use_scripts=False)\n"
        "src = bpy.data.objects['Lamp_Shade']\n"
        "copy = src.copy(); copy.data = src.data.copy(); copy.name = 'MyShade'\n"
        "bpy.context.scene.collection.objects.link(copy)\n"
        "bpy.ops.wm.save_as_mainfile(filepath=sys.argv[-1])\n")
    mine = tmp_path / "mine.blend"
    subprocess.run([sys.executable, script, lamp, mine], check=True, capture_output=True, timeout=120)
    for action in ("undo", "redo"):
        code, _, stderr = codeform("stages", mine, action, "geometry")
        assert code == 0, stderr
    probe = subprocess.run([sys.executable, "-c",
                            "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[1], use_scripts=False);"
                            "print('OBJECTS', sorted(o.name for o in bpy.data.objects))", mine],
                           capture_output=True, text=True, timeout=120)
    names = [l for l in probe.stdout.splitlines() if l.startswith("OBJECTS")][0]
    assert "'MyShade'" in names and "'Lamp_Shade'" in names


@pytest.mark.parametrize("tamper, message", [
    ("t.from_string(t.as_string()[:400])", "CodeForm/desk_lamp/program.json: program is not valid JSON"),
    ("t.from_string(t.as_string().replace('\"current\": 0', '\"current\": \"x\"', 1))", "not a whole number"),
])
def test_a_tampered_program_text_is_bad_input(lamp_copy, tamper, message):
    lamp = lamp_copy
    subprocess.run([sys.executable, "-c",
                    "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[1], use_scripts=False);"
                    "t = bpy.data.texts['CodeForm/desk_lamp/program.json'];" + tamper + ";"
                    "bpy.ops.wm.save_mainfile()", lamp], check=True, capture_output=True, timeout=120)
    before = lamp.read_bytes()
    for args in (("stages", lamp), ("stages", lamp, "undo", "material")):
        code, _, stderr = codeform(*args)
        assert code == 2 and message in one_line_error(stderr)
    assert lamp.read_bytes() == before


def test_control_characters_from_code_never_reach_the_terminal(tmp_path):
    """An exception message of model code is printed; an escape sequence in it could clear
    the screen or retitle the terminal. It is shown escaped."""
    prog = tmp_path / "loud"
    prog.mkdir()
    (prog / "geometry.py").write_text("def build_x(ctx):\n    raise ValueError('\\x1b]0;pwned\\x07\\x1b[2J gone')\n")
    code, stdout, stderr = codeform("apply", prog, "--out", tmp_path / "loud.blend")
    line = one_line_error(stderr)
    assert code == 4 and "\x1b" not in stderr and "\x07" not in stderr
    assert "\\x1b]0;pwned\\x07" in line


def test_run_code_that_cannot_write_its_render_is_bad_input(tmp_path):
    script = tmp_path / "cube.py"
    script.write_text("import bpy\nbpy.ops.mesh.primitive_cube_add()\n")
    (tmp_path / "a_file").write_text("")
    (tmp_path / "a_dir.blend").mkdir()
    code, _, stderr = codeform("run-code", script, "--render", tmp_path / "a_file" / "x.png")
    assert code == 2 and "cannot write" in one_line_error(stderr)  # was an internal error


def test_undo_keeps_code_typed_in_the_text_editor_and_never_applied(lamp_copy):
    lamp = lamp_copy
    subprocess.run([sys.executable, "-c",
                    "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[1], use_scripts=False);"
                    "t = bpy.data.texts['CodeForm/desk_lamp/material.py'];"
                    "t.from_string(t.as_string() + '\\n# two hours of careful tuning\\n');"
                    "bpy.ops.wm.save_mainfile()", lamp], check=True, capture_output=True, timeout=120)
    code, stdout, stderr = codeform("stages", lamp, "undo", "material")
    assert code == 0, stderr
    probe = subprocess.run([sys.executable, "-c",
                            "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[1], use_scripts=False);"
                            "print('KEPT', repr(bpy.data.texts['CodeForm/desk_lamp/material.unapplied.py']"
                            ".as_string()[-32:]))", lamp], capture_output=True, text=True, timeout=120)
    assert "# two hours of careful tuning" in probe.stdout, probe.stderr[-500:]
    # Typed again over the restored code and undone again: the first kept copy stays too.
    assert codeform("stages", lamp, "redo", "material")[0] == 0
    subprocess.run([sys.executable, "-c",
                    "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[1], use_scripts=False);"
                    "t = bpy.data.texts['CodeForm/desk_lamp/material.py'];"
                    "t.from_string(t.as_string() + '\\n# and ten more minutes\\n');"
                    "bpy.ops.wm.save_mainfile()", lamp], check=True, capture_output=True, timeout=120)
    assert codeform("stages", lamp, "undo", "material")[0] == 0
    probe = subprocess.run([sys.executable, "-c",
                            "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[1], use_scripts=False);"
                            "print('KEPT', sorted(t.as_string()[-24:] for t in bpy.data.texts if 'unapplied' in t.name))",
                            lamp], capture_output=True, text=True, timeout=120)
    assert "careful tuning" in probe.stdout and "ten more minutes" in probe.stdout, probe.stdout[-500:]


def test_undo_keeps_objects_linked_from_another_codeform_file(tmp_path, lamp_once):
    """Two files reconstructed under the same run name (say both from a 'reference.png'):
    an object the artist links from one into the other carries the same owner tag, and
    undo deleted the link."""
    a, b = lamp_once, tmp_path / "b.blend"
    shutil.copyfile(lamp_once, b)
    subprocess.run([sys.executable, "-c",
                    "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[2], use_scripts=False)\n"
                    "with bpy.data.libraries.load(sys.argv[1], link=True) as (src, dst):\n"
                    "    dst.objects = ['Lamp_Shade']\n"
                    "bpy.context.scene.collection.objects.link(dst.objects[0])\n"
                    "bpy.ops.wm.save_mainfile()", a, b], check=True, capture_output=True, timeout=120)
    assert codeform("stages", b, "undo", "geometry")[0] == 0
    probe = subprocess.run([sys.executable, "-c",
                            "import bpy, sys; bpy.ops.wm.open_mainfile(filepath=sys.argv[1], use_scripts=False);"
                            "print('LINKED', [o.name for o in bpy.data.objects if o.library])", b],
                           capture_output=True, text=True, timeout=120)
    assert "LINKED ['Lamp_Shade']" in probe.stdout


def test_a_console_that_cannot_show_unicode_gets_escapes_not_a_crash(tmp_path):
    out = tmp_path / "u.blend"
    assert codeform("apply", LAMP, "--out", out, "--run", "lämp✓")[0] == 0
    proc = subprocess.run([sys.executable, "-m", "codeform", "stages", out], capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "ascii"}, timeout=120)
    assert proc.returncode == 0 and "run l\\xe4mp\\u2713" in proc.stdout, proc.stderr


def test_stages_after_a_gap_are_not_reported_as_applied(tmp_path):
    prog = tmp_path / "gap.json"
    from codeform.pipeline.programfile import load_program_path
    program = load_program_path(LAMP)
    program.stages["geometry"].current = -1
    prog.write_text(program.dumps())
    out = tmp_path / "gap.blend"
    code, stdout, stderr = codeform("apply", prog, "--out", out)
    assert code == 0 and "applied no stage of run 'desk_lamp': its geometry stage has no current version" in stdout
    code, stdout, _ = codeform("stages", out)
    assert "material     v1/1    not applied (an earlier stage has no version)" in stdout
    assert [s["applied"] for s in json.loads(codeform("stages", out, "--json")[1])["stages"]] == [False] * 4


def test_a_reader_that_stops_early_is_not_an_internal_error(lamp_copy):
    out = lamp_copy
    proc = subprocess.Popen([sys.executable, "-m", "codeform", "stages", out, "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=os.environ.copy())
    proc.stdout.close()  # like `| head -0`: the write meets a closed pipe
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 141 and b"internal error" not in stderr and b"Traceback" not in stderr


def test_paid_work_that_cannot_be_written_is_rescued(tmp_path, empty_scene, monkeypatch):
    """reconstruct and edit pay for model calls: when --out cannot be written the result
    goes to the temporary folder and the error says where, instead of being lost."""
    from codeform.commands import blendfile
    from codeform.pipeline.errors import ProgramError
    real = blendfile._write_copy

    def full_disk_under_tmp_path(path):
        real(path)
        if tmp_path in path.parents:
            path.write_bytes(path.read_bytes()[:1000])

    monkeypatch.setattr(blendfile, "_write_copy", full_disk_under_tmp_path)
    with pytest.raises(ProgramError, match=r"incomplete .*; the result was saved to (\S+) instead") as err:
        blendfile.save_paid_work(tmp_path / "chair.blend")
    rescued = Path(str(err.value).rsplit("saved to ", 1)[1].split(" instead")[0])
    try:
        assert rescued.is_file() and blendfile.blend_is_complete(rescued)
        assert not (tmp_path / "chair.blend").exists()
    finally:
        rescued.unlink(missing_ok=True)
