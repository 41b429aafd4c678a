"""A small table scene as a four-stage program, and replies that edit it, for the edit tests."""
from __future__ import annotations

import json

from codeform.pipeline.program import SceneProgram

GEOMETRY = '''import bpy

LEG_HEIGHT = 0.7


def leg(name, x, y, radius):
    bpy.ops.mesh.primitive_cylinder_add(radius=radius, depth=LEG_HEIGHT, location=(x, y, LEG_HEIGHT / 2))
    bpy.context.active_object.name = name


def build_top(ctx):
    bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 0.72))
    bpy.context.active_object.name = "Table_Top"


def build_leg_left(ctx):
    leg("Table_LegLeft", -0.4, 0.0, 0.03)


def build_leg_right(ctx):
    leg("Table_LegRight", 0.4, 0.0, 0.03)
'''

MATERIAL = '''import bpy


def paint(objects, name, color):
    mat = bpy.data.materials.get(name) or bpy.data.materials.new(name)
    mat.diffuse_color = (*color, 1.0)
    for obj in objects:
        obj.data.materials.append(mat)


def material_top(ctx):
    paint(ctx.objects, "Oak", (0.4, 0.25, 0.1))


def material_leg_left(ctx):
    paint(ctx.objects, "Steel", (0.6, 0.6, 0.62))


def material_leg_right(ctx):
    paint(ctx.objects, "Steel", (0.6, 0.6, 0.62))
'''

COMPOSITION = '''import bpy


def compose_camera(ctx):
    data = bpy.data.cameras.new("Camera")
    data.lens = 50
    cam = bpy.data.objects.new("Camera", data)
    ctx.collection.objects.link(cam)
    cam.location = (0.0, -3.0, 1.2)
'''

LIGHTING = '''import bpy


def light_key(ctx):
    data = bpy.data.lights.new("Key", type='AREA')
    data.energy = 50
    key = bpy.data.objects.new("Key", data)
    ctx.collection.objects.link(key)
    key.location = (2.0, -2.0, 2.0)


def light_world(ctx):
    world = bpy.data.worlds.new("World")
    bpy.context.scene.world = world
'''

BLUEPRINT = {
    "title": "Side table", "description": "a small oak table on two steel legs",
    "components": [
        {"name": "top", "role": "table top", "shape": "box", "size": [1.0, 1.0, 0.04], "location": [0, 0, 0.72],
         "material": "oak"},
        {"name": "leg_left", "role": "left leg", "shape": "cylinder", "size": [0.06, 0.06, 0.7],
         "location": [-0.4, 0, 0.35], "material": "steel"},
        {"name": "leg_right", "role": "right leg", "shape": "cylinder", "size": [0.06, 0.06, 0.7],
         "location": [0.4, 0, 0.35], "material": "steel"},
    ],
}


def table_program(name: str = "table") -> SceneProgram:
    return SceneProgram.from_sources(name, json.loads(json.dumps(BLUEPRINT)),
                                     {"geometry": GEOMETRY, "material": MATERIAL, "composition": COMPOSITION,
                                      "lighting": LIGHTING})


def plan(change=(), add=(), remove=(), question="", summary="") -> str:
    def items(xs):
        out = []
        for x in xs:
            if isinstance(x, dict):
                out.append(x)
            else:
                stage, part = x.split("/")
                out.append({"stage": stage, "part": part, "what": f"edit {part}"})
        return out
    body = {"question": question, "summary": summary, "change": items(change), "add": items(add),
            "remove": items(remove)}
    return "```json\n" + json.dumps(body) + "\n```"


def part(fn: str, body: str, imports: str = "import bpy\n") -> str:
    return f"Here is the change.\n\n```python\n{imports}\n\ndef {fn}(ctx):\n{body}```\nThe rest stays."


def thin_leg(side: str, x: float) -> str:
    name = "Table_LegLeft" if side == "left" else "Table_LegRight"
    return part(f"build_leg_{side}", f'    leg("{name}", {x}, 0.0, 0.015)\n')


def brass(side: str) -> str:
    return part(f"material_leg_{side}", '    paint(ctx.objects, "Brass", (0.8, 0.55, 0.2))\n')
