"""What a provider client needs from its surroundings: keys, addresses, User-Agent, images.

Keys come from the environment first (OPENAI_API_KEY, ANTHROPIC_API_KEY, CODEFORM_API_KEY),
then from the caller (the add-on preferences). They are handed to the SDK and nowhere else.
"""
from __future__ import annotations

import base64
import functools
import ipaddress
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV_KEYS = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "openai-compatible": "CODEFORM_API_KEY"}
# Local servers (Ollama, LM Studio, llama.cpp) ignore the key, but the SDK insists on one.
LOCAL_PLACEHOLDER_KEY = "not-needed"
PREFERENCES_HINT = "Preferences > Add-ons > CodeForm"


def import_sdk(name: str):
    """The provider's SDK module, or a one-line ProviderError when it is not installed."""
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError:
        from ..pipeline.errors import ProviderError
        raise ProviderError(f"the '{name}' Python package is missing: reinstall the CodeForm extension "
                            f"(it bundles it) or pip install {name}") from None


def resolve_key(provider: str, api_key: str | None = None) -> str | None:
    """The key to use: the provider's environment variable wins over the one passed in."""
    env = os.environ.get(ENV_KEYS.get(provider, ""), "").strip()
    return env or (api_key or "").strip() or None


def check_key(provider: str, key: str) -> str:
    """`key`, or a ProviderError if it cannot go into an HTTP header.

    A key pasted with a line break or a stray character would make httpx fail with a message
    (and the SDK log a traceback) that quotes the header, key included; stop it here.
    """
    if any(c.isspace() or not c.isprintable() or ord(c) > 126 for c in key):
        from ..pipeline.errors import ProviderError
        who = "the API key" if provider == "openai-compatible" else f"the {_NAMES[provider]} API key"
        raise ProviderError(f"{who} contains spaces, line breaks or non-ASCII characters: paste it again; "
                            f"{key_hint(provider)}")
    return key


_NAMES = {"openai": "OpenAI", "anthropic": "Anthropic", "openai-compatible": "server's"}


def key_hint(provider: str) -> str:
    """Where a person sets the key, for error messages."""
    if provider == "openai-compatible":
        return f"set CODEFORM_API_KEY or the key in {PREFERENCES_HINT}"
    return f"set it in {PREFERENCES_HINT} or {ENV_KEYS[provider]}"


def is_local_url(url: str) -> bool:
    """True for loopback, private-network and single-label hosts: a server on this machine or LAN."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return False
    if host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal")):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host          # a single-label name such as "gpu-box" resolves on the LAN
    return ip.is_loopback or ip.is_private or ip.is_link_local


def check_base_url(url: str | None, provider: str) -> str | None:
    """`url` with a scheme, or a ProviderError saying what is wrong with it.

    Without a scheme, a server on this machine or network gets http:// and any other host
    https://, so a pasted "openrouter.ai/api/v1" never sends the key in clear text. A URL with
    a user name or password ("http://user:secret@host/v1") is refused without repeating it:
    httpx would log the secret with every request."""
    if not url:
        return url
    from ..pipeline.errors import ProviderError
    url = url.strip()
    if "://" not in url:
        url = ("http://" if is_local_url("http://" + url) else "https://") + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is not None and "@" in parts.netloc:
        raise ProviderError(f"the base URL holds a user name or password (user:secret@host): remove it and "
                            f"{key_hint(provider).replace('set it', 'set the key', 1)}")
    shown = "".join(c if c.isprintable() else "?" for c in url)[:120]
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname \
            or any(c.isspace() or not c.isprintable() for c in url) or port == 0:
        raise ProviderError(f"the base URL '{shown}' is not a web address: use one like "
                            f"http://127.0.0.1:11434/v1 or https://api.example.com/v1")
    return url


def anthropic_base_url(url: str | None) -> str | None:
    """The base URL the anthropic SDK wants: without the "/v1" (or "/v1/messages") it adds itself.

    "https://api.anthropic.com/v1" is what people copy from the API docs; sent as is, every call
    goes to /v1/v1/messages and fails as a 404 that reads like a wrong model name."""
    if not url:
        return url
    path = urlsplit(url).path.rstrip("/")
    for tail in ("/v1/messages", "/v1"):
        if path.endswith(tail):
            path = path[: -len(tail)]
            break
    scheme, netloc = urlsplit(url)[:2]
    return urlunsplit((scheme, netloc, path, "", ""))     # as normalize_base_url: no query, no fragment


def normalize_base_url(url: str) -> str:
    """An OpenAI-compatible base URL ending where the SDK expects it (".../v1").

    People paste "http://127.0.0.1:11434", "http://host:8000/v1/" or the full
    ".../v1/chat/completions"; all three mean the same server.
    """
    url = url.strip()
    if "://" not in url:
        url = ("http://" if is_local_url("http://" + url) else "https://") + url
    scheme, netloc, path, _, _ = urlsplit(url)
    path = path.rstrip("/")
    for tail in ("/chat/completions", "/models"):
        if path.endswith(tail):
            path = path[: -len(tail)]
    if not path:
        path = "/v1"
    return urlunsplit((scheme, netloc, path, "", ""))


@functools.lru_cache(maxsize=1)
def codeform_version() -> str:
    try:
        import tomllib
        manifest = Path(__file__).resolve().parent.parent / "blender_manifest.toml"
        return str(tomllib.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, KeyError, ValueError):
        return "0"


def user_agent(sdk: str) -> str:
    """"CodeForm/<version> Blender/<version> <sdk>".

    Blender's version is only named when bpy is already loaded (inside Blender, or a CLI
    command that imported it): importing bpy here would cost a second and touch $HOME.
    """
    agent = f"CodeForm/{codeform_version()}"
    bpy = sys.modules.get("bpy")
    version = getattr(getattr(bpy, "app", None), "version_string", "")
    if version:
        agent += f" Blender/{version.split()[0]}"
    return f"{agent} {sdk}"


def image_media_type(data: bytes, index: int = 0) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:4] == b"GIF8":
        return "image/gif"
    from ..pipeline.errors import ProgramError
    raise ProgramError(f"image {index + 1} of the request is not a PNG, JPEG, WebP or GIF")


def image_base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def data_url(data: bytes, index: int = 0) -> str:
    return f"data:{image_media_type(data, index)};base64,{image_base64(data)}"
