# === helper-functions | ok
import bpy
from mathutils import Vector


def add_box(name, size, location):
    bpy.ops.mesh.primitive_cube_add(size=1, location=location)
    obj = bpy.context.active_object
    obj.name = name
    obj.scale = size
    return obj


def make_material(name, color, roughness=0.5):
    mat = bpy.data.materials.new(name)
    mat.diffuse_color = (*color, 1.0)
    mat.roughness = roughness
    return mat


seat = add_box("Seat", (0.45, 0.45, 0.04), Vector((0, 0, 0.45)))
back = add_box("Back", (0.45, 0.04, 0.5), (0, 0.2, 0.75))
wood = make_material("Wood", (0.5, 0.3, 0.15))
for part in (seat, back):
    part.data.materials.append(wood)

# === small-class | ok
import bpy
import math


class Shelf:
    def __init__(self, width, levels):
        self.width = width
        self.levels = levels
        self._made = []

    def build(self):
        for level in range(self.levels):
            bpy.ops.mesh.primitive_cube_add(size=1, location=(0, 0, 0.4 * level))
            board = bpy.context.active_object
            board.scale = (self.width, 0.3, 0.02)
            board.name = f"Board_{level}"
            self._made.append(board)
        return self._made

    @property
    def count(self):
        return len(self._made)


shelf = Shelf(1.2, 4)
boards = shelf.build()
assert shelf.count == 4

# === dataclass-parts | ok
import bpy
from dataclasses import dataclass, field
from typing import List, Tuple


@dataclass
class Part:
    name: str
    location: Tuple[float, float, float]
    radius: float = 0.1
    tags: List[str] = field(default_factory=list)


parts = [Part("Wheel_FL", (1, 1, 0.3), 0.3), Part("Wheel_FR", (1, -1, 0.3), 0.3),
         Part("Wheel_BL", (-1, 1, 0.3), 0.3), Part("Wheel_BR", (-1, -1, 0.3), 0.3)]
for part in parts:
    bpy.ops.mesh.primitive_cylinder_add(radius=part.radius, depth=0.15, location=part.location,
                                        rotation=(1.5708, 0, 0))
    bpy.context.active_object.name = part.name

# === try-except | ok
import bpy

try:
    mat = bpy.data.materials["DoesNotExist"]
except KeyError:
    mat = bpy.data.materials.new("Fallback")
try:
    value = 1 / 0
except ZeroDivisionError as exc:
    value = 0
finally:
    done = True
try:
    bpy.ops.mesh.primitive_cube_add()
except RuntimeError:
    pass
obj = bpy.context.active_object
obj.data.materials.append(mat)

# === bare-except-and-retry | ok
import bpy

for attempt in range(3):
    try:
        bpy.ops.mesh.primitive_cube_add(size=0.5, location=(attempt, 0, 0))
        break
    except:
        continue

# === random-scatter | ok
import bpy
import random

random.seed(42)
for i in range(15):
    x, y = random.uniform(-3, 3), random.uniform(-3, 3)
    s = random.uniform(0.1, 0.3)
    bpy.ops.mesh.primitive_ico_sphere_add(subdivisions=1, radius=s, location=(x, y, s))
    rock = bpy.context.active_object
    rock.name = f"Rock_{i:02d}"
    rock.rotation_euler = [random.random() * 3.14 for _ in range(3)]
choice = random.choice(["a", "b"])

# === math-spiral-stairs | ok
import bpy
from math import cos, sin, radians, pi

STEPS = 16
for i in range(STEPS):
    angle = radians(i * 360 / STEPS)
    bpy.ops.mesh.primitive_cube_add(size=1, location=(cos(angle) * 1.2, sin(angle) * 1.2, i * 0.18))
    step = bpy.context.active_object
    step.scale = (0.6, 0.25, 0.05)
    step.rotation_euler.z = angle
print(pi)

# === mathutils-matrices | ok
import bpy
from mathutils import Matrix, Vector, Euler, Quaternion
import mathutils

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
rot = Matrix.Rotation(0.5, 4, 'Z')
obj.matrix_world = Matrix.Translation(Vector((1, 2, 3))) @ rot
e = Euler((0.1, 0.2, 0.3), 'XYZ')
q = e.to_quaternion() @ Quaternion((0, 0, 1), 0.5)
obj.rotation_mode = 'QUATERNION'
obj.rotation_quaternion = q
n = mathutils.noise.noise(Vector((0.1, 0.2, 0.3)))
hit = mathutils.geometry.intersect_line_plane(Vector((0, 0, 5)), Vector((0, 0, -5)), Vector((0, 0, 0)), Vector((0, 0, 1)))

# === colorsys-palette | ok
import bpy
import colorsys

