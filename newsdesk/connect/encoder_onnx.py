"""The same BERT sentence encoder as :mod:`newsdesk.connect.encoder`, run by onnxruntime.

Why: nearly all of an article's cost (headline + 40-word lead, ~78 tokens: ~1.6 GFLOP) is six layers of
dense matrix products, and onnxruntime's MLAS kernels do them faster than numpy's OpenBLAS at these shapes:
MLAS packs each weight matrix once, when the session loads, where ``x @ w`` in numpy repacks it on every call,
and it fuses the small steps (attention over all heads in one kernel, bias + GELU, residual + LayerNorm).
Measured on the shared benchmark machine, one thread, CPU ms an article: ~75 against ~88 for the numpy pass on
a Zen 1 EPYC (AVX2), 24.1 against 26.3 on a Zen 4 one (AVX-512), with the same vectors (cosine >= 0.99999); see
``benchmarks/connect_embed.py``. Batches of 4 or 16, and flushing denormals to zero, changed nothing measurable.

The graph is built here, at first load, from the same sha256-verified safetensors weights the numpy
encoder reads (the ``onnx`` helper API writes it; nothing is downloaded and no model file is shipped), so
both run one model. GELU is BERT's erf form (numpy uses the tanh form: vectors differ by under 1e-4).
What it costs once per process (measured): ~3 s of CPU to build and load, ~310 MB resident after (numpy's
pass: 0.5 s, ~155 MB; the packed weights are kept beside the originals) and ~610 MB at the peak of loading.

``quantise`` runs the dense layers as ``DynamicQuantizeMatMul`` (uint8 activations quantised per tensor on
the fly, int8 weights per output column). It is not the default: it moves some vectors too far (cosine to
the fp32 vectors down to 0.963 on the SemEval-2022 texts, mean 0.991: one scale per input tensor cannot hold
BERT's outlier channels), though it costs 0.44x the CPU where AVX-512 VNNI multiplies int8 in one instruction
(Zen 4: 10.6 against 24.3 ms; Zen 1's AVX2: 0.95x). Quantising only some layers keeps no saving worth having
at a cosine of 0.999 (Zen 4, 680 texts, min cosine / ms: all but the feed-forward's down projection 0.988 /
15.3, attention's four products 0.995 / 19.7, fp32 1 / 23.5), nor do +-127 weights (0.963 / 9.9). Weights
are kept to +-63 rather than +-127 because AVX2 without VNNI multiplies uint8 by int8 with ``vpmaddubsw``,
which saturates when two products summed pass 32767 (255 x 127 x 2 does; 255 x 63 x 2 does not).

Texts run one at a time by default: no padding is computed, and a text's vector does not depend on what
else was in its batch (measured: batches of 8 sorted by length cost ~4% more CPU than one by one).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsdesk.connect.encoder import padded_batches

#: Largest int8 weight after quantisation (see the module's docstring for why not 127).
WEIGHT_LEVELS = 63

_MS = "com.microsoft"


def quantise_columns(weight: np.ndarray, levels: int = WEIGHT_LEVELS) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-column int8 quantisation of ``weight`` (``in x out``): ``(int8 matrix, scale per column)``.

    >>> q, scale = quantise_columns(np.array([[0.5, -2.0], [-1.0, 1.0]], np.float32), levels=4)
    >>> q.tolist(), scale.tolist()
    ([[2, -4], [-4, 2]], [0.25, 0.5])
    """
    peak = np.abs(weight).max(axis=0)
    scale = np.where(peak > 0, peak / levels, 1.0).astype(np.float32)
    quantised = np.clip(np.rint(weight / scale), -levels, levels).astype(np.int8)
    return quantised, scale


