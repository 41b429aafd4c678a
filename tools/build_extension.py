"""make extension: the installable extension zip, built with Blender's own extension tool.

The zip bundles wheels of the run-time dependencies Blender does not ship (the provider
SDKs, requests, pillow and what they pull in; numpy comes with Blender), at the versions
the test suite runs against (requirements.lock), for each target platform and for each
Python that Blender versions use (3.11 for 4.2-5.0; 3.13 for distribution builds such as
Debian's). The heavy dense-retrieval stack (torch, sentence-transformers, chromadb) is not
bundled: the extension works with lexical retrieval without it.

    python tools/build_extension.py [--platform linux-x64 ...] [--python 3.11 ...] [--out dist]
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ("openai", "anthropic", "requests", "pillow")
# Blender ships numpy; bundling another would shadow it.
NEVER_BUNDLE = {"numpy"}
PLATFORM_TAGS = {
    "linux-x64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64"],
    "windows-x64": ["win_amd64"],
    "macos-arm64": ["macosx_11_0_arm64", "macosx_12_0_arm64", "macosx_14_0_arm64"],
    "macos-x64": ["macosx_10_9_x86_64", "macosx_10_12_x86_64", "macosx_10_13_x86_64"],
}


def blender_ext_cli() -> Path:
    import importlib.util
    spec = importlib.util.find_spec("bpy")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("build_extension: the bpy module is needed for Blender's extension tool; run `make venv` first")
    base = Path(list(spec.submodule_search_locations)[0])
    found = sorted(base.glob("*/scripts/addons_core/bl_pkg/cli/blender_ext.py"))
    if not found:
        sys.exit(f"build_extension: blender_ext.py not found under {base}")
    return found[-1]


def download_wheels(platform: str, python: str, cache: Path) -> list[Path]:
    dest = cache / f"{platform}-cp{python.replace('.', '')}"
    dest.mkdir(parents=True, exist_ok=True)
    pins = [line.strip() for line in (ROOT / "requirements.lock").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    wanted = [p for p in pins if re.split(r"[=<>!~ ]", p, maxsplit=1)[0].lower() in RUNTIME]
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
           "--only-binary=:all:", "--dest", str(dest), "--python-version", python,
           "--implementation", "cp", "--abi", f"cp{python.replace('.', '')}",
           "-c", str(ROOT / "requirements.lock")]
    for tag in PLATFORM_TAGS[platform]:
        cmd += ["--platform", tag]
    subprocess.run(cmd + wanted, check=True)
    wheels = sorted(dest.glob("*.whl"))
    return [w for w in wheels if w.name.split("-")[0].lower() not in NEVER_BUNDLE]


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                         cwd=ROOT, capture_output=True, check=True).stdout.decode()
    return [p for p in out.split("\0") if p and (ROOT / p).is_file()]


def stage_source(stage: Path, wheels: list[Path], platforms: list[str]) -> None:
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    for rel in tracked_files():
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    (stage / "wheels").mkdir()
    names = []
    for wheel in wheels:
        if wheel.name not in names:
            shutil.copy2(wheel, stage / "wheels" / wheel.name)
            names.append(wheel.name)
    manifest = (stage / "blender_manifest.toml").read_text()
    lines = ",\n".join(f'  "./wheels/{n}"' for n in sorted(names))
    plats = ", ".join(f'"{p}"' for p in platforms)
    manifest = manifest.replace("\n[permissions]", f"\nplatforms = [{plats}]\n\nwheels = [\n{lines},\n]\n\n[permissions]", 1)
    (stage / "blender_manifest.toml").write_text(manifest)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--platform", action="append", choices=sorted(PLATFORM_TAGS), help="default: linux-x64")
    ap.add_argument("--python", action="append", help="Python versions to bundle for (default: 3.11 and 3.13)")
    ap.add_argument("--out", default=str(ROOT / "dist"))
    ap.add_argument("--wheel-cache", default=str(ROOT / "wheels"))
    args = ap.parse_args()
    platforms = args.platform or ["linux-x64"]
    pythons = args.python or ["3.11", "3.13"]

    wheels: list[Path] = []
    for platform in platforms:
        for python in pythons:
            wheels += download_wheels(platform, python, Path(args.wheel_cache))
    manifest = tomllib.loads((ROOT / "blender_manifest.toml").read_text())
    stage = ROOT / "build" / "stage" / manifest["id"]
    stage_source(stage, wheels, platforms)
    cli = blender_ext_cli()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(cli), "validate", str(stage)], check=True)
    target = out / f"{manifest['id']}-{manifest['version']}.zip"
    subprocess.run([sys.executable, str(cli), "build", "--source-dir", str(stage),
                    "--output-filepath", str(target)], check=True)
    size = target.stat().st_size / 1e6
    print(f"built {target} ({size:.1f} MB, {len(set(w.name for w in wheels))} wheels for {', '.join(platforms)}; "
          f"Python {', '.join(pythons)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
