"""The installable zip: built with Blender's tool, installed the way Blender installs it.

The install runs in a Python that sees only bpy and numpy (`python -S`), so the provider
SDKs, requests and pillow it imports can only come from the wheels bundled in the zip.
"""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

INSTALL = r'''
import sys
import bpy
try:
    import openai
    sys.exit("openai was importable before the install: the check would prove nothing")
except ImportError:
    pass
result = bpy.ops.extensions.package_install_files(filepath=sys.argv[1], repo="user_default", enable_on_install=True)
assert result == {"FINISHED"}, result
mod = "bl_ext.user_default.codeform"
assert mod in bpy.context.preferences.addons, "not enabled"
assert type(bpy.context.preferences.addons[mod].preferences).bl_idname == mod
import openai, anthropic, PIL, requests
for m in (openai, anthropic, PIL, requests):
    assert "/extensions/.local/" in m.__file__, m.__file__
assert hasattr(bpy.types, "CODEFORM_OT_stage_undo")
print("IMPORTED", openai.__version__, anthropic.__version__, PIL.__version__)
'''


@pytest.fixture(scope="module")
def extension_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_extension.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    zips = list(out.glob("codeform-*.zip"))
    assert len(zips) == 1
    return zips[0]


@pytest.mark.slow
def test_zip_holds_the_extension_and_wheels_but_no_dev_files(extension_zip):
    names = zipfile.ZipFile(extension_zip).namelist()
    assert "blender_manifest.toml" in names and "__init__.py" in names
    assert not [n for n in names if n.startswith(("tests/", ".ci/", "tools/", "bench/", ".venv/")) or "__pycache__" in n]
    wheels = [n for n in names if n.startswith("wheels/")]
    for package in ("openai", "anthropic", "requests", "pillow", "pydantic_core"):
        assert any(w.split("/")[1].lower().startswith(package) for w in wheels), package
    assert any("cp311" in w for w in wheels) and any("cp313" in w for w in wheels)
    assert not any(w.split("/")[1].startswith(("numpy", "torch", "chromadb", "sentence_transformers")) for w in wheels)


@pytest.mark.slow
def test_zip_installs_and_imports_bundled_sdks(extension_zip, tmp_path):
    isolated = tmp_path / "site"
    isolated.mkdir()
    import numpy
    site = Path(numpy.__file__).parent.parent
    for name in ("bpy", "numpy", "numpy.libs"):
        if (site / name).exists():
            (isolated / name).symlink_to(site / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONPATH=str(isolated), BLENDER_USER_RESOURCES=str(tmp_path / "user"),
               HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    script = tmp_path / "install.py"
    script.write_text(INSTALL)
    proc = subprocess.run([sys.executable, "-S", str(script), str(extension_zip)], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "IMPORTED" in proc.stdout
