"""Render the evaluation set's reference images from its ground-truth programs.

    .venv/bin/python evalset/build.py [SCENE ...] [--size 512] [--samples 32]

For each scene folder (blueprint.json + <stage>.py, the format of examples/desk_lamp):
reference.png, the full program rendered with Cycles from its own camera, and mask.png, a
transparent-film Workbench render of the same frame whose alpha is the foreground the
silhouette IoU compares against. Deterministic: same program, same pixels (up to Cycles
noise, which the denoiser flattens).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scenes(names: list[str] | None = None) -> list[Path]:
    found = sorted(p for p in HERE.iterdir() if (p / "geometry.py").is_file())
    if names:
        found = [p for p in found if p.name in names]
    return found


def render_scene(folder: Path, size: int, samples: int) -> str:
    from codeform.commands.blendfile import open_blend
    from codeform.metrics.png import decode_png, encode_png
    from codeform.pipeline.programfile import load_program_path
    from codeform.scene import runs
    from codeform.scene.ownership import owned_objects
    from codeform.scene.render import render_png

    program = load_program_path(folder)
    open_blend(None)
    t = time.perf_counter()
    runs.install(program)
    render_png(folder / "reference.png", run=program.name, engine="CYCLES", size=size, samples=samples,
               denoise=True)
    # The mask is the subject: what the geometry stage built. Floors and backdrops that the
    # composition adds are hidden from it, as the pipeline's own feedback masks do.
    hidden = [o for o in owned_objects(program.name, ["composition"]) if o.type not in ("CAMERA", "LIGHT")]
    for obj in hidden:
        obj.hide_render = True
    mask = render_png(folder / "mask.png", run=program.name, engine="BLENDER_WORKBENCH", size=size, transparent=True)
    alpha = decode_png(mask.read_bytes())[:, :, -1]
    mask.write_bytes(encode_png(alpha))  # grey: only the alpha matters
    return f"{folder.name:<16} {len(program.components):2d} components  {time.perf_counter() - t:5.1f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenes", nargs="*")
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--samples", type=int, default=32)
    args = ap.parse_args()
    for folder in scenes(args.scenes):
        print(render_scene(folder, args.size, args.samples), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
