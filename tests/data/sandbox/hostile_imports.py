# === import-os | policy
import os
os.system("touch {canary}/os")

# === import-subprocess | policy
import subprocess
subprocess.run(["touch", "{canary}/subprocess"])

# === import-sys | policy
import sys
sys.modules["os"].system("touch {canary}/sys")

# === import-socket | policy
import socket
socket.create_connection(("example.com", 80))

# === import-urllib | policy
from urllib.request import urlopen
urlopen("http://example.com")

# === import-ctypes | policy
import ctypes
ctypes.CDLL(None).system(b"touch {canary}/ctypes")

# === import-shutil | policy
import shutil
shutil.rmtree("{canary}")

# === import-pathlib | policy
from pathlib import Path
Path("{canary}/pathlib").write_text("x")

# === import-importlib | policy
import importlib
importlib.import_module("os").system("touch {canary}/importlib")

# === dunder-import | policy
__import__("os").system("touch {canary}/dunder")

# === relative-import | policy
from . import cli

# === import-threading | policy
import threading
threading.Thread(target=lambda: None).start()

# === import-atexit | policy
import atexit
atexit.register(print, "bye")

# === import-weakref-finalizer | policy
import weakref
import bpy
weakref.finalize(bpy.context.scene, print, "later")

# === import-addon-utils | policy
import addon_utils
addon_utils.enable("io_import_images_as_planes")

# === import-bpy-utils | policy
import bpy.utils
bpy.utils.script_paths()

# === from-bpy-path | policy
from bpy import path
path.abspath("//x")

# === random-os | policy
import random
random._os.system("touch {canary}/random")

# === uuid-os | policy
import uuid
uuid.os.system("touch {canary}/uuid")

# === typing-sys | policy
import typing
typing.sys.modules["os"].system("touch {canary}/typing")

# === dataclasses-builtins | policy
import dataclasses
dataclasses.builtins.open("{canary}/dataclasses", "w")

# === numpy-tofile | policy
import numpy
numpy.zeros(3).tofile("{canary}/numpy")

# === facade-alias-import | refused
import bpy
ops = bpy.ops
wm = ops.wm
wm.save_as_mainfile(filepath="{canary}/alias.blend")
