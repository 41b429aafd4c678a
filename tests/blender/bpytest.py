"""Helpers for tier-2 tests: install and enable the extension as Blender does."""
from pathlib import Path

import bpy
import addon_utils

ROOT = Path(__file__).resolve().parents[2]
REPO = "cftest"
MODULE = f"bl_ext.{REPO}.codeform"


def install_repo(sandbox_dir: Path) -> Path:
    """A local extension repository whose `codeform` entry is this checkout."""
    repo_dir = sandbox_dir / "ext-repo"
    repo_dir.mkdir(exist_ok=True)
    link = repo_dir / "codeform"
    if not link.exists():
        link.symlink_to(ROOT, target_is_directory=True)
    repos = bpy.context.preferences.extensions.repos
    if REPO not in [r.module for r in repos]:
        repos.new(name=REPO, module=REPO, custom_directory=str(repo_dir))
    return repo_dir


def enable_extension() -> str:
    addon_utils.enable(MODULE, default_set=True, handle_error=_raise)
    return MODULE


def disable_extension() -> None:
    addon_utils.disable(MODULE, default_set=True, handle_error=_raise)


def _raise(exc):
    raise exc
