"""The exemplar library's shape, bpy-free (tests/blender/test_exemplars.py runs them)."""
from codeform.pipeline.program import SceneProgram, component_names
from codeform.rag.exemplars import MATERIAL_MARKER, ExemplarPicker, load_exemplars


def test_at_least_twenty_tagged_described_exemplars():
    exemplars = load_exemplars()
    assert len(exemplars) >= 20
    for e in exemplars:
        assert e.tags and e.description, e.name
        assert e.code.startswith(e.geometry.rstrip())


def test_every_component_has_its_geometry_and_material_part():
    for e in load_exemplars():
        program = SceneProgram.from_sources(e.name[:24], e.blueprint, e.sources())
        comps = component_names(e.blueprint)
        assert list(program.stages["geometry"].parts().parts) == comps, e.name
        if e.material:
            assert list(program.stages["material"].parts().parts) == comps, e.name
            assert MATERIAL_MARKER in e.code and e.code_for("material") == e.material


def test_picker_finds_the_exemplar_like_a_description():
    picker = ExemplarPicker()
    assert picker.best("a porcelain teacup standing on a small plate").name == "cup_and_saucer"
    assert picker.best("a wall made of red bricks").name == "brick_wall"
    assert picker.best("a hanging pendant lamp over a table").name == "ceiling_light"
    assert picker.best("qqq zzz") is None
