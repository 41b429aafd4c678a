"""Point-cloud metrics used to measure edit locality and fidelity."""
import numpy as np
import pytest

from codeform.metrics.pointcloud import compare, nearest, sample_triangles

CUBE_V = np.array([[x, y, z] for x in (0, 1) for y in (0, 1) for z in (0, 1)], float)
CUBE_T = np.array([[0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
                   [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3]])


def test_nearest_matches_brute_force():
    rng = np.random.default_rng(1)
    a, b = rng.random((1500, 3)), rng.random((700, 3))
    dist, idx = nearest(a, b)
    full = np.linalg.norm(a[:, None] - b[None], axis=2)
    assert np.array_equal(idx, full.argmin(1))
    assert np.allclose(dist, full.min(1))


def test_identical_clouds_score_perfectly():
    pts, nrm = sample_triangles(CUBE_V, CUBE_T, 2000, seed=3)
    c = compare(pts, pts, nrm, nrm)
    assert c.chamfer == 0 and c.normal_consistency == pytest.approx(1.0) and c.fscore == 1.0


def test_sampling_is_deterministic_and_on_the_surface():
    p1, n1 = sample_triangles(CUBE_V, CUBE_T, 500, seed=7)
    p2, n2 = sample_triangles(CUBE_V, CUBE_T, 500, seed=7)
    assert np.array_equal(p1, p2) and np.array_equal(n1, n2)
    # Every point lies on a face of the unit cube: one coordinate is 0 or 1.
    on_face = np.isclose(p1, 0) | np.isclose(p1, 1)
    assert on_face.any(axis=1).all()
    assert np.allclose(np.abs(n1).max(axis=1), 1.0)


def test_shift_grows_chamfer_and_drops_fscore():
    pts, nrm = sample_triangles(CUBE_V, CUBE_T, 2000, seed=0)
    near = compare(pts, pts + [0.005, 0, 0], nrm, nrm, threshold=0.01)
    far = compare(pts, pts + [0.2, 0, 0], nrm, nrm, threshold=0.01)
    assert 0 < near.chamfer < far.chamfer
    assert near.fscore > 0.95 and far.fscore < 0.8


def test_rotated_normals_lower_consistency():
    pts, nrm = sample_triangles(CUBE_V, CUBE_T, 1000, seed=0)
    tilted = compare(pts, pts, nrm, np.roll(nrm, 1, axis=1))
    assert tilted.normal_consistency < 0.5


def test_empty_cloud_is_an_error():
    with pytest.raises(ValueError, match="empty point cloud"):
        nearest(np.zeros((0, 3)), np.zeros((3, 3)))
