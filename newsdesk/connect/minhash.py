"""MinHash signatures of texts, LSH band keys, and similarity estimated from signatures.

A text's shingles are its overlapping runs of :data:`SHINGLE_WORDS` lower-cased words; its
signature holds, for each of :data:`NUM_PERM` hash functions, the smallest hash of any shingle.
Two signatures agree at a position with probability equal to the Jaccard similarity of the two
shingle sets, so the share of equal positions estimates it (standard error about
``sqrt(J(1-J)/NUM_PERM)``: 0.035 at J=0.8 with 128 positions).

LSH banding cuts a signature into :data:`BANDS` bands of :data:`ROWS` rows; two texts share a band
key with probability ``1 - (1 - J**ROWS)**BANDS``. With 16 bands of 8 rows the threshold (where
that curve is steepest) is ``(1/16)**(1/8)`` ≈ 0.71: pairs at J=0.8 are found 95% of the time,
at J=0.9 99.99%, at J=0.5 only 6% (a caller that verifies candidates with :func:`jaccard` drops those).

Why by hand rather than datasketch: datasketch builds one ``MinHash`` object per document and
hashes shingles one by one in Python; here a whole batch is hashed and minimised in numpy
(words are hashed once each with a stable hash, shingles and the 128 permutations are vector
arithmetic), the result is one ``uint32`` array (n, 128) that pickles and lands in a Parquet
column as it is, and nothing depends on Python's per-process string hash (workers on other
machines must give the same signature). Hash functions are multiply-shift (Dietzfelbinger):
``(a * x + b) >> 32`` over 64-bit integers with odd ``a``, a universal family that needs no
modulo, drawn once from a fixed seed so every process and every release agrees.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

__all__ = ["BANDS", "NUM_PERM", "ROWS", "SHINGLE_WORDS", "band_keys", "containment", "jaccard", "shingle_counts",
           "signatures"]

#: Hash functions (positions) in a signature.
NUM_PERM = 128
#: Bands and rows per band of :func:`band_keys` (BANDS * ROWS == NUM_PERM).
BANDS = 16
ROWS = 8
#: Words per shingle: five keeps common phrases ("said in a statement on") from making unrelated
#: stories look alike, while a rewritten sentence still leaves most shingles of a copy intact.
SHINGLE_WORDS = 5
#: The signature of a text without a single word: no shingle ever hashes this high, so it matches nothing.
EMPTY = np.uint32(0xFFFFFFFF)

_WORD = re.compile(r"\w+")
_SEED = 20251001
_MASK32 = np.uint64(0xFFFFFFFF)
# Rows of the (shingles x NUM_PERM) matrix hashed at a time: 8,192 x 128 x 8 bytes = 8 MiB.
_CHUNK = 8192


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.Generator(np.random.PCG64(_SEED))
    a = rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    return a, b


_A, _B = _permutations()
# Multipliers that combine SHINGLE_WORDS word hashes into one shingle hash (odd, fixed).
_MIX = (np.random.Generator(np.random.PCG64(_SEED + 1)).integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.uint64)
        | np.uint64(1))


def _word_hashes(text: str) -> np.ndarray:
    words = _WORD.findall(text.lower())
    digest = b"".join(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
                      for word in words)
    return np.frombuffer(digest, dtype="<u8").astype(np.uint64)


def _shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the text's word shingles (unique), as uint64."""
    words = _word_hashes(text)
    if words.size == 0:
        return words
    if words.size < SHINGLE_WORDS:
        # A text shorter than a shingle is one shingle of what it has.
        with np.errstate(over="ignore"):
            mixed = (words * _MIX[: words.size]).sum(dtype=np.uint64, keepdims=True)
    else:
        count = words.size - SHINGLE_WORDS + 1
        mixed = np.zeros(count, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(SHINGLE_WORDS):
                mixed += words[j: j + count] * _MIX[j]
    return np.unique(mixed >> np.uint64(32))


def shingle_counts(texts: list[str]) -> np.ndarray:
    """How many distinct shingles each text has (what :func:`containment` needs).

    >>> shingle_counts(["one two three four five six", "", "short text"]).tolist()
    [2, 0, 1]
    """
    return np.array([_shingle_hashes(text).size for text in texts], dtype=np.int64)


def signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures of ``texts``: a ``uint32`` array of shape (len(texts), NUM_PERM).

    >>> sigs = signatures(["The Pentagon announced the end of the mission on Tuesday.",
    ...                    "The Pentagon announced the end of the mission on Tuesday.", ""])
    >>> sigs.shape, sigs.dtype.name, bool((sigs[0] == sigs[1]).all()), bool((sigs[2] == EMPTY).all())
    ((3, 128), 'uint32', True, True)
    """
    out = np.full((len(texts), NUM_PERM), EMPTY, dtype=np.uint32)
    hashed = [_shingle_hashes(text) for text in texts]
    sizes = np.array([h.size for h in hashed], dtype=np.int64)
    if not sizes.sum():
        return out
    flat = np.concatenate(hashed)
    owner = np.repeat(np.arange(len(texts)), sizes)
    with np.errstate(over="ignore"):
        for start in range(0, flat.size, _CHUNK):
            values = flat[start: start + _CHUNK, None]
            permuted = ((values * _A + _B) >> np.uint64(32)).astype(np.uint32)
            # The rows of one text are consecutive: minimise each run and fold into its text's row.
            rows = owner[start: start + _CHUNK]
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            minima = np.minimum.reduceat(permuted, starts, axis=0)
            targets = rows[starts]
            out[targets] = np.minimum(out[targets], minima)
    return out


def band_keys(sigs: np.ndarray, bands: int = BANDS) -> np.ndarray:
    """One 64-bit key per band of each signature: a ``uint64`` array of shape (n, bands).

    Two signatures share a key in band b exactly when their rows of band b are all equal
    (up to a 64-bit hash collision).

    >>> sigs = signatures(["storm hits the coast tonight, officials say"] * 2)
    >>> keys = band_keys(sigs)
    >>> keys.shape, bool((keys[0] == keys[1]).all())
    ((2, 16), True)
    """
    n, width = sigs.shape
    if width % bands:
        raise ValueError(f"a signature of {width} positions cannot be cut into {bands} equal bands")
    rows = width // bands
    grouped = sigs.astype(np.uint64).reshape(n, bands, rows)
    keys = np.zeros((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(rows):
            # FNV-style: multiply by an odd 64-bit prime, add the next row.
            keys = keys * np.uint64(0x100000001B3) + grouped[:, :, j] + np.uint64(j + 1)
    return keys


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray | float:
    """Estimated Jaccard similarity: the share of equal positions (row-wise for 2-D arrays).

    >>> a, b, c = signatures(["a b c d e f g h i j", "a b c d e f g h i k", "z y x w v u"])
    >>> jaccard(a, a), round(float(jaccard(a, b)), 1) > 0.5, float(jaccard(a, c))
    (1.0, True, 0.0)
    """
    equal = np.asarray(sig_a) == np.asarray(sig_b)
    if equal.ndim == 1:
        return float(equal.mean())
    return equal.mean(axis=-1)


def containment(similarity: float, size_a: int, size_b: int) -> float:
    """How much of A's shingle set lies in B's, from their Jaccard similarity and set sizes.

    ``|A ∩ B| = J (|A| + |B|) / (1 + J)``; containment is that over ``|A|``, capped at 1 (a short
    text quoted whole in a long one has a low Jaccard similarity and a containment near 1).

    >>> containment(0.25, 10, 40)
    1.0
    >>> containment(0.5, 30, 30)
    0.6666666666666666
    """
    if size_a <= 0:
        return 0.0
    shared = similarity * (size_a + size_b) / (1.0 + similarity)
    return min(1.0, shared / size_a)
