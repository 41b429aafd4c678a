"""Image metrics on float arrays in [0, 1], numpy only.

Images are (H, W, 3) RGB or (H, W) grey; masks are (H, W) bool. Both sides of a comparison
must have the same size (see `resize`).
"""
from __future__ import annotations

import math

import numpy as np

_LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)


def to_float(pixels: np.ndarray) -> np.ndarray:
    arr = np.asarray(pixels)
    if arr.dtype == np.uint8:
        return arr.astype(np.float32) / 255.0
    return arr.astype(np.float32)


def grey(img: np.ndarray) -> np.ndarray:
    return img if img.ndim == 2 else img[:, :, :3] @ _LUMA


def composite(rgba: np.ndarray, background: np.ndarray | tuple[float, float, float]) -> np.ndarray:
    """Straight-alpha RGBA over a background colour or image -> RGB."""
    alpha = rgba[:, :, 3:4]
    bg = np.broadcast_to(np.asarray(background, np.float32), rgba[:, :, :3].shape)
    return rgba[:, :, :3] * alpha + bg * (1.0 - alpha)


def _weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) resampling matrix: box-filter coverage when shrinking, linear when growing."""
    w = np.zeros((n_out, n_in), np.float32)
    scale = n_in / n_out
    if scale >= 1.0:
        for o in range(n_out):
            a, b = o * scale, (o + 1) * scale
            for i in range(int(a), min(n_in, math.ceil(b))):
                w[o, i] = min(b, i + 1) - max(a, i)
    else:
        for o in range(n_out):
            x = (o + 0.5) * scale - 0.5
            i0 = int(math.floor(x))
            f = x - i0
            w[o, min(max(i0, 0), n_in - 1)] += 1.0 - f
            w[o, min(max(i0 + 1, 0), n_in - 1)] += f
    return w / w.sum(axis=1, keepdims=True)


def resize(img: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Resample to (height, width). Pillow when present (fast), else separable matrices."""
    h, w = size
    if img.shape[:2] == (h, w):
        return img
    try:
        from PIL import Image
    except ImportError:
        wy, wx = _weights(img.shape[0], h), _weights(img.shape[1], w)
        if img.ndim == 2:
            return (wy @ img @ wx.T).astype(np.float32)
        return np.einsum("oh,hwc,pw->opc", wy, img, wx, optimize=True).astype(np.float32)
    chans = [img] if img.ndim == 2 else [img[:, :, c] for c in range(img.shape[2])]
    out = [np.asarray(Image.fromarray(c.astype(np.float32), mode="F").resize((w, h), Image.BOX if (c.shape[0] > h or c.shape[1] > w) else Image.BILINEAR))
           for c in chans]
    return out[0] if img.ndim == 2 else np.stack(out, axis=2)


