"""Tier 2: the real bpy module, with the extension installed the way Blender installs it."""
import pytest

bpy = pytest.importorskip("bpy")  # installed by `make test`; absent only in a bare checkout

from bpytest import MODULE, disable_extension, enable_extension, install_repo  # noqa: E402


@pytest.fixture
def empty_scene():
    """A factory-empty file. Factory settings disable add-ons; tests that need the
    extension take the `extension` fixture too."""
    bpy.ops.wm.read_factory_settings(use_empty=True)
    yield bpy.context.scene


@pytest.fixture
def extension(sandbox_dir, empty_scene):
    install_repo(sandbox_dir)  # factory settings forget extension repositories too
    name = enable_extension()
    yield name
    if name in bpy.context.preferences.addons:
        disable_extension()
