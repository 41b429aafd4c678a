"""Anthropic through the official `anthropic` SDK's messages API.

The stable prefix (system prompt, then the request's cache_prefix: retrieved docs and
exemplars) goes in `system` blocks with `cache_control` on the last one, so a job's repeated
calls read it from the prompt cache. Usage counts every input token: Anthropic reports
uncached, cache-write and cache-read input separately and we add them up. The request's
temperature is not sent: the messages API of anthropic 2.x has no such parameter.
"""
from __future__ import annotations

from .base import Usage, VLMRequest
from .env import anthropic_base_url, check_base_url, check_key, image_base64, image_media_type, import_sdk, key_hint, resolve_key, user_agent
from .errors import ProviderError, redact
from .retrying import CONTINUE_PROMPT, RawReply, RetryingClient, _Malformed, check_not_streamed, error_in_body
from .shapes import content_text, model_ids, token_count, word
from .transport import make_http_client

DEFAULT_MODEL = "claude-sonnet-4-6"


class AnthropicClient(RetryingClient):
    provider = "anthropic"
    label = "Anthropic"
    _api_name = "messages"

    def __init__(self, model: str | None = None, base_url: str | None = None, api_key: str | None = None,
                 timeout_s: float = 120, max_retries: int = 4, **options):
        anthropic = import_sdk("anthropic")
        base_url = anthropic_base_url(check_base_url(base_url, "anthropic"))
        key = resolve_key("anthropic", api_key)
        if not key:
            raise ProviderError(f"no Anthropic API key: {key_hint('anthropic')}")
        check_key("anthropic", key)
        super().__init__(api_key=key, timeout_s=timeout_s, max_retries=max_retries, **options)
        self.model = model or DEFAULT_MODEL
        self.base_url = base_url
        self._status_class = anthropic.APIStatusError
        self._connection_class = anthropic.APIConnectionError
        self._timeout_class = anthropic.APITimeoutError
        self._sdk = anthropic.Anthropic(api_key=key, base_url=base_url, timeout=self.timeout_s, max_retries=0,
                                        http_client=make_http_client(anthropic, self.timeout_s, self.max_reply_bytes),
                                        default_headers={"User-Agent": user_agent(f"anthropic-python/{anthropic.__version__}")})

    def system_blocks(self, request: VLMRequest) -> list[dict]:
        blocks = [{"type": "text", "text": text} for text in (request.system, request.cache_prefix) if text]
        if blocks:
            blocks[-1]["cache_control"] = {"type": "ephemeral"}
        return blocks

    def messages(self, request: VLMRequest, partial: str | None = None) -> list[dict]:
        messages: list[dict] = [{"role": role, "content": text} for role, text in request.history if text]
        content: list[dict] = [{"type": "image", "source": {"type": "base64", "media_type": image_media_type(image, i),
                                                            "data": image_base64(image)}}
                               for i, image in enumerate(request.images)]
        content.append({"type": "text", "text": request.prompt})
        messages.append({"role": "user", "content": content})
        if partial is not None:
            # the API refuses an assistant turn that ends in whitespace
            messages += [{"role": "assistant", "content": partial.rstrip()},
                         {"role": "user", "content": CONTINUE_PROMPT}]
        return messages

    def _call(self, request: VLMRequest, partial: str | None, timeout_s: float) -> RawReply:
        params: dict = {"model": self.model, "max_tokens": request.max_tokens,
                        "messages": self.messages(request, partial), "timeout": timeout_s}
        system = self.system_blocks(request)
        if system:
            params["system"] = system
        # request.temperature is not sent: this SDK's messages API no longer takes one
        response = self._sdk.messages.create(**params)
        check_not_streamed(response)
        content = getattr(response, "content", None)
        if isinstance(content, str):     # a proxy that flattened the blocks
            content = [{"type": "text", "text": content}]
        if not isinstance(content, list):
            raise error_in_body(response) or _Malformed("no content")
        text = content_text(content)     # text blocks only: thinking and tool blocks are not the answer
        stop = word(getattr(response, "stop_reason", ""))
        u = getattr(response, "usage", None)
        read = token_count(getattr(u, "cache_read_input_tokens", 0))
        write = token_count(getattr(u, "cache_creation_input_tokens", 0))
        usage = Usage(input_tokens=token_count(getattr(u, "input_tokens", 0)) + read + write,
                      output_tokens=token_count(getattr(u, "output_tokens", 0)),
                      cached_tokens=read, cache_write_tokens=write)
        return RawReply(text=text, stop_reason=stop, truncated=stop == "max_tokens", usage=usage,
                        model=word(getattr(response, "model", "")) or self.model)

    def list_models(self) -> list[str]:
        try:
            ids = model_ids(self._sdk.models.list(limit=100, timeout=min(self.timeout_s, 15.0)))
            if ids is not None:
                return ids
            exc = None
        except Exception as caught:   # classified into one line, raised outside this block
            exc = caught
        raise ProviderError(redact(self.list_failure(exc), self._key))
