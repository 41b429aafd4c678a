"""Model requests that rewrite parts for an edit (and the whole-program baseline), built
from the prompt templates in prompts/ and the program's state. bpy-free."""
from __future__ import annotations

import ast

from . import pyparse
from .. import prompts
from . import briefs
from .edit_plan import PartEdit, _creates
from .ports import Context, ModelRequest
from .program import SceneProgram, split_stage_source


def _code(src: str) -> str:
    return f"```python\n{src.strip()}\n```"


def _component_line(program: SceneProgram, name: str) -> str:
    c = program.component(name)
    bits = [c.get("role") or "", c.get("shape") or ""]
    if c.get("size"):
        bits.append("size " + " x ".join(f"{float(v):.3g}" for v in c["size"]) + " m")
    if c.get("location"):
        bits.append("centred at (" + ", ".join(f"{float(v):.3g}" for v in c["location"]) + ")")
    if c.get("material"):
        bits.append("material: " + str(c["material"]))
    return "; ".join(b for b in bits if b)


def _object_names(program: SceneProgram, stage: str) -> list[str]:
    code = program.stages[stage].code
    if not code:
        return []
    names: list[str] = []
    for src in split_stage_source(stage, code).parts.values():
        names.extend(n for n in _creates(src) if n not in names)
    return names


def part_context(program: SceneProgram, edit: PartEdit) -> str:
    """What the model needs to know about the part besides the instruction: its current
    code (or its blueprint entry when new), and what it works on."""
    stage, part = edit.stage, edit.part
    current = program.stages[stage].parts().parts.get(part, "")
    out = []
    if edit.action == "change" and current:
        out.append(f"Its current code:\n\n{_code(current)}")
    elif stage == "geometry":
        comp = {**program.component(part), **edit.component}
        size, loc = comp.get("size"), comp.get("location")
        desc = [str(comp.get("role") or part), str(comp.get("shape") or "")]
        if size:
            desc.append("size " + " x ".join(f"{float(v):.3g}" for v in size) + " m")
        if loc:
            desc.append("centred at (" + ", ".join(f"{float(v):.3g}" for v in loc) + ")")
        others = "\n".join(f"- {n}: {_component_line(program, n)}" for n in program.stages["geometry"].parts().parts)
        out.append(f"`{edit.function}` is a new component: {'; '.join(d for d in desc if d)}. "
                   f"The components already there, to fit it among:\n{others}")
    else:
        out.append(f"`{edit.function}` is a new part of the {stage} stage.")
    if stage == "material":
        geo = program.stages["geometry"].parts().parts.get(part, "")
        if geo:
            out.append(f"The geometry code of `{part}` (its objects are `ctx.objects`):\n\n{_code(geo)}")
    elif stage in ("composition", "lighting"):
        names = _object_names(program, "geometry")
        if names:
            out.append("Objects the geometry stage creates (find one with `ctx.object(name)`): "
                       + ", ".join(names[:40]))
        lo_hi = _extent(program)
        if lo_hi:
            out.append(f"The scene's components span {lo_hi}.")
    return "\n\n".join(out)


def _extent(program: SceneProgram) -> str:
    lo, hi = [float("inf")] * 3, [float("-inf")] * 3
    found = False
    for c in program.blueprint.get("components") or []:
        size, loc = c.get("size"), c.get("location")
        if not (isinstance(size, list) and isinstance(loc, list) and len(size) == 3 and len(loc) == 3):
            continue
        found = True
        for a in range(3):
            lo[a] = min(lo[a], float(loc[a]) - float(size[a]) / 2)
            hi[a] = max(hi[a], float(loc[a]) + float(size[a]) / 2)
    if not found:
        return ""
    return "x {:.2g}..{:.2g}, y {:.2g}..{:.2g}, z {:.2g}..{:.2g} m".format(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])


def stage_context(program: SceneProgram, stage: str) -> str:
    preamble = program.stages[stage].parts().preamble.strip()
    if not preamble:
        return ""
    return f"The {stage} stage's shared code, at module level:\n\n{_code(preamble)}"


def part_request(program: SceneProgram, edit: PartEdit, instruction: str, render: bytes | None,
                 context: Context | None, max_tokens: int) -> ModelRequest:
    bp = program.blueprint
    text = prompts.render("edit_part", title=bp.get("title") or program.name,
                          description=bp.get("description") or "", instruction=instruction.strip(),
                          function=edit.function, what=edit.what or "as the instruction says",
                          part_context=part_context(program, edit), stage_context=stage_context(program, edit.stage),
                          docs=briefs.docs_block(context))
    return ModelRequest(purpose="edit", system=briefs.code_system(), prompt=text,
                        images=[render] if render else [], stage=edit.stage, component=edit.part,
                        cache_prefix=briefs.code_prefix(), max_tokens=max_tokens)


def repair_request(previous: ModelRequest, reply: str, gate: str, message: str, ran_code: str,
                   function: str, context: Context | None) -> ModelRequest:
    """The reconstruction's repair prompt, kept under purpose "edit" so an edit's calls
    (and its transcripts) stay apart from a reconstruction's."""
    req = briefs.repair_request(previous, reply, gate, message, ran_code, wanted=f"`{function}(ctx)`",
                                what=f"code for `{function}(ctx)`", context=context)
    req.purpose = "edit"
    return req


# ---------------------------------------------------------------------------
# The whole-program baseline
# ---------------------------------------------------------------------------

def program_module(program: SceneProgram) -> str:
    """All applied stages as one module: imports once, each stage's helpers, then its parts."""
    imports: list[str] = []
    chunks: list[str] = []
    for stage in program.applied_stages():
        src = program.stages[stage].parts()
        rest = []
        tree = pyparse.parse(src.preamble or "")
        lines = (src.preamble or "").splitlines()
        for node in tree.body:
            seg = "\n".join(lines[node.lineno - 1: node.end_lineno])
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if seg not in imports:
                    imports.append(seg)
            else:
                rest.append(seg)
        chunks.append(f"# ---- {stage} ----")
        chunks.extend(rest)
        chunks.extend(s.rstrip() for s in src.parts.values())
    return "\n".join(imports) + "\n\n\n" + "\n\n\n".join(chunks) + "\n"


def regenerate_request(program: SceneProgram, instruction: str, render: bytes | None,
                       context: Context | None, max_tokens: int) -> ModelRequest:
    bp = program.blueprint
    text = prompts.render("edit_regenerate", title=bp.get("title") or program.name,
                          description=bp.get("description") or "", program=program_module(program).strip(),
                          instruction=instruction.strip(), docs=briefs.docs_block(context))
    return ModelRequest(purpose="edit", system=briefs.code_system(), prompt=text,
                        images=[render] if render else [], stage="", component="program",
                        cache_prefix=briefs.code_prefix(), max_tokens=max(max_tokens, 12000))

