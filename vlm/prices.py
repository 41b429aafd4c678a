"""Cost estimates from the editable price table `vlm/prices.json` (USD per million tokens)."""
from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .base import Usage

PRICE_FILE = Path(__file__).with_name("prices.json")
# A dated or "-latest" variant bills like its plain name.
_VARIANT = re.compile(r"-(\d{4}-?\d{2}-?\d{2}|latest)$")


@dataclass(frozen=True)
class Price:
    input: float
    output: float
    cached_input: float
    cache_write: float


def _read(path: Path) -> dict[str, Price]:
    data = json.loads(path.read_text(encoding="utf-8"))
    table = {}
    for name, entry in data.get("models", {}).items():
        base = float(entry["input"])
        table[name] = Price(base, float(entry["output"]), float(entry.get("cached_input", base)),
                            float(entry.get("cache_write", base)))
    return table


@functools.lru_cache(maxsize=4)
def load_prices(override: str | None = None) -> dict[str, Price]:
    """The shipped table, with entries from the file named by CODEFORM_PRICES on top."""
    table = _read(PRICE_FILE)
    if override:
        from ..pipeline.errors import ProgramError
        try:
            table.update(_read(Path(override)))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ProgramError(f"CODEFORM_PRICES={override}: not a readable price table ({type(exc).__name__})") from None
    return table


def price_for(model: str) -> Price | None:
    table = load_prices(os.environ.get("CODEFORM_PRICES") or None)
    for name in (model, model.rsplit("/", 1)[-1]):   # "openai/gpt-4.1" on OpenRouter
        if name in table:
            return table[name]
        plain = _VARIANT.sub("", name)
        if plain in table:
            return table[plain]
    return None


def estimate_cost(provider: str, model: str, usage: Usage) -> float:
    """USD for one call; 0 for replay and for models the table does not know."""
    if provider == "replay":
        return 0.0
    price = price_for(model)
    if price is None:
        return 0.0
    fresh = max(usage.input_tokens - usage.cached_tokens - usage.cache_write_tokens, 0)
    dollars = (fresh * price.input + usage.cached_tokens * price.cached_input
               + usage.cache_write_tokens * price.cache_write + usage.output_tokens * price.output)
    return dollars / 1_000_000
