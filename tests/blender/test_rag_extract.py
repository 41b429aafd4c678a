"""Extraction from the live bpy, the linter on live tables, and a hybrid index built on a slice."""
import json
from pathlib import Path

import pytest

import bpy

from codeform.cli import main
from codeform.rag import dense, index, paths
from codeform.rag.extract import extract
from codeform.rag.lint import lint_code
from codeform.rag.tables import ApiTables, load_tables

DATA = Path(__file__).resolve().parents[1] / "data" / "rag"


@pytest.fixture(scope="module")
def extraction():
    bpy.ops.wm.read_factory_settings(use_empty=True)
    return extract()


@pytest.fixture(scope="module")
def live_tables(extraction):
    return ApiTables(extraction.tables)


def test_extraction_covers_what_model_code_needs(extraction):
    by_id = {c.id: c for c in extraction.chunks}
    assert extraction.version == ".".join(map(str, bpy.app.version))
    assert {c.kind for c in extraction.chunks} >= {"operator", "struct", "node", "pymethod", "bmesh", "mathutils", "enum"}
    assert '"Base Color"' in by_id["node:ShaderNodeBsdfPrincipled"].text
    assert "size=" in by_id["op:mesh.primitive_cube_add"].text
    assert "from_pydata" in by_id["py:Mesh.from_pydata"].title
    assert "radius1" in by_id["bmesh:ops.create_cone"].text
    assert all(c.version == extraction.version for c in extraction.chunks)


def test_tables_hold_live_facts(extraction):
    t = extraction.tables
    assert "size" in t["ops"]["mesh.primitive_cube_add"]
    assert t["modifier_types"]["BEVEL"] == "BevelModifier"
    assert t["light_types"]["AREA"] == "AreaLight"
    assert "BLENDER_EEVEE" in t["render_engines"] and "BLENDER_EEVEE_NEXT" not in t["render_engines"]
    names = [s[0] for s in t["nodes"]["ShaderNodeBsdfPrincipled"]["in"]]
    assert "Specular IOR Level" in names and "Specular" not in names
    assert "CyclesRenderSettings" in t["structs"]  # Python-registered, reached through scene.cycles


def test_extraction_leaves_no_probe_data_behind(extraction):
    before = {coll: len(getattr(bpy.data, coll)) for coll in ("node_groups", "meshes", "objects", "scenes", "lights", "curves")}
    extract()
    after = {coll: len(getattr(bpy.data, coll)) for coll in before}
    assert after == before


def test_extraction_with_the_extension_enabled(extension):
    result = extract()
    assert len(result.chunks) > 2000


def test_shipped_tables_match_this_blender(live_tables):
    """The copy in rag/data is regenerated with `codeform index export` when this fails."""
    shipped = load_tables(paths.shipped_dir(live_tables.version) / "tables.json.gz")
    assert set(shipped.ops) == set(live_tables.ops)
    assert shipped.nodes["ShaderNodeBsdfPrincipled"]["in"] == live_tables.nodes["ShaderNodeBsdfPrincipled"]["in"]
    assert set(shipped.structs) == set(live_tables.structs)


def test_linter_on_live_tables(live_tables):
    mistakes = [json.loads(line) for line in (DATA / "mistakes.jsonl").read_text().splitlines() if line.strip()]
    flagged = sum(bool(lint_code(m["code"], live_tables)) for m in mistakes)
    assert flagged >= 0.9 * len(mistakes)
    code = Path(__file__).resolve().parents[2] / "examples" / "desk_lamp" / "material.py"
    assert lint_code(code.read_text(), live_tables) == []


@pytest.mark.skipif(dense.unavailable() is not None, reason="dense stack not installed")
def test_hybrid_index_on_a_slice(extraction, tmp_path, monkeypatch):
    monkeypatch.setenv("CODEFORM_USER_DIR", str(tmp_path))
    keep = {"op:mesh.primitive_cube_add", "op:mesh.primitive_cylinder_add", "type:BevelModifier",
            "type:ArrayModifier", "node:ShaderNodeBsdfPrincipled", "node:ShaderNodeTexNoise",
            "py:Mesh.from_pydata", "bmesh:ops.create_cone", "type:Camera", "type:AreaLight"}
    chunks = [c for c in extraction.chunks if c.id in keep]
    prepared = index.PreparedBuild(extraction.version, chunks, extraction.tables, extraction.seconds)
    events = []
    status = index.build_index(prepared, progress=events.append)
    assert status.dense and status.chunks == len(keep)
    assert events[-1]["fraction"] == 1.0
    from codeform.rag.retrieve import Retriever
    retriever = Retriever.open_default()
    assert retriever.mode == "hybrid"
    assert "type:BevelModifier" in [h.id for h in retriever.search("make the edges rounded", 3, mode="dense")]
    assert retriever.search("bevel modifier width", 1)[0].id == "type:BevelModifier"
    ctx = retriever.for_prompt("material", "glossy red plastic")
    assert "node:ShaderNodeBsdfPrincipled" in ctx.chunk_ids and ctx.exemplar is not None


def test_cli_index_build_status_query(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CODEFORM_USER_DIR", str(tmp_path))
    assert main(["index", "build", "--no-dense", "--limit", "50"]) == 0
    assert "50 chunks, BM25 only" in capsys.readouterr().out
    assert main(["index", "status"]) == 0
    assert "50 chunks" in capsys.readouterr().out
    assert main(["index", "query", "compositor", "-k", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and out[0].startswith(" 1. ")
    assert main(["index", "query", "x", "-k", "0"]) == 2
