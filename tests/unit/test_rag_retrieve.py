"""Retrieval, bpy-free: BM25, fusion, prompt context, the shipped corpus, index status."""
import json
import logging
import threading

import pytest

from codeform.rag import bm25, index, paths
from codeform.rag.chunks import Chunk, load_chunks, save_chunks
from codeform.rag.retrieve import Retriever, error_query, fuse, trim

QUESTIONS = paths.DATA_DIR.parents[1] / "tests" / "data" / "rag" / "questions.jsonl"


@pytest.fixture
def user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CODEFORM_USER_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


@pytest.fixture(scope="module")
def shipped() -> Retriever:
    """BM25 over the shipped Blender 5.0 docs, as a fresh install without an index has."""
    shipped_dir = paths.shipped_dir("5.0")
    chunks = load_chunks(shipped_dir / "chunks.jsonl.gz")
    from codeform.rag.notes import load_notes
    return Retriever(chunks + load_notes("5.0"), "5.0", None, use_dense=False)


def chunk(cid, title, text, kind="struct"):
    return Chunk(cid, kind, title, text, "9.9")


def small_corpus():
    return [
        chunk("op:mesh.primitive_cube_add", "bpy.ops.mesh.primitive_cube_add() — Add Cube",
              "bpy.ops.mesh.primitive_cube_add(size=2, location=(0, 0, 0))\nConstruct a cube mesh", "operator"),
        chunk("type:BevelModifier", "bpy.types.BevelModifier — rounded edges", "width (float): Bevel amount\nsegments (int)"),
        chunk("node:ShaderNodeBsdfPrincipled", "Principled BSDF — shader node", '"Base Color" (RGBA)\n"Roughness"', "node"),
        chunk("note:auto-smooth", "Smooth shading without use_auto_smooth", "mesh.shade_smooth() " + "x " * 50, "note"),
    ]


def test_tokenizer_keeps_identifiers_whole_and_split():
    toks = bm25.tokenize("bpy.ops.mesh.primitive_cube_add ShaderNodeBsdfPrincipled bevelled modifiers")
    whole_and_parts = ["primitive_cube_add", "primitive", "cube", "add", "shadernodebsdfprincipled", "bsdf", "principled"]
    assert {bm25.stem(w) for w in whole_and_parts} <= set(toks)
    assert bm25.stem("bevelled") == bm25.stem("bevel")
    assert bm25.stem("modifiers") == bm25.stem("modifier")


def test_bm25_ranks_the_document_naming_the_identifier_first():
    docs = [c.search_text() for c in small_corpus()]
    index_ = bm25.BM25Index(docs)
    assert index_.search("primitive_cube_add size", 2)[0][0] == 0
    assert index_.search("principled base color", 2)[0][0] == 2
    assert index_.search("zzzz unknown", 3) == []
    assert bm25.BM25Index([]).search("anything") == []


def test_fusion_rewards_agreement_between_rankings():
    fused = fuse([[("a", 9), ("b", 8), ("c", 7)], [("c", 0.9), ("a", 0.8), ("d", 0.7)]])
    assert [cid for cid, _ in fused][:2] == ["a", "c"]


def test_for_prompt_puts_the_error_first_dedupes_and_respects_the_budget():
    r = Retriever(small_corpus(), "9.9", None, use_dense=False)
    ctx = r.for_prompt("geometry", "a bevelled cube", error="AttributeError: 'Mesh' has no attribute 'use_auto_smooth'",
                       budget_chars=10_000)
    assert ctx.chunk_ids[0] == "note:auto-smooth"
    assert len(ctx.chunk_ids) == len(set(ctx.chunk_ids))
    assert "type:BevelModifier" in ctx.chunk_ids
    small = r.for_prompt("geometry", "a bevelled cube", budget_chars=200)
    assert len(small.text) <= 200


def test_for_prompt_gives_the_exemplar_most_like_the_component():
    r = Retriever(small_corpus(), "9.9", None, use_dense=False)
    assert r.for_prompt("geometry", "a ceramic coffee mug with a handle").exemplar.name == "mug"
    assert r.for_prompt("geometry", "four legged wooden chair with a backrest").exemplar.name == "chair"


def test_error_query_keeps_the_names_and_drops_the_boilerplate():
    q = error_query('material part shade, line 7: KeyError: bpy_prop_collection[key]: key "Specular" not found')
    assert q.split().count("Specular") == 2
    assert not {"KeyError", "bpy_prop_collection", "found", "line"} & set(q.replace(":", " ").split())
    q = error_query("AttributeError: 'Mesh' object has no attribute 'use_auto_smooth'")
    assert q.split()[:4] == ["Mesh", "use_auto_smooth", "Mesh", "use_auto_smooth"]


def test_trim_cuts_at_a_line_boundary():
    text = "\n".join(f"line {i}" for i in range(100))
    out = trim(text, 50)
    assert len(out) < 60 and out.splitlines()[-2].startswith("line")


