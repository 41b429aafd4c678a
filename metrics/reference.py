"""The reference image: pixels for the metrics, a PNG for the model, a foreground mask.

The foreground mask is what silhouette IoU compares the transparent-film render against.
It comes, in order of trust, from a mask file given with the image (the evaluation set
ships one), from the image's alpha channel, or from an estimate: pixels that differ from
the colour of the image border (a studio backdrop, a product shot).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..pipeline.errors import ProgramError
from .image import dilate, erode, resize, resize_mask, to_float
from .png import PNGError, decode_png, encode_png

MODEL_SIDE = 768  # the longest side of the image the model sees
MAX_SIDE = 2048  # the longest side kept of a reference or mask (see _shrink)


@dataclass
class Reference:
    rgb: np.ndarray                 # float32 (H, W, 3) in [0, 1], the full image
    mask: np.ndarray                # bool (H, W), the foreground
    mask_source: str                # "given" | "alpha" | "estimated"
    background: tuple[float, float, float]
    png: bytes                      # what the model is shown (longest side <= MODEL_SIDE)
    name: str = "reference"
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def width(self) -> int:
        return int(self.rgb.shape[1])

    @property
    def height(self) -> int:
        return int(self.rgb.shape[0])

    @property
    def aspect(self) -> float:
        """height / width"""
        return self.height / self.width

    def at(self, size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        """(rgb, mask) resampled to (height, width); cached, renders come in one size."""
        if size not in self._cache:
            self._cache[size] = (resize(self.rgb, size), resize_mask(self.mask, size))
        return self._cache[size]


def _read(source: str | Path | bytes, what: str) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    path = Path(source)
    if not path.is_file():
        raise ProgramError(f"no such {what}: {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ProgramError(f"cannot read {path}: {exc.strerror or exc}") from None


def _decode(data: bytes, label: str) -> np.ndarray:
    try:
        arr = decode_png(data)
    except PNGError as exc:
        raise ProgramError(f"{label} is not a usable image: {exc}") from None
    if arr.shape[0] < 8 or arr.shape[1] < 8:
        raise ProgramError(f"{label} is too small ({arr.shape[1]}x{arr.shape[0]} pixels)")
    if max(arr.shape[:2]) > MAX_SIDE:
        arr = _shrink(arr, MAX_SIDE)
    return arr


def _shrink(arr: np.ndarray, side: int) -> np.ndarray:
    """A phone photo (48 MP) took 30 s and 3 GB as float32; renders are compared at most
    1024 pixels wide and the model sees 768, so the reference is kept at `side`."""
    h, w = arr.shape[:2]
    scale = side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    try:
        from PIL import Image
    except ImportError:  # the numpy decoder's path: nearest pixels
        rows = (np.arange(size[1]) / scale).astype(int)
        cols = (np.arange(size[0]) / scale).astype(int)
        return arr[rows][:, cols]
    im = Image.fromarray(arr[:, :, 0] if arr.shape[2] == 1 else arr)
    out = np.asarray(im.resize(size, Image.Resampling.BOX))
    return out[:, :, None] if out.ndim == 2 else out


def border_colour(rgb: np.ndarray, ring: int = 4) -> tuple[np.ndarray, float]:
    """Median colour of the image border and how uniform the border is (mean deviation)."""
    border = np.concatenate([rgb[:ring].reshape(-1, 3), rgb[-ring:].reshape(-1, 3),
                             rgb[:, :ring].reshape(-1, 3), rgb[:, -ring:].reshape(-1, 3)])
    median = np.median(border, axis=0)
    return median.astype(np.float32), float(np.mean(np.abs(border - median)))


def estimate_foreground(rgb: np.ndarray, threshold: float = 0.07) -> np.ndarray:
    """Pixels whose colour is far from the border's median colour, opened by one pixel
    to drop speckle."""
    bg, spread = border_colour(rgb)
    dist = np.sqrt(np.sum((rgb - bg) ** 2, axis=2) / 3.0)
    mask = dist > max(threshold, 2.5 * spread)
    return dilate(erode(mask, 1), 1)


def load_reference(source: str | Path | bytes, mask: str | Path | bytes | None = None,
                   name: str | None = None) -> Reference:
    """Read the reference (a PNG, or any format Pillow reads) and work out its foreground.

    Raises ProgramError (exit 2) for a missing, unreadable or tiny image.
    """
    label = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "the reference image")
    arr = _decode(_read(source, "image"), label)
    pixels = to_float(arr)
    channels = pixels.shape[2]
    rgb = pixels[:, :, :3] if channels >= 3 else np.repeat(pixels[:, :, :1], 3, axis=2)
    alpha = pixels[:, :, -1] if channels in (2, 4) else None
    mask_source = "estimated"
    if alpha is not None and float(alpha.min()) < 0.5:
        grey_bg = np.float32(0.5)
        rgb = rgb * alpha[:, :, None] + grey_bg * (1 - alpha[:, :, None])
        fg = alpha >= 0.5
        mask_source = "alpha"
    else:
        fg = estimate_foreground(rgb)
    if mask is not None:
        m = to_float(_decode(_read(mask, "mask"), f"mask {mask}"))
        if abs(m.shape[0] / m.shape[1] - rgb.shape[0] / rgb.shape[1]) > 0.02 * rgb.shape[0] / rgb.shape[1]:
            # Stretched to fit, another picture's mask would score every render against nothing.
            raise ProgramError(f"mask {mask} is {m.shape[1]}x{m.shape[0]} but the image is "
                               f"{rgb.shape[1]}x{rgb.shape[0]}; a mask must have the image's proportions")
        m = m[:, :, -1] if m.shape[2] in (2, 4) and float(m[:, :, -1].min()) < 0.5 else m[:, :, 0]
        fg = resize_mask(m >= 0.5, rgb.shape[:2])
        mask_source = "given"
    bg, _ = border_colour(rgb)
    if not name:
        name = "reference" if isinstance(source, (bytes, bytearray)) else Path(source).stem
    return Reference(rgb=rgb.astype(np.float32), mask=fg, mask_source=mask_source,
                     background=tuple(float(c) for c in bg), png=model_png(rgb), name=name)


def model_png(rgb: np.ndarray, side: int = MODEL_SIDE) -> bytes:
    h, w = rgb.shape[:2]
    scale = min(1.0, side / max(h, w))
    if scale < 1.0:
        rgb = resize(rgb, (max(1, round(h * scale)), max(1, round(w * scale))))
    return encode_png(np.clip(rgb, 0, 1))


def decode_render(png: bytes) -> np.ndarray:
    """A worker render (PNG bytes) -> float RGBA (H, W, 4)."""
    arr = to_float(decode_png(png))
    if arr.shape[2] == 4:
        return arr
    if arr.shape[2] == 3:
        return np.concatenate([arr, np.ones(arr.shape[:2] + (1,), np.float32)], axis=2)
    grey = np.repeat(arr[:, :, :1], 3, axis=2)
    alpha = arr[:, :, 1:2] if arr.shape[2] == 2 else np.ones(arr.shape[:2] + (1,), np.float32)
    return np.concatenate([grey, alpha], axis=2)
