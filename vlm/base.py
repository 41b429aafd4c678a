"""The one interface the pipeline talks to: a request in, a reply with usage out.

`make_client` builds a provider client (openai, anthropic, openai-compatible, replay).
Provider clients retry transient failures themselves; `vlm.session.Session` adds the job's
budget, cancellation and usage log on top.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

PROVIDERS = ("openai", "anthropic", "openai-compatible", "replay")


@dataclass
class VLMRequest:
    purpose: str                 # "blueprint" | "component" | "stage" | "critique" | "repair" | "edit-locate" | "edit" | "oneshot" | "test"
    system: str                  # system prompt
    prompt: str                  # user text (after the images)
    images: list[bytes] = field(default_factory=list)   # PNG bytes, in order (reference first)
    stage: str = ""              # "geometry" | "material" | "composition" | "lighting" | ""
    component: str = ""          # component / part name, when the call is about one
    cache_prefix: str = ""       # stable context (API docs, exemplars) sent right after the system prompt
    history: list[tuple[str, str]] = field(default_factory=list)  # earlier ("user"|"assistant", text) turns
    max_tokens: int = 4096
    temperature: float | None = None

    def describe(self) -> str:
        """purpose/stage/component, for messages and logs (never the prompt text)."""
        parts = [f"purpose '{self.purpose}'"]
        if self.stage:
            parts.append(f"stage '{self.stage}'")
        if self.component:
            parts.append(f"component '{self.component}'")
        return ", ".join(parts)


@dataclass
class Usage:
    input_tokens: int = 0        # every input token, cached ones included
    output_tokens: int = 0
    cached_tokens: int = 0       # input tokens read from the provider's prompt cache
    cost_usd: float = 0.0        # estimate from vlm/prices.json
    cache_write_tokens: int = 0  # input tokens written to the cache (Anthropic bills them extra)

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(self.input_tokens + other.input_tokens, self.output_tokens + other.output_tokens,
                     self.cached_tokens + other.cached_tokens, self.cost_usd + other.cost_usd,
                     self.cache_write_tokens + other.cache_write_tokens)


@dataclass
class VLMReply:
    text: str
    stop_reason: str             # the provider's own word: "stop", "end_turn", "length", "max_tokens", ...
    usage: Usage
    model: str
    provider: str
    latency_s: float             # wall time of complete(): retries and continuation included
    truncated: bool = False      # still cut at the token limit after the one continuation call
    calls: int = 1               # HTTP calls that produced it (a continuation adds one)
    attempts: int = 1            # calls including retried failures


@runtime_checkable
class VLMClient(Protocol):
    provider: str
    model: str

    def complete(self, request: VLMRequest, cancel: threading.Event | None = None) -> VLMReply: ...


def make_client(provider: str, model: str | None = None, base_url: str | None = None,
                api_key: str | None = None, timeout_s: float = 120, max_retries: int = 4,
                transcript: str | None = None, **options) -> VLMClient:
    """A client for `provider`: openai | anthropic | openai-compatible | replay.

    The key from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, CODEFORM_API_KEY) wins
    over `api_key`. `options` tune retries for tests and tools: backoff_s (first backoff,
    default 1 s), max_backoff_s (30 s), max_retry_after_s (120 s: a longer Retry-After is
    reported instead of waited out), continue_truncated (True).
    """
    from ..pipeline.errors import ProgramError
    if provider == "replay":
        if not transcript:
            raise ProgramError("the replay provider needs a transcript file (--transcript FILE)")
        from .replay import ReplayClient
        return ReplayClient(transcript, model=model)
    if provider in ("openai", "openai-compatible"):
        from .openai_client import OpenAIClient
        return OpenAIClient(provider, model=model, base_url=base_url, api_key=api_key,
                            timeout_s=timeout_s, max_retries=max_retries, **options)
    if provider == "anthropic":
        from .anthropic_client import AnthropicClient
        return AnthropicClient(model=model, base_url=base_url, api_key=api_key,
                               timeout_s=timeout_s, max_retries=max_retries, **options)
    raise ProgramError(f"unknown provider '{provider}': use one of {', '.join(PROVIDERS)}")
