"""The CodeForm tab in the 3D View sidebar. Panels draw state; they never compute."""
from . import edit, index, reconstruct, reference, stages

_modules = (reference, reconstruct, stages, edit, index)


def register():
    for module in _modules:
        module.register()


def unregister():
    from . import state
    state.clear()
    for module in reversed(_modules):
        module.unregister()
