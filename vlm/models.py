"""The models a provider offers, for the UI's Refresh button and `--model` checks."""
from __future__ import annotations


def list_models(provider: str, base_url: str | None = None, api_key: str | None = None,
                timeout_s: float = 10.0) -> list[str]:
    """Model ids from the provider (GET /v1/models); raises ProviderError in one line.

    Blocking: call it off the main thread. For replay, the transcript's model is the list.
    """
    from .base import make_client
    if provider == "replay":
        return []
    client = make_client(provider, base_url=base_url, api_key=api_key, timeout_s=timeout_s, max_retries=0)
    return client.list_models()
