"""Model requests built from the prompt templates in prompts/ and the program's state."""
from __future__ import annotations

from typing import Any

from .. import prompts
from .blockout import render_resolution
from .blueprint import bounds, camera_pose
from .ports import Context, ModelRequest
from .program import PART_PREFIX

# Calls that write code share a system prompt and the API notes, so providers with prompt
# caching (Anthropic cache_control, OpenAI automatic caching) reuse that prefix.
CODE_SYSTEM = "system_code"
CODE_PREFIX = "api_notes"


def _vec(v: Any) -> str:
    return "(" + ", ".join(f"{float(x):.3g}" for x in v) + ")" if v else "(unknown)"


def _size(v: Any) -> str:
    return " x ".join(f"{float(x):.3g}" for x in v) + " m" if v else "(unknown)"


def component_table(blueprint: dict[str, Any]) -> str:
    rows = []
    for c in blueprint.get("components", []):
        rows.append(f"- {c['name']}: {_size(c.get('size'))} @ {_vec(c.get('location'))}; "
                    f"{c.get('shape') or 'box'} — {c.get('role') or ''}".rstrip(" —"))
    return "\n".join(rows) or "(none)"


def material_table(blueprint: dict[str, Any]) -> str:
    return "\n".join(f"- {c['name']} ({c.get('role') or 'part'}): {c.get('material') or 'unspecified'}"
                     for c in blueprint.get("components", [])) or "(none)"


def docs_block(context: Context | None) -> str:
    if context is None or not context.text.strip():
        return ""
    return "Blender API documentation that may help:\n\n" + context.text.strip()


def exemplar_block(context: Context | None, use: bool) -> str:
    if not use or context is None or context.exemplar is None:
        return ""
    ex = context.exemplar
    return (f"An example from CodeForm's library ({ex.name}: {ex.description}), written in the same "
            f"format — adapt its technique, not its sizes or names:\n\n```python\n{ex.code.strip()}\n```")


def code_system() -> str:
    return prompts.load(CODE_SYSTEM)


def code_prefix() -> str:
    return prompts.load(CODE_PREFIX)


def _code_request(purpose: str, prompt: str, images: list[bytes], stage: str, component: str,
                  max_tokens: int, history: list[tuple[str, str]] | None = None) -> ModelRequest:
    return ModelRequest(purpose=purpose, system=prompts.load(CODE_SYSTEM), prompt=prompt, images=images,
                        stage=stage, component=component, cache_prefix=prompts.load(CODE_PREFIX),
                        history=list(history or []), max_tokens=max_tokens)


def blueprint_request(image: bytes, width: int, height: int, hint: str, max_tokens: int) -> ModelRequest:
    text = prompts.render("blueprint", width=width, height=height,
                          hint=f"The artist adds: {hint.strip()}" if hint.strip() else "")
    return ModelRequest(purpose="blueprint", system=prompts.load("system_plan"), prompt=text,
                        images=[image], max_tokens=max_tokens)


def blueprint_fix_request(first: ModelRequest, reply: str, problems: str) -> ModelRequest:
    return ModelRequest(purpose="blueprint", system=first.system, images=first.images,
                        prompt=prompts.render("blueprint_fix", problems=problems),
                        history=[("user", first.prompt), ("assistant", reply)], max_tokens=first.max_tokens)


def component_request(stage: str, blueprint: dict[str, Any], name: str, image: bytes,
                      context: Context | None, exemplars: bool, max_tokens: int,
                      geometry_code: str = "") -> ModelRequest:
    comp = next((c for c in blueprint.get("components", []) if c["name"] == name), {"name": name})
    common = dict(title=blueprint.get("title", "the scene"), description=blueprint.get("description", ""),
                  name=name, docs=docs_block(context), exemplar=exemplar_block(context, exemplars))
    if stage == "geometry":
        text = prompts.render("component_geometry", component_table=component_table(blueprint),
                              role=comp.get("role") or name, shape=comp.get("shape") or "box",
                              size=_size(comp.get("size")), location=_vec(comp.get("location")),
                              rotation=_vec(comp.get("rotation_degrees") or [0, 0, 0]),
                              parent=comp.get("parent") or "nothing (stands alone)", **common)
    else:
        text = prompts.render("component_material", role=comp.get("role") or name,
                              material=comp.get("material") or "as in the reference",
                              geometry=geometry_code.strip() or "# (no geometry code)", **common)
    return _code_request("component", text, [image], stage, name, max_tokens)


def component_refine_request(stage: str, blueprint: dict[str, Any], name: str, code: str, fix: str,
                             general: list[str], images: list[bytes], context: Context | None,
                             max_tokens: int) -> ModelRequest:
    comp = next((c for c in blueprint.get("components", []) if c["name"] == name), {"name": name})
    text = prompts.render("component_refine", stage=stage, title=blueprint.get("title", "the scene"), name=name,
                          size=_size(comp.get("size")), location=_vec(comp.get("location")), fix=fix,
                          general=("Also noted about the whole stage:\n" + "\n".join(f"- {g}" for g in general))
                          if general else "",
                          code=code.strip(), function=PART_PREFIX[stage] + name, docs=docs_block(context))
    return _code_request("component", text, images, stage, name, max_tokens)


