"""A news report's closing credits (who else reported it, where it ran first, who translated it) are not its
story: fundus's and dragnet's golds leave them out (AP, Global News, National Post, Stern, Die Presse, CNN).
Pages that do not say they are news keep them: readability's gold does (The Washington Post, Yahoo)."""

from __future__ import annotations

import pytest
from body_pages import news_head, story_page

from newsdesk.extract.body_trim import _CLOSING_CREDIT, _may_be_credit, closing_credits, trim_body
from newsdesk.extract.html import extract_html
from newsdesk.model import Block

PROSE = "The council voted on Monday to close the bridge for repairs over the summer, officials said. "
STORY = [Block("paragraph", f"{PROSE * 3}Paragraph {n} says what the traders told the council.") for n in range(3)]
NEWS = news_head("Bridge to close")
CREDIT = "Associated Press writer John Leicester in Paris contributed to this report."


@pytest.mark.parametrize("line", [
    CREDIT,
    "—Associated Press writer John Leicester in Paris contributed to this report.",
    "Peoples reported from New York. Associated Press writers Will Weissert and Bill Barrow contributed to this "
    "report.",
    "With reporting by Associated Press writer Sheikh Saaliq",
    "Additional reporting by Jane Doe in London.",
    "Mit Agenturmaterial.",
    'Dieser Artikel ist zuerst bei "Capital" erschienen.',
    "Aus dem Englischen von Jan Doolan Copyright: Project Syndicate, 2025",
    "Übersetzung und Adaptierung: AFP Deutschland",
    "Dieses Thema im Programm: Über dieses Thema berichtete DLF am 24. März 2023 um 05:20 Uhr.",
    "Sendung: Antenne Brandenburg, 24.04.2024, 15:10 Uhr",
    "Redaktion: Marcus Bensmann, Elena Müller Faktencheck: Marcus Bensmann",
    "Lest den Originalartikel auf Englisch hier.",
    "The opinions expressed in this commentary are solely those of the authors.",
    "Gastkommentare wie dieser müssen nicht der Meinung der Redaktion entsprechen.",
])
def test_a_closing_credit_leaves_a_news_report(line: str) -> None:
    body = [*STORY, Block("paragraph", line)]
    assert closing_credits(body) == [3]
    # The words looked for first pass it in any case, also where lower-casing and re's case-blind match differ.
    for variant in (line.upper(), line.upper().replace("I", "İ"), line.replace("i", "ı").replace("s", "ſ")):
        assert _CLOSING_CREDIT.match(variant) is None or _may_be_credit(variant)
    assert trim_body(body, news=True) == STORY
    assert trim_body(body) == body


@pytest.mark.parametrize("line", [
    "She said reporting by the local press had been unfair to the council.",
    "Residents contributed to the repair fund, the mayor said.",
    "Die Redaktion des Lokalblatts hatte über die Brücke berichtet: Sie sei marode.",
])
def test_the_story_s_own_last_lines_stay(line: str) -> None:
    body = [*STORY, Block("paragraph", line)]
    assert trim_body(body, news=True) == body


def test_a_credit_below_the_closing_labels_goes_and_the_story_s_headings_stay() -> None:
    # The credits are read after the closing labels go (NZZ: related links under "Mit Agenturmaterial."), and
    # taken out after the tail's test (Business Insider: a story closing with a run of numbered headings).
    labels = [Block("heading", "Mehr zum Thema"), Block("paragraph", "Krieg in Nahost"),
              Block("paragraph", "Waffenruhe"), Block("paragraph", "Geiseln")]
    body = [*STORY, Block("paragraph", "Mit Agenturmaterial."), *labels]
    assert trim_body(body, news=True) == STORY
    points = [Block("heading", f"{n}. Evergrande besaß mehr als {n}300 Immobilienprojekte in China.") for n in range(4)]
    body = [*STORY, *points, Block("paragraph", "Lest den Originalartikel auf Englisch hier.")]
    assert trim_body(body, news=True) == [*STORY, *points]


def test_a_credit_above_the_last_blocks_is_left_alone() -> None:
    # Only the closing blocks are read: a credit inside the story is a sentence of it.
    body = [STORY[0], Block("paragraph", CREDIT), *STORY, *STORY]
    assert closing_credits(body) == []


def test_extract_html_drops_the_credit_from_a_news_report_only() -> None:
    paragraphs = "".join(f"<p>{block.text}</p>" for block in STORY)
    for head, kept in ((NEWS, False), ("", True)):
        page = story_page("Bridge to close", f"{paragraphs}<p>{CREDIT}</p>", head, lang="en")
        assert (CREDIT in extract_html(page, url="https://news.example/2025/05/01/bridge").text) is kept
