"""The HTML report of a reconstruction, from a fake run."""
import json

from pipeline_fakes import Live, ScriptedModel, make_ports, reference_for
from test_pipeline import BP, at, crit, good_script

from codeform.metrics.png import decode_png
from codeform.pipeline.engine import Reconstructor
from codeform.pipeline.records import PipelineConfig
from codeform.pipeline.report import write_report


def test_report_shows_every_iteration_critique_metric_and_code(tmp_path):
    script = good_script()
    script[("component", "geometry", "shelf")] = [at("build_shelf", (-0.8, 0.8, 0.6)), at("build_shelf", (0.2, 0.6, 0.6))]
    script[("critique", "geometry", "")] = [crit(False, [("shelf", "move it <right> & back")]), crit()]
    ports = make_ports(ScriptedModel(script), Live(), [])
    result = Reconstructor(ports, PipelineConfig(run_name="corner")).run(reference_for(BP))
    page = write_report(result, reference_for(BP), tmp_path / "report", title="Reading corner")
    html = page.read_text()
    folder = page.parent
    for name in ("reference.png", "blockout.png", "summary.png", "geometry-1.png", "geometry-2.png",
                 "material-1.png", "composition-1.png", "lighting-1.png"):
        assert (folder / name).is_file(), name
        assert f"src='{name}'" in html or name == "summary.png" or "summary.png" in html
    assert "move it &lt;right&gt; &amp; back" in html and "<right>" not in html  # escaped critique
    assert "iteration 2 (kept)" in html and "the verifier accepted" in html
    assert "def build_shelf(ctx):" in html and "def light_key(ctx):" in html
    assert "model calls" in html and "critique" in html and "iou" in html
    summary = decode_png((folder / "summary.png").read_bytes())
    assert summary.shape[1] > 5 * 64  # reference, blockout and four stages
    data = json.loads((folder / "result.json").read_text())
    assert data["complete"] and data["stages"]["geometry"]["best"] == 2


def test_report_of_a_stopped_job_says_why(tmp_path):
    ports = make_ports(ScriptedModel(good_script(), max_calls=3), Live(), [])
    result = Reconstructor(ports, PipelineConfig(run_name="corner")).run(reference_for(BP))
    html = write_report(result, reference_for(BP), tmp_path).read_text()
    assert "stopped: " in html and "budget" in html
