"""The sandbox corpora in tests/data/sandbox, read the same way by the policy's unit tests
and the run-code tests: each file holds snippets, each opened by `# === <id> | <expect>`."""
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "sandbox"
MARKER = re.compile(r"^# === (\S+) \| (\S+)\n", re.M)


def load(kind: str) -> list[tuple[str, str, str]]:
    """(id, expect, code) for every snippet of hostile_*.py or legit_*.py."""
    out = []
    for path in sorted(CORPUS.glob(f"{kind}_*.py")):
        text = path.read_text(encoding="utf-8")
        marks = list(MARKER.finditer(text))
        for m, nxt in zip(marks, marks[1:] + [None]):
            out.append((m.group(1), m.group(2), text[m.end(): nxt.start() if nxt else len(text)]))
    return out
