"""Test isolation: nothing a test does may write into the real $HOME.

These variables are set before anything imports bpy (pytest loads this file first), so
Blender's user resources, caches and config land in a temporary folder.
"""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SANDBOX = Path(tempfile.mkdtemp(prefix="codeform-tests-"))
for var, sub in (("BLENDER_USER_RESOURCES", "blender"), ("XDG_CACHE_HOME", "cache"),
                 ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("HOME", "home")):
    os.environ[var] = str(_SANDBOX / sub)
    (_SANDBOX / sub).mkdir(parents=True, exist_ok=True)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
for secret in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "CODEFORM_API_KEY"):
    os.environ.pop(secret, None)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def sandbox_dir() -> Path:
    return _SANDBOX


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
