"""Image metrics and the reference image, without Blender."""
import io

import numpy as np
import pytest
from PIL import Image

from codeform.metrics import image
from codeform.metrics.compose import side_by_side
from codeform.metrics.png import decode_png, decode_png_numpy, encode_png
from codeform.metrics.reference import load_reference
from codeform.metrics.stages import STAGE_SCORES, compare
from codeform.pipeline.errors import ProgramError


def studio(size=128, disc=(0.8, 0.1, 0.1), bg=(0.6, 0.6, 0.62), radius=0.3, dx=0.0, alpha=False):
    yy, xx = np.mgrid[0:size, 0:size] / size
    inside = (xx - 0.5 - dx) ** 2 + (yy - 0.55) ** 2 < radius ** 2
    img = np.empty((size, size, 4 if alpha else 3), np.float32)
    img[:, :, :3] = bg
    img[inside, :3] = disc
    if alpha:
        img[:, :, 3] = inside
    return img, inside


def png_of(img) -> bytes:
    return encode_png(np.clip(img, 0, 1))


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA"])
def test_numpy_png_decoder_matches_pillow_for_every_filter(mode):
    rng = np.random.default_rng(1)
    smooth = np.mgrid[0:40, 0:50].sum(axis=0) % 256
    noise = rng.integers(0, 256, (40, 50))
    chans = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}[mode]
    arr = np.stack([(smooth + 37 * c) % 256 if c % 2 else noise for c in range(chans)], axis=2).astype(np.uint8)
    im = Image.fromarray(arr[:, :, 0] if chans == 1 else arr, mode)
    for optimize in (False, True):  # Pillow picks different per-row filters
        buf = io.BytesIO()
        im.save(buf, format="PNG", optimize=optimize)
        got = decode_png_numpy(buf.getvalue())
        assert got.shape == (40, 50, chans)
        assert np.array_equal(got.reshape(arr.shape), arr)
    assert np.array_equal(decode_png(encode_png(arr)), arr)


def test_decoder_refuses_garbage():
    with pytest.raises(ValueError):
        decode_png_numpy(b"not a png at all")
    with pytest.raises(ValueError):
        decode_png(b"\x89PNG\r\n\x1a\n garbage")


def test_pixel_metrics_agree_with_their_definitions():
    rng = np.random.default_rng(0)
    a = rng.random((64, 64, 3)).astype(np.float32)
    assert image.psnr(a, a) == 60.0
    noisy = np.clip(a + 0.1, 0, 1)
    mse = float(np.mean((noisy - a) ** 2))
    assert image.psnr(a, noisy) == pytest.approx(10 * np.log10(1 / mse), rel=1e-4)
    assert image.ssim(a, a) == pytest.approx(1.0)
    assert image.ssim(a, noisy) == pytest.approx(image.ssim(noisy, a), abs=1e-6)
    worse = np.clip(a + rng.normal(0, 0.3, a.shape), 0, 1).astype(np.float32)
    assert image.ssim(a, worse) < image.ssim(a, noisy) < 1.0


def test_silhouette_iou_and_edge_fscore():
    img, m = studio()
    shifted, m2 = studio(dx=0.1)
    assert image.silhouette_iou(m, m) == 1.0
    assert image.silhouette_iou(m, np.zeros_like(m)) == 0.0
    expected = (m & m2).sum() / (m | m2).sum()
    assert image.silhouette_iou(m, m2) == pytest.approx(expected)
    assert image.edge_fscore(img, img) == 1.0
    one_px, _ = studio(dx=1 / 128)
    assert image.edge_fscore(img, one_px) > 0.9  # within the tolerance
    assert image.edge_fscore(img, shifted) < 0.5
    blank = np.full_like(img, 0.5)
    assert image.edge_fscore(img, blank) == 0.0 and image.edge_fscore(blank, blank) == 1.0


