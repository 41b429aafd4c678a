"""Code and JSON out of replies as real models write them.

Models wrap code in fences with or without a language tag, write several blocks (an
example, then the answer), put prose around them, forget the closing fence when cut at the
token limit, answer with Windows line ends, tabs or a BOM, or refuse. `extract_code` and
`extract_json` return what the pipeline can run or load, or raise ReplyError with a one-line
reason that can go back to the model.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from ..pipeline import pyparse
from .errors import ReplyError

# A reply longer than this is no answer to what we ask (max_tokens is tens of thousands of
# tokens, a few hundred KB at most); reading it would only feed the parsers a hostile input.
MAX_REPLY_CHARS = 1_000_000
_PY_TAGS = {"python", "py", "python3", "py3", "bpy", "blender", "python-bpy"}
_NOT_PY_TAGS = {"json", "jsonc", "json5", "bash", "sh", "shell", "console", "text", "txt", "output",
                "plaintext", "yaml", "yml", "xml", "html", "markdown", "md", "diff", "ini", "toml", "csv"}
_JSON_TAGS = {"json", "jsonc", "json5", "javascript", "js", ""}
_REFUSAL = re.compile(
    r"\b(I\s*(?:can(?:'|’)?not|can(?:'|’)t|won(?:'|’)t|am\s+(?:not\s+able|unable)|'m\s+(?:not\s+able|unable)|"
    r"must\s+decline|do\s+not\s+feel\s+comfortable)\s+(?:to\s+)?(?:help|assist|provide|do|comply|create|generate|write|"
    r"fulfil|fulfill|continue|share)|I(?:'|’)m\s+sorry,?\s+but\s+I|"
    r"(?:can(?:'|’)?not|unable\s+to)\s+(?:help|assist)\s+with\s+(?:that|this))", re.IGNORECASE)


@dataclass
class Block:
    lang: str
    code: str
    closed: bool


_THINK_OPEN = re.compile(r"<(think|thinking|reasoning)>", re.IGNORECASE)
_THINK_CLOSE = {tag: re.compile(rf"</{tag}>", re.IGNORECASE) for tag in ("think", "thinking", "reasoning")}
_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)   # ast on "x = ----...1" or 1e5 "+ 1"


def normalize(text: str) -> str:
    """LF line ends, no BOM, no zero-width junk, no reasoning sections (local reasoning models
    put drafts in <think>...</think>): what every later step expects."""
    text = (text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
            .replace("\u200b", "").replace("\u00a0", " "))
    return _drop_thinking(text)


def _drop_thinking(text: str) -> str:
    """`text` without closed <think>...</think> sections, in linear time: a regex with a lazy
    body rescans to the end for every unclosed opening (100k of them: minutes)."""
    if "<" not in text:
        return text
    last_close = {}
    for tag, close in _THINK_CLOSE.items():
        ends = [m.end() for m in close.finditer(text)]
        last_close[tag] = ends[-1] if ends else -1
    out, pos, search = [], 0, 0
    while True:
        m = _THINK_OPEN.search(text, search)
        if m is None:
            break
        tag = m.group(1).lower()
        if last_close[tag] < m.end() + len(tag) + 3:     # no closing tag after this opening
            search = m.start() + 1
            continue
        close = _THINK_CLOSE[tag].search(text, m.end())
        out.append(text[pos: m.start()])
        pos = search = close.end()
    out.append(text[pos:])
    return "".join(out)


def _fence(line: str) -> tuple[str, str] | None:
    """(fence, language) if `line` opens a fenced block (CommonMark: up to 3 spaces of indent,
    3+ backticks or tildes, an info string without backticks); else None. Plain string work:
    the regex this replaces backtracked quadratically on a long line ending in a backtick."""
    body = line.lstrip(" ")
    if len(line) - len(body) > 3 or body[:1] not in ("`", "~") or not body:
        return None
    mark = body[0]
    fence = body[: len(body) - len(body.lstrip(mark))]
    info = body[len(fence):]
    if len(fence) < 3 or "`" in info:
        return None
    rest = info.lstrip(" \t")
    return fence, (rest.split(None, 1)[0] if rest and not rest[0].isspace() else "")


def fenced_blocks(text: str) -> list[Block]:
    """Every fenced block, in order; an unclosed last block has closed=False."""
    blocks, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        opened = _fence(lines[i])
        if opened is None:
            i += 1
            continue
        fence, lang = opened[0], opened[1].lower().strip("{}.")
        body, i, closed = [], i + 1, False
        while i < len(lines):
            line = lines[i]
            if line.strip().startswith(fence[0] * 3) and set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
                closed = True
                break
            if line.rstrip().endswith(fence) and line.strip() != fence and fence[0] == "`":
                body.append(line.rstrip()[: -len(fence)])   # "x = 1```": a fence glued to the last line
                closed = True
                break
            body.append(line)
            i += 1
        i += 1
        blocks.append(Block(lang, _dedent("\n".join(body)), closed))
    return blocks


def _dedent(code: str) -> str:
    import textwrap
    lines = [_expand_indent(line) for line in code.split("\n")]
    return textwrap.dedent("\n".join(lines)).strip("\n") + "\n"


def _expand_indent(line: str) -> str:
    """Tabs in the indentation become four spaces (mixed tabs and spaces is a TabError)."""
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)]
    return indent.expandtabs(4) + stripped if "\t" in indent else line


def _parses(code: str) -> bool:
    try:
        pyparse.parse(code)
    except _PARSE_ERRORS:
        return False
    return True


def defined_functions(code: str) -> list[str]:
    """Names of the top-level functions `code` defines (by regex when it does not parse)."""
    try:
        tree = pyparse.parse(code)
    except _PARSE_ERRORS:
        return re.findall(r"^def\s+([A-Za-z_]\w*)\s*\(", code, re.MULTILINE)
    return [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _looks_like_python(code: str) -> bool:
    return bool(re.search(r"^\s*(import |from \S+ import |def |class |bpy\.|bmesh\.|[A-Za-z_][\w.]* *=)",
                          code, re.MULTILINE))


def _quote(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return f"'{flat[:limit]}…'" if len(flat) > limit else f"'{flat}'"


def _refusal(text: str) -> ReplyError | None:
    if _REFUSAL.search(text):
        return ReplyError(f"the model refused: {_quote(text)}")
    return None


def _bare_code(text: str) -> str | None:
    """Code written without fences: the longest run of lines from a code-looking line that parses."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines)
              if re.match(r"(import |from \S+ import |def |class |#|bpy\.|@)", line)]
    for start in starts[:5]:
        # trailing prose is a few lines; do not try every cut of a long reply
        for end in range(len(lines), max(start, len(lines) - 60), -1):
            chunk = "\n".join(lines[start:end]).strip("\n")
            if chunk and _looks_like_python(chunk) and _parses(chunk):
                if end - start >= 1 and (re.search(r"^(def|import|from|class) ", chunk, re.M) or "bpy." in chunk):
                    return _dedent(chunk)
                break
    return None


