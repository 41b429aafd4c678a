"""Errors raised by the VLM layer, on top of the project's error classes.

`ProviderError` (exit 6) is the provider's fault or the user's setup (key, quota, network);
`ReplyError` and `BudgetExceeded` (exit 7) mean the model did not give us something usable
within what the job may spend; `Cancelled` means the user stopped the job.
Messages are one line and never contain an API key (see `redact`).
"""
from __future__ import annotations

import logging
import re

from ..pipeline.errors import CodeFormError, ModelFailure, ProviderError

__all__ = ["ProviderError", "ReplyError", "BudgetExceeded", "Cancelled", "redact", "guard_logs"]


class ReplyError(ModelFailure):
    """A reply that holds no usable code or JSON: a refusal, an empty reply, garbage."""


class BudgetExceeded(ModelFailure):
    """The job spent its budget of calls, tokens or money."""


class Cancelled(CodeFormError):
    """The job was cancelled (ESC, the Cancel button, Ctrl+C) between or during calls."""
    exit_code = 130


# Shapes of real provider keys: OpenAI "sk-...", "sk-proj-...", Anthropic "sk-ant-...",
# OpenRouter "sk-or-...", and whatever follows "Bearer". Servers echo keys back in 401
# messages, sometimes in full.
_KEY_SHAPE = re.compile(r"\bsk-[A-Za-z0-9_\-*.]{6,}|(?i:\bbearer\s+)\S+")


def redact(text: str, *secrets: str | None) -> str:
    """`text` with every given secret and anything shaped like an API key blanked out."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[key]")
    return _KEY_SHAPE.sub("[key]", text)


# The HTTP libraries' and SDKs' loggers. httpcore's DEBUG trace prints response headers whole,
# so a server that echoes the key in one (a Location, a debug header) would put it in the log.
# Logger filters do not apply to child loggers, hence every module logger by name.
_LIBRARY_LOGGERS = tuple(f"{lib}.{part}" for lib in ("httpcore", "httpcore2")
                         for part in ("connection", "http11", "http2", "proxy", "socks")) + \
    ("httpx", "httpx2", "openai._base_client", "anthropic._base_client")


class _SecretFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        # a tuple swapped whole: other threads log while a client is being built
        self.secrets: tuple[str, ...] = ()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:   # a library's bad format string: logging reports it later, not our call
            return True
        clean = redact(text, *self.secrets)
        if clean != text:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), *self.secrets)
        return True


_FILTER = _SecretFilter()


def guard_logs(secret: str | None) -> None:
    """Blank `secret` (and anything key-shaped) in what the HTTP libraries and SDKs log."""
    if secret and secret not in _FILTER.secrets:
        _FILTER.secrets = (*_FILTER.secrets, secret)
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
