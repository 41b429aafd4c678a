"""Operators: thin classes that gather inputs, call the engine and report."""
from . import stages

_modules = (stages,)


def register():
    for module in _modules:
        module.register()


def unregister():
    for module in reversed(_modules):
        module.unregister()
