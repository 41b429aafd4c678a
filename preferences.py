"""Add-on preferences: provider, model, key, feedback and budget settings.

The API key is a PASSWORD field that lives in the user preferences, never in a .blend;
an environment variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, CODEFORM_API_KEY) takes
precedence and is the safer choice.

The optional dense-retrieval stack installs into the extension's own user directory
(`site-packages` there), which goes on sys.path while the extension is enabled.
"""
import sys

import bpy
from bpy.props import CollectionProperty, EnumProperty, FloatProperty, IntProperty, StringProperty

PROVIDERS = (
    ("openai", "OpenAI", "OpenAI's API with the official SDK"),
    ("anthropic", "Anthropic", "Anthropic's API with the official SDK"),
    ("openai-compatible", "OpenAI-compatible", "Any OpenAI-compatible server: Ollama, LM Studio, vLLM, OpenRouter"),
    ("replay", "Replay (offline)", "Answers from a recorded transcript: the demo and tests, no network"),
)

# The lighting stage (and an edit's before/after pictures) is judged by these renders; the
# earlier stages always use Workbench silhouettes, which do not depend on light.
ENGINES = (
    ("CYCLES", "Cycles", "Path-traced, small and denoised: judges light and shadow best (about 1 s on a CPU)"),
    ("BLENDER_EEVEE", "EEVEE", "Rasterised (slow to start without a GPU)"),
    ("BLENDER_WORKBENCH", "Workbench", "Fastest, but shows no lights: the lighting stage is judged blind"),
)

_site_dir: str | None = None


class CODEFORM_PG_model(bpy.types.PropertyGroup):
    # name: a model id the provider's server listed (Refresh)
    pass


class CODEFORM_AP_preferences(bpy.types.AddonPreferences):
    bl_idname = __package__

    provider: EnumProperty(name="Provider", items=PROVIDERS, default="openai")
    model: StringProperty(name="Model", description="Model name; empty uses the provider's default")
    models: CollectionProperty(type=CODEFORM_PG_model, options={"SKIP_SAVE"})
    base_url: StringProperty(name="Base URL", description="Server address for OpenAI-compatible providers, e.g. http://127.0.0.1:11434/v1")
    api_key: StringProperty(name="API Key", subtype="PASSWORD",
                            description="Stored in your preferences only, never in a .blend. An environment variable takes precedence")
    transcript: StringProperty(name="Transcript", subtype="FILE_PATH",
                               description="A recorded transcript (codeform.transcript JSON) the replay provider answers from")
    iterations: IntProperty(name="Iterations per Stage", default=3, min=1, max=10)
    render_engine: EnumProperty(name="Lighting Feedback", items=ENGINES, default="CYCLES",
                                description="Engine of the lighting stage's feedback renders and of an edit's "
                                            "before/after renders")
    render_size: IntProperty(name="Feedback Resolution", default=256, min=64, max=1024, subtype="PIXEL")
    concurrency: IntProperty(name="Concurrent Calls", default=4, min=1, max=16)
    max_calls: IntProperty(name="Max Calls per Job", default=60, min=1, max=1000)
    max_cost: FloatProperty(name="Max Cost per Job (USD)", default=2.0, min=0.0, max=1000.0, precision=2)

    def draw(self, context):
        from .operators import provider as ops  # draw reads cached state only
        layout = self.layout
        col = layout.column()
        col.use_property_split = True
        col.use_property_decorate = False

        box = col.box().column()
        box.use_property_split = True
        box.label(text="Model Provider", icon="WORLD")
        box.prop(self, "provider")
        if self.provider == "replay":
            box.prop(self, "transcript")
        else:
            row = box.row(align=True)
            if len(self.models):
                row.prop_search(self, "model", self, "models", icon="NONE")
            else:
                row.prop(self, "model")
            row.operator("codeform.refresh_models", text="", icon="FILE_REFRESH")
            if self.provider == "openai-compatible":
                box.prop(self, "base_url")
            box.prop(self, "api_key")
            note = box.column(align=True)
            note.label(text="Environment variables take precedence and are safer:", icon="INFO")
            note.label(text=f"{ops.env_var(self.provider)} is {'set' if ops.env_key_set(self.provider) else 'not set'}",
                       icon="BLANK1")
        blocked = ops.online_blocked(self)
        if blocked:
            box.label(text=blocked, icon="ERROR")
        box.operator("codeform.test_connection", icon="LINKED")

        box = col.box().column()
        box.use_property_split = True
        box.label(text="Each Stage", icon="RENDER_STILL")
        box.prop(self, "iterations")
        box.prop(self, "render_engine")
        box.prop(self, "render_size")

        box = col.box().column()
        box.use_property_split = True
        box.label(text="Budget per Job", icon="PROPERTIES")
        box.prop(self, "concurrency")
        box.prop(self, "max_calls")
        box.prop(self, "max_cost")

        box = col.box().column()
        box.label(text="Dense Retrieval (optional)", icon="VIEWZOOM")
        box.label(text=ops.dense_status(), icon="CHECKMARK" if ops.dense_installed() else "DOT")
        if not getattr(bpy.app, "online_access", True):  # the button is disabled: say why without a hover
            box.label(text=ops.ONLINE_HINT + " to download them", icon="INFO")
        box.operator("codeform.install_dense", icon="IMPORT")


def site_packages(create: bool = False) -> str | None:
    """The extension's own site-packages folder (where optional packages go), or None when
    the extension is not loaded as an extension or the folder does not exist yet."""
    try:
        return bpy.utils.extension_path_user(__package__, path="site-packages", create=create)
    except (ValueError, AttributeError, OSError):
        return None


def add_site_packages() -> str | None:
    """Put the extension's site-packages on sys.path when it exists; returns it."""
    global _site_dir
    import os
    path = site_packages(create=False)
    if path and os.path.isdir(path) and path not in sys.path:
        sys.path.append(path)
        _site_dir = path
    return _site_dir


classes = (CODEFORM_PG_model, CODEFORM_AP_preferences)
_register, _unregister = bpy.utils.register_classes_factory(classes)


def register():
    _register()
    add_site_packages()


def unregister():
    global _site_dir
    if _site_dir in sys.path:
        sys.path.remove(_site_dir)
    _site_dir = None
    _unregister()