def resize_mask(mask: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    return resize(mask.astype(np.float32), size) >= 0.5


# ---------------------------------------------------------------------------
# Pixel metrics
# ---------------------------------------------------------------------------

def psnr(a: np.ndarray, b: np.ndarray, cap: float = 60.0) -> float:
    """Peak signal-to-noise ratio in dB; identical images give `cap`."""
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    if mse <= 10 ** (-cap / 10):
        return cap
    return 10.0 * math.log10(1.0 / mse)


def _gauss_kernel(sigma: float, radius: int) -> np.ndarray:
    x = np.arange(-radius, radius + 1, dtype=np.float32)
    k = np.exp(-(x * x) / (2 * sigma * sigma))
    return k / k.sum()


def blur(img: np.ndarray, sigma: float = 1.5, radius: int | None = None) -> np.ndarray:
    """Separable Gaussian blur of a 2-D array, reflected at the borders."""
    radius = radius if radius is not None else max(1, int(round(3 * sigma)))
    k = _gauss_kernel(sigma, radius)
    out = np.pad(img, radius, mode="reflect")
    h, w = img.shape
    rows = sum(k[i] * out[i:i + h, :] for i in range(2 * radius + 1))
    return sum(k[i] * rows[:, i:i + w] for i in range(2 * radius + 1))


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Structural similarity of the luma (Wang et al. 2004: 11-tap Gaussian, sigma 1.5)."""
    x, y = grey(a).astype(np.float32), grey(b).astype(np.float32)
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    mx, my = blur(x, 1.5, 5), blur(y, 1.5, 5)
    sxx = blur(x * x, 1.5, 5) - mx * mx
    syy = blur(y * y, 1.5, 5) - my * my
    sxy = blur(x * y, 1.5, 5) - mx * my
    num = (2 * mx * my + c1) * (2 * sxy + c2)
    den = (mx * mx + my * my + c1) * (sxx + syy + c2)
    return float(np.mean(num / den))


# ---------------------------------------------------------------------------
# Shape metrics
# ---------------------------------------------------------------------------

def silhouette_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two masks; two empty masks agree completely."""
    union = np.logical_or(a, b).sum()
    if union == 0:
        return 1.0
    return float(np.logical_and(a, b).sum() / union)


def dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    """Square dilation by `radius` pixels (separable max)."""
    out = mask.copy()
    for _ in range(radius):
        grown = out.copy()
        grown[1:, :] |= out[:-1, :]
        grown[:-1, :] |= out[1:, :]
        grown[:, 1:] |= grown[:, :-1].copy()
        grown[:, :-1] |= grown[:, 1:].copy()
        out = grown
    return out


def erode(mask: np.ndarray, radius: int) -> np.ndarray:
    return ~dilate(~mask, radius)


def edges(img: np.ndarray, threshold: float = 0.06, sigma: float = 1.0) -> np.ndarray:
    """Edge pixels: Sobel gradient magnitude of the blurred luma above `threshold`
    (a step of height 1 gives about 0.5), thinned to local maxima along x or y."""
    g = blur(grey(img).astype(np.float32), sigma)
    p = np.pad(g, 1, mode="edge")
    gx = (p[:-2, 2:] + 2 * p[1:-1, 2:] + p[2:, 2:] - p[:-2, :-2] - 2 * p[1:-1, :-2] - p[2:, :-2]) / 8
    gy = (p[2:, :-2] + 2 * p[2:, 1:-1] + p[2:, 2:] - p[:-2, :-2] - 2 * p[:-2, 1:-1] - p[:-2, 2:]) / 8
    mag = np.hypot(gx, gy)
    m = np.pad(mag, 1, mode="constant")
    peak_x = (mag >= m[1:-1, :-2]) & (mag >= m[1:-1, 2:])
    peak_y = (mag >= m[:-2, 1:-1]) & (mag >= m[2:, 1:-1])
    return (mag > threshold) & (peak_x | peak_y)


def edge_fscore(a: np.ndarray, b: np.ndarray, tolerance: int = 2) -> float:
    """F-score of `a`'s edges against `b`'s, an edge counting as matched within
    `tolerance` pixels."""
    ea, eb = edges(a), edges(b)
    na, nb = int(ea.sum()), int(eb.sum())
    if na == 0 and nb == 0:
        return 1.0
    if na == 0 or nb == 0:
        return 0.0
    precision = float((ea & dilate(eb, tolerance)).sum() / na)
    recall = float((eb & dilate(ea, tolerance)).sum() / nb)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


# ---------------------------------------------------------------------------
# Colour
# ---------------------------------------------------------------------------

def colour_histogram(img: np.ndarray, mask: np.ndarray | None = None, bins: int = 8) -> np.ndarray:
    rgb = img[:, :, :3].reshape(-1, 3)
    if mask is not None:
        rgb = rgb[mask.reshape(-1)]
    if rgb.shape[0] == 0:
        return np.zeros(bins ** 3, np.float64)
    q = np.clip((rgb * bins).astype(np.int64), 0, bins - 1)
    idx = (q[:, 0] * bins + q[:, 1]) * bins + q[:, 2]
    hist = np.bincount(idx, minlength=bins ** 3).astype(np.float64)
    return hist / hist.sum()


def colour_histogram_distance(a: np.ndarray, b: np.ndarray, mask_a: np.ndarray | None = None,
                              mask_b: np.ndarray | None = None, bins: int = 8) -> float:
    """Hellinger distance between joint RGB histograms: 0 same colours, 1 disjoint.
    With masks, only the pixels inside each mask count (the object's colours)."""
    ha, hb = colour_histogram(a, mask_a, bins), colour_histogram(b, mask_b, bins)
    if ha.sum() == 0 or hb.sum() == 0:
        return 0.0 if ha.sum() == hb.sum() else 1.0
    bc = float(np.sum(np.sqrt(ha * hb)))
    return math.sqrt(max(0.0, 1.0 - bc))