def extract_code(text: str, want_functions: list[str] | None = None) -> str:
    """The Python code in `text`.

    With several blocks: the one defining most of `want_functions` (blocks defining other
    wanted functions are appended), else the longest Python block. Raises ReplyError for an
    empty reply, a refusal, a reply without code, code cut off inside its block, and code
    that defines none of `want_functions`.
    """
    text = normalize(_bounded(text))
    if not text.strip():
        raise ReplyError("the reply is empty")
    blocks = [b for b in fenced_blocks(text) if b.code.strip()]
    python = [b for b in blocks if b.lang in _PY_TAGS
              or (b.lang not in _NOT_PY_TAGS and _looks_like_python(b.code))]
    if python:
        code = _choose(python, want_functions)
    elif blocks and all(b.lang in _NOT_PY_TAGS for b in blocks):
        raise _refusal(text) or ReplyError(f"the reply holds no Python code, only {blocks[0].lang or 'text'} blocks")
    else:
        code = _bare_code(text)
        if code is None:
            raise _refusal(text) or ReplyError(f"the reply holds no Python code: {_quote(text)}")
    try:
        pyparse.parse(code)
    except (RecursionError, MemoryError):
        # the callers parse it again and expect SyntaxError at worst
        raise ReplyError("the code is nested too deeply for Python to parse: write it flatter") from None
    except (SyntaxError, ValueError):
        pass
    if not _parses(code):
        last = python[-1] if python else None
        if last is not None and not last.closed and code.endswith(last.code):
            raise ReplyError("the reply ends inside an unfinished code block (cut off at the token limit?): "
                             "write shorter code or fewer parts per reply")
    if want_functions:
        defined = set(defined_functions(code))
        if not defined & set(want_functions):
            raise ReplyError(f"the code defines none of {', '.join(want_functions)}"
                             + (f" (it defines {', '.join(sorted(defined))})" if defined else ""))
    return code