def stage_request(stage: str, blueprint: dict[str, Any], images: list[bytes], context: Context | None,
                  exemplars: bool, max_tokens: int, *, width: int, height: int, aspect: float,
                  geometry_code: str = "", engine: str = "") -> ModelRequest:
    title = blueprint.get("title", "the scene")
    docs = docs_block(context)
    if stage == "geometry":
        text = prompts.render("stage_geometry", title=title, description=blueprint.get("description", ""),
                              component_table=component_table(blueprint), docs=docs,
                              exemplar=exemplar_block(context, exemplars))
    elif stage == "material":
        text = prompts.render("stage_material", title=title, description=blueprint.get("description", ""),
                              material_table=material_table(blueprint), geometry=geometry_code.strip(),
                              docs=docs, exemplar=exemplar_block(context, exemplars))
    elif stage == "composition":
        pose = camera_pose(blueprint)
        guess = (f"camera at {_vec(pose['location'])} looking at {_vec(pose['target'])}, "
                 f"{pose['lens']:.0f} mm lens")
        res_x, res_y = render_resolution(aspect)
        text = prompts.render("stage_composition", width=width, height=height, guess=guess, title=title,
                              component_table=component_table(blueprint), res_x=res_x, res_y=res_y, docs=docs)
    else:
        lo, hi = bounds(blueprint)
        span = max(hi[a] - lo[a] for a in range(3))
        lighting = blueprint.get("lighting") or {}
        described = "; ".join(f"{k}: {v}" for k, v in lighting.items()) if isinstance(lighting, dict) else str(lighting)
        text = prompts.render("stage_lighting", title=title, scale=f"{span:.2g} m", lighting=described or "(no notes)",
                              engine=engine or "Cycles", docs=docs)
    return _code_request("stage", text, images, stage, "", max_tokens)


def stage_refine_request(stage: str, code: str, critique_note: str, images: list[bytes],
                         context: Context | None, max_tokens: int) -> ModelRequest:
    text = prompts.render("stage_refine", stage=stage, critique=critique_note, code=code.strip(),
                          prefix=PART_PREFIX[stage], docs=docs_block(context))
    return _code_request("stage", text, images, stage, "", max_tokens)


def numbered(code: str) -> str:
    lines = code.rstrip("\n").splitlines()
    width = len(str(len(lines)))
    return "\n".join(f"{i:>{width}} | {line}" for i, line in enumerate(lines, 1))


def repair_request(previous: ModelRequest, reply: str, gate: str, message: str, ran_code: str,
                   wanted: str, what: str, context: Context | None) -> ModelRequest:
    text = prompts.render("repair", what=what, gate=gate, message=message.strip(), numbered=numbered(ran_code),
                          wanted=wanted, docs=docs_block(context))
    history = list(previous.history) + [("user", previous.prompt), ("assistant", reply)]
    # Only the latest exchange travels: earlier failed attempts add tokens, not information.
    history = history[-2:]
    return ModelRequest(purpose="repair", system=previous.system, prompt=text, images=[], stage=previous.stage,
                        component=previous.component, cache_prefix=previous.cache_prefix, history=history,
                        max_tokens=previous.max_tokens)


def critique_request(stage: str, blueprint: dict[str, Any], parts: list[str], image: bytes,
                     metrics: dict[str, float], guessed_camera: bool, max_tokens: int,
                     max_fixes: int = 4) -> ModelRequest:
    shown = ", ".join(f"{k} {metrics[k]:.3f}" for k in ("iou", "edge_f", "ssim", "hist") if k in metrics)
    if "psnr" in metrics:
        shown += f", psnr {metrics['psnr']:.1f} dB"
    shown += (" (iou: silhouette overlap, edge_f: edge agreement, ssim: structure, higher is better; "
              "hist: colour-histogram distance, lower is better)")
    text = prompts.render("critique", stage=stage, title=blueprint.get("title", "the scene"),
                          parts=", ".join(parts) or "(none)", metrics=shown, focus=prompts.load(f"focus_{stage}").strip(),
                          max_fixes=max_fixes,
                          viewpoint=" (from the planner's camera guess)" if guessed_camera else " (from the stage's camera)")
    return ModelRequest(purpose="critique", system=prompts.load("system_verify"), prompt=text, images=[image],
                        stage=stage, max_tokens=min(max_tokens, 1500))


def oneshot_request(image: bytes, width: int, height: int, aspect: float, hint: str,
                    context: Context | None, max_tokens: int) -> ModelRequest:
    res_x, res_y = render_resolution(aspect)
    text = prompts.render("oneshot", width=width, height=height, res_x=res_x, res_y=res_y,
                          hint=f"The artist adds: {hint.strip()}" if hint.strip() else "", docs=docs_block(context))
    return _code_request("oneshot", text, [image], "", "", max(max_tokens, 8192))
