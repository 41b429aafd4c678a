"""OpenAI and any OpenAI-compatible server (Ollama, LM Studio, vLLM, llama.cpp, OpenRouter)
through the official `openai` SDK's chat completions."""
from __future__ import annotations

from ..pipeline.errors import ProgramError
from .base import Usage, VLMRequest
from .env import (LOCAL_PLACEHOLDER_KEY, check_base_url, check_key, data_url, import_sdk, is_local_url, key_hint, normalize_base_url,
                  resolve_key, user_agent)
from .errors import ProviderError, redact
from .retrying import CONTINUE_PROMPT, RawReply, RetryingClient, _Malformed, check_not_streamed, error_in_body
from .shapes import content_text, model_ids, token_count, word
from .transport import make_http_client

DEFAULT_MODEL = "gpt-4.1"


class OpenAIClient(RetryingClient):
    _api_name = "chat completions"

    def __init__(self, provider: str = "openai", model: str | None = None, base_url: str | None = None,
                 api_key: str | None = None, timeout_s: float = 120, max_retries: int = 4, **options):
        openai = import_sdk("openai")
        self.provider = provider
        base_url = check_base_url(base_url, provider)
        key = resolve_key(provider, api_key)
        if key:
            check_key(provider, key)
        if provider == "openai-compatible":
            if not base_url:
                raise ProgramError("the openai-compatible provider needs a base URL, e.g. "
                                   "http://127.0.0.1:11434/v1 (Ollama) or http://127.0.0.1:1234/v1 (LM Studio)")
            base_url = normalize_base_url(base_url)
            self.label = f"the server at {base_url}"
            if not key:
                if not is_local_url(base_url):
                    raise ProviderError(f"no API key for {base_url}: {key_hint(provider)}")
                key = LOCAL_PLACEHOLDER_KEY
            self.model = model or ""      # empty: the server's first model, asked on first use
        else:
            # ".../v1/chat/completions" pasted from the API reference would 404 as a wrong model name
            base_url = normalize_base_url(base_url) if base_url else None
            self.label = "OpenAI"
            if not key:
                raise ProviderError(f"no OpenAI API key: {key_hint(provider)}")
            self.model = model or DEFAULT_MODEL
        super().__init__(api_key=key, timeout_s=timeout_s, max_retries=max_retries, **options)
        self.base_url = base_url
        self._status_class = openai.APIStatusError
        self._connection_class = openai.APIConnectionError
        self._timeout_class = openai.APITimeoutError
        self._sdk = openai.OpenAI(api_key=key, base_url=base_url, timeout=self.timeout_s, max_retries=0,
                                  http_client=make_http_client(openai, self.timeout_s, self.max_reply_bytes),
                                  default_headers={"User-Agent": user_agent(f"openai-python/{openai.__version__}")})

    # -- requests --------------------------------------------------------------------------
    def messages(self, request: VLMRequest, partial: str | None = None) -> list[dict]:
        system = "\n\n".join(part for part in (request.system, request.cache_prefix) if part)
        messages: list[dict] = [{"role": "system", "content": system}] if system else []
        messages += [{"role": role, "content": text} for role, text in request.history if text]
        content: list[dict] = [{"type": "image_url", "image_url": {"url": data_url(image, i)}}
                               for i, image in enumerate(request.images)]
        content.append({"type": "text", "text": request.prompt})
        messages.append({"role": "user", "content": content})
        if partial is not None:
            messages += [{"role": "assistant", "content": partial.rstrip()}, {"role": "user", "content": CONTINUE_PROMPT}]
        return messages

    def _call(self, request: VLMRequest, partial: str | None, timeout_s: float) -> RawReply:
        if not self.model:
            self.model = self._first_model()
        params: dict = {"model": self.model, "messages": self.messages(request, partial), "timeout": timeout_s}
        # OpenAI's current models want max_completion_tokens; local servers know max_tokens
        params["max_completion_tokens" if self.provider == "openai" else "max_tokens"] = request.max_tokens
        if request.temperature is not None:
            params["temperature"] = request.temperature
        response = self._sdk.chat.completions.create(**params)
        check_not_streamed(response)
        choices = getattr(response, "choices", None)
        if not choices or not isinstance(choices, list):
            raise error_in_body(response) or _Malformed("no choices")
        choice = choices[0]
        message = getattr(choice, "message", None)
        if message is None:            # choices: ["..."] or [{"message": null}]
            raise _Malformed("no message")
        text = content_text(getattr(message, "content", None))
        finish = word(getattr(choice, "finish_reason", ""))
        refusal = getattr(message, "refusal", None)
        if not text and isinstance(refusal, str) and refusal:
            text, finish = refusal, "refusal"
        usage = getattr(response, "usage", None)
        details = getattr(usage, "prompt_tokens_details", None)
        prompt = token_count(getattr(usage, "prompt_tokens", 0))
        # cached tokens are part of the prompt's; more is a server's bookkeeping error
        cached = min(token_count(getattr(details, "cached_tokens", 0)), prompt)
        return RawReply(text=text, stop_reason=finish, truncated=finish == "length",
                        usage=Usage(input_tokens=prompt, output_tokens=token_count(getattr(usage, "completion_tokens", 0)),
                                    cached_tokens=cached),
                        model=word(getattr(response, "model", "")) or self.model)

    # -- models ----------------------------------------------------------------------------
    def list_models(self) -> list[str]:
        """Model ids the server offers (GET /v1/models), in the server's order."""
        try:
            ids = model_ids(self._sdk.models.list(timeout=min(self.timeout_s, 15.0)))
            if ids is not None:
                return ids
            exc = None
        except Exception as caught:   # classified into one line, raised outside this block
            exc = caught
        if getattr(exc, "status_code", None) == 404:
            message = f"{self.label} has no model list (404): check that the base URL ends in /v1"
        else:
            message = self.list_failure(exc)
        raise ProviderError(redact(message, self._key))

    def _first_model(self) -> str:
        # inside _call: an HTTP failure is classified and retried like the call's own
        try:
            page = self._sdk.models.list(timeout=min(self.timeout_s, 15.0))
        except (self._status_class, self._connection_class):
            raise
        except Exception:
            page = None
        ids = model_ids(page)
        if ids is None:
            raise ProviderError(self.list_failure(None, " (asked because no model name is set)"))
        if not ids:
            raise ProviderError(f"{self.label} offers no models: load one in the server or set the model name")
        return ids[0]

    # -- messages for people -----------------------------------------------------------------
    def _connection_hint(self) -> str:
        if self.provider == "openai-compatible" and self.base_url and is_local_url(self.base_url):
            return "is the server (Ollama, LM Studio, vLLM, llama.cpp) running at that address?"
        return "check the network connection and the base URL"

    def _not_found_hint(self) -> str:
        if self.provider == "openai-compatible":
            return "check the model name (Refresh lists the server's models) and that the base URL ends in /v1"
        return super()._not_found_hint()

    def _malformed_hint(self) -> str:
        if self.provider == "openai-compatible":
            return "check that the base URL points at an OpenAI-compatible API (usually ending in /v1)"
        return "try again later"
