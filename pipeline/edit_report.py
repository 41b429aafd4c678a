"""The HTML report of an edit: the instruction, the model's plan, the scene before and after,
every rewritten part with its attempts through the gates, and the code diff per stage.

`write_edit_report(result, folder)` writes index.html, before.png, after.png and
result.json. Nothing secret is in an EditResult, so nothing secret can reach the page.
"""
from __future__ import annotations

import html
import json
import time
from pathlib import Path

from .edit import EditResult

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1180px;color:#1d1d1f;background:#fafafa}
h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.muted{color:#666} .bad{color:#b3261e} .ok{color:#1b6e2a} .ask{background:#fff8e1;border-left:3px solid #f9a825;padding:8px 12px}
table{border-collapse:collapse;margin:8px 0} td,th{padding:3px 9px;border-bottom:1px solid #e4e4e4;text-align:left}
.strip{display:flex;gap:10px;flex-wrap:wrap} figure{margin:0;background:#fff;border:1px solid #ddd;padding:6px;border-radius:4px}
figcaption{font-size:12px;color:#444} img{display:block;width:384px}
pre{background:#1e1e1e;color:#ddd;padding:10px;overflow:auto;max-height:560px;font-size:12px;border-radius:4px}
.add{color:#8fd694} .del{color:#ff8a80} .hunk{color:#80cbc4}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _diff_html(diff: str) -> str:
    out = []
    for line in diff.splitlines():
        cls = ("hunk" if line.startswith("@@") else "add" if line.startswith("+") and not line.startswith("+++")
               else "del" if line.startswith("-") and not line.startswith("---") else "")
        out.append(f"<span class='{cls}'>{_e(line)}</span>" if cls else _e(line))
    return "<pre>" + "\n".join(out) + "</pre>"


def write_edit_report(result: EditResult, folder: str | Path, title: str = "") -> Path:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    figs = []
    for name, png, caption in (("before.png", result.before_render, "before"),
                               ("after.png", result.after_render, "after the edit")):
        if png:
            (out / name).write_bytes(png)
            figs.append(f"<figure><img src='{name}'><figcaption>{caption}</figcaption></figure>")
    name = result.program.name if result.program else ""
    usage = result.usage
    if result.needs_clarification:
        status = "<span class='bad'>not applied: the model asks a question</span>"
    elif result.complete:
        status = "<span class='ok'>applied</span>"
    else:
        status = f"<span class='bad'>not applied: {_e(result.failure)}</span>"
    page = [f"<!doctype html><meta charset='utf-8'><title>CodeForm edit — {_e(title or name)}</title>",
            f"<style>{_CSS}</style>", f"<h1>Edit: “{_e(result.instruction)}”</h1>",
            f"<p class='muted'>run <b>{_e(name)}</b> · {_e(result.method)} · {status} · {result.wall_s:.1f} s · "
            f"{int(usage.get('calls', 0))} model calls · {int(usage.get('input_tokens', 0)):,} input + "
            f"{int(usage.get('output_tokens', 0)):,} output tokens · est. ${float(usage.get('cost_usd', 0)):.4f} · "
            f"{time.strftime('%Y-%m-%d %H:%M')}</p>",
            "<p class='muted'>" + " · ".join(f"{_e(k)}: {_e(v)}" for k, v in result.ports.items()) + "</p>"]
    if result.question:
        page.append(f"<p class='ask'><b>The model asks:</b> {_e(result.question)}</p>")
    if figs:
        page.append(f"<div class='strip'>{''.join(figs)}</div>")
    if result.plan is not None and result.plan.edits:
        rows = "".join(f"<tr><td>{_e(e.stage)}</td><td>{_e(e.part)}</td><td>{_e(e.action)}</td><td>{_e(e.what)}</td></tr>"
                       for e in result.plan.edits)
        page.append(f"<h2>Plan</h2><p>{_e(result.plan.summary)}</p><table><tr><th>stage</th><th>part</th>"
                    f"<th>action</th><th>what</th></tr>{rows}</table>")
    if result.parts:
        rows = []
        for p in result.parts:
            attempts = " → ".join("ok" if a.ok else f"{a.gate} failed" for a in p.attempts) or p.action
            errors = "".join(f"<li>{_e(a.gate)}: {_e(a.message[:300])}</li>" for a in p.attempts if not a.ok)
            rows.append(f"<li class='{'' if p.ok else 'bad'}'><b>{_e(p.key)}</b> ({_e(p.action)}): {_e(attempts)}"
                        f"<ul>{errors}</ul></li>")
        page.append(f"<h2>Parts</h2><ul>{''.join(rows)}</ul>")
    if result.warnings:
        page.append("<h2>Warnings</h2><ul>" + "".join(f"<li>{_e(w)}</li>" for w in result.warnings) + "</ul>")
    for stage, diff in result.diffs.items():
        version = result.new_versions.get(stage, -1) + 1
        page.append(f"<h2>{_e(stage.capitalize())}: code diff (version {result.previous_versions.get(stage, -1) + 1} "
                    f"→ {version})</h2>" + (_diff_html(diff) if diff else "<p class='muted'>no change</p>"))
    (out / "index.html").write_text("\n".join(page) + "\n", encoding="utf-8")
    (out / "result.json").write_text(json.dumps(result.summary(), indent=1) + "\n", encoding="utf-8")
    return out / "index.html"
