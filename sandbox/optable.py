"""The operator table the bpy-free policy reads, extracted from the running Blender.

Which operators read or write files is a fact about this Blender's RNA, not a hand list:
every operator with a file-path property (subtype FILE_PATH/DIR_PATH/FILE_NAME, or the
file-browser properties ``filepath``, ``directory``, ``filename``, ``files``) is listed.
The policy reads the cached table (``sandbox/operators.json``); the guarded facade
asks the live RNA again at run time (``has_file_property``), so a Blender whose operators
differ from the table is still checked.

Regenerate after a Blender upgrade:  python -m codeform.sandbox.optable
"""
from __future__ import annotations

import json
import sys
from typing import Any

FILE_SUBTYPES = frozenset({"FILE_PATH", "DIR_PATH", "FILE_NAME"})
FILE_PROPERTIES = frozenset({"filepath", "directory", "filename", "files"})


def rna_has_file_property(rna: Any) -> bool:
    for prop in rna.properties:
        if prop.identifier in FILE_PROPERTIES:
            return True
        if prop.type == "STRING" and prop.subtype in FILE_SUBTYPES:
            return True
    return False


def extract() -> dict[str, Any]:
    import bpy
    found: list[str] = []
    total = 0
    for namespace in dir(bpy.ops):
        if namespace.startswith("_"):
            continue
        module = getattr(bpy.ops, namespace)
        for name in dir(module):
            if name.startswith("_"):
                continue
            total += 1
            try:
                rna = getattr(module, name).get_rna_type()
            except (AttributeError, KeyError, RuntimeError):
                found.append(f"{namespace}.{name}")  # cannot tell: treat it as touching files
                continue
            if rna_has_file_property(rna):
                found.append(f"{namespace}.{name}")
    return {"blender": bpy.app.version_string, "operators": total, "file_operators": sorted(found)}


def main() -> int:
    from .rules import OPERATOR_TABLE
    table = extract()
    OPERATOR_TABLE.parent.mkdir(parents=True, exist_ok=True)
    OPERATOR_TABLE.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"{len(table['file_operators'])} of {table['operators']} operators touch files -> {OPERATOR_TABLE}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
