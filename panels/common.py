"""Shared drawing helpers for the CodeForm tab. Drawing reads state; it never computes."""
from __future__ import annotations

import textwrap

import bpy

from ..jobs import host

STATE_ICONS = {
    "pending": "RADIOBUT_OFF",
    "running": "SORTTIME",
    "paused": "PAUSE",
    "done": "CHECKMARK",
    "failed": "ERROR",
    "cancelled": "CANCEL",
}


class SidebarPanel:
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "CodeForm"


def active_run(context) -> str | None:
    """The run the sidebar shows (the operators act on the same one)."""
    from ..operators.stages import active_run as run_of
    return run_of(context)


def job_props(context):
    return context.window_manager.codeform.job


def job_live(context, kinds: tuple[str, ...]) -> bool:
    """A job of one of `kinds` (any kind when empty) is running or paused right now."""
    runner = host.active()
    return runner is not None and not runner.finished and (not kinds or runner.job.kind in kinds)


def wrapped(layout, text: str, icon: str = "NONE", context=None, width_px: int | None = None) -> None:
    """Labels that wrap `text` to the region's width (the first line carries the icon)."""
    width = width_px or (context.region.width if context and context.region else 300)
    chars = max(20, int(width / (7 * bpy.context.preferences.system.ui_scale)) - 4)
    col = layout.column(align=True)
    col.scale_y = 0.8
    for i, line in enumerate(textwrap.wrap(text, chars) or [""]):
        col.label(text=line, icon=icon if i == 0 else ("BLANK1" if icon != "NONE" else "NONE"))


def elapsed(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def draw_progress(layout, context, p) -> None:
    """The running job's progress: bar with stage/component, then iteration, time, calls, cost."""
    col = layout.column(align=True)
    where = " · ".join(x for x in (p.stage.title(), p.component.replace("_", " ")) if x) or p.label
    if p.state == "paused":
        where = f"Paused after {p.stage}" if p.stage else "Paused"
    if hasattr(col, "progress"):
        factor = p.fraction if p.fraction >= 0 else 0.0
        col.progress(factor=factor, type="BAR", text=where)
    else:  # Blender < 4.0 has no progress widget
        col.label(text=where, icon="SORTTIME")
    row = col.row(align=True)
    row.scale_y = 0.8
    bits = []
    if p.iteration and p.state != "paused":   # between stages no iteration is under way
        bits.append(f"Iteration {p.iteration}")
    bits.append(elapsed(p.elapsed))
    bits.append(f"{p.calls} call{'s' if p.calls != 1 else ''}")
    bits.append(f"${p.cost:.2f}")
    row.label(text="   ".join(bits), icon="TIME")
    message = p.pause_message if p.state == "paused" else p.message
    if message:  # under the figures, indented like them; the pause's instruction reads at full strength
        sub = col.column(align=True)
        sub.active = p.state == "paused"
        wrapped(sub, message, icon="BLANK1", context=context)


def draw_failure(layout, context, p) -> None:
    box = layout.box()
    what = f"{p.label} failed" if p.label else "Failed"
    wrapped(box, f"{what}: {p.error}" if p.error else what, icon="ERROR", context=context)
    if p.fix == "preferences":
        box.operator("codeform.open_preferences", text="Open Preferences", icon="PREFERENCES")


def text_field(layout, data, prop: str, placeholder: str, icon: str = "NONE") -> None:
    """A text field that says what it is for while empty (a label above it on old Blender)."""
    try:
        layout.prop(data, prop, text="", placeholder=placeholder, icon=icon)
    except TypeError:
        layout.label(text=placeholder)
        layout.prop(data, prop, text="", icon=icon)
