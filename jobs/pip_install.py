"""Install Python packages into a folder with pip, as a job (bpy-free).

Used by "Install dense retrieval" in the preferences: the heavy optional stack goes into the
extension's own user directory, never into Blender's or the system's site-packages. pip runs
as a child process of Blender's own Python; its output drives the progress bar, and cancel
terminates it.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from ..pipeline.errors import CodeFormError
from .runner import JobCancelled, JobContext

DENSE_REQUIREMENTS = Path(__file__).with_name("dense-requirements.txt")
_COLLECTING = re.compile(r"^\s*(?:Collecting|Would install|Downloading|Processing|Using cached)\s+(\S+)")


def dense_requirements() -> list[str]:
    return [line.split("#", 1)[0].strip() for line in DENSE_REQUIREMENTS.read_text().splitlines()
            if line.split("#", 1)[0].strip()]


def pip_command(target: str, requirements: list[str], python: str | None = None, dry_run: bool = False,
                find_links: str | None = None) -> list[str]:
    """The pip command line; `find_links` installs offline from a folder of wheels."""
    cmd = [python or sys.executable, "-m", "pip", "install", "--disable-pip-version-check",
           "--no-input", "--progress-bar", "off", "--upgrade", "--target", target]
    if dry_run:
        cmd.append("--dry-run")
    if find_links:
        cmd += ["--no-index", "--find-links", find_links]
    return cmd + list(requirements)


def pip_available(python: str | None = None) -> bool:
    try:
        return subprocess.run([python or sys.executable, "-m", "pip", "--version"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def run_pip(ctx: JobContext, cmd: list[str]) -> str:
    """Run `cmd`, turning its output into progress; returns pip's last line. Raises
    CodeFormError with pip's own last error line when it fails."""
    wanted = max(1, len([a for a in cmd[cmd.index("--target") + 2:] if not a.startswith("-")]))
    env = dict(os.environ, PYTHONNOUSERSITE="1", PIP_NO_INPUT="1")
    ctx.progress(message="Starting pip", fraction=0.0)
    seen: list[str] = []
    tail: list[str] = []
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            bufsize=1)

    def stop_on_cancel() -> None:  # pip may be silent for minutes while it downloads
        while proc.poll() is None:
            if ctx.cancel.wait(0.2):
                proc.terminate()
                return

    threading.Thread(target=stop_on_cancel, name="codeform-pip-cancel", daemon=True).start()
    try:
        for line in proc.stdout:
            if ctx.cancel.is_set():
                raise JobCancelled()
            line = line.rstrip()
            if not line:
                continue
            tail = (tail + [line])[-20:]
            match = _COLLECTING.match(line)
            if match and match.group(1) not in seen:
                seen.append(match.group(1))
                # the wanted packages pull in others: creep towards 90% until pip installs
                fraction = min(0.9, 0.9 * len(seen) / (len(seen) + wanted))
                ctx.progress(message=f"{line.split()[0]} {match.group(1)}", fraction=fraction)
            elif line.startswith(("Installing collected packages", "Would install")):
                ctx.progress(message="Installing…" if line.startswith("Installing") else line[:120],
                             fraction=0.95)
        code = proc.wait()
        if ctx.cancel.is_set():
            raise JobCancelled()
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
    if code != 0:
        errors = [t for t in tail if "ERROR" in t] or tail[-1:] or [f"exit code {code}"]
        raise CodeFormError(f"pip failed: {errors[-1].replace('ERROR: ', '')[:200]}")
    ctx.progress(message="Installed", fraction=1.0)
    return tail[-1] if tail else "pip: nothing to do"
