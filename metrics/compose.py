"""Images made for people and models: the reference beside a render."""
from __future__ import annotations

import numpy as np

from .image import resize
from .png import encode_png
from .reference import Reference, decode_render


def side_by_side(reference: Reference, render_png: bytes, mask_png: bytes | None = None, height: int = 256,
                 gap: int = 6) -> bytes:
    """One PNG: the reference on the left, the render on the right, at the same height.
    With `mask_png` (a transparent render of the same frame) the render's background is
    replaced by the reference's, as the metrics do before the world is modelled."""
    render = decode_render(render_png)
    if mask_png:
        alpha = decode_render(mask_png)[:, :, 3:4]
        if alpha.shape[:2] == render.shape[:2]:
            render = np.concatenate([render[:, :, :3], alpha], axis=2)
    rgb = render[:, :, :3] * render[:, :, 3:4] + np.asarray(reference.background, np.float32) * (1 - render[:, :, 3:4])
    tiles = []
    for img in (reference.rgb, rgb):
        h, w = img.shape[:2]
        tiles.append(resize(img, (height, max(1, round(w * height / h)))))
    sheet = np.full((height, tiles[0].shape[1] + gap + tiles[1].shape[1], 3), 0.12, np.float32)
    sheet[:, : tiles[0].shape[1]] = tiles[0]
    sheet[:, tiles[0].shape[1] + gap:] = tiles[1]
    return encode_png(np.clip(sheet, 0, 1))
