"""Quotes: every quote-mark style, attribution patterns, speakers and roles, offsets, bounded time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.enrich.quotes import find_quotes
from newsdesk.enrich.quotes_marks import quoted_spans
from newsdesk.model import Entity, Mention, Quote

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "examples" / "trtworld-iraq-coalition.txt"
SEED_EXPECTED = SHARED / "examples" / "trtworld-iraq-coalition.enriched.json"
POLNEAR = SHARED / "data" / "polnear-train-dev"


def _mention(text: str, name: str, kind: str, *surface: str) -> Entity:
    mentions = []
    for word in surface or (name,):
        at = text.index(word)
        mentions.append(Mention(word, at, at + len(word)))
    return Entity(name, kind, mentions)


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    last_end = -1
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.start >= last_end, "quotes overlap or are out of order"
        last_end = q.end
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)


@pytest.mark.parametrize("text", [
    '"We will leave the country by the end of next year," she said.',
    "“We will leave the country by the end of next year,” she said.",
    "‘We will leave the country by the end of next year,’ she said.",
    "'We will leave the country by the end of next year,' she said.",
    "''We will leave the country by the end of next year,'' she said.",
    "«We will leave the country by the end of next year», she said.",
    "„We will leave the country by the end of next year“, she said.",
])
def test_every_quote_mark_style_gives_one_direct_quote(text: str) -> None:
    quotes = find_quotes("Ann Lee spoke.\n\n" + text, [])
    assert [(q.kind, q.text.rstrip(","), q.speaker, q.cue) for q in quotes] == [
        ("direct", "We will leave the country by the end of next year", "Ann Lee", "said")]


def test_apostrophes_are_not_quotes() -> None:
    text = "The voters’ choice wasn’t Clinton’s, and the ’90s rock 'n' roll era didn't matter."
    assert quoted_spans(text) == []
    assert find_quotes(text, []) == []


def test_a_quotation_continued_over_paragraphs_is_one_quote() -> None:
    text = ('Mayor Jo Park said: "The first part of this plan is about roads.\n\n'
            '"The second part is about the schools we have to build," she said.\n\nThe council disagreed.')
    quotes = find_quotes(text, [])
    assert len(quotes) == 1
    assert quotes[0].text.startswith("The first part") and "schools we have to build" in quotes[0].text
    assert quotes[0].speaker == "Jo Park" and quotes[0].speaker_role == "Mayor"


def test_an_unbalanced_mark_never_swallows_the_rest_of_the_article() -> None:
    text = ('He called it a "disaster for the state.\n\nThe budget passes next week.\n\n'
            '"We are ready," the governor said.')
    quotes = find_quotes(text, [])
    assert all("budget passes" not in q.text for q in quotes)
    assert [q.text for q in quotes if q.kind == "direct"] == ["We are ready"]


def test_attribution_interrupting_a_quotation_keeps_it_whole() -> None:
    text = '"We will not stop," Sen. Ted Cruz said on Tuesday. "This is only the start of the fight."'
    (quote,) = find_quotes(text, [])
    assert quote.text.startswith("We will not stop") and quote.text.endswith("start of the fight.")
    assert (quote.speaker, quote.speaker_role) == ("Ted Cruz", "Sen.")


def test_scare_quotes_are_not_quotes() -> None:
    text = 'The so-called "deal of the century" was signed in a "historic" ceremony on Monday.'
    assert find_quotes(text, []) == []


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), [
    ("The New York Post reports that the team avoided the emergency room on Sunday.",
     "the team avoided the emergency room on Sunday", "The New York Post", "reports"),
    ("Officials said the bridge would reopen within a week.",
     "the bridge would reopen within a week", "Officials", "said"),
    ("According to the report, turnout fell sharply in every county.",
     "turnout fell sharply in every county", "the report", "According to"),
    ("Turnout fell sharply in every county, according to the report.",
     "Turnout fell sharply in every county", "the report", "according to"),
    ("The campaign will shift staff to Iowa, a spokeswoman said.",
     "The campaign will shift staff to Iowa", "a spokeswoman", "said"),
    ("The campaign will shift staff to Iowa, said Jo Park, the campaign manager.",
     "The campaign will shift staff to Iowa", "Jo Park", "said"),
    ("Clinton had told police officials that she didn't want the escort at all, the source added.",
     "Clinton had told police officials that she didn't want the escort at all", "the source", "added"),
    ("Jo Park told reporters on Monday that the vote was rigged.",
     "the vote was rigged", "Jo Park", "told"),
])
def test_indirect_quotes(text: str, content: str, speaker: str, cue: str) -> None:
    (quote,) = find_quotes(text, [])
    assert (quote.kind, quote.text, quote.speaker, quote.cue) == ("indirect", content, speaker, cue)
    assert text[quote.speaker_start:quote.speaker_end] in (speaker, speaker.split()[-1])


def test_reported_speech_with_a_quoted_fragment_is_mixed() -> None:
    text = 'Jo Park said the move was "a mistake that will cost us dearly" and would be reversed.'
    (quote,) = find_quotes(text, [])
    assert quote.kind == "mixed" and quote.text.startswith("the move was") and quote.speaker == "Jo Park"


def test_non_english_text_keeps_only_quoted_sentences_without_speakers() -> None:
    text = "Der Minister sagte am Dienstag: „Wir werden das Land bis Ende des Jahres verlassen.“"
    quotes = find_quotes(text, [], language="de")
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", None)]
    assert find_quotes("El ministro dijo que se irán pronto, según fuentes oficiales.", [], language="es") == []


def test_speakers_resolve_to_entities_roles_and_pronouns() -> None:
    text = ('The White House announced a new plan on Monday.\n\n'
            '"It is a good day," said Hugh Hill, a doctor at the clinic.\n\n'
            '"We waited years for this," Hill added.\n\n'
            'The plan, the White House said, costs less.\n\n'
            '"Nobody expected it," he said.')
    entities = [_mention(text, "White House", "ORG", "White House"),
                _mention(text, "Hugh Hill", "PERSON", "Hugh Hill", "Hill added")]
    entities[1].mentions[1] = Mention("Hill", text.index("Hill added"), text.index("Hill added") + 4)
    quotes = find_quotes(text, entities)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [(q.speaker, q.speaker_type, q.speaker_role) for q in direct] == [
        ("Hugh Hill", "PERSON", "doctor at the clinic")] * 3
    assert text[direct[2].speaker_start:direct[2].speaker_end] == "he"
    assert [q.speaker for q in quotes if q.kind != "direct"] == ["White House"]


def test_a_title_before_a_name_is_the_role_and_carries_to_later_quotes() -> None:
    text = ('"We will reduce the mission," Chief Pentagon Spokesman Sean Parnell said.\n\n'
            'The reduction reflects a "combined success" against ISIS, Parnell added.')
    quotes = find_quotes(text, [])
    assert [(q.kind, q.speaker, q.speaker_role) for q in quotes] == [
        ("direct", "Sean Parnell", "Chief Pentagon Spokesman"),
        ("mixed", "Sean Parnell", "Chief Pentagon Spokesman")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Jo Park said", " that ", '"', "“", "”", "‘", "’", "'", "''", "«", "»", "„", ", ", ". ", "\n\n",
    "the plan would fail", "according to officials", "he added", "Mr. Lee", " ", "don't", "voters'",
]), max_size=40))
def test_offsets_hold_and_quotes_never_overlap_on_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    _check_offsets(text, find_quotes(text, []))


def test_adversarial_inputs_finish() -> None:
    # Quadratic work would hang on these; the test only needs them to complete.
    marks = '"' * 100_000
    assert find_quotes(marks, []) is not None
    mixed = ("“a ‘b” c’ 'd «e» „f“ ''g" * 20_000)
    _check_offsets(mixed, find_quotes(mixed, []))
    paragraph = ("Jo Park said the plan, according to officials, would fail " * 20_000)[:1_000_000]
    _check_offsets(paragraph, find_quotes(paragraph, []))
    paragraphs = '\n\n'.join(['"Unclosed quotation opens here'] * 50_000)
    _check_offsets(paragraphs, find_quotes(paragraphs, []))


@pytest.mark.skipif(not SEED_EXPECTED.exists(), reason="../shared/examples is not present")
@pytest.mark.parametrize("with_entities", [False, True])
def test_seed_quotes(with_entities: bool) -> None:
    from newsdesk import extract

    article = extract(SEED.read_text(encoding="utf-8"))
    entities = []
    if with_entities:
        from newsdesk.enrich.entities import find_entities

        entities = find_entities(article.text, language=article.language)[0]
    quotes = find_quotes(article.text, entities, language=article.language)
    _check_offsets(article.text, quotes)
    for wanted in json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["quotes"]:
        found = [q for q in quotes if wanted["text_contains"] in q.text]
        assert len(found) == 1, wanted
        for key in ("speaker", "speaker_role", "kind"):
            if key in wanted:
                assert getattr(found[0], key) == wanted[key], (key, wanted)
    last = next(q for q in quotes if "This partnership" in q.text)
    assert article.text[last.speaker_start:last.speaker_end] == "he"


@pytest.mark.skipif(not POLNEAR.exists(), reason="../shared/data/polnear-train-dev is not present")
def test_offsets_hold_over_every_polnear_dev_text() -> None:
    texts = sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    assert texts
    found = 0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        quotes = find_quotes(text, [])
        _check_offsets(text, quotes)
        found += len(quotes)
    assert found > len(texts)


def test_cues_are_found_as_the_full_pattern_finds_them() -> None:
    from newsdesk.enrich.quotes_cues import CUE, find_cues

    text = ("According to aides, Parnell said so.\n\nAccording to him (according to them) it\u00a0said no; "
            "the self-reported survey, he noted, shot back")
    found = [(m.start(), m.group()) for m in find_cues(text)]
    # The one difference from scanning with CUE itself: a hyphenated word ("self-reported") is no cue.
    assert found == [(m.start(), m.group()) for m in CUE.finditer(text) if text[m.start() - 1] != "-"]
    assert [g for _, g in found] == ["According to", "said", "According to", "according to", "said", "noted",
                                     "shot back"]


@pytest.mark.parametrize(("text", "speaker", "role"), [
    ('"We need much tougher leadership - and we need it NOW!" Trump said on Twitter.', "Trump", None),
    ('"The distraction gets you off message," said Republican party boss Reince Priebus, though he added more.',
     "Reince Priebus", "Republican party boss"),
    ('"She is also a mother for three young boys," another friend, Mariam Emara told CNN.', "Mariam Emara",
     "another friend"),
    ('"Somebody entered the United States," the White House spokesman, Josh Earnest, said on Thursday.',
     "Josh Earnest", "White House spokesman"),
    ('"Pfizer is gaming the system," Senate Minority Leader Harry M. Reid (D-Nev.) said in a statement.',
     "Harry M. Reid", "Senate Minority Leader"),
    ('"The great state of Alabama is proud to cast its votes!" US Senator Jeff Sessions said as he began.',
     "Jeff Sessions", "US Senator"),
    ('Trump gestured as if to stop the ruckus, then leaned in and boomed: "Let us defeat her in November."',
     "Trump", None),
    ('The race is tight.\n\nDr. Kelli Ward stated:\n\n"The Department of Justice is no longer about justice."',
     "Kelli Ward", "Dr."),
    ('"They are all here because he is promising them free stuff," Bennett shot back with a laugh.',
     "Bennett", None),
])
def test_direct_attributions(text: str, speaker: str, role: str | None) -> None:
    (quote,) = [q for q in find_quotes(text, []) if q.kind == "direct"]
    assert (quote.speaker, quote.speaker_role) == (speaker, role)
    _check_offsets(text, [quote])


@pytest.mark.parametrize(("text", "speaker"), [
    ("Song said Democratic presidential candidate Hillary Clinton had said the plan would not happen.", "Song"),
    ("Clinton on Tuesday said that the violence against minorities is genocide.", "Clinton"),
    ("WASHINGTON — Sen. Bernie Sanders defended his call, saying the positives would outweigh the losses.",
     "Bernie Sanders"),
    ("In a victory speech on Tuesday night, Mr. Trump struck a measured tone, saying he understood the task.",
     "Trump"),
    ("Fact-checkers soon noted that Clinton may have been referring to a hypothetical situation.",
     "Fact-checkers"),
])
def test_indirect_speakers(text: str, speaker: str) -> None:
    (quote,) = find_quotes(text, [])
    assert quote.speaker == speaker


def test_a_pronoun_refers_to_its_sentences_subject_before_the_last_speaker() -> None:
    text = ('"It is a rigged system," Gov. John Kasich said.\n\n'
            "Donald Trump has blasted the delegate system, which he said runs the risk of leaving voters out.")
    quotes = find_quotes(text, [])
    assert [q.speaker for q in quotes] == ["John Kasich", "Donald Trump"]
    assert text[quotes[1].speaker_start:quotes[1].speaker_end] == "he"


def test_cues_that_take_an_object_report_nothing_without_that() -> None:
    text = "Clinton maintains a wide lead over Sanders among black voters in the state."
    assert find_quotes(text, []) == []


def test_long_runs_after_a_cue_finish() -> None:
    # Capitalised words after a cue are read by nested repetitions: they must stay linear.
    names = '"We will win," said ' + "Big " * 250_000 + "."
    _check_offsets(names, find_quotes(names, []))
    places = '"We will win," he said on ' + "Twitter " * 250_000
    _check_offsets(places, find_quotes(places, []))
    commas = '"We will win," ' + "Jo Park, " * 100_000 + "said."
    _check_offsets(commas, find_quotes(commas, []))