def _choose(blocks: list[Block], want: list[str] | None) -> str:
    if not want:
        return max(blocks, key=lambda b: (b.closed or _parses(b.code), len(b.code))).code
    wanted = set(want)
    scored = [(len(wanted & set(defined_functions(b.code))), b) for b in blocks]
    best_score, best = max(scored, key=lambda sb: (sb[0], len(sb[1].code)))
    if best_score == 0:
        return max(blocks, key=lambda b: len(b.code)).code
    have = wanted & set(defined_functions(best.code))
    parts = [best]
    for score, block in scored:   # one part per block: join the blocks that add missing parts
        new = (wanted & set(defined_functions(block.code))) - have
        if block is not best and score and new:
            parts.append(block)
            have |= new
    parts.sort(key=blocks.index)
    return "\n\n".join(p.code.rstrip("\n") for p in parts) + "\n"


# -- JSON -------------------------------------------------------------------------------------
def extract_json(text: str) -> dict:
    """The JSON object in `text` (fenced or not, prose around it).

    Tolerates what models add to JSON: // and /* */ comments, trailing commas, Python's
    True/False/None. Raises ReplyError for an empty reply, a refusal, a cut-off object and
    a reply without an object.
    """
    text = normalize(_bounded(text))
    if not text.strip():
        raise ReplyError("the reply is empty")
    candidates = [b.code for b in fenced_blocks(text) if b.lang in _JSON_TAGS and "{" in b.code]
    candidates += [b.code for b in fenced_blocks(text) if b.lang not in _JSON_TAGS and "{" in b.code]
    candidates.append(text)
    span = _outer_object(text)
    if span:
        candidates.append(span)
    cut = False
    for candidate in candidates:
        value = _load_lenient(candidate)
        if isinstance(value, dict):
            return value
        if isinstance(value, list):
            if len(value) == 1 and isinstance(value[0], dict):
                return value[0]
            raise ReplyError(f"expected one JSON object, got a list of {len(value)} items")
        cut = cut or _unbalanced(candidate)
    if cut:
        raise ReplyError("the JSON in the reply is cut off (cut at the token limit?): ask for a shorter blueprint")
    if "{" not in text:
        raise _refusal(text) or ReplyError(f"the reply holds no JSON object: {_quote(text)}")
    raise _refusal(text) or ReplyError(f"the JSON in the reply does not parse: {_quote(text)}")


def _outer_object(text: str) -> str | None:
    """From the first "{" to its matching "}" (strings respected), or to the end if unmatched."""
    start = text.find("{")
    if start < 0:
        return None
    depth, in_str, escape = 0, False, False
    for i in range(start, len(text)):
        c = text[i]
        if in_str:
            escape = (c == "\\") and not escape
            if c == '"' and not escape:
                in_str = False
            continue
        if c == '"':
            in_str = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return text[start: i + 1]
    return text[start:]


def _unbalanced(text: str) -> bool:
    span = _outer_object(text)
    return bool(span) and _strip_json_extras(span).count("{") > _strip_json_extras(span).count("}")


def _strip_json_extras(text: str) -> str:
    """Comments, trailing commas and Python literals out, outside strings."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i: j + 1])
            i = j + 1
        elif text.startswith("//", i) or c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    cleaned = "".join(out)
    cleaned = re.sub(r",(\s*[}\]])", r"\1", cleaned)
    return re.sub(r"\b(True|False|None)\b", lambda m: {"True": "true", "False": "false", "None": "null"}[m.group(1)],
                  cleaned)


def _load_lenient(text: str):
    for attempt in (text, _strip_json_extras(text)):
        try:
            return json.loads(attempt)
        except (ValueError, RecursionError):    # RecursionError: {"a": nested thousands deep
            continue
    return None


def _bounded(text: str | None) -> str:
    text = text or ""
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyError(f"the reply is {len(text):,} characters long, far more than any answer asked for: "
                         f"answer with the code only")
    return text
