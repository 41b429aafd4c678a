"""The CodeForm tab in the 3D View sidebar. Panels draw state; they never compute."""
from . import stages

_modules = (stages,)


def register():
    for module in _modules:
        module.register()


def unregister():
    for module in reversed(_modules):
        module.unregister()
