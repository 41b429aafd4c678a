"""ast.parse behind one lock.

CPython 3.11 before the fix of gh-106905 keeps the AST constructor's recursion depth in
state shared by all threads; two threads parsing at once (components are written and
checked concurrently) can raise "SystemError: AST constructor recursion depth mismatch".
Seen here on 3.11.7. Parsing is fast, so serialising it costs nothing measurable.
"""
from __future__ import annotations

import ast
import threading

_LOCK = threading.Lock()


def parse(source: str, filename: str = "<unknown>", mode: str = "exec") -> ast.AST:
    with _LOCK:
        return ast.parse(source, filename, mode)
