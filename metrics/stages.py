"""Which metrics score which stage, and the one number the stage loop keeps the best by.

Every comparison measures everything (the report shows it all); each stage is *scored* by
the metrics that stage can change:

| stage       | score (higher is better, 0..1)                              | why |
|-------------|-------------------------------------------------------------|-----|
| geometry    | 0.7 silhouette IoU + 0.3 edge F                             | shape and outline; colours are not there yet |
| material    | 0.5 (1 - object colour-histogram distance) + 0.3 SSIM + 0.2 IoU | the object's colours inside its silhouette, and their structure |
| composition | 0.6 silhouette IoU + 0.4 edge F                             | the camera: where the outline and the edges fall |
| lighting    | 0.35 SSIM + 0.35 (1 - full-image histogram distance) + 0.3 PSNR/30 | brightness, shadows and background of the whole frame |

Silhouette IoU compares the transparent-film render's alpha with the reference foreground
(see metrics.reference). Before the lighting stage the colour render is transparent and put
over the reference's background colour (the world is not modelled yet, so it must not cost
SSIM/PSNR). Edge F counts edges within 2 px (at 256 px) as matched. Histogram
distances are Hellinger distances of 8x8x8 RGB histograms. PSNR is capped at 60 dB.
"""
from __future__ import annotations

import numpy as np

from . import image
from .reference import Reference, decode_render

STAGE_SCORES: dict[str, dict[str, float]] = {
    "geometry": {"iou": 0.7, "edge_f": 0.3},
    "material": {"hist_sim": 0.5, "ssim": 0.3, "iou": 0.2},
    "composition": {"iou": 0.6, "edge_f": 0.4},
    "lighting": {"ssim": 0.35, "hist_sim_full": 0.35, "psnr_n": 0.3},
}

# The metrics shown in tables, in order, with how to read them.
SHOWN: tuple[tuple[str, str], ...] = (
    ("score", "stage score, higher is better"),
    ("iou", "silhouette IoU"),
    ("edge_f", "edge F-score"),
    ("ssim", "SSIM"),
    ("psnr", "PSNR dB"),
    ("hist", "object colour-histogram distance, lower is better"),
)


def measure(color: np.ndarray, alpha_mask: np.ndarray, reference: Reference) -> dict[str, float]:
    """All metrics of an opaque render (float RGB) with its object mask, against the
    reference resampled to the render's size."""
    size = color.shape[:2]
    ref_rgb, ref_mask = reference.at(size)
    if alpha_mask.shape != size:
        alpha_mask = image.resize_mask(alpha_mask, size)
    out = {
        "iou": image.silhouette_iou(alpha_mask, ref_mask),
        "edge_f": image.edge_fscore(color, ref_rgb, tolerance=max(1, round(2 * size[1] / 256))),
        "ssim": image.ssim(color, ref_rgb),
        "psnr": image.psnr(color, ref_rgb),
        "hist": image.colour_histogram_distance(color, ref_rgb, alpha_mask, ref_mask),
        "hist_full": image.colour_histogram_distance(color, ref_rgb),
        "coverage": float(alpha_mask.mean()),
    }
    return {k: round(float(v), 4) for k, v in out.items()}


def stage_score(stage: str, metrics: dict[str, float]) -> float:
    """The weighted score of STAGE_SCORES, every term in 0..1."""
    terms = {
        "iou": metrics["iou"],
        "edge_f": metrics["edge_f"],
        "ssim": max(0.0, metrics["ssim"]),
        "hist_sim": 1.0 - metrics["hist"],
        "hist_sim_full": 1.0 - metrics["hist_full"],
        "psnr_n": min(metrics["psnr"] / 30.0, 1.0),
    }
    return round(float(sum(w * terms[k] for k, w in STAGE_SCORES[stage].items())), 4)


def compare(stage: str, color_png: bytes, mask_png: bytes | None, reference: Reference) -> dict[str, float]:
    """Score a stage's feedback render `color_png` from the reference viewpoint, against
    the subject's silhouette: the alpha of `mask_png` (a transparent-film render that shows
    only the components), else the colour render's own alpha. A transparent colour render
    (before the lighting stage models the world) is put over the reference's background.
    Returns every metric plus "score"."""
    color = decode_render(color_png)
    transparent = float(color[:, :, 3].min()) < 0.99
    # A transparent render has no world behind it yet: put the reference's background there.
    rgb = image.composite(color, reference.background) if transparent else color[:, :, :3]
    if mask_png:
        coverage = decode_render(mask_png)[:, :, 3]
        if coverage.shape != rgb.shape[:2]:
            coverage = image.resize(coverage, rgb.shape[:2])
    elif transparent:
        coverage = color[:, :, 3]
    else:
        coverage = np.ones(color.shape[:2], np.float32)
    alpha = coverage >= 0.5
    metrics = measure(rgb, alpha, reference)
    metrics["score"] = stage_score(stage, metrics)
    from .optional import extra_metrics  # noqa: PLC0415 - only when a local model is configured
    metrics.update(extra_metrics(rgb, reference.at(rgb.shape[:2])[0]))
    return metrics
