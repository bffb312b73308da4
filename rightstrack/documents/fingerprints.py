"""Fingerprints of a document's text: the exact-duplicate hash and a MinHash signature for near-duplicates.

Both read the folded text (``core.text.fold`` with separators: no diacritics, no case, no punctuation), so a
copy saved from another outlet's page, with other line breaks or a missing accent, is still recognised. The
signature is 64 minimums of a multiply-shift hash over word 5-shingles; its 16 bands of 4 are what the
database indexes (``DocumentBand``): two texts whose shingles are 80 % the same share a band with a
probability above 0.99, two unrelated texts almost never.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from rightstrack.core.text import fold

SHINGLE_WORDS = 5
SIGNATURE_SIZE = 64
BANDS = 16
ROWS = SIGNATURE_SIZE // BANDS
NEAR_DUPLICATE = 0.8  # estimated Jaccard similarity of the shingles from which a copy is "nearly the same"
_MASK63 = (1 << 63) - 1
_RANDOM = np.random.default_rng(20261201)  # fixed: signatures must compare across runs and machines
_A = _RANDOM.integers(1, 2**63, size=SIGNATURE_SIZE, dtype=np.uint64) | np.uint64(1)
_B = _RANDOM.integers(0, 2**63, size=SIGNATURE_SIZE, dtype=np.uint64)


def folded_words(text: str) -> list[str]:
    return fold(text, separators=True).split()


def content_hash(text: str) -> str:
    """SHA-256 of the folded words: the same text, however it is spaced or accented, hashes the same."""
    return hashlib.sha256(" ".join(folded_words(text)).encode()).hexdigest()


def _hash64(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


def minhash(text: str) -> list[int]:
    words = folded_words(text)
    if not words:
        return []
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(count)}
    values = np.fromiter((_hash64(s) for s in shingles), dtype=np.uint64, count=len(shingles))
    with np.errstate(over="ignore"):
        mixed = (values[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return [int(v) for v in mixed.min(axis=0)]


def bands(signature: Sequence[int]) -> list[int]:
    """The signature's bands as signed 63-bit integers (what a BigIntegerField holds)."""
    if len(signature) != SIGNATURE_SIZE:
        return []
    keys = []
    for band in range(BANDS):
        rows = ",".join(str(v) for v in signature[band * ROWS : (band + 1) * ROWS])
        keys.append(_hash64(f"{band}:{rows}") & _MASK63)
    return keys


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of equal minimums: an estimate of the Jaccard similarity of the two texts' shingles."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)
