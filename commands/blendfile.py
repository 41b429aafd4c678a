"""Opening and writing .blend files for the CLI: never half-written, never over the input."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..pipeline.errors import ProgramError
from ..scene.quiet import quiet_stdout


def open_blend(path: str | None) -> None:
    """Load `path`, or an empty scene when None. Scripts inside the file never run."""
    import bpy
    if path is None:
        bpy.ops.wm.read_factory_settings(use_empty=True)
        return
    p = Path(path)
    if p.is_dir():
        raise ProgramError(f"{p} is a folder, not a .blend file")
    if not p.is_file():
        raise ProgramError(f"no such .blend file: {p}")
    with open(p, "rb") as fh:
        magic = fh.read(7)
    if magic != b"BLENDER" and magic[:2] not in (b"\x1f\x8b", b"\x28\xb5"):  # plain, gzip, zstd
        raise ProgramError(f"{p} is not a .blend file")
    try:
        with quiet_stdout():
            bpy.ops.wm.open_mainfile(filepath=str(p.resolve()), load_ui=False, use_scripts=False)
    except RuntimeError as exc:
        raise ProgramError(f"cannot open {p}: {' '.join(str(exc).split())[:200]}") from None


def check_output(path: str, *, not_same_as: str | None = None) -> Path:
    out = Path(path)
    if out.suffix.lower() != ".blend":
        raise ProgramError(f"output {out} must end in .blend")
    try:
        return _check_output(out, not_same_as)
    except OSError as exc:  # a name too long for the file system, a parent that is a file...
        raise ProgramError(f"cannot write {out}: {exc.strerror or exc}") from None


def _check_output(out: Path, not_same_as: str | None) -> Path:
    for parent in out.absolute().parents:  # found now, not after the work is done
        if parent.exists():
            if not parent.is_dir():
                raise ProgramError(f"cannot write {out}: {parent} is a file, not a folder")
            break
    if out.is_dir():
        raise ProgramError(f"output {out} is a folder")
    if not_same_as and Path(not_same_as).resolve() == out.resolve():
        raise ProgramError("--out must differ from the input .blend; the input is never written")
    if out.is_file() and (not out.stat().st_mode & 0o222 or not os.access(out, os.W_OK)):
        raise ProgramError(f"{out} is read-only; make it writable or write elsewhere with --out")
    return out


def check_report_dir(path: str | None) -> Path | None:
    """Make sure --report can be written before any model call is paid for."""
    if not path:
        return None
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ProgramError(f"--report {folder} is a file; name a folder for the report")
    if folder.is_dir() and any(folder.iterdir()) and not _is_report(folder):
        # A report writes reference.png, summary.png, index.html...: `--report .` beside the
        # photo would replace the photo with the 768 px copy the model saw.
        raise ProgramError(f"--report {folder} holds other files; name a new or empty folder, "
                           f"or one with an earlier CodeForm report")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProgramError(f"cannot create the report folder {folder}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK):
        raise ProgramError(f"cannot write into the report folder {folder}")
    return folder


def _is_report(folder: Path) -> bool:
    try:
        with open(folder / "index.html", "rb") as fh:
            return b"<title>CodeForm" in fh.read(300)
    except OSError:
        return False


def save_blend(out: str | Path) -> Path:
    """Write the current file to `out` atomically: a temporary file, then a rename.

    Blender reports FINISHED even when the disk fills mid-write (it leaves a truncated
    file), so the temporary file is checked to be a complete .blend before it replaces
    anything; the old `out` keeps its permission bits.
    """
    out = Path(out).resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProgramError(f"cannot create the folder of {out}: {exc.strerror or exc}") from None
    tmp = out.with_name(f".{out.stem}.{os.getpid()}.tmp.blend")
    try:
        try:
            _write_copy(tmp)
        except RuntimeError as exc:
            raise ProgramError(f"cannot write {out}: {' '.join(str(exc).split())[:200]}") from None
        if not tmp.is_file():
            raise ProgramError(f"Blender did not write {out}")
        if not blend_is_complete(tmp):
            raise ProgramError(f"cannot write {out}: the file came out incomplete (is the disk full?); "
                               f"{'the old file is unchanged' if out.exists() else 'nothing was written'}")
        if out.is_file():
            shutil.copymode(out, tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise ProgramError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        for leftover in (tmp, Path(str(tmp) + "1"), Path(str(tmp) + "@")):
            try:
                leftover.unlink()
            except OSError:
                pass
    return out


def save_paid_work(out: str | Path) -> Path:
    """save_blend for work the model calls paid for (reconstruct, edit): when `out` cannot
    be written (a full disk, a folder gone read-only), the result goes to the temporary
    folder instead and the one-line error says where."""
    try:
        return save_blend(out)
    except ProgramError as exc:
        import tempfile
        rescue = Path(tempfile.gettempdir()) / f"codeform-rescued-{Path(out).stem}-{os.getpid()}.blend"
        try:
            save_blend(rescue)
        except ProgramError:
            raise exc from None
        raise ProgramError(f"{exc}; the result was saved to {rescue} instead") from None


def _write_copy(path: Path) -> None:
    import bpy
    with quiet_stdout():
        bpy.ops.wm.save_as_mainfile(filepath=str(path), copy=True, check_existing=False)


# The zstd seekable format Blender writes ends with this magic (0x8F92EAB1, little-endian).
_ZSTD_SEEKABLE_MAGIC = b"\xb1\xea\x92\x8f"


def blend_is_complete(path: Path) -> bool:
    """Whether `path` holds a whole .blend: its last block (ENDB, or for a compressed file
    the zstd seek table) is there. A write cut short by a full disk misses it."""
    with open(path, "rb") as fh:
        head = fh.read(7)
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 64))
        tail = fh.read()
    if head == b"BLENDER":
        return b"ENDB" in tail
    if head[:4] == b"\x28\xb5\x2f\xfd":
        return tail.endswith(_ZSTD_SEEKABLE_MAGIC)
    if head[:2] == b"\x1f\x8b":
        import gzip
        try:
            with gzip.open(path, "rb") as fh:
                last = b""
                while chunk := fh.read(1 << 20):
                    last = (last + chunk)[-64:]
        except (OSError, EOFError):
            return False
        return b"ENDB" in last
    return False
