"""Sidebar operators on real bpy, through their blocking paths (background mode)."""
import importlib
import zipfile

import bpy
import pytest

from bpytest import MODULE

PNG = None


def _png(path):
    image = bpy.data.images.new("tmp-ref", 8, 8)
    image.filepath_raw = str(path)
    image.file_format = "PNG"
    image.save()
    bpy.data.images.remove(image)
    return path


@pytest.fixture
def online():
    system = bpy.context.preferences.system
    before = system.use_online_access
    system.use_online_access = True
    yield
    system.use_online_access = before


def test_reference_from_a_file_an_empty_and_the_explanations(extension, tmp_path):
    path = _png(tmp_path / "ref.png")
    settings = bpy.context.scene.codeform
    assert bpy.ops.codeform.reference_open(filepath=str(path)) == {"FINISHED"}
    assert settings.reference.name == "ref.png"
    ref = importlib.import_module(MODULE + ".operators.reference")
    data, name = ref.reference_bytes(settings.reference)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and name == "ref.png"
    with pytest.raises(RuntimeError, match="No image file"):
        bpy.ops.codeform.reference_open(filepath=str(tmp_path / "missing.png"))
    assert settings.reference.name == "ref.png"  # bad input loses nothing

    # No Image Editor headless, and no image empty yet: both say why.
    with pytest.raises(RuntimeError, match="No Image Editor"):
        bpy.ops.codeform.reference_from_editor()
    with pytest.raises(RuntimeError, match="no image empty"):
        bpy.ops.codeform.reference_from_empty()
    other = bpy.data.images.new("painted", 4, 4)
    other.pack()
    empty = bpy.data.objects.new("Ref", None)
    empty.empty_display_type = "IMAGE"
    empty.data = other
    bpy.context.scene.collection.objects.link(empty)
    assert bpy.ops.codeform.reference_from_empty(object="Ref") == {"FINISHED"}
    assert settings.reference.name == "painted"
    assert ref.reference_bytes(settings.reference)[0]  # packed data is the snapshot
    assert bpy.ops.codeform.reference_clear() == {"FINISHED"} and settings.reference is None


def test_reconstruct_and_edit_explain_why_they_are_disabled(extension):
    engine = importlib.import_module(MODULE + ".operators.engine")
    with pytest.raises(RuntimeError) as exc:
        bpy.ops.codeform.reconstruct()
    # The default provider is remote and background Blender starts with online access
    # off: that is the first reason the artist must hear, before a missing key.
    needs = "Online access is off" if not bpy.app.online_access else "No API key"
    reason = "This build of CodeForm does not include" if engine.missing("pipeline") else needs
    assert reason in str(exc.value)
    with pytest.raises(RuntimeError) as exc:
        bpy.ops.codeform.apply_edit()
    assert (engine.missing("edit") or needs) in str(exc.value)
    with pytest.raises(RuntimeError, match="Nothing is running"):
        bpy.ops.codeform.cancel_job()


def test_a_blender_without_numpy_is_told_what_to_install(extension, monkeypatch):
    engine = importlib.import_module(MODULE + ".operators.engine")
    real = engine.module

    def module(name):
        if name == "pipeline.engine":   # as in Debian's Blender 4.3 without python3-numpy
            raise ModuleNotFoundError("No module named 'numpy'", name="numpy")
        return real(name)
    monkeypatch.setattr(engine, "module", module)
    engine.reset()
    try:
        assert engine.missing("pipeline") == ("The reconstruction pipeline needs the Python package numpy, which "
                                              "this Blender lacks (distribution builds: install python3-numpy)")
        assert engine.missing("vlm") is None
    finally:
        engine.reset()


def test_test_connection_and_refresh_models_against_the_fake_server(extension, online):
    fakevlm = pytest.importorskip("fakevlm")
    prefs = bpy.context.preferences.addons[MODULE].preferences
    with fakevlm.FakeVLM("OK", models=["fake-a", "fake-b"], idle_timeout_s=30) as fake:
        prefs.provider, prefs.base_url, prefs.model = "openai-compatible", fake.openai_base_url, "fake-a"
        prefs.api_key = "sk-test-SECRET-abcdefgh"
        assert bpy.ops.codeform.test_connection() == {"FINISHED"}
        status = bpy.context.window_manager.codeform.status
        assert "Connected" in status and "SECRET" not in status
        assert len(fake.requests) == 1
        assert bpy.ops.codeform.refresh_models() == {"FINISHED"}
        assert [m.name for m in prefs.models] == ["fake-a", "fake-b"]
        fake.script(fakevlm.status(401, message="bad key sk-test-SECRET-abcdefgh"))
        with pytest.raises(RuntimeError) as exc:
            bpy.ops.codeform.test_connection()
        assert "SECRET" not in str(exc.value)
        assert bpy.context.window_manager.codeform.job.fix == "preferences"
    prefs.api_key = prefs.base_url = prefs.model = ""
    prefs.provider = "openai"


