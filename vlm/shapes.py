"""Fields of a provider's answer as a broken or hostile server may send them, made safe.

The SDKs build their response objects without validation, so every field can be any JSON
value: a token count a string or negative, content a list of parts, model ids numbers.
"""
from __future__ import annotations

import math


MAX_TOKENS_PER_CALL = 100_000_000   # no model reads or writes more in one call; a bigger count is garbage


def token_count(value) -> int:
    """A usage count as a server sent it, made safe for budgets and prices: a missing, negative,
    NaN or non-numeric count is 0 (a negative one would refund the budget), an absurd one capped."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return 0
    if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)) and value > 0:
        return int(min(value, MAX_TOKENS_PER_CALL))
    return 0


def content_text(content) -> str:
    """The text of a message's content: a string, or a list of parts ({"type": "text", "text": ...}
    as Anthropic and some OpenAI-compatible servers send it; SDK objects or plain dicts)."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    texts = []
    for part in content:
        get = part.get if isinstance(part, dict) else (lambda name, default=None, p=part: getattr(p, name, default))
        if get("type", "text") in ("text", "output_text") and isinstance(get("text", None), str):
            texts.append(get("text"))
    return "".join(texts)


MAX_MODELS = 1000


def model_ids(page) -> list[str] | None:
    """The model ids of a /v1/models page, fit for a menu: strings only, stripped, printable,
    at most 200 characters, no repeats, at most MAX_MODELS. None if the page has no list."""
    data = getattr(page, "data", None)
    if not isinstance(data, list):
        return None
    ids: list[str] = []
    seen: set[str] = set()
    for item in data:
        mid = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
        if not isinstance(mid, str):
            continue
        mid = mid.strip()
        if mid and len(mid) <= 200 and mid.isprintable() and mid not in seen:
            seen.add(mid)
            ids.append(mid)
            if len(ids) >= MAX_MODELS:
                break
    return ids


def word(value) -> str:
    """A short string field (stop reason, model name) that a broken server may send as anything."""
    return printable(value)[:200] if isinstance(value, str) else ""


def printable(text: str) -> str:
    """`text` on one line without control characters (a server's ANSI escapes, NULs, newlines)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
