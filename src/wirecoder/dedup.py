"""Near-duplicate detection: MinHash signatures over word shingles, with LSH banding.

Syndicated wire copy is the same story with a new headline, a trimmed last paragraph or a
credit line. Two texts whose estimated Jaccard similarity of 5-word shingles reaches the
threshold are linked as near-duplicates, so that a story is not counted as independent reports.
Exact copies never get here: they share a content hash (``records.content_hash``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

__all__ = ["BANDS", "NEAR_DUPLICATE_THRESHOLD", "Signature", "band_keys", "signature", "similarity"]

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs at Jaccard 0.5 collide in some band with p ~ 0.87
ROWS = NUM_PERM // BANDS
SHINGLE = 5
#: Estimated Jaccard similarity at or above which two texts are near-duplicates. Rewrites of a
#: wire story measured 0.65-0.85 on the demo corpus; unrelated stories stay below 0.15.
NEAR_DUPLICATE_THRESHOLD = 0.5

_PRIME = np.uint64(4294967311)  # smallest prime above 2**32
_rng = np.random.default_rng(20240601)  # fixed: signatures must be stable across runs
_A = _rng.integers(1, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    values: np.ndarray  # NUM_PERM uint32 minima

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32))


def _shingle_hashes(text: str) -> np.ndarray:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = [
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams
    ]
    return np.array(hashes, dtype=np.uint64)


def signature(text: str) -> Signature:
    """Return the MinHash signature of a text's 5-word shingles."""
    hashes = _shingle_hashes(text)
    if hashes.size == 0:
        return Signature(np.full(NUM_PERM, 2**32 - 1, dtype=np.uint32))
    # (a * x + b) mod p for every permutation and shingle; a, x < 2**32 so nothing overflows
    permuted = (np.outer(_A, hashes) + _B[:, None]) % _PRIME
    return Signature((permuted.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32))


def band_keys(sig: Signature) -> list[str]:
    """Return one key per LSH band; texts sharing any key are candidate near-duplicates."""
    rows = sig.values.reshape(BANDS, ROWS)
    return [
        f"{i:02d}" + hashlib.blake2b(r.tobytes(), digest_size=8).hexdigest()
        for i, r in enumerate(rows)
    ]


def similarity(a: Signature, b: Signature) -> float:
    """Return the estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(a.values == b.values))
