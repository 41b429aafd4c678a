"""Version-exact API retrieval and the API linter.

- extract.py, extract_extra.py: walk the running Blender (imports bpy, main thread)
- tables.py: the API tables the linter reads (JSON per Blender version; 5.0 ships in data/)
- lint.py (+ lint_checks.py, lint_infer.py): `lint_code(code) -> list[Finding]`, bpy-free
- bm25.py, dense.py, retrieve.py: `Retriever.open_default()`, `.search()`, `.for_prompt()`
- index.py: `prepare_build()`, `build_index()`, `index_status()` (the CLI and the sidebar)
- exemplars.py: `load_exemplars()`, the few-shot library in data/exemplars/
- notes.py: curated notes on API changes in data/notes/

Nothing here imports bpy at module level, so the extension registers without the optional
dense stack (torch, sentence-transformers, chromadb) and the linter runs anywhere.
"""
