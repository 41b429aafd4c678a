# === subclasses-walk | policy
for cls in ().__class__.__base__.__subclasses__():
    if cls.__name__ == "Popen":
        cls(["touch", "{canary}/walk"])

# === eval | policy
eval("__import__('os').system('touch {canary}/eval')")

# === exec | policy
exec("import os")

# === compile | policy
code = compile("import os", "x", "exec")

# === open-read | policy
secrets = open("/etc/passwd").read()

# === globals-builtins | policy
globals()["__builtins__"]["open"]("{canary}/globals", "w")

# === vars | policy
import bpy
vars(bpy)

# === func-globals | policy
def f():
    pass
f.__globals__["__builtins__"]

# === code-object | policy
g = (lambda: 0).__code__

# === generator-frame | policy
def gen():
    yield 1
frame = gen().gi_frame
frame.f_globals

# === traceback-frame | policy
try:
    1 / 0
except Exception as exc:
    up = exc.__traceback__.tb_frame.f_back.f_globals

# === format-walk | policy
leak = "{0.__class__.__mro__}".format(1)

# === format-computed | policy
template = "{0." + "__globals__}"
template.format(print)

# === getattr-dynamic | policy
name = "__cl" + "ass__"
getattr(1, name)

# === getattr-literal-dunder | policy
getattr(print, "__self__")

# === getattr-as-value | policy
g = getattr
g(1, "__class__")

# === setattr-dynamic | policy
import bpy
setattr(bpy.context.scene, "na" + "me", "pwned")

# === type-three-args | policy
Evil = type("Evil", (), {"__del__": lambda self: None})

# === metaclass | policy
class Meta(type):
    pass
class Thing(metaclass=Meta):
    pass

# === finalizer | policy
class Sticky:
    def __del__(self):
        print("after the run")
keep = Sticky()

# === catch-baseexception | policy
while True:
    try:
        pass
    except BaseException:
        pass

# === catch-keyboardinterrupt | policy
try:
    pass
except (ValueError, KeyboardInterrupt):
    pass

# === huge-power | policy
n = 9 ** 9 ** 9

# === huge-repeat | policy
blob = "x" * 10 ** 10

# === mathutils-owner | policy
import bpy
bpy.ops.mesh.primitive_cube_add()
struct = bpy.context.active_object.location.owner

# === private-attribute | policy
import bpy
bpy.ops._op_as_string("mesh.primitive_cube_add")

# === runtime-getattr-private | refused
import bpy
names = ["_cf_r"]
for n in names:
    print(hasattr(bpy.data, n))
bpy.context.scene.name = "pwned"

# === type-of-proxy-mutation | refused
import bpy
T = type(bpy.context.scene)
T.evil = 1

# === async-code | policy
async def go():
    pass

# === format-bound-method | policy
import random
walk = "{0.__init__.__globals__}".format
print(walk(random.choice))

# === format-mapped | policy
print(list(map("{0.__class__.__base__}".format, [1])))

# === format-nested-spec | policy
import random
try:
    "{0:{1.__func__.__globals__[_os].environ}}".format("", random.choice)
except ValueError as exc:
    print(exc)

# === getattr-format | policy
walk = getattr("{0.__class__}", "format")
print(walk(1))

# === generator-finally-after-run | policy
def later():
    try:
        yield 1
    finally:
        while True:
            pass
pending = later()
next(pending)

# === generator-with-after-run | policy
class Stay:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        while True:
            pass
def later():
    with Stay():
        yield 1
pending = later()
next(pending)

# === exception-str-loops | raised
class Boom(Exception):
    def __str__(self):
        while True:
            pass
raise Boom()

# === exception-arg-repr-loops | raised
class Loop:
    def __repr__(self):
        while True:
            pass
raise KeyError(Loop())

# === exception-str-raises | raised
class Boom(ValueError):
    def __str__(self):
        raise RuntimeError("not a one-line message")
raise Boom("x")

# === exception-args-property | raised
class Boom(Exception):
    @property
    def args(self):
        while True:
            pass
raise Boom()

# === match-class-dunder-walk | policy
match ():
    case object(__class__=cls):
        pass
match cls:
    case object(__base__=base):
        pass
match base:
    case object(__subclasses__=subs):
        pass
for found in subs():
    match found:
        case object(__qualname__="Popen"):
            found(["touch", "{canary}/match"]).wait()

# === match-class-globals | policy
import random
match random.choice:
    case object(__func__=function):
        pass
match function:
    case object(__globals__=module_globals):
        module_globals["_os"].system("touch {canary}/globals")

# === match-class-proxy-slot | policy
import bpy
match bpy.context.scene:
    case object(_cf_r=raw):
        raw.name = "Stolen"
