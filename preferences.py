"""Add-on preferences: provider, model, key, feedback and budget settings.

The API key is a PASSWORD field that lives in the user preferences, never in a .blend;
an environment variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, CODEFORM_API_KEY) takes
precedence and is the safer choice.
"""
import bpy
from bpy.props import EnumProperty, FloatProperty, IntProperty, StringProperty

PROVIDERS = (
    ("openai", "OpenAI", "OpenAI's API with the official SDK"),
    ("anthropic", "Anthropic", "Anthropic's API with the official SDK"),
    ("openai-compatible", "OpenAI-compatible", "Any OpenAI-compatible server: Ollama, LM Studio, vLLM, OpenRouter"),
)

ENGINES = (
    ("BLENDER_WORKBENCH", "Workbench", "Fastest feedback renders"),
    ("CYCLES", "Cycles", "Path-traced feedback renders (slower, closer to the final look)"),
    ("BLENDER_EEVEE", "EEVEE", "Rasterised feedback renders (slow to start without a GPU)"),
)


class CODEFORM_AP_preferences(bpy.types.AddonPreferences):
    bl_idname = __package__

    provider: EnumProperty(name="Provider", items=PROVIDERS, default="openai")
    model: StringProperty(name="Model", description="Model name; empty uses the provider's default")
    base_url: StringProperty(name="Base URL", description="Server address for OpenAI-compatible providers, e.g. http://127.0.0.1:11434/v1")
    api_key: StringProperty(name="API Key", subtype="PASSWORD",
                            description="Stored in your preferences only, never in a .blend. An environment variable takes precedence")
    iterations: IntProperty(name="Iterations per Stage", default=3, min=1, max=10)
    render_engine: EnumProperty(name="Feedback Engine", items=ENGINES, default="BLENDER_WORKBENCH")
    render_size: IntProperty(name="Feedback Resolution", default=256, min=64, max=1024)
    concurrency: IntProperty(name="Concurrent Calls", default=4, min=1, max=16)
    max_calls: IntProperty(name="Max Calls per Job", default=60, min=1, max=1000)
    max_cost: FloatProperty(name="Max Cost per Job (USD)", default=2.0, min=0.0, max=1000.0, precision=2)

    def draw(self, context):
        layout = self.layout
        col = layout.column()
        col.use_property_split = True
        col.prop(self, "provider")
        col.prop(self, "model")
        if self.provider == "openai-compatible":
            col.prop(self, "base_url")
        col.prop(self, "api_key")
        note = col.row()
        note.alignment = "RIGHT"
        note.label(text="Environment variables take precedence and are safer", icon="INFO")
        col.separator()
        col.prop(self, "iterations")
        col.prop(self, "render_engine")
        col.prop(self, "render_size")
        col.prop(self, "concurrency")
        col.prop(self, "max_calls")
        col.prop(self, "max_cost")


classes = (CODEFORM_AP_preferences,)
register, unregister = bpy.utils.register_classes_factory(classes)