def build_graph(weights: dict[str, np.ndarray], heads: int, *, quantise: bool = False,
                eps: float = 1e-12) -> bytes:
    """A serialised ONNX model: ``input_ids`` (int64) and ``attention_mask`` (int32, 1 = token, 0 = padding),
    both ``batch x tokens``, in; ``pooled`` (``batch x dim``, the sum of the real tokens' states) out.

    ``weights`` are named as Hugging Face names them (see :func:`newsdesk.connect.encoder.read_safetensors`).
    With ``quantise`` the dense layers are ``DynamicQuantizeMatMul`` over int8 weights, else fp32 ``MatMul``.

    >>> import pytest; onnx = pytest.importorskip("onnx")  # an optional dependency
    >>> from newsdesk.connect.encoder import tiny_bert_weights
    >>> model = build_graph(tiny_bert_weights(np.random.default_rng(0), vocab=9, hidden=8, layers=1,
    ...                                       intermediate=16), heads=2)
    >>> graph = onnx.load_from_string(model).graph
    >>> [i.name for i in graph.input], sorted({n.op_type for n in graph.node} & {"MatMul", "MultiHeadAttention"})
    (['input_ids', 'attention_mask'], ['MatMul', 'MultiHeadAttention'])
    """
    from onnx import TensorProto, helper, numpy_helper

    nodes: list[Any] = []
    inits: list[Any] = []

    def const(name: str, array: np.ndarray) -> str:
        # ascontiguousarray would make a 0-d array (a scalar index) 1-d.
        inits.append(numpy_helper.from_array(np.array(array, order="C"), name))
        return name

    def node(op: str, inputs: list[str], output: str, domain: str = "", **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, domain=domain, **attrs))
        return output

    def w(name: str) -> np.ndarray:
        return np.asarray(weights[name], dtype=np.float32)

    def dense(x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        """``x @ weight + bias`` with ``weight`` as ``in x out``."""
        if quantise:
            q, scale = quantise_columns(weight)
            return node("DynamicQuantizeMatMul", [x, const(name + ".wq", q), const(name + ".scale", scale),
                                                  const(name + ".zero", np.zeros(q.shape[1], np.int8)),
                                                  const(name + ".b", bias)], name, _MS)
        product = node("MatMul", [x, const(name + ".w", weight)], name + ".mm")
        return node("Add", [product, const(name + ".b", bias)], name)

    word = w("embeddings.word_embeddings.weight")
    dim = word.shape[1]
    # Position and token-type 0 embeddings added once, here: the graph slices the first `tokens` rows.
    position = w("embeddings.position_embeddings.weight") + w("embeddings.token_type_embeddings.weight")[0]
    tokens = node("Shape", ["input_ids"], "tokens", start=1, end=2)
    x = node("Gather", [const("word", word), "input_ids"], "emb.word")
    positions = node("Slice", [const("position", position), const("zero1", np.zeros(1, np.int64)), tokens,
                               const("axis0", np.zeros(1, np.int64))], "emb.position")
    x = node("Add", [x, positions], "emb.sum")
    x = node("LayerNormalization", [x, const("emb.ln.w", w("embeddings.LayerNorm.weight")),
                                    const("emb.ln.b", w("embeddings.LayerNorm.bias"))], "emb.ln",
             axis=-1, epsilon=eps)
    thirds = const("thirds", np.full(3, dim, np.int64))
    index = 0
    while f"encoder.layer.{index}.attention.self.query.weight" in weights:
        p = f"encoder.layer.{index}."
        n = f"l{index}."
        qkv_w = np.concatenate([w(p + f"attention.self.{k}.weight") for k in ("query", "key", "value")]).T
        qkv_b = np.concatenate([w(p + f"attention.self.{k}.bias") for k in ("query", "key", "value")])
        qkv = dense(x, qkv_w, qkv_b, n + "qkv")
        q, k, v = (n + part for part in "qkv")
        nodes.append(helper.make_node("Split", [qkv, thirds], [q, k, v],
                                      name=n + "split", axis=-1))
        # Fused scaled-dot-product attention over the heads (scale 1/sqrt(head_dim) by default).
        context = node("MultiHeadAttention", [q, k, v, "", "attention_mask"], n + "ctx", _MS, num_heads=heads)
        attended = dense(context, w(p + "attention.output.dense.weight").T, w(p + "attention.output.dense.bias"),
                         n + "out")
        x = node("SkipLayerNormalization", [attended, x,
                                            const(n + "ln1.w", w(p + "attention.output.LayerNorm.weight")),
                                            const(n + "ln1.b", w(p + "attention.output.LayerNorm.bias"))],
                 n + "ln1", _MS, epsilon=eps)
        hidden = node("Gelu", [dense(x, w(p + "intermediate.dense.weight").T, w(p + "intermediate.dense.bias"),
                                     n + "up")], n + "gelu", _MS)
        down = dense(hidden, w(p + "output.dense.weight").T, w(p + "output.dense.bias"), n + "down")
        x = node("SkipLayerNormalization", [down, x, const(n + "ln2.w", w(p + "output.LayerNorm.weight")),
                                            const(n + "ln2.b", w(p + "output.LayerNorm.bias"))],
                 n + "ln2", _MS, epsilon=eps)
        index += 1
    if index == 0:
        raise ValueError("BERT weights hold no encoder layers")
    # Sum over real tokens: the caller scales to unit length, which a mean would not change.
    keep = node("Unsqueeze", [node("Cast", ["attention_mask"], "mask.float", to=TensorProto.FLOAT),
                              const("last_axis", np.array([-1], np.int64))], "mask.column")
    node("ReduceSum", [node("Mul", [x, keep], "masked"), const("tokens_axis", np.array([1], np.int64))], "pooled",
         keepdims=0)
    graph = helper.make_graph(
        nodes, "sentence_encoder",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT32, ["batch", "tokens"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", dim])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(_MS, 1)],
                              producer_name="newsdesk")
    model.ir_version = 8
    return bytes(model.SerializeToString())


class OnnxEncoder:
    """Unit sentence vectors from onnxruntime, on one intra-op thread (workers are processes).

    >>> import pytest; _ = pytest.importorskip("onnxruntime")  # an optional dependency
    >>> from newsdesk.connect.encoder import tiny_bert_weights
    >>> weights = tiny_bert_weights(np.random.default_rng(0), vocab=10, hidden=8, layers=1, intermediate=16)
    >>> vectors = OnnxEncoder(weights, heads=2, quantise=False).encode([[1, 4, 2], [3, 2]])
    >>> vectors.shape, round(float(np.linalg.norm(vectors[1])), 5)
    ((2, 8), 1.0)
    """

    def __init__(self, weights: dict[str, np.ndarray], heads: int, *, quantise: bool = False,
                 eps: float = 1e-12) -> None:
        import onnxruntime as ort

        self.dim = int(weights["embeddings.word_embeddings.weight"].shape[1])
        self.max_positions = int(weights["embeddings.position_embeddings.weight"].shape[0])
        options = ort.SessionOptions()
        # One thread per worker process, as for numpy's BLAS: workers are processes.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # ORT's threads spin-wait for work by default; with one thread there is no one to wait for.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(build_graph(weights, heads, quantise=quantise, eps=eps), options,
                                            providers=["CPUExecutionProvider"])

    def encode(self, token_ids: list[list[int]], batch: int = 1) -> np.ndarray:
        """Unit-length mean-pooled vectors, one per sequence of token ids, shape ``(len(token_ids), dim)``.

        Sequences run ``batch`` at a time, sorted by length and padded (an empty one gets the zero vector).
        """
        out = np.zeros((len(token_ids), self.dim), dtype=np.float32)
        longest = max((len(ids) for ids in token_ids), default=0)
        if longest > self.max_positions:
            raise ValueError(f"sequence of {longest} tokens is longer than the model's {self.max_positions}")
        for chunk, ids, mask in padded_batches(token_ids, batch):
            (pooled,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask.astype(np.int32)})
            out[chunk] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out
