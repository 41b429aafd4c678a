"""Cost estimates from the editable price table `vlm/prices.json` (USD per million tokens)."""
from __future__ import annotations

import functools
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .base import Usage

PRICE_FILE = Path(__file__).with_name("prices.json")
# A dated or "-latest" variant bills like its plain name.
_MAX_TABLE_BYTES = 4 * 2 ** 20
_VARIANT = re.compile(r"-(\d{4}-?\d{2}-?\d{2}|latest)$")


@dataclass(frozen=True)
class Price:
    input: float
    output: float
    cached_input: float
    cache_write: float


def _read(path: Path) -> dict[str, Price]:
    """The table in `path`; ValueError naming the entry and field that is wrong.

    The file is meant to be edited by hand, so a price that is missing, text, negative, NaN or
    infinite is refused: it would crash after a paid call, or turn the cost budget off (NaN
    compares false) or refund it (negative)."""
    with path.open("rb") as handle:      # CODEFORM_PRICES=/dev/zero must not read forever
        raw = handle.read(_MAX_TABLE_BYTES + 1)
    if len(raw) > _MAX_TABLE_BYTES:
        raise ValueError(f"it is larger than {_MAX_TABLE_BYTES // 2 ** 20} MB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {exc.lineno}: {exc.msg}") from None
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, dict):
        raise ValueError('it needs a "models" object: {"models": {"gpt-4.1": {"input": 2.0, "output": 8.0}}}')
    table = {}
    for name, entry in models.items():
        if not isinstance(entry, dict):
            raise ValueError(f"model '{name}': its entry must be an object like {{\"input\": 2.0, \"output\": 8.0}}")
        base = _dollars(name, entry, "input")
        table[name] = Price(base, _dollars(name, entry, "output"), _dollars(name, entry, "cached_input", base),
                            _dollars(name, entry, "cache_write", base))
    return table


def _dollars(model: str, entry: dict, field: str, default: float | None = None) -> float:
    value = entry.get(field, default)
    if value is None:
        raise ValueError(f"model '{model}': '{field}' is missing")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ValueError(f"model '{model}': '{field}' must be a number of dollars >= 0, not {json.dumps(value)[:40]}")
    return float(value)


@functools.lru_cache(maxsize=4)
def load_prices(override: str | None = None) -> dict[str, Price]:
    """The shipped table, with entries from the file named by CODEFORM_PRICES on top.

    A broken table is a one-line ProgramError naming the file, the entry and the field."""
    from ..pipeline.errors import ProgramError
    table = {}
    for path, label in ((PRICE_FILE, str(PRICE_FILE)), (Path(override) if override else None, f"CODEFORM_PRICES={override}")):
        if path is None:
            continue
        try:
            table.update(_read(path))
        except OSError as exc:
            raise ProgramError(f"{label}: the price table cannot be read ({exc.strerror or type(exc).__name__})") from None
        except ValueError as exc:
            raise ProgramError(f"{label} is not a valid price table: {exc}") from None
    return table


def check_prices() -> None:
    """Raise the price table's ProgramError now, before a job spends money on calls whose
    cost could then not be counted."""
    load_prices(os.environ.get("CODEFORM_PRICES") or None)


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