def test_open_default_without_an_index_uses_shipped_docs_and_says_bm25_once(user_dir, caplog):
    from codeform.rag import retrieve
    retrieve._warned.clear()
    with caplog.at_level(logging.WARNING, logger="codeform.rag"):
        r1 = Retriever.open_default()
        r2 = Retriever.open_default()
    assert r1.mode == r2.mode == "bm25"
    assert sum("BM25 only" in rec.getMessage() for rec in caplog.records) == 1
    assert r1.search("principled bsdf base color", 5)[0].id.startswith(("note:", "node:"))


def test_every_labelled_answer_exists_in_the_shipped_corpus(shipped):
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    assert len(questions) >= 60
    missing = sorted({a for q in questions for a in q["answers"] if a not in shipped.by_id})
    assert missing == []


def test_bm25_alone_answers_most_labelled_questions(shipped):
    """A floor well under the hybrid target: catches a broken tokenizer or corpus."""
    from codeform.bench.rag import load_questions, recall_at_k
    score, _missed = recall_at_k(shipped, load_questions(QUESTIONS), 5, "bm25")
    assert score >= 0.75


def test_search_is_safe_from_many_threads(shipped):
    expected = [h.id for h in shipped.search("bevel modifier width segments", 5)]
    results, errors = [], []

    def work():
        try:
            for _ in range(20):
                results.append([h.id for h in shipped.search("bevel modifier width segments", 5)])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(r == expected for r in results)


def test_build_index_without_dense_writes_the_version_folder(user_dir):
    prepared = index.PreparedBuild("9.9.1", small_corpus(), {"format": "codeform.api-tables", "blender": "9.9.1"}, 0.01)
    status = index.build_index(prepared, use_dense=False)
    assert status.chunks == 4 and not status.dense
    assert (user_dir / "rag" / "9.9.1" / "tables.json.gz").exists()
    assert [c.id for c in load_chunks(user_dir / "rag" / "9.9.1" / "chunks.jsonl.gz")] == [c.id for c in small_corpus()]
    # Another Blender version has nothing built: its index is rebuilt separately.
    assert index.index_status("9.9.2").chunks == 0
    chunks, version, folder, notice = index.load_corpus("9.9.1")
    assert version == "9.9.1" and folder is not None and notice is None and len(chunks) == 4


def test_cancelled_build_leaves_the_previous_index(user_dir):
    prepared = index.PreparedBuild("9.9.3", small_corpus(), {"blender": "9.9.3"}, 0.01)
    index.build_index(prepared, use_dense=False)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(index.BuildCancelled):
        index.build_index(index.PreparedBuild("9.9.3", small_corpus()[:1], {}, 0.0), use_dense=False, cancel=cancel)
    assert index.index_status("9.9.3").chunks == 4
    assert not (user_dir / "rag" / "9.9.3.building").exists()


def test_user_dir_defaults_under_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("CODEFORM_USER_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.user_dir() == tmp_path / "codeform"
    assert paths.version_dir("5.0.1") == tmp_path / "codeform" / "rag" / "5.0.1"


def test_chunks_round_trip_byte_for_byte(tmp_path):
    save_chunks(tmp_path / "a.jsonl.gz", small_corpus())
    save_chunks(tmp_path / "b.jsonl.gz", small_corpus())
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()
    assert load_chunks(tmp_path / "a.jsonl.gz") == small_corpus()


def test_rag_imports_neither_bpy_nor_the_dense_stack(tmp_path):
    """The extension must register without torch/chromadb, and the linter run bpy-free."""
    import subprocess
    import sys
    code = ("import sys\nfrom codeform.rag import lint, retrieve, index, exemplars\n"
            "lint.lint_code('import bpy\\nbpy.ops.mesh.primitive_cube_add(size=1)\\n')\n"
            "retrieve.Retriever.open_default().search('bevel modifier')\n"
            "print(sorted(m for m in ('bpy', 'torch', 'chromadb', 'sentence_transformers') if m in sys.modules))\n")
    env = {**__import__("os").environ, "CODEFORM_USER_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_built_index_without_the_dense_stack_falls_back_to_bm25(user_dir, monkeypatch, caplog):
    from codeform.rag import dense, retrieve
    prepared = index.PreparedBuild("9.9.4", small_corpus(), {"blender": "9.9.4"}, 0.01)
    index.build_index(prepared, use_dense=False)
    (user_dir / "rag" / "9.9.4" / "chroma").mkdir()  # vectors built on a machine that had the stack
    monkeypatch.setattr(paths, "blender_version", lambda: "9.9.4")
    monkeypatch.setattr(dense, "unavailable", lambda: "dense retrieval needs torch (not installed); using BM25 only")
    retrieve._warned.clear()
    with caplog.at_level(logging.WARNING, logger="codeform.rag"):
        r = Retriever.open_default()
    assert r.mode == "bm25" and r.search("bevel width")[0].id == "type:BevelModifier"
    assert any("needs torch" in rec.getMessage() for rec in caplog.records)
