"""CodeForm: reconstruct a scene from a reference image as editable Blender code.

This file only registers and unregisters. Submodules are imported inside register() so
that `import codeform` stays bpy-free for the CLI and the plain-Python tests.
"""

_MODULES = ("preferences", "properties", "jobs.host", "operators", "panels")


def _modules():
    import importlib
    return [importlib.import_module(f".{name}", __package__) for name in _MODULES]


def register():
    for module in _modules():
        module.register()


def unregister():
    for module in reversed(_modules()):
        module.unregister()
