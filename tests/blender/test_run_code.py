"""`codeform run-code` over both sandbox corpora, through one warm worker pool.

Every hostile snippet must be refused or contained — with no file written outside the
output paths and the artist's data in the output identical to the input — and every
legitimate snippet must run unchanged. The snippets run concurrently through a pool of two
workers (one session fixture); each test then checks one snippet's outcome and output.
A handful of true CLI subprocess runs check the exit codes and the one-line stderr.
"""
import concurrent.futures
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bpy

from codeform.commands.run_code import execute
from codeform.pipeline.errors import CodeFormError
from codeform.worker import WorkerPool
from sandbox_corpus import load

EXIT = {"ok": 0, "contained": 0, "policy": 3, "refused": 3, "raised": 4, "crash": 4, "limit": 5}
TIMEOUT_S = 2.5  # legitimate snippets take ~0.1 s in a warm worker; room for a loaded machine


SNIPPETS = load("hostile") + load("legit")


def build_artist_file(path: Path) -> None:
    """The artist's own work, which no snippet may change."""
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    mesh = bpy.data.meshes.new("ArtistMesh")
    mesh.from_pydata([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0.5)], [], [(0, 1, 2, 3)])
    obj = bpy.data.objects.new("ArtistObject", mesh)
    mat = bpy.data.materials.new("ArtistMaterial")
    mat.diffuse_color = (0.2, 0.4, 0.6, 1.0)
    mesh.materials.append(mat)
    obj["artist_note"] = "mine"
    coll = bpy.data.collections.new("ArtistCollection")
    scene.collection.children.link(coll)
    coll.objects.link(obj)
    light = bpy.data.objects.new("ArtistLight", bpy.data.lights.new("ArtistLight", "POINT"))
    light.location = (2, 2, 3)
    scene.collection.objects.link(light)
    cam = bpy.data.objects.new("ArtistCamera", bpy.data.cameras.new("ArtistCamera"))
    cam.location = (5, -5, 4)
    coll.objects.link(cam)
    scene.camera = cam
    world = bpy.data.worlds.new("ArtistWorld")
    world.color = (0.3, 0.2, 0.1)
    scene.world = world
    bpy.data.texts.new("Notes").from_string("the artist's notes\n")
    bpy.ops.wm.save_as_mainfile(filepath=str(path))


def _mesh_digest(mesh):
    co = [0.0] * (3 * len(mesh.vertices))
    mesh.vertices.foreach_get("co", co)
    return (len(mesh.vertices), len(mesh.polygons), hashlib.sha256(repr(co).encode()).hexdigest(),
            [m.name if m else None for m in mesh.materials])


def artist_fingerprint(names=None):
    """What the artist owns, in the open file: every ID named in `names` (default: all)."""
    out = {}
    for attr in ("objects", "meshes", "materials", "collections", "texts", "lights", "cameras", "worlds", "scenes"):
        for idb in getattr(bpy.data, attr):
            if names is not None and (attr, idb.name) not in names:
                continue
            rec = {"props": sorted(k for k in idb.keys())}
            if attr == "objects":
                rec.update(matrix=[list(r) for r in idb.matrix_basis], parent=idb.parent and idb.parent.name,
                           data=idb.data and idb.data.name, modifiers=[m.type for m in idb.modifiers],
                           constraints=[c.type for c in idb.constraints], hidden=idb.hide_get(),
                           hide_render=idb.hide_render, collections=sorted(c.name for c in idb.users_collection),
                           slots=[s.material and s.material.name for s in idb.material_slots])
            elif attr == "meshes":
                rec["mesh"] = _mesh_digest(idb)
            elif attr == "materials":
                rec.update(color=list(idb.diffuse_color), nodes=sorted(n.name for n in idb.node_tree.nodes)
                           if idb.node_tree else None)
            elif attr == "collections":
                rec.update(objects=sorted(o.name for o in idb.objects), children=sorted(c.name for c in idb.children))
            elif attr == "texts":
                rec["text"] = idb.as_string()
            elif attr == "lights":
                rec.update(type=idb.type, energy=idb.energy, color=list(idb.color))
            elif attr == "cameras":
                rec.update(lens=idb.lens, type=idb.type)
            elif attr == "worlds":
                rec.update(color=list(idb.color), nodes=len(idb.node_tree.nodes) if idb.node_tree else 0)
            elif attr == "scenes":
                # Render, camera and world settings are the run's to set (a stage undo puts
                # them back); what the artist built into the scene stays.
                rec.update(master_objects=sorted(o.name for o in idb.collection.objects),
                           children=sorted(c.name for c in idb.collection.children
                                           if not c.name.startswith("CodeForm/")))
            out[(attr, idb.name)] = rec
    return out


@pytest.fixture(scope="session")
def artist(tmp_path_factory):
    path = tmp_path_factory.mktemp("artist") / "artist.blend"
    build_artist_file(path)
    baseline = artist_fingerprint()
    return path, baseline, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def corpus_runs(artist, tmp_path_factory):
    """Every snippet, run through `codeform run-code`'s gates by one warm pool of two
    workers; {id: (exit code, message, out path, canary folder)}."""
    blend, _, _ = artist
    base = tmp_path_factory.mktemp("runs")

    def one(snippet):
        name, expect, code = snippet
        folder = base / name
        canary = folder / "canary"
        canary.mkdir(parents=True)
        out = folder / "out.blend"
        try:
            execute(code.replace("{canary}", str(canary)), name="snippet", blend=str(blend), out=str(out),
                    timeout=TIMEOUT_S, pool=pool)
            return name, (0, "", out, folder)
        except CodeFormError as exc:
            return name, (exc.exit_code, str(exc), out, folder)

    with WorkerPool(size=2, timeout_s=TIMEOUT_S, warm_up=False) as pool:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as threads:
            results = dict(threads.map(one, SNIPPETS))
    return results


