"""Fixtures shared by the enrichment tests: spaCy's English pipeline, loaded once for the whole session."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def spacy_nlp() -> Any:
    """The verified spaCy NER pipeline that ``find_entities`` uses (skips the test where none is installed).

    Loaded through ``newsdesk.enrich.ner.load_pipeline``, which keeps it for the process, so every test in
    the session shares one copy.
    """
    from newsdesk.enrich import ner

    nlp = ner.load_pipeline()
    if nlp is None:
        pytest.skip("no verified spaCy English pipeline is installed")
    return nlp
