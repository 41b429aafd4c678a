"""What a worker process gives up before it imports Blender: the network, the caller's
environment, unbounded memory and core dumps. bpy-free; Linux-specific parts degrade to a
note on other systems.

Network: an unprivileged user + network namespace (``unshare(CLONE_NEWUSER|CLONE_NEWNET)``,
the same as ``unshare -rn``): the process sees only a loopback interface that is down. Some
kernels forbid unprivileged user namespaces (Debian with the sysctl off, Ubuntu's AppArmor
restriction); then the worker runs with the network and says so in its hello.
"""
from __future__ import annotations

import ctypes
import os
import re
import sys

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

# Only these variables reach a worker (plus its own HOME, TMPDIR and Blender folders); names
# that look like secrets are dropped even from this list.
_PASS = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH", "PYTHONHOME",
         "LD_LIBRARY_PATH", "SYSTEMROOT", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
         "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
_SECRET = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|COOKIE|SESSION", re.IGNORECASE)


def worker_environment(scratch: str, source: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a worker rooted at `scratch`: no inherited secrets, a scratch
    HOME, temp and Blender user folder."""
    source = dict(os.environ if source is None else source)
    env = {k: v for k, v in source.items() if k in _PASS and not _SECRET.search(k)}
    for var, sub in (("HOME", "home"), ("TMPDIR", "tmp"), ("BLENDER_USER_RESOURCES", "blender"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        path = os.path.join(scratch, sub)
        os.makedirs(path, exist_ok=True)
        env[var] = path
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def drop_network() -> str:
    """Enter a fresh network namespace. Returns "isolated" or why not. Call while the
    process has a single thread (before importing bpy)."""
    if not sys.platform.startswith("linux"):
        return f"unavailable on {sys.platform}"
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            return f"unavailable: unshare failed ({os.strerror(err)}); unprivileged user namespaces are off"
    except (OSError, AttributeError) as exc:
        return f"unavailable: {exc}"
    return "isolated"


def limit_resources(memory_mb: int, max_file_mb: int = 2048) -> str:
    """Hard backstops inside the worker (the pool also watches its resident memory): the
    data segment, file sizes, no core dumps."""
    try:
        import resource
    except ImportError:
        return "unavailable"
    notes = []
    for name, value in (("RLIMIT_CORE", 0), ("RLIMIT_FSIZE", max_file_mb << 20),
                        # Blender's own baseline after a render is ~0.5 GB of data segment.
                        ("RLIMIT_DATA", (memory_mb + 768) << 20)):
        limit = getattr(resource, name, None)
        if limit is None:
            continue
        try:
            soft, hard = resource.getrlimit(limit)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(limit, (value, hard))
            notes.append(name)
        except (ValueError, OSError):
            pass
    return ", ".join(notes) or "unavailable"
