"""The model-provider options of `codeform reconstruct` and `codeform edit`.

Keys are never options (a command line shows up in `ps` and shell history): they come from
OPENAI_API_KEY, ANTHROPIC_API_KEY or CODEFORM_API_KEY.
"""
from __future__ import annotations

import argparse
import os

from .base import PROVIDERS, VLMClient


def add_provider_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model provider (keys come from OPENAI_API_KEY, ANTHROPIC_API_KEY, "
                                      "CODEFORM_API_KEY)")
    group.add_argument("--provider", choices=PROVIDERS, default=None,
                       help="who writes the code (default: replay with --transcript, else $CODEFORM_PROVIDER "
                            "or openai)")
    group.add_argument("--model", default=None,
                       help="model name (default: gpt-4.1 for openai, claude-sonnet-4-6 for anthropic, the "
                            "server's first model for openai-compatible)")
    group.add_argument("--base-url", default=None, metavar="URL",
                       help="server of an openai-compatible provider, e.g. http://127.0.0.1:11434/v1 (Ollama), "
                            "http://127.0.0.1:1234/v1 (LM Studio), http://127.0.0.1:8000/v1 (vLLM)")
    group.add_argument("--transcript", default=None, metavar="FILE",
                       help="answer from this recorded transcript (codeform.transcript JSON) instead of a model")


def provider_from_args(args: argparse.Namespace) -> str:
    if getattr(args, "provider", None):
        return args.provider
    if getattr(args, "transcript", None):
        return "replay"
    if getattr(args, "base_url", None):
        return "openai-compatible"
    return os.environ.get("CODEFORM_PROVIDER") or "openai"


def client_from_args(args: argparse.Namespace, **options) -> VLMClient:
    """The client the options name; ProgramError (exit 2) for contradictory options,
    ProviderError (exit 6) for a missing key."""
    from ..pipeline.errors import ProgramError
    from .base import make_client
    provider = provider_from_args(args)
    if provider not in PROVIDERS:
        raise ProgramError(f"CODEFORM_PROVIDER={provider!r} is not a provider: use one of {', '.join(PROVIDERS)}")
    transcript = getattr(args, "transcript", None)
    if transcript and provider != "replay":
        raise ProgramError(f"--transcript is for --provider replay, not {provider}")
    base_url = getattr(args, "base_url", None)
    if base_url and provider == "replay":   # anthropic and openai take one too: a proxy or gateway
        raise ProgramError("--base-url has no meaning with --provider replay")
    return make_client(provider, model=getattr(args, "model", None), base_url=base_url,
                       transcript=transcript, **options)
