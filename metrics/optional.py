"""Learned metrics, only when a model is already on this machine — never downloaded.

Set ``CODEFORM_CLIP_MODEL`` to a local sentence-transformers CLIP folder (for example a
copy of clip-ViT-B-32) to add ``clip`` (cosine similarity of the image embeddings), and
install the ``lpips`` package with its bundled weights to add ``lpips`` (lower is better).
Without them nothing is computed and nothing is fetched.
"""
from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path

import numpy as np


@functools.lru_cache(maxsize=1)
def _clip_model():
    path = os.environ.get("CODEFORM_CLIP_MODEL", "")
    if not path or not Path(path).is_dir() or importlib.util.find_spec("sentence_transformers") is None:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
        return SentenceTransformer(path, device="cpu")
    except Exception:  # a broken local model is reported as "not available"
        return None


@functools.lru_cache(maxsize=1)
def _lpips_model():
    if importlib.util.find_spec("lpips") is None:
        return None
    try:
        import lpips
        weights = Path(lpips.__file__).parent / "weights" / "v0.1" / "alex.pth"
        if not weights.is_file():
            return None
        return lpips.LPIPS(net="alex", pretrained=True, pnet_rand=True, verbose=False)
    except Exception:
        return None


def available() -> list[str]:
    return [name for name, model in (("clip", _clip_model()), ("lpips", _lpips_model())) if model is not None]


def extra_metrics(render: np.ndarray, reference: np.ndarray) -> dict[str, float]:
    out: dict[str, float] = {}
    clip = _clip_model()
    if clip is not None:
        from PIL import Image
        imgs = [Image.fromarray((np.clip(x, 0, 1) * 255).astype(np.uint8)) for x in (render, reference)]
        emb = clip.encode(imgs, normalize_embeddings=True)
        out["clip"] = round(float(np.dot(emb[0], emb[1])), 4)
    net = _lpips_model()
    if net is not None:
        import torch
        t = [torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None].float() * 2 - 1 for x in (render, reference)]
        with torch.no_grad():
            out["lpips"] = round(float(net(t[0], t[1]).item()), 4)
    return out