def test_remote_providers_need_online_access_loopback_does_not(extension):
    prefs = bpy.context.preferences.addons[MODULE].preferences
    assert not bpy.app.online_access
    prefs.provider, prefs.api_key = "openai", "sk-test-0123456789"
    with pytest.raises(RuntimeError, match="Preferences > System > Network"):
        bpy.ops.codeform.test_connection()
    provider = importlib.import_module(MODULE + ".operators.provider")
    prefs.provider, prefs.base_url = "openai-compatible", "http://127.0.0.1:9/v1"
    assert provider.online_blocked(prefs) is None
    prefs.base_url = "https://api.example.invalid/v1"
    assert "Network" in provider.online_blocked(prefs)
    prefs.provider, prefs.api_key, prefs.base_url = "openai", "", ""


def _tiny_wheel(folder):
    wheel = folder / "cftiny-0.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("cftiny/__init__.py", "VALUE = 42\n")
        z.writestr("cftiny-0.1.dist-info/METADATA", "Metadata-Version: 2.1\nName: cftiny\nVersion: 0.1\n")
        z.writestr("cftiny-0.1.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        z.writestr("cftiny-0.1.dist-info/RECORD", "")
    return folder


def test_install_dense_is_a_job_that_pip_installs_into_the_extension_folder(extension, tmp_path):
    with pytest.raises(RuntimeError, match="Preferences > System > Network"):
        bpy.ops.codeform.install_dense()
    bpy.context.preferences.system.use_online_access = True
    try:
        wheels = _tiny_wheel(tmp_path)
        prefs_mod = importlib.import_module(MODULE + ".preferences")
        assert bpy.ops.codeform.install_dense(find_links=str(wheels), packages="cftiny==0.1",
                                              dry_run=True) == {"FINISHED"}
        target = prefs_mod.site_packages()
        assert target is None or not list(__import__("pathlib").Path(target).glob("cftiny*"))
        assert bpy.ops.codeform.install_dense(find_links=str(wheels), packages="cftiny==0.1") == {"FINISHED"}
        assert prefs_mod.site_packages() in __import__("sys").path
        assert importlib.import_module("cftiny").VALUE == 42
        p = bpy.context.window_manager.codeform.job
        assert p.state == "done" and p.fraction == 1.0
        with pytest.raises(RuntimeError, match="pip failed"):
            bpy.ops.codeform.install_dense(find_links=str(wheels), packages="cfmissing==9")
    finally:
        bpy.context.preferences.system.use_online_access = False
        __import__("sys").modules.pop("cftiny", None)


def test_dense_requirements_match_the_lock_file(repo_root):
    from codeform.jobs.pip_install import dense_requirements
    lock = {line.strip() for line in (repo_root / "requirements.lock").read_text().splitlines()}
    for pin in dense_requirements():
        assert pin in lock, f"{pin} is not pinned the same in requirements.lock"


def test_sidebar_state_is_parsed_once_per_change(extension):
    from codeform.pipeline.program import SceneProgram
    from codeform.scene import runs
    state = importlib.import_module(MODULE + ".panels.state")
    program = SceneProgram.from_sources("cache", {}, {
        "geometry": "import bpy\n\ndef build_box(ctx):\n    bpy.ops.mesh.primitive_cube_add()\n"})
    program.set_stage_code("geometry", "import bpy\n\ndef build_box(ctx):\n    bpy.ops.mesh.primitive_cone_add()\n")
    runs.install(program)
    first = state.run_view("cache")
    assert first is state.run_view("cache")  # no change, no parse
    assert first.stages["geometry"].current == 1 and first.stages["geometry"].can_undo
    assert bpy.ops.codeform.stage_undo(run="cache", stage="geometry") == {"FINISHED"}
    after = state.run_view("cache")
    assert after is not first and after.stages["geometry"].current == 0
    # A hand edit of the stage text shows as "edited" without reparsing the program.
    runs.redo("cache", "geometry")
    bpy.data.texts["CodeForm/cache/geometry.py"].write("\n# tweak\n")
    assert state.edited(state.run_view("cache"), "geometry")
    assert bpy.ops.codeform.select_run(run="cache") == {"FINISHED"}
    assert bpy.context.scene.codeform_run == "cache"
    with pytest.raises(RuntimeError, match="no CodeForm run named"):
        bpy.ops.codeform.select_run(run="nope")


def test_build_index_is_a_job_and_the_panel_status_follows(extension):
    index_ops = importlib.import_module(MODULE + ".operators.index")
    engine = importlib.import_module(MODULE + ".operators.engine")
    if engine.missing("index"):
        with pytest.raises(RuntimeError, match="retrieval index"):
            bpy.ops.codeform.build_index()
        return
    assert bpy.ops.codeform.build_index(limit=40, use_dense=False) == {"FINISHED"}
    assert "40 chunks, BM25 only" in bpy.context.window_manager.codeform.status
    rows = {label: value for label, value, _ in index_ops.cached_status().rows()}
    assert rows["Chunks"] == "40" and rows["Retrieval"] == "BM25 only"
    assert rows["Blender"] == bpy.app.version_string