def test_colour_histogram_distance_is_about_colour_not_place():
    img, m = studio()
    moved, m2 = studio(dx=0.1)
    blue, _ = studio(disc=(0.1, 0.1, 0.8))
    assert image.colour_histogram_distance(img, img) == 0.0
    assert image.colour_histogram_distance(img, moved, m, m2) == pytest.approx(0.0, abs=1e-6)
    assert image.colour_histogram_distance(img, blue, m, m) == pytest.approx(1.0)
    assert 0 < image.colour_histogram_distance(img, blue) < 1


def test_resize_keeps_means_and_shapes():
    img, _ = studio(size=120)
    small = image.resize(img, (30, 40))
    assert small.shape == (30, 40, 3)
    assert small.mean() == pytest.approx(img.mean(), abs=0.02)
    mask = image.resize_mask(np.ones((10, 10), bool), (25, 25))
    assert mask.all()


def test_reference_foreground_from_border_alpha_or_mask(tmp_path):
    img, truth = studio()
    ref = load_reference(png_of(img))
    assert ref.mask_source == "estimated"
    assert image.silhouette_iou(ref.mask, truth) > 0.95
    rgba, truth_a = studio(alpha=True)
    ref = load_reference(png_of(rgba))
    assert ref.mask_source == "alpha" and np.array_equal(ref.mask, truth_a)
    mask_file = tmp_path / "mask.png"
    mask_file.write_bytes(encode_png((truth * 255).astype(np.uint8)))
    path = tmp_path / "ref.png"
    path.write_bytes(png_of(img))
    ref = load_reference(path, mask=mask_file)
    assert ref.mask_source == "given" and ref.name == "ref" and np.array_equal(ref.mask, truth)
    assert decode_png(ref.png).shape == (128, 128, 3)


def test_reference_errors_are_bad_input(tmp_path):
    with pytest.raises(ProgramError, match="no such image"):
        load_reference(tmp_path / "missing.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nthis is not an image")
    with pytest.raises(ProgramError, match="not a usable image"):
        load_reference(bad)
    with pytest.raises(ProgramError, match="too small"):
        load_reference(encode_png(np.zeros((4, 4, 3), np.uint8)))


def test_stage_scores_weigh_what_each_stage_controls():
    img, truth = studio()
    ref = load_reference(png_of(img))
    rgba, _ = studio(alpha=True)
    perfect = compare("geometry", png_of(img), png_of(rgba), ref)
    assert perfect["score"] == pytest.approx(1.0, abs=0.01)
    # Same silhouette, wrong colour: geometry does not care, material does.
    blue, _ = studio(disc=(0.1, 0.1, 0.8))
    geo_blue = compare("geometry", png_of(blue), png_of(rgba), ref)
    mat_blue = compare("material", png_of(blue), png_of(rgba), ref)
    assert geo_blue["iou"] == perfect["iou"]
    assert mat_blue["score"] < 0.6 < geo_blue["score"]
    # A moved object costs composition more than material.
    moved, _ = studio(dx=0.15)
    moved_a, _ = studio(dx=0.15, alpha=True)
    comp = compare("composition", png_of(moved), png_of(moved_a), ref)
    mat = compare("material", png_of(moved), png_of(moved_a), ref)
    assert comp["score"] < mat["score"]
    assert set(STAGE_SCORES) == {"geometry", "material", "composition", "lighting"}
    for weights in STAGE_SCORES.values():
        assert sum(weights.values()) == pytest.approx(1.0)


def test_renders_of_another_size_are_compared_at_their_size():
    img, _ = studio(size=200)
    ref = load_reference(png_of(img))
    small, _ = studio(size=64)
    small_a, _ = studio(size=64, alpha=True)
    assert compare("geometry", png_of(small), png_of(small_a), ref)["iou"] > 0.9


def test_side_by_side_puts_reference_left_render_right():
    img, _ = studio(size=100)
    ref = load_reference(png_of(img))
    render, _ = studio(size=50, disc=(0.1, 0.8, 0.1))
    sheet = decode_png(side_by_side(ref, png_of(render), height=80))
    assert decode_png(side_by_side(ref, png_of(render), png_of(render), height=80)).shape == sheet.shape
    assert sheet.shape == (80, 80 + 6 + 80, 3)
    assert sheet[45, 40, 0] > 150 and sheet[45, 126, 1] > 150
