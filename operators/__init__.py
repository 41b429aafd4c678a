"""Operators: thin classes that gather inputs, call the engine and report."""
from . import edit, engine, index, provider, reconstruct, reference, stages

_modules = (stages, reference, provider, reconstruct, edit, index)


def register():
    engine.reset()
    for module in _modules:
        module.register()


def unregister():
    for module in reversed(_modules):
        module.unregister()
