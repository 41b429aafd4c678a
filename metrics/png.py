"""PNG in and out with numpy alone.

Renders come back from the worker as PNG bytes and the engine runs inside Blender's own
Python, which has numpy but not Pillow. Pillow decodes faster and reads every other format,
so it is used when it is there; the numpy decoder handles what Blender and Pillow write
(8/16-bit grey, grey+alpha, RGB, RGBA; every filter type; no interlacing).
"""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel (palette is not handled)


class PNGError(ValueError):
    pass


def encode_png(pixels: np.ndarray) -> bytes:
    """uint8 (H, W), (H, W, 3) or (H, W, 4) -> PNG bytes."""
    arr = np.ascontiguousarray(pixels)
    if arr.dtype != np.uint8:
        arr = np.clip(np.rint(arr.astype(np.float64) * 255.0 if arr.dtype.kind == "f" else arr), 0, 255).astype(np.uint8)
    if arr.ndim == 2:
        arr = arr[:, :, None]
    h, w, c = arr.shape
    colour_type = {1: 0, 2: 4, 3: 2, 4: 6}[c]
    raw = np.zeros((h, w * c + 1), np.uint8)
    raw[:, 1:] = arr.reshape(h, w * c)
    header = struct.pack(">IIBBBBB", w, h, 8, colour_type, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return _SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw.tobytes(), 6)) + chunk(b"IEND", b"")


def decode_png(data: bytes) -> np.ndarray:
    """PNG bytes -> uint8 array (H, W, C) with C in 1..4 as stored."""
    try:
        from PIL import Image
    except ImportError:
        return decode_png_numpy(data)
    try:
        with Image.open(io.BytesIO(data)) as im:
            # A phone photo stores its pixels sideways plus an EXIF turn every viewer applies;
            # without it the model and the metrics see the scene on its side.
            from PIL import ImageOps
            im = ImageOps.exif_transpose(im)
            if im.mode.startswith("I") or im.mode == "F":
                # 16-bit grey (and 32-bit int / float) images: Pillow's convert() clips
                # them to white, so scale their range down to 8 bits here.
                wide = np.asarray(im).astype(np.float64)
                top = 1.0 if im.mode == "F" and float(wide.max(initial=0)) <= 1.0 else 65535.0
                return np.clip(np.rint(wide / top * 255.0), 0, 255).astype(np.uint8)[:, :, None]
            if im.mode not in ("L", "LA", "RGB", "RGBA"):
                im = im.convert("RGBA" if "A" in im.getbands() or im.mode == "P" else "RGB")
            arr = np.asarray(im)
    except Exception as exc:  # Pillow raises many types for a bad file
        if type(exc).__name__ == "DecompressionBombError":
            raise PNGError("too large: more than 178 million pixels; scale it down") from None
        if type(exc).__name__ == "UnidentifiedImageError":  # HEIC from a phone, EXR, a text file...
            raise PNGError("not an image format this can read; save it as PNG or JPEG") from None
        raise PNGError(f"not a readable image ({type(exc).__name__})") from None
    return arr[:, :, None] if arr.ndim == 2 else arr


def decode_png_numpy(data: bytes) -> np.ndarray:
    if not data.startswith(_SIGNATURE):
        raise PNGError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8: pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None or not idat:
        raise PNGError("PNG without image data")
    w, h, depth, colour_type, _, _, interlace = header
    if colour_type not in _CHANNELS or depth not in (8, 16) or interlace:
        raise PNGError("unsupported PNG (palette, low bit depth or interlaced)")
    c = _CHANNELS[colour_type]
    bpp = c * depth // 8
    stride = w * bpp
    try:
        raw = np.frombuffer(zlib.decompress(b"".join(idat)), np.uint8)
    except zlib.error:
        raise PNGError("corrupt PNG data") from None
    if raw.size < h * (stride + 1):
        raise PNGError("truncated PNG data")
    rows = raw[: h * (stride + 1)].reshape(h, stride + 1)
    out = np.zeros((h, stride), np.uint8)
    prior = np.zeros(stride, np.int32)
    for y in range(h):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 1:  # Sub: a running sum per byte lane
            cur = np.cumsum(line.reshape(-1, bpp), axis=0).reshape(-1) & 0xFF
        elif kind == 2:
            cur = (line + prior) & 0xFF
        elif kind in (3, 4):
            cur = _sequential(line, prior, bpp, kind)
        else:
            raise PNGError(f"bad PNG filter {kind}")
        out[y] = cur
        prior = cur.astype(np.int32)
    if depth == 16:
        return (out.reshape(h, w, c * 2)[:, :, ::2]).copy()  # keep the high byte
    return out.reshape(h, w, c)


def _sequential(line: np.ndarray, prior: np.ndarray, bpp: int, kind: int) -> np.ndarray:
    """Average and Paeth depend on the decoded byte one pixel to the left, so they run
    byte by byte; plain Python ints beat numpy's per-call overhead here by ~5x."""
    raw = line.tolist()
    up = prior.tolist()
    cur = [0] * len(raw)
    if kind == 3:
        for i, r in enumerate(raw):
            left = cur[i - bpp] if i >= bpp else 0
            cur[i] = (r + ((left + up[i]) >> 1)) & 0xFF
    else:
        for i, r in enumerate(raw):
            if i >= bpp:
                a, b, c = cur[i - bpp], up[i], up[i - bpp]
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if (pa <= pb and pa <= pc) else (b if pb <= pc else c)
            else:
                pred = up[i]
            cur[i] = (r + pred) & 0xFF
    return np.array(cur, np.int32)
