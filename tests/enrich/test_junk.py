"""Junk names: function words, shouting, transcript labels and page furniture give no entities (both recognisers)."""

from __future__ import annotations

import pytest

from newsdesk.enrich.entities import find_entities
from newsdesk.enrich.junk import drop_junk
from newsdesk.enrich.merge import Candidate

TRANSCRIPT = (
    "Day of Unrest in Egypt Aired February 4, 2011 - 16:00:00 ET THIS IS A RUSH TRANSCRIPT.\n\n"
    "BECKY ANDERSON, CONNECT THE WORLD, CNN: United in prayer and in protest in Cairo.\n\n"
    "Arwa Damon joins us from Cairo.\n\n"
    "ARWA DAMON, CNN CORRESPONDENT (on camera): Hi Becky. The army is out in force, Becky Anderson.\n\n"
    "ANDERSON: Welcome back.\n\n"
    "NEW: A protester in Alexandria says the time is over."
)

COMMENTS = (
    "Comments are not pre-screened before they post, in accordance with our Privacy Policy and our Terms of "
    "Service.\n\n"
    "So basically to put ALL rumours to rest, all regions will keep it. CLICK HERE TO REGISTER for the FREE "
    "newsletter, it is free.\n\n"
    "Media were quick to describe the event as an earthquake, the media said. \"He IS done,\" said Hosni Mubarak."
)


def _at(text: str, written: str, type_: str, length: int = 0) -> Candidate:
    start = text.index(written)
    return Candidate(start, start + (length or len(written)), type_)


def _names(text: str, recognizer: str) -> dict[str, str]:
    entities, _ = find_entities(text, "en", recognizer=recognizer)
    return {e.name: e.type for e in entities}


@pytest.mark.parametrize("recognizer", ["patterns", "spacy"])
def test_transcript_labels_name_people_not_roles(recognizer: str) -> None:
    if recognizer == "spacy":
        pytest.importorskip("spacy")
        from newsdesk.enrich import ner

        if ner.load_pipeline() is None:
            pytest.skip("no verified spaCy pipeline")
    names = _names(TRANSCRIPT, recognizer)
    for junk in ("THIS", "IS", "RUSH", "ARWA", "DAMON", "CONNECT THE WORLD", "CNN CORRESPONDENT", "NEW", "ET",
                 "ANDERSON"):
        assert junk not in names, junk
    assert names.get("Arwa Damon", names.get("ARWA DAMON")) == "PERSON"
    assert names.get("Becky Anderson", names.get("BECKY ANDERSON")) == "PERSON"
    assert names.get("Cairo") == "PLACE"


def test_a_label_in_capitals_is_the_person_the_prose_names() -> None:
    entities, _ = find_entities(TRANSCRIPT, "en", recognizer="auto")
    damon = [e for e in entities if e.name.casefold() == "arwa damon"]
    assert len(damon) == 1
    if damon[0].name == "Arwa Damon":  # where a recogniser found the name in prose, the label is a mention of it
        assert {m.text for m in damon[0].mentions} >= {"ARWA DAMON", "Arwa Damon"}


@pytest.mark.parametrize("recognizer", ["patterns", "auto"])
def test_emphasis_shouting_and_furniture_give_no_entities(recognizer: str) -> None:
    names = _names(COMMENTS, recognizer)
    for junk in ("ALL", "HERE", "CLICK", "REGISTER", "FREE", "IS", "Media", "Privacy Policy", "Terms of Service"):
        assert junk not in names, junk
    assert names.get("Hosni Mubarak") == "PERSON"


def test_known_names_and_surnames_survive_the_lowercase_rule() -> None:
    # "us", "who" and "brown" are written in lower case too, but these are a country, an institution, a surname.
    text = ("Gordon Brown told us the US and the WHO agreed. Brown said who would pay. "
            "The brown envelope went to Turkey, not to the turkey farm.")
    cands = [_at(text, "Gordon Brown", "PERSON"), _at(text, "US", "PLACE"), _at(text, "WHO", "ORG"),
             _at(text, "Brown said", "PERSON", 5), _at(text, "Turkey", "PLACE")]
    kept = [text[c.start:c.end] for c in drop_junk(text, cands)]
    assert kept == ["Gordon Brown", "US", "WHO", "Brown", "Turkey"]
    names = _names(text, "patterns")
    assert names.get("United States") == "PLACE" and names.get("Turkey") == "PLACE"


def test_a_dateline_in_capitals_is_a_place_not_a_speaker_label() -> None:
    names = _names("NEW DELHI: The minister said 20 people died in floods.", "patterns")
    assert names.get("New Delhi") == "PLACE"


def test_a_one_word_label_without_a_person_is_dropped() -> None:
    text = "UPDATE: Rain hit the city.\n\nAZUZ: Hello there."
    assert drop_junk(text, [_at(text, "UPDATE", "ORG"), _at(text, "AZUZ", "ORG")]) == []
