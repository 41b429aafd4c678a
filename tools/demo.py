"""make demo: replay two recorded reconstructions of bundled evaluation scenes, offline.

For each scene the real pipeline runs — blueprint, blockout, components written concurrently,
the gates and rehearsal in a worker Blender, renders, metrics, the verifier's critiques,
refinements — but the model's replies come from the scene's recorded transcript
(evalset/<scene>/transcripts/staged.json), so no key and no network are needed. Writes to
out/demo/: <scene>.blend (the program inside, as Text datablocks), <scene>/index.html (the
report), <scene>.png (reference beside each stage's kept render), demo.png (both), summary.txt.

With a real model instead of the recording:
    codeform reconstruct evalset/desk_lamp/reference.png --provider openai --model gpt-4.1 \\
        --out lamp.blend --report out/lamp      # or --provider anthropic, or a local server:
    codeform reconstruct photo.png --provider openai-compatible --base-url http://127.0.0.1:11434/v1 \\
        --model qwen2.5vl --out photo.blend --report out/photo
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENES = ("desk_lamp", "snowman")


def stack(pngs: list[Path], out: Path) -> None:
    from PIL import Image
    tiles = [Image.open(p).convert("RGB") for p in pngs]
    width = max(t.width for t in tiles)
    sheet = Image.new("RGB", (width, sum(t.height for t in tiles)), (30, 30, 32))
    y = 0
    for t in tiles:
        sheet.paste(t, (0, y))
        y += t.height
    sheet.save(out)


def reconstruct(scene: str, out: Path, pool) -> list[str]:
    from codeform.commands.blendfile import open_blend, save_blend
    from codeform.metrics.reference import load_reference
    from codeform.pipeline.engine import Reconstructor
    from codeform.pipeline.records import PipelineConfig
    from codeform.pipeline.report import summary_sheet, write_report
    from codeform.scene import wiring
    from codeform.scene.live import LiveScene, final_render
    from codeform.vlm.base import make_client
    from codeform.vlm.session import Session

    folder = ROOT / "evalset" / scene
    reference = load_reference(folder / "reference.png", mask=folder / "mask.png", name=scene)
    client = make_client("replay", transcript=str(folder / "transcripts" / "staged.json"))
    session = Session(client, max_calls=80)
    open_blend(None)
    ports = wiring.build_ports(session, pool=pool, live=LiveScene(), retrieval=True,
                               events=lambda e: e.state in ("placed", "scored", "critique", "kept", "stopped")
                               and print("  " + e.line(), flush=True))
    t = time.perf_counter()
    result = Reconstructor(ports, PipelineConfig(run_name=scene)).run(reference)
    seconds = time.perf_counter() - t
    blend = save_blend(out / f"{scene}.blend")
    final = final_render(scene) if result.program and result.program.last_stage() == "lighting" else b""
    report = write_report(result, reference, out / scene, title=f"{scene} — replayed from the recorded transcript",
                          final_render=final)
    (out / f"{scene}.png").write_bytes(summary_sheet(result, reference, final=final))
    lines = [f"{scene}: {'complete' if result.complete else 'stopped: ' + result.failure} in {seconds:.1f} s; "
             f"{session.summary()}"]
    for stage, rec in result.stages.items():
        best = rec.best_record()
        if best:
            lines.append(f"  {stage:<12} kept iteration {rec.best}/{len(rec.iterations)}, score {best.score:.3f} "
                         f"(iou {best.metrics['iou']:.2f}, ssim {best.metrics['ssim']:.2f}) — {rec.stop_reason}")
    lines += [f"  file:   {blend}", f"  report: {report}"]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "out" / "demo"))
    ap.add_argument("--scene", action="append", help="evaluation scene to replay (default: desk_lamp, snowman)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from codeform.scene import wiring
    gone = wiring.missing_layers()
    if gone:
        print(f"make demo: this build lacks {', '.join(gone)}; the reconstruction demo needs them", file=sys.stderr)
        return 1
    lines = ["CodeForm demo: recorded model replies replayed through the real pipeline (no key, no network).", ""]
    scenes = args.scene or list(SCENES)
    with wiring.open_worker_pool(size=2) as pool:
        for scene in scenes:
            print(f"reconstructing {scene} (replayed)", flush=True)
            lines += reconstruct(scene, out, pool) + [""]
    stack([out / f"{s}.png" for s in scenes], out / "demo.png")
    lines.append(f"side by side: {out / 'demo.png'}")
    (out / "summary.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
