"""Code the engine writes itself: the blockout, the camera guess, and preview programs.

The blockout is a geometry stage with one box per blueprint component, named after it, at
its planned place and size. It is the first version of the geometry stage, so an artist can
step back to it, and a component whose code never passes the gates keeps its box.

Before the model has written a composition, feedback renders must still look from the
reference viewpoint, or silhouettes cannot be compared. A *preview program* is the real
program up to a stage plus, where missing, an empty material stage and a composition made
from the blueprint's camera guess. Previews are rehearsed and shown live; they are never
saved as versions.
"""
from __future__ import annotations

import math
from typing import Any

from .blueprint import camera_pose
from .program import PART_PREFIX, STAGES, SceneProgram, stage_index

IMPORT_ORDER = ("import bpy", "import bmesh", "import math", "import random", "import mathutils")

PLACEHOLDER_HELPER = '''def placeholder(ctx, name, size, location, rotation_degrees=(0.0, 0.0, 0.0)):
    """A blockout box of a component's planned size, named after it."""
    x, y, z = (s / 2 for s in size)
    mesh = bpy.data.meshes.new(name)
    mesh.from_pydata([(-x, -y, -z), (x, -y, -z), (x, y, -z), (-x, y, -z),
                      (-x, -y, z), (x, -y, z), (x, y, z), (-x, y, z)], [],
                     [(0, 3, 2, 1), (4, 5, 6, 7), (0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)])
    obj = bpy.data.objects.new(name, mesh)
    ctx.collection.objects.link(obj)
    obj.location = location
    obj.rotation_euler = [math.radians(a) for a in rotation_degrees]
    return obj
'''


def _fmt(vec: Any) -> str:
    return "(" + ", ".join(f"{float(v):.4g}" for v in vec) + ")"


def placeholder_part(component: dict[str, Any]) -> str:
    name = component["name"]
    size = component.get("size") or [0.1, 0.1, 0.1]
    loc = component.get("location") or [0.0, 0.0, size[2] / 2]
    rot = component.get("rotation_degrees") or [0.0, 0.0, 0.0]
    return (f"def build_{name}(ctx):\n"
            f"    placeholder(ctx, {name!r}, {_fmt(size)}, {_fmt(loc)}, {_fmt(rot)})\n")


def is_placeholder(source: str) -> bool:
    return "    placeholder(ctx, " in source and source.count("\n") <= 3


def order_imports(imports: set[str] | list[str]) -> list[str]:
    known = [i for i in IMPORT_ORDER if i in imports]
    return known + sorted(set(imports) - set(known))


def assemble(stage: str, parts: dict[str, str], imports: set[str] | list[str] = (),
             preamble_extra: str = "") -> str:
    """Stage source from part functions (in the given order) and the imports they need.
    The blockout helper joins the preamble while any placeholder part is left."""
    needed = set(imports) | {"import bpy"}
    helpers = []
    if stage == "geometry" and any(is_placeholder(src) for src in parts.values()):
        needed |= {"import math"}
        helpers.append(PLACEHOLDER_HELPER.rstrip())
    if preamble_extra.strip():
        helpers.append(preamble_extra.strip())
    head = "\n".join(order_imports(needed))
    chunks = [head] + helpers + [src.rstrip() for src in parts.values()]
    return "\n\n\n".join(chunks) + "\n"


def blockout_geometry(blueprint: dict[str, Any]) -> str:
    parts = {c["name"]: placeholder_part(c) for c in blueprint.get("components", [])}
    return assemble("geometry", parts)


def camera_guess_composition(blueprint: dict[str, Any], aspect: float = 1.0) -> str:
    """A composition stage with one part, the blueprint's camera guess, at the reference's
    aspect ratio (aspect = height / width)."""
    pose = camera_pose(blueprint)
    width, height = render_resolution(aspect)
    return f'''import bpy
from mathutils import Vector


def compose_camera_guess(ctx):
    data = bpy.data.cameras.new("CameraGuess")
    data.lens = {pose["lens"]:.4g}
    data.clip_start = 0.01
    data.clip_end = 1000
    cam = bpy.data.objects.new("CameraGuess", data)
    ctx.collection.objects.link(cam)
    cam.location = {_fmt(pose["location"])}
    cam.rotation_euler = (Vector({_fmt(pose["target"])}) - cam.location).to_track_quat("-Z", "Y").to_euler()
    scene = bpy.context.scene
    scene.camera = cam
    scene.render.resolution_x = {width}
    scene.render.resolution_y = {height}
'''


def preview_program(program: SceneProgram, upto: str, aspect: float = 1.0,
                    stage_code: dict[str, str] | None = None) -> SceneProgram:
    """The program's current stages up to `upto` (with `stage_code` overriding some), plus
    an empty material stage and the camera guess where they are still missing."""
    preview = SceneProgram(name=program.name, blueprint=program.blueprint)
    k = stage_index(upto)
    stage_code = stage_code or {}
    for s in STAGES[: k + 1]:
        code = stage_code.get(s, program.stages[s].code)
        preview.set_stage_code(s, code, note="preview")
    if k < stage_index("composition"):
        if k < stage_index("material"):
            preview.set_stage_code("material", "import bpy\n", note="preview: no materials yet")
        if program.blueprint.get("camera"):
            comp = camera_guess_composition(program.blueprint, aspect)
        elif program.stages["composition"].code:
            comp = program.stages["composition"].code  # a one-shot program's own camera
        else:
            comp = ""
        if comp:
            preview.set_stage_code("composition", comp, note="preview: camera guess")
    return preview


SUBJECT_ONLY = '''def {function}(ctx):
    """Feedback mask only: hide what is not a component (floors, backdrops) from the render."""
    subject = set()
    for name in {names!r}:
        subject.update(o.name for o in ctx.objects_of(name))
    for obj in ctx.all_objects:
        if obj.name not in subject and obj.type not in ("CAMERA", "LIGHT"):
            obj.hide_render = True
'''


def subject_mask_program(preview: SceneProgram, components: list[str]) -> SceneProgram:
    """`preview` with a last part that hides everything but the components' objects, for
    the silhouette render: the reference mask is the subject, not the floor it stands on."""
    stage = preview.last_stage()
    fn = PART_PREFIX[stage] + "zz_codeform_subject_only"
    code = preview.stages[stage].code.rstrip() + "\n\n\n" + SUBJECT_ONLY.format(function=fn, names=list(components))
    masked = SceneProgram.from_json(preview.to_json())
    masked.set_stage_code(stage, code, note="feedback mask")
    return masked


def render_resolution(aspect: float) -> tuple[int, int]:
    """The render resolution a stage should set: 1024 wide at the reference's aspect
    (height / width)."""
    return 1024, max(16, int(math.floor(1024 * aspect + 0.5)))
