"""Silence Blender's C-level prints ("Saved copy as", render progress) around a call."""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """Send file descriptor 1 to /dev/null for the duration; Python's sys.stdout too."""
    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ else 1
        sys.stdout.flush()
        saved = os.dup(fd)
    except (OSError, ValueError, AttributeError):
        yield  # no real stdout (e.g. captured by a test runner): nothing to silence
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
            yield
    finally:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
        os.dup2(saved, fd)
        os.close(saved)
