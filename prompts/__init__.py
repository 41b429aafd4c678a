"""Prompt templates, one file each, filled with {{name}} placeholders.

Templates are Markdown files in this folder, reviewed like code. `render` fills every
placeholder and refuses a template that asks for a value it was not given (or a value given
for a placeholder the template does not have), so a renamed placeholder fails loudly in tests
rather than reaching a model as literal braces.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


@functools.lru_cache(maxsize=None)
def load(name: str) -> str:
    path = HERE / f"{name}.md"
    if not path.is_file():
        raise KeyError(f"no prompt template {name!r} in {HERE}")
    return path.read_text(encoding="utf-8")


def placeholders(name: str) -> set[str]:
    return set(_PLACEHOLDER.findall(load(name)))


def render(template: str, /, **values: object) -> str:
    text = load(template)
    wanted = placeholders(template)
    missing = wanted - set(values)
    if missing:
        raise KeyError(f"prompt {template!r} needs {', '.join(sorted(missing))}")
    extra = set(values) - wanted
    if extra:
        raise KeyError(f"prompt {template!r} has no placeholder {', '.join(sorted(extra))}")
    out = _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)
    return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.md"))
