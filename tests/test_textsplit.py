"""The shared abbreviations: every sentence splitter of newsdesk reads the same words (newsdesk.textsplit)."""

from __future__ import annotations

import pytest

from newsdesk.connect import timeline
from newsdesk.connect.timeline import split_sentences
from newsdesk.enrich import patterns
from newsdesk.enrich.quotes_cues import sentence_ends
from newsdesk.textsplit import ABBREVIATIONS


@pytest.mark.parametrize("word", sorted(ABBREVIATIONS))
def test_no_splitter_ends_a_sentence_after_an_abbreviation(word: str) -> None:
    text = f"They met {word}. Harris on Monday. Then they left."
    assert sentence_ends(text, 0, len(text)) == 2
    if word in timeline._NOT_ENDING:
        assert [text[s:e] for s, e in split_sentences(text)] == [f"They met {word}. Harris on Monday.",
                                                                 "Then they left."]


def test_timelines_split_after_a_clock_only() -> None:
    # Timelines read every shared word but "a.m." and "p.m.", which close sentences and time stamps there.
    assert sorted(ABBREVIATIONS - timeline._NOT_ENDING) == ["a.m", "p.m"]
    text = "It was 5 p.m. Rain fell on Jan. 5 in the U.S. Capitol."
    assert [text[s:e] for s, e in split_sentences(text)] == ["It was 5 p.m.",
                                                             "Rain fell on Jan. 5 in the U.S. Capitol."]


def test_the_words_are_written_without_their_final_period() -> None:
    assert not [word for word in ABBREVIATIONS if word.endswith(".") or " " in word]


@pytest.mark.parametrize("word", sorted(w for w in ABBREVIATIONS if w[0].isupper() and w not in patterns._STOP))
def test_entity_runs_take_the_period_into_the_word(word: str) -> None:
    # "Sgt. Ana Ruiz" is one run, read (and its title cut) as one name; a stop word ("Mr") starts none.
    text = f"{word}. Ana Ruiz arrived."
    first = patterns._runs(text)[0]
    assert [text[s:e] for s, e in first] == [f"{word}.", "Ana", "Ruiz"]


def test_other_periods_still_end_sentences() -> None:
    text = "The vote passed. Harris left. Then it rained."
    assert len(split_sentences(text)) == 3
    assert sentence_ends(text, 0, len(text)) == 3
