"""Events among an article's entities: a name of an event typed EVENT, and the forms reports write it in."""

from __future__ import annotations

from newsdesk.enrich.entities import event_name, find_entities, name_events
from newsdesk.model import Entity, Mention


def _entity(text: str, name: str, type_: str) -> Entity:
    starts = [at for at in range(len(text)) if text.startswith(name, at)]
    return Entity(name, type_, [Mention(name, at, at + len(name)) for at in starts])


def test_an_organisation_named_as_an_event_is_an_event_and_a_holiday_is_not() -> None:
    text = "The Republican National Convention opens on New Year's Eve."
    found = name_events(text, [_entity(text, "Republican National Convention", "ORG"),
                               _entity(text, "New Year's Eve", "EVENT")])
    assert [(e.name, e.type) for e in found] == [("Republican National Convention", "EVENT"),
                                                 ("New Year's Eve", "EVENT")]
    assert not event_name("New Year's Eve") and event_name("Republican National Convention")


def test_a_party_before_a_lower_case_event_noun_names_an_event_of_its_own() -> None:
    text = "Donald Trump denied that Mike Tyson would speak at the GOP convention in Cleveland."
    found = name_events(text, [_entity(text, "Donald Trump", "PERSON"), _entity(text, "GOP", "ORG"),
                               _entity(text, "Cleveland", "PLACE")])
    events = [e for e in found if e.type == "EVENT"]
    assert [(e.name, [(m.text, m.start, m.end) for m in e.mentions]) for e in events] == [
        ("GOP convention", [("GOP convention", 55, 69)])]
    assert [e.name for e in found] == ["Donald Trump", "GOP", "GOP convention", "Cleveland"]  # by first mention
    assert [m.text for m in found[1].mentions] == ["GOP"]  # the party keeps its mention


def test_the_short_form_is_a_mention_and_alias_of_the_article_s_full_event_name() -> None:
    text = ("Delegates met at the Democratic National Convention on Monday. Protesters marched outside the "
            "Democratic convention, and the Republican convention ended last week.")
    found = name_events(text, [_entity(text, "Democratic National Convention", "ORG"),
                               _entity(text, "Democratic", "NORP"), _entity(text, "Republican", "NORP")])
    by_name = {e.name: e for e in found}
    convention = by_name["Democratic National Convention"]
    assert convention.type == "EVENT" and convention.aliases == ["Democratic convention"]
    assert [m.text for m in convention.mentions] == ["Democratic National Convention", "Democratic convention"]
    assert by_name["Republican convention"].type == "EVENT"  # another party's: not a variant of this one
    for entity in found:
        assert all(text[m.start:m.end] == m.text for m in entity.mentions)


def test_a_noun_that_only_begins_the_next_word_or_a_name_of_several_words_names_no_event() -> None:
    text = "The GOP conventioneers left. The New York trial-lawyers met."
    found = name_events(text, [_entity(text, "GOP", "ORG"), _entity(text, "New York", "PLACE")])
    assert [e.type for e in found] == ["ORG", "PLACE"]


def test_find_entities_names_the_events_of_a_text_with_the_patterns_recogniser() -> None:
    text = "Sanders backers booed at the Democratic convention in Philadelphia on Monday."
    entities, _ = find_entities(text, recognizer="patterns")
    events = [(e.name, e.type) for e in entities if e.type == "EVENT"]
    assert events == [("Democratic convention", "EVENT")]
    assert all(text[m.start:m.end] == m.text for e in entities for m in e.mentions)
