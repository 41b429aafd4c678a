"""Every few-shot exemplar runs on real bpy, builds each component and renders something,
so no exemplar in the library can rot."""
import pytest

from PIL import Image

from codeform.pipeline.program import SceneProgram, component_names
from codeform.rag.exemplars import load_exemplars
from codeform.scene import runs
from codeform.scene.ownership import owned_objects, owner_of
from codeform.scene.render import render_png

EXEMPLARS = load_exemplars()


@pytest.mark.parametrize("exemplar", EXEMPLARS, ids=[e.name for e in EXEMPLARS])
def test_exemplar_applies_and_renders(exemplar, empty_scene, tmp_path):
    program = SceneProgram.from_sources(exemplar.name[:24], exemplar.blueprint, exemplar.sources())
    report = runs.install(program, scene=empty_scene)
    assert report.stages == list(exemplar.sources())
    built = {}
    for obj in owned_objects(program.name):
        _run, stage, part = owner_of(obj)
        if stage == "geometry":
            built.setdefault(part, []).append(obj)
    assert sorted(built) == sorted(component_names(exemplar.blueprint))
    for part, objects in built.items():
        if exemplar.material:
            assert all(o.data is None or len(o.data.materials) for o in objects), part
    png = render_png(tmp_path / f"{exemplar.name}.png", empty_scene, run=program.name,
                     engine="BLENDER_WORKBENCH", size=64)
    image = Image.open(png).convert("L")
    background = image.getpixel((0, 0))
    histogram = image.histogram()
    drawn = sum(n for value, n in enumerate(histogram) if abs(value - background) > 8)
    assert drawn > 0.02 * image.width * image.height
