"""The HTML report of a reconstruction: what people look at instead of logs.

`write_report(result, reference, folder)` writes index.html and the PNGs it shows: the
reference beside the render of every stage iteration, the metrics table, the verifier's
critiques, the component attempts, the final code of each stage, tokens, cost and timings;
plus summary.png, the reference and the kept render of each stage side by side. Nothing
secret is in a Result, so nothing secret can reach the page.
"""
from __future__ import annotations

import html
import json
import time
from pathlib import Path

import numpy as np

from ..metrics.image import resize
from ..metrics.png import encode_png
from ..metrics.reference import Reference, decode_render
from ..metrics.stages import SHOWN
from .program import STAGES
from .records import Result

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1180px;color:#1d1d1f;background:#fafafa}
h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.muted{color:#666} .bad{color:#b3261e} .ok{color:#1b6e2a}
table{border-collapse:collapse;margin:8px 0} td,th{padding:3px 9px;border-bottom:1px solid #e4e4e4;text-align:right}
td:first-child,th:first-child{text-align:left} tr.best{background:#eef7ee}
table.text td,table.text th{text-align:left;vertical-align:top}
.strip{display:flex;gap:10px;flex-wrap:wrap;align-items:flex-start}
figure{margin:0;background:#fff;border:1px solid #ddd;padding:6px;border-radius:4px}
figure.best{border:2px solid #2e7d32} figcaption{font-size:12px;color:#444;max-width:256px}
img{display:block;width:256px;image-rendering:auto}
pre{background:#1e1e1e;color:#ddd;padding:10px;overflow:auto;max-height:480px;font-size:12px;border-radius:4px}
details{margin:6px 0} .crit{background:#fff;border-left:3px solid #999;padding:4px 10px;margin:6px 0}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _fmt(key: str, value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}" if key == "psnr" else f"{value:.3f}"


def _png_rgb(png: bytes, background: tuple[float, float, float]) -> np.ndarray:
    rgba = decode_render(png)
    return rgba[:, :, :3] * rgba[:, :, 3:4] + np.asarray(background, np.float32) * (1 - rgba[:, :, 3:4])


def summary_sheet(result: Result, reference: Reference, height: int = 256, final: bytes = b"") -> bytes:
    """The reference, then the kept render of each stage, side by side, with labels; and
    `final`, a clean render of the finished scene, when the caller made one."""
    tiles, labels = [reference.rgb], ["reference"]
    if result.blockout_render:
        tiles.append(_png_rgb(result.blockout_render, reference.background))
        labels.append("blockout")
    for stage in STAGES:
        rec = result.stages.get(stage)
        best = rec.best_record() if rec else None
        if best is not None and best.render:
            tiles.append(_png_rgb(best.render, reference.background))
            labels.append(f"{stage} ({best.metrics.get('score', 0):.2f})")
    if final:
        tiles.append(_png_rgb(final, reference.background))
        labels.append("final render")
    band, pad = 22, 8
    scaled = [resize(t, (height, max(1, round(t.shape[1] * height / t.shape[0])))) for t in tiles]
    width = sum(t.shape[1] for t in scaled) + pad * (len(scaled) + 1)
    sheet = np.full((height + band + 2 * pad, width, 3), 0.12, np.float32)
    x = pad
    for tile in scaled:
        sheet[pad + band: pad + band + height, x: x + tile.shape[1]] = np.clip(tile, 0, 1)
        x += tile.shape[1] + pad
    pixels = (sheet * 255 + 0.5).astype(np.uint8)
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return encode_png(pixels)
    im = Image.fromarray(pixels)
    draw = ImageDraw.Draw(im)
    x = pad
    for tile, label in zip(scaled, labels):
        draw.text((x + 2, pad + 4), label, fill=(235, 235, 235))
        x += tile.shape[1] + pad
    return encode_png(np.asarray(im))


def _metrics_table(rows: list[tuple[str, dict[str, float], bool]]) -> str:
    head = "".join(f"<th title='{_e(desc)}'>{_e(key)}</th>" for key, desc in SHOWN)
    body = []
    for label, metrics, best in rows:
        cells = "".join(f"<td>{_fmt(k, metrics.get(k))}</td>" for k, _ in SHOWN)
        body.append(f"<tr class='{'best' if best else ''}'><td>{_e(label)}</td>{cells}</tr>")
    return f"<table><tr><th></th>{head}</tr>{''.join(body)}</table>"


def _timings(timings: dict[str, float]) -> str:
    keys = [k for k in ("policy", "lint", "rehearse", "worker_apply", "worker_render", "mask", "metrics", "live")
            if k in timings]
    return ", ".join(f"{k} {timings[k] * 1000:.0f} ms" for k in keys)


def write_report(result: Result, reference: Reference, folder: str | Path, title: str = "",
                 final_render: bytes = b"") -> Path:
    """`final_render`: a clean render of the finished scene (the feedback renders are small
    and, for lighting, noisy), shown last in summary.png and beside the reference."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / "reference.png").write_bytes(reference.png)
    (out / "summary.png").write_bytes(summary_sheet(result, reference, final=final_render))
    if final_render:
        (out / "final.png").write_bytes(final_render)
    if result.blockout_render:
        (out / "blockout.png").write_bytes(result.blockout_render)
    program = result.program
    name = program.name if program else result.config.run_name
    usage = result.usage
    status = ("<span class='ok'>complete</span>" if result.complete
              else f"<span class='bad'>stopped: {_e(result.failure)}</span>")
    parts = [f"<!doctype html><meta charset='utf-8'><title>CodeForm — {_e(title or name)}</title>",
             f"<style>{_CSS}</style>",
             f"<h1>{_e(title or name)}</h1>",
             f"<p class='muted'>run <b>{_e(name)}</b> · {_e(result.config.label())} · {status} · "
             f"{result.wall_s:.1f} s · {int(usage.get('calls', 0))} model calls · "
             f"{int(usage.get('input_tokens', 0)):,} input + {int(usage.get('output_tokens', 0)):,} output tokens"
             f" ({int(usage.get('cached_tokens', 0)):,} cached) · est. ${float(usage.get('cost_usd', 0)):.4f} · "
             f"{time.strftime('%Y-%m-%d %H:%M')}</p>",
             "<p class='muted'>" + " · ".join(f"{_e(k)}: {_e(v)}" for k, v in result.ports.items()) + "</p>",
             "<img src='summary.png' style='width:auto;max-width:100%'>"]
    if final_render:
        parts.append("<h2>Result</h2><div class='strip'><figure><img src='reference.png' style='width:384px'>"
                     "<figcaption>reference</figcaption></figure><figure><img src='final.png' style='width:384px'>"
                     "<figcaption>the finished program, rendered with Cycles</figcaption></figure></div>")
    if result.warnings:
        parts.append("<h2>Warnings</h2><ul>" + "".join(f"<li>{_e(w)}</li>" for w in result.warnings) + "</ul>")
    if program and program.blueprint.get("components"):
        parts.append(_blueprint_section(result, reference))
    for stage in STAGES:
        rec = result.stages.get(stage)
        if rec is not None:
            parts.append(_stage_section(result, stage, out))
    parts.append(_usage_section(result))
    (out / "index.html").write_text("\n".join(parts) + "\n", encoding="utf-8")
    (out / "result.json").write_text(json.dumps(result.summary(), indent=1) + "\n", encoding="utf-8")
    return out / "index.html"


def _blueprint_section(result: Result, reference: Reference) -> str:
    bp = result.program.blueprint
    rows = "".join(
        f"<tr><td>{_e(c['name'])}</td><td>{_e(c.get('role', ''))}</td><td>{_e(c.get('shape', ''))}</td>"
        f"<td>{_e(' x '.join(f'{v:.3g}' for v in c.get('size', [])))}</td>"
        f"<td>{_e(', '.join(f'{v:.3g}' for v in c.get('location', [])))}</td><td>{_e(c.get('material', ''))}</td></tr>"
        for c in bp["components"])
    figs = "<figure><img src='reference.png'><figcaption>reference " \
           f"({reference.width}x{reference.height}, foreground {reference.mask_source})</figcaption></figure>"
    if result.blockout_render:
        figs += ("<figure><img src='blockout.png'><figcaption>blockout from the camera guess — iou "
                 f"{result.blockout_metrics.get('iou', 0):.3f}</figcaption></figure>")
    cam = bp.get("camera", {})
    return (f"<h2>Blueprint: {_e(bp.get('title', ''))}</h2><p>{_e(bp.get('description', ''))}</p>"
            f"<div class='strip'>{figs}</div>"
            "<table class='text'><tr><th>component</th><th>role</th><th>shape</th><th>size (m)</th><th>centre</th>"
            f"<th>material</th></tr>{rows}</table>"
            f"<p class='muted'>camera guess: {_e(json.dumps(cam))} · lighting: {_e(json.dumps(bp.get('lighting', {})))}"
            f" · {result.blueprint_attempts} blueprint call(s)</p>")


def _stage_section(result: Result, stage: str, out: Path) -> str:
    rec = result.stages[stage]
    figs, rows, crits = ["<figure><img src='reference.png'><figcaption>reference</figcaption></figure>"], [], []
    for it in rec.iterations:
        fname = f"{stage}-{it.iteration}.png"
        if it.render:
            (out / fname).write_bytes(it.render)
        best = it.iteration == rec.best
        figs.append(f"<figure class='{'best' if best else ''}'><img src='{fname}'><figcaption>iteration "
                    f"{it.iteration}{' (kept)' if best else ''} — score {it.score:.3f}</figcaption></figure>")
        rows.append((f"iteration {it.iteration}", it.metrics, best))
        if it.critique is not None:
            c = it.critique
            fixes = "".join(f"<li><b>{_e(f.component or 'stage')}</b>: {_e(f.fix)}</li>" for f in c.fixes)
            crits.append(f"<div class='crit'><b>after iteration {it.iteration}:</b> "
                         f"{'<span class=ok>accepted</span>' if c.accept else 'asked for changes'} — "
                         f"{_e(c.summary)}<ul>{fixes}</ul></div>")
    comps = []
    for c in rec.components:
        attempts = " → ".join(("ok" if a.ok else f"{a.gate} failed") for a in c.attempts)
        errors = "".join(f"<li>{_e(a.gate)}: {_e(a.message[:300])}</li>" for a in c.attempts if not a.ok)
        live = f", on screen {c.reply_to_live_s * 1000:.0f} ms after its reply" if c.reply_to_live_s is not None else ""
        comps.append(f"<li class='{'' if c.ok else 'bad'}'><b>{_e(c.component)}</b> (iteration {c.iteration}): "
                     f"{_e(attempts)}{_e(live)}<ul>{errors}</ul></li>")
    best = rec.best_record()
    code = best.code if best else ""
    timing = "<br>".join(f"iteration {it.iteration}: {_e(_timings(it.timings))}" for it in rec.iterations)
    return (f"<h2>{_e(stage.capitalize())}</h2>"
            f"<p class='muted'>{len(rec.iterations)} iteration(s), kept {rec.best}: {_e(rec.stop_reason)} · "
            f"{rec.seconds:.1f} s</p>"
            f"<div class='strip'>{''.join(figs)}</div>{_metrics_table(rows)}{''.join(crits)}"
            + (f"<details><summary>components ({len(rec.components)})</summary><ul>{''.join(comps)}</ul></details>"
               if comps else "")
            + f"<details><summary>overhead per iteration</summary><p class='muted'>{timing}</p></details>"
            f"<details><summary>final {stage} code</summary><pre>{_e(code)}</pre></details>")


def _usage_section(result: Result) -> str:
    rows = "".join(f"<tr><td>{_e(p)}</td><td>{int(u['calls'])}</td><td>{int(u['input_tokens']):,}</td>"
                   f"<td>{int(u['output_tokens']):,}</td><td>${float(u['cost_usd']):.4f}</td></tr>"
                   for p, u in sorted(result.usage_by_purpose.items()))
    timings = "".join(f"<tr><td>{_e(k)}</td><td>{v:.3f} s</td></tr>" for k, v in result.timings.items())
    return ("<h2>Model usage</h2><table><tr><th>purpose</th><th>calls</th><th>input</th><th>output</th>"
            f"<th>cost</th></tr>{rows}</table><table>{timings}</table>")
