"""find_quantities: figures and what they count, what is not a figure, spans, locales, bounded time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk import extract
from newsdesk.enrich.quantities import find_quantities
from newsdesk.enrich.quantities_numbers import parse_digits, parse_words

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "examples" / "trtworld-iraq-coalition.txt"
SEED_GOLD = SHARED / "examples" / "trtworld-iraq-coalition.enriched.json"


def only(text: str, language: str | None = None):
    found = find_quantities(text, language=language)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "kind", "approximate"),
    [
        ("The US keeps roughly 2,500 personnel there.", "roughly 2,500 personnel", 2500, "personnel", "number", True),
        ("It sent 2,500 US personnel.", "2,500 US personnel", 2500, "personnel", "number", False),
        ("The deal is worth $1.2 billion.", "$1.2 billion", 1_200_000_000, "USD", "money", False),
        ("A £30m grant.", "£30m", 30_000_000, "GBP", "money", False),
        ("Spending of €5bn.", "€5bn", 5_000_000_000, "EUR", "money", False),
        ("They paid 5 million euros.", "5 million euros", 5_000_000, "EUR", "money", False),
        ("A grant of Rs 300 crore.", "Rs 300 crore", 3_000_000_000, "INR", "money", False),
        ("Turnout was 40%.", "40%", 40, "%", "percent", False),
        ("Turnout was 40 per cent.", "40 per cent", 40, "%", "percent", False),
        ("Turnout was 40 percent.", "40 percent", 40, "%", "percent", False),
        ("Rates rose 3 percentage points.", "3 percentage points", 3, "percentage points", "percent", False),
        ("It bought two dozen jets.", "two dozen jets", 24, "jets", "number", False),
        ("Some 1.2 million people fled.", "Some 1.2 million people", 1_200_000, "people", "number", True),
        ("It hosts half a million refugees.", "half a million refugees", 500_000, "refugees", "number", False),
        ("Three soldiers died.", "Three soldiers", 3, "soldiers", "number", False),
        ("The road runs 5km north.", "5km", 5, "km", "measure", False),
        ("They walked 10 miles.", "10 miles", 10, "mi", "measure", False),
        ("It shipped 300 tonnes of grain.", "300 tonnes", 300, "t", "measure", False),
        ("Output is 1.5 million barrels a day.", "1.5 million barrels", 1_500_000, "bbl", "measure", False),
        ("More than 100 homes burned.", "More than 100 homes", 100, "homes", "number", True),
        ("At least 7 people died.", "At least 7 people", 7, "people", "number", True),
        ("It carries up to 20 aircraft.", "up to 20 aircraft", 20, "aircraft", "number", True),
        ("An estimated 2,000 protesters came.", "An estimated 2,000 protesters", 2000, "protesters", "number",
         True),
        ("Nearly 3,000 of the troops left.", "Nearly 3,000 of the troops", 3000, "troops", "number", True),
        ("The death toll rose to 45.", "45", 45, None, "number", False),
        ("Die 1.000 led lights shone.", "1.000 led lights", 1000, "lights", "number", False),
        ("The crowd of 30m people.", "30m people", 30_000_000, "people", "number", False),
        ("A 30m tower.", "30m", 30, "m", "measure", False),
        ("Two police officers were hurt.", "Two police officers", 2, "officers", "number", False),
        ("Some 2,000 Iraqis fled.", "Some 2,000 Iraqis", 2000, "Iraqis", "number", True),
        ("Sars got R4bn.", "R4bn", 4_000_000_000, "ZAR", "money", False),
        ("A $100-million revamp.", "$100-million", 100_000_000, "USD", "money", False),
        ("On Saturday 40 people died.", "40 people", 40, "people", "number", False),
    ],
)
def test_figures_and_what_they_count(text, span, value, unit, kind, approximate):
    quantity = only(text)
    assert (quantity.text, quantity.value, quantity.unit, quantity.kind, quantity.approximate) == (
        span, value, unit, kind, approximate)
    assert text[quantity.start:quantity.end] == quantity.text


def test_money_carries_its_currency_code():
    assert [q.currency for q in find_quantities("$5, HK$300, £2, €3bn, 5 million euros, ¥100 and USD 7.")] == [
        "USD", "HKD", "GBP", "EUR", "EUR", "JPY", "USD"]


def test_values_are_exact_numbers():
    assert only("A $1.2 billion deal.").value == 1_200_000_000
    assert isinstance(only("A $1.2 billion deal.").value, int)
    assert only("Inflation was 2.5%.").value == 2.5


@pytest.mark.parametrize(
    "text",
    [
        "The deal ends in 2026.", "It began in 1990 and ended in 2003.", "It was issued on September 27, 2024.",
        "On 27 September the talks began.", "Talks start at 10:30.", "They met at 9 am.", "On the 27th they met.",
        "See page 3.", "He lives at No. 10.", "Call +44 20 7946 0000 now.",
        "Call 555-123-4567 now.", "COVID-19 spread.", "An F-16 crashed.", "A Boeing 737 landed.",
        "Read https://example.com/news/2024/123 now.", "Article 5 of the treaty applies.",
        "1. Open the box\n2. Close it", "The score was 3-1.", "The 2024-25 season.", "In the 1990s it grew.",
        "A 45-year-old man and a 10-year deal.", "One of them said no one knew.", "The meeting of 2024-09-27.",
        "Dated 27/09/2024.", "On Tuesday 30 it rained.", "Write to a1@b.com.", "The 4G network and 5G phones.",
        "More than one third of voters.", "Founded around 750 AD.", "See Ch. 2 of the report.", "the R2 road",
        "The plan (cost=0.00..2.27 rows=100 width=32).", "An ATR 72 aircraft crashed.", "The Three Amigos met.",
        "Best books:\n\n1 The Man Who Saw Seconds",
    ],
)
def test_not_figures(text):
    assert [q.text for q in find_quantities(text)] == []


def test_a_total_after_of_is_a_figure_of_its_own():
    found = find_quantities("More than 330 of the resort's 397 guest rooms were redone.")
    assert [(q.text, q.value, q.unit, q.approximate) for q in found] == [
        ("More than 330", 330, "rooms", True), ("397 guest rooms", 397, "rooms", False)]


def test_a_range_of_money_with_scales():
    assert [(q.text, q.value) for q in find_quantities("Initial investment: $94K–$139K.")] == [
        ("$94K", 94_000), ("$139K", 139_000)]


def test_a_range_is_two_quantities_sharing_the_unit():
    found = find_quantities("Between 10 and 20 people came; prices rose 10-20%; it costs $1-2 billion.")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("Between 10", 10, "people"), ("20 people", 20, "people"),
        ("10", 10, "%"), ("20%", 20, "%"),
        ("$1", 1_000_000_000, "USD"), ("2 billion", 2_000_000_000, "USD"),
    ]


def test_number_words_count_only_when_they_count_something():
    assert [q.text for q in find_quantities("The two met. Two leaders met. A million came.")] == [
        "Two leaders", "A million"]


def test_other_languages_use_their_number_convention_and_no_english_rules():
    german = find_quantities("Die Kosten stiegen um 1.200,5 Euro, 40 % mehr als am 27. September 2024.", "de")
    assert [(q.text, q.value, q.kind) for q in german] == [("1.200,5", 1200.5, "number"), ("40 %", 40, "percent")]
    french = find_quantities("Environ 1 200 000 personnes et 30 € le 3 mars.", "fr")
    assert [(q.text, q.value, q.kind, q.currency) for q in french] == [
        ("1 200 000", 1_200_000, "number", None), ("30 €", 30, "money", "EUR")]
    assert [(q.text, q.kind) for q in find_quantities("Gegen 10.30 Uhr lag er bei 2,00 Prozent.", "de")] == [
        ("2,00 Prozent", "percent")]
    # English words mean nothing in Spanish text: "one" is not a number here.
    assert find_quantities("one dozen personas", "es") == []


def test_bad_input_is_refused_with_its_reason():
    with pytest.raises(TypeError, match="text must be a str, got bytes"):
        find_quantities(b"2,500 troops")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="language"):
        find_quantities("2,500 troops", language=7)  # type: ignore[arg-type]
    assert find_quantities("", "en") == [] and find_quantities("2 troops", "EN-us")[0].unit == "troops"


def test_parsers():
    assert parse_digits("1,200.5") == 1200.5 and parse_digits("1.200,5", "de") == 1200.5
    assert parse_digits("12,34") is None
    assert parse_words("three hundred and fifty") == 350 and parse_words("one two") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "about", "2,500", "$1.2", "billion", "people", "-", "–", "%", "one", "dozen", "half a", "million", "in",
    "2026", "September", "27", "10:30", "No.", "\n\n", "1.", " ", "km", "£30m", "between", "and", "40", "per cent",
    "https://x.com/1", "€", "Rs", "crore", "1.000", "mph", "(", ")", "\u00a0",
]), max_size=30), st.sampled_from([None, "en", "de", "fr"]))
def test_spans_always_point_at_their_text(pieces, language):
    text = " ".join(pieces)
    for quantity in find_quantities(text, language=language):
        assert text[quantity.start:quantity.end] == quantity.text
        assert quantity.start < quantity.end


@pytest.mark.parametrize("text", [
    "1" * 1_000_000, "1," * 500_000, "one " * 250_000, '"' * 100_000, "$" * 500_000 + "5",
    ("about 5 people and " * 6_000), ("12 " * 30_000), "-1" * 50_000, "a " * 500_000,
    "hundred " * 100_000,
])
def test_adversarial_input_finishes(text):
    # Sized so that anything quadratic in the text or in the number of figures would visibly hang.
    for quantity in find_quantities(text):
        assert text[quantity.start:quantity.end] == quantity.text


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_article_quantities():
    article = extract(SEED.read_text(encoding="utf-8"))
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quantities"]
    found = find_quantities(article.text, language=article.language)
    for item in gold:
        matches = [q for q in found if item["text_contains"] in q.text and q.value == item["value"]
                   and q.approximate == item["approximate"] and item["unit_contains"] in (q.unit or "")]
        assert matches, (item, found)
    assert all(article.text[q.start:q.end] == q.text for q in found)


@pytest.mark.skipif(not (SHARED / "data" / "fundus-news").exists(), reason="../shared is absent")
def test_spans_over_shared_texts():
    for name in ("scrapinghub-aeb", "fundus-news"):
        truth = json.loads((SHARED / "data" / name / "ground-truth.json").read_text(encoding="utf-8"))
        for record in truth.values():
            text = record.get("articleBody") or record.get("body") or ""
            for quantity in find_quantities(text):
                assert text[quantity.start:quantity.end] == quantity.text


def _number_word_starts(lowered: str) -> list[int]:
    # The plain definition: every place where a number word begins and no letter comes before it.
    from newsdesk.enrich.quantities_numbers import _NUMBER_WORDS

    return sorted({at for at in range(len(lowered)) if lowered.startswith(tuple(_NUMBER_WORDS), at)
                   and (at == 0 or not lowered[at - 1].isalpha())})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "one", "two", "Two", "hundred", "and", "dozen", "ten", "often", " ", "\n", "-", "\xa0", "é", "ß", "1", "x", "_",
    "Ⅻ", "'",
]), max_size=20).map("".join))
def test_number_word_runs_start_wherever_a_number_word_starts_a_word(text: str) -> None:
    from newsdesk.enrich.quantities_numbers import _WORDS_FIGURE_AT, number_word_runs

    expected, end = [], -1
    for start in _number_word_starts(text.lower()):
        match = _WORDS_FIGURE_AT.match(text, start) if start >= end else None
        if match is not None:
            expected.append(match.span())
            end = match.end()
    assert [m.span() for m in number_word_runs(text)] == expected