@pytest.mark.parametrize("name, expect, code", SNIPPETS, ids=[s[0] for s in SNIPPETS])
def test_snippet(corpus_runs, artist, name, expect, code):
    blend, baseline, blend_hash = artist
    exit_code, message, out, folder = corpus_runs[name]
    assert exit_code == EXIT[expect], f"{name}: expected {expect}, got exit {exit_code}: {message}"
    assert "\n" not in message and "Traceback" not in message
    if exit_code:
        assert re.search(r"\S", message)
    assert hashlib.sha256(blend.read_bytes()).hexdigest() == blend_hash, "the input .blend was written"
    assert not any((folder / "canary").iterdir()), "a file appeared outside the output paths"
    written = sorted(p.name for p in folder.iterdir() if p.name != "canary")
    assert written == (["out.blend"] if exit_code == 0 else []), written
    if exit_code == 0:
        bpy.ops.wm.open_mainfile(filepath=str(out), load_ui=False, use_scripts=False)
        assert artist_fingerprint(set(baseline)) == baseline, "the artist's data changed"


def test_results_say_why(corpus_runs):
    assert corpus_runs["import-os"][1] == "line 1: import of 'os' is not allowed; use bpy, bmesh, mathutils, math, random"
    assert "took longer than 2.5 s" in corpus_runs["endless-loop"][1]
    # C-level loops the in-worker deadline cannot see end when the worker is killed; the
    # message names the code's limit, not the kill deadline with its allowances.
    assert corpus_runs["computed-power-bomb"][1] == "took longer than 2.5 s and was stopped"
    assert "ran out of memory" in corpus_runs["computed-string-bomb"][1]
    assert "subdivision levels" in corpus_runs["subdivision-bomb"][1]
    assert "belongs to the artist" in corpus_runs["rename-artist-object"][1]
    assert "crashed" in corpus_runs["crash-nested-tuple-hash"][1]
    assert "index 100000000 is outside mesh 'bad'" in corpus_runs["crash-bad-loop-index"][1]


def codeform(*args, cwd=None, env=None):
    proc = subprocess.run([sys.executable, "-m", "codeform", "run-code", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env or os.environ.copy(), timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def one_line(stderr):
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_cli_runs_a_script_onto_a_file_and_renders(artist, tmp_path):
    blend, baseline, blend_hash = artist
    script = tmp_path / "lamp.py"
    script.write_text("import bpy\nbpy.ops.object.select_all(action='SELECT')\nbpy.ops.object.delete()\n"
                      "bpy.ops.mesh.primitive_cone_add(location=(0, 0, 1))\n")
    out, png = tmp_path / "out.blend", tmp_path / "out.png"
    code, stdout, stderr = codeform(script, "--blend", blend, "--out", out, "--render", png)
    assert code == 0, stderr
    assert stdout.startswith("ran lamp.py: 1 objects") and out.is_file()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert hashlib.sha256(blend.read_bytes()).hexdigest() == blend_hash
    bpy.ops.wm.open_mainfile(filepath=str(out), load_ui=False, use_scripts=False)
    assert artist_fingerprint(set(baseline)) == baseline
    assert [o.name for o in bpy.data.collections["CodeForm/lamp"].objects] == ["Cone"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lamp.py", "out.blend", "out.png"]


@pytest.mark.parametrize("body, exit_code, text", [
    ("import os\n", 3, "line 1: import of 'os' is not allowed"),
    ("import bpy\nx = [1][3]\n", 4, "line 2: IndexError: list index out of range"),
    ("while True:\n    pass\n", 5, "took longer than 1 s"),
    ("def f(:\n", 4, "line 1: SyntaxError"),
])
def test_cli_exit_codes_and_one_line(tmp_path, body, exit_code, text):
    script = tmp_path / "s.py"
    script.write_text(body)
    code, stdout, stderr = codeform(script, "--out", tmp_path / "o.blend", "--timeout", "1")
    assert code == exit_code and text in one_line(stderr)
    assert not (tmp_path / "o.blend").exists()


@pytest.mark.parametrize("args, text", [
    (("missing.py",), "no such script"),
    (("s.py", "--blend", "nope.blend"), "no such .blend file"),
    (("s.py", "--blend", "s.py"), "is not a .blend file"),
    (("s.py", "--blend", "fake.blend"), "cannot open"),  # the header is right, the rest is not
    (("s.py", "--out", "x.txt"), "must end in .blend"),
    (("s.py", "--render", "x.jpg"), "must end in .png"),
])
def test_cli_bad_input_is_exit_2(tmp_path, args, text):
    (tmp_path / "s.py").write_text("import bpy\n")
    (tmp_path / "fake.blend").write_bytes(b"BLENDER-v500REND" + b"\0" * 64)
    code, _, stderr = codeform(*args, cwd=tmp_path)
    assert code == 2 and text in one_line(stderr)


def test_cli_never_writes_the_input(artist, tmp_path):
    blend, _, blend_hash = artist
    script = tmp_path / "s.py"
    script.write_text("import bpy\n")
    code, _, stderr = codeform(script, "--blend", blend, "--out", blend)
    assert code == 2 and "--out must differ from the input" in one_line(stderr)
    assert hashlib.sha256(blend.read_bytes()).hexdigest() == blend_hash
