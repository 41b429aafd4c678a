"""The edit evaluation's data and scores, without Blender: every case is consistent with its
scene, transcripts cover their methods, and the scores and the point-cloud baseline do what
their definitions say on small synthetic scenes."""
import json
import math

import numpy as np
import pytest

from codeform.bench.edit_cases import load_cases
from codeform.bench.edit_scores import Entity, Snapshot, changed_entities, pointcloud_edit, score

CASES = load_cases()


def test_the_set_covers_every_stage_type_and_every_case_is_consistent():
    assert len([c for c in CASES if not c.is_question]) >= 20
    assert {"geometry", "material", "composition", "lighting", "add", "remove", "question"} <= {c.kind for c in CASES}
    assert len({c.scene for c in CASES}) >= 10
    problems = {c.id: c.problems() for c in CASES}
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}


@pytest.mark.parametrize("case", [c for c in CASES if c.transcript("ours")], ids=lambda c: c.id)
def test_transcripts_are_recorded_and_cover_their_method(case):
    for method in ("ours", "regenerate"):
        path = case.transcript(method)
        if path is None:
            continue
        data = json.loads(path.read_text())
        assert data["format"] == "codeform.transcript" and data["recorded"].strip() and data["model"]
        keys = [(c["purpose"], c["stage"], c["component"]) for c in data["calls"]]
        if method == "ours":
            assert keys[0] == ("edit-locate", "", "")
            written = {f"{s}/{p}" for purpose, s, p in keys if purpose == "edit"}
            if not case.is_question:
                assert written <= set(case.expected_keys()) | {k for k in written if k.startswith("material/")}
        else:
            assert ("edit", "", "program") in keys


def cube(center, size=1.0, n=200, seed=0):
    rng = np.random.default_rng(seed)
    pts = rng.uniform(-0.5, 0.5, (n, 3)) * size
    axis = rng.integers(0, 3, n)
    pts[np.arange(n), axis] = np.sign(pts[np.arange(n), axis]) * size / 2
    nrm = np.zeros((n, 3))
    nrm[np.arange(n), axis] = np.sign(pts[np.arange(n), axis])
    return pts + center, nrm


def scene(**ents):
    out = {}
    for key, (center, size, params) in ents.items():
        pts, nrm = cube(np.array(center, float), size)
        out[key] = Entity(key, pts, nrm, np.array(params, float))
    return Snapshot(out, {k: {"obj": k} for k in out}, extent=4.0)


def test_scores_separate_preservation_from_fidelity():
    before = scene(**{"geometry/a": ((0, 0, 0), 1.0, [0.5, 0.5]), "geometry/b": ((3, 0, 0), 1.0, [0.1, 0.1])})
    truth = scene(**{"geometry/a": ((0, 0, 0), 1.5, [0.5, 0.5]), "geometry/b": ((3, 0, 0), 1.0, [0.1, 0.1])})
    edited = changed_entities(before, truth)
    assert edited == {"geometry/a"}
    perfect = score(before, truth, truth, edited)
    assert perfect.preserve_cd == 0 and perfect.identical == 1 and perfect.fidelity_cd == 0
    nothing = score(before, before, truth, edited)
    assert nothing.identical == 1 and nothing.fidelity_cd > 50   # mm: the edit was not made
    drifted = scene(**{"geometry/a": ((0, 0, 0), 1.5, [0.5, 0.5]), "geometry/b": ((3, 0.01, 0), 1.0, [0.2, 0.1])})
    drifted.fingerprints["geometry/b"] = {"obj": "moved"}
    s = score(before, drifted, truth, edited)
    assert 9 < s.preserve_cd < 11 and math.isclose(s.preserve_param, 0.05) and s.identical == 0


def test_the_point_cloud_baseline_edits_everything_inside_the_selected_box():
    # b sits inside a's box: a region edit of a drags b along.
    before = scene(**{"geometry/a": ((0, 0, 0), 1.0, [0.5]), "geometry/b": ((0, 0, 0.3), 0.2, [0.1]),
                      "geometry/c": ((3, 0, 0), 1.0, [0.9])})
    truth = scene(**{"geometry/a": ((0, 0, 0), 2.0, [0.2]), "geometry/b": ((0, 0, 0.3), 0.2, [0.1]),
                     "geometry/c": ((3, 0, 0), 1.0, [0.9])})
    edited = changed_entities(before, truth)
    after = pointcloud_edit(before, truth, [("geometry/a", "change"), ("material/a", "change")])
    s = score(before, after, truth, edited)
    assert s.fidelity_cd < 1 and s.fidelity_param == 0           # the oracle box fit gets a right
    assert s.preserve_cd > 50 and s.identical == 0.5             # but b moved with it; c is untouched
    assert np.array_equal(after.entities["geometry/c"].points, before.entities["geometry/c"].points)
    gone = pointcloud_edit(before, truth, [("geometry/c", "remove")])
    assert "geometry/c" not in gone.entities and "geometry/a" in gone.entities
    # Lights, cameras and new parts cannot be expressed in a point cloud.
    assert pointcloud_edit(before, truth, [("lighting/key", "change"), ("geometry/new", "add")]).entities.keys() == \
        before.entities.keys()