for i in range(6):
    r, g, b = colorsys.hsv_to_rgb(i / 6, 0.7, 0.9)
    mat = bpy.data.materials.new(f"Swatch_{i}")
    mat.diffuse_color = (r, g, b, 1)
    bpy.ops.mesh.primitive_plane_add(size=0.5, location=(i * 0.6, 0, 0))
    bpy.context.active_object.data.materials.append(mat)

# === comprehensions-and-sorting | ok
import bpy
import itertools
from collections import defaultdict, namedtuple

Spot = namedtuple("Spot", "x y")
spots = [Spot(x, y) for x, y in itertools.product(range(3), range(2))]
by_row = defaultdict(list)
for spot in spots:
    by_row[spot.y].append(spot)
for row, row_spots in sorted(by_row.items(), key=lambda kv: kv[0]):
    for spot in row_spots:
        bpy.ops.mesh.primitive_cube_add(size=0.3, location=(spot.x, spot.y, 0))
names = sorted(o.name for o in bpy.context.selected_objects)
widest = max(bpy.context.scene.objects, key=lambda o: o.dimensions.x, default=None)

# === main-guard | ok
import bpy


def main():
    bpy.ops.mesh.primitive_torus_add()
    bpy.context.active_object.name = "Donut"


if __name__ == "__main__":
    main()

# === isinstance-checks | ok
import bpy

bpy.ops.mesh.primitive_cube_add()
bpy.ops.object.light_add(type='POINT')
meshes = [o for o in bpy.context.scene.objects if isinstance(o.data, bpy.types.Mesh)]
lights = [o for o in bpy.context.scene.objects if o.type == 'LIGHT']
assert all(isinstance(o, bpy.types.Object) for o in meshes + lights)
assert bpy.context.active_object in lights

# === vertex-colors-attributes | ok
import bpy

bpy.ops.mesh.primitive_grid_add(x_subdivisions=10, y_subdivisions=10)
mesh = bpy.context.active_object.data
colors = mesh.color_attributes.new(name="Col", type='FLOAT_COLOR', domain='POINT')
for i, value in enumerate(colors.data):
    value.color = (i / len(colors.data), 0.5, 0.2, 1.0)
heights = mesh.attributes.new("height", 'FLOAT', 'POINT')
heights.data.foreach_set("value", [v.co.x for v in mesh.vertices])
coords = [0.0] * (len(mesh.vertices) * 3)
mesh.vertices.foreach_get("co", coords)

# === object-data-add | ok
import bpy
from bpy_extras.object_utils import object_data_add

mesh = bpy.data.meshes.new("Tri")
mesh.from_pydata([(0, 0, 0), (1, 0, 0), (0, 1, 0)], [], [(0, 1, 2)])
obj = object_data_add(bpy.context, mesh)
obj.location.z = 1

# === evaluated-depsgraph | ok
import bpy
from mathutils import Vector

bpy.ops.mesh.primitive_cube_add()
obj = bpy.context.active_object
obj.modifiers.new("Sub", 'SUBSURF').levels = 2
depsgraph = bpy.context.evaluated_depsgraph_get()
evaluated = obj.evaluated_get(depsgraph)
count = len(evaluated.data.vertices)
corners = [evaluated.matrix_world @ Vector(c) for c in evaluated.bound_box]
print(count)

# === screw-and-lathe | ok
import bpy

curve = bpy.data.curves.new("Profile", 'CURVE')
spline = curve.splines.new('POLY')
spline.points.add(3)
for pt, co in zip(spline.points, [(0.5, 0, 0, 1), (0.6, 0, 0.5, 1), (0.3, 0, 1.0, 1), (0.35, 0, 1.2, 1)]):
    pt.co = co
vase = bpy.data.objects.new("Vase", curve)
bpy.context.collection.objects.link(vase)
screw = vase.modifiers.new("Lathe", 'SCREW')
screw.steps = 48
screw.render_steps = 48

# === class-hierarchy-super-match-walrus | ok
import bpy
from collections import namedtuple

Pt = namedtuple("Pt", "x y z")
count = 0


class Part:
    def __init__(self, name):
        self.name = name
        self._size = 1.0

    @property
    def size(self):
        return self._size

    @classmethod
    def named(cls, name):
        return cls(name)

    def build(self):
        global count
        count += 1
        bpy.ops.mesh.primitive_cube_add(size=self.size, location=(2 * count, 0, 0))
        bpy.context.active_object.name = f"{self.name}_{count}"


class Leg(Part):
    def __init__(self, name, height):
        super().__init__(name)
        super()._grow(height) if hasattr(super(), "_grow") else None
        self._size = height


def shape(spec):
    match spec:
        case {"kind": "leg", "height": h}:
            return Leg("leg", h)
        case [name]:
            return Part.named(name)
        case _:
            return None


for spec in ({"kind": "leg", "height": 0.5}, ["seat"]):
    if (part := shape(spec)) is not None:
        part.build()
print(Pt(1, 2, 3)._asdict(), count)
