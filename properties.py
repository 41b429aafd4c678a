"""Properties CodeForm attaches to Blender types; every one is removed on unregister.

What the artist chose for a reconstruction (the reference image, a hint, the edit
instruction) is file data on the Scene: it belongs to the scene it reconstructs. Job
progress is session state and lives on the WindowManager, so Ctrl+Z never rewinds it.
Nothing here ever holds a key.
"""
import bpy
from bpy.props import (BoolProperty, CollectionProperty, FloatProperty, IntProperty,
                       PointerProperty, StringProperty)


class CODEFORM_PG_scene(bpy.types.PropertyGroup):
    reference: PointerProperty(
        name="Reference", type=bpy.types.Image,
        description="The image to reconstruct: a file, an Image Editor image or a reference-image empty")
    hint: StringProperty(
        name="Hint", description="Optional words about the image for the model, e.g. 'a walnut side table'")
    pause_after_stage: BoolProperty(
        name="Pause After Each Stage",
        description="Stop after each stage is accepted and wait for Next Stage: step through the reconstruction")
    instruction: StringProperty(
        name="Instruction", description="What to change, in a sentence: 'make the legs thinner and brass'")


class CODEFORM_PG_stage_state(bpy.types.PropertyGroup):
    # name: the stage; state: pending | running | done | failed
    state: StringProperty(name="State", default="pending")
    message: StringProperty(name="Message")


class CODEFORM_PG_job(bpy.types.PropertyGroup):
    """The running (or last finished) job, as the sidebar shows it."""
    label: StringProperty(name="Job")
    kind: StringProperty(name="Kind")
    run: StringProperty(name="Run")
    state: StringProperty(name="State", description="running, paused, done, failed or cancelled; empty when idle")
    stage: StringProperty(name="Stage")
    component: StringProperty(name="Component")
    iteration: IntProperty(name="Iteration")
    message: StringProperty(name="Message")
    calls: IntProperty(name="Calls")
    cost: FloatProperty(name="Cost", precision=3)
    fraction: FloatProperty(name="Progress", default=-1.0)
    started: FloatProperty(name="Started")
    elapsed: FloatProperty(name="Elapsed")
    error: StringProperty(name="Error", description="One line: what went wrong and what to do")
    fix: StringProperty(name="Fix", description="What would fix the error: 'preferences', 'online'")
    pause_message: StringProperty(name="Paused")
    question: StringProperty(name="Question", description="The model's question about an ambiguous edit")
    stages: CollectionProperty(type=CODEFORM_PG_stage_state)


class CODEFORM_PG_session(bpy.types.PropertyGroup):
    status: StringProperty(name="Status", description="What CodeForm did last")
    job: PointerProperty(type=CODEFORM_PG_job)


classes = (CODEFORM_PG_scene, CODEFORM_PG_stage_state, CODEFORM_PG_job, CODEFORM_PG_session)
_register, _unregister = bpy.utils.register_classes_factory(classes)


def register():
    _register()
    bpy.types.Scene.codeform_run = StringProperty(
        name="Run", description="The CodeForm run shown in the sidebar")
    bpy.types.Scene.codeform = PointerProperty(type=CODEFORM_PG_scene)
    bpy.types.WindowManager.codeform = PointerProperty(type=CODEFORM_PG_session)


def unregister():
    del bpy.types.WindowManager.codeform
    del bpy.types.Scene.codeform
    del bpy.types.Scene.codeform_run
    _unregister()
