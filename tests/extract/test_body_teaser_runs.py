"""Teaser cards inside a news story that the first teaser rules left (issue 9), as found on the shared sets' dev
pages: a headline whose kicker reads as a label, a video box's leftovers under it, teasers whose source link
sits over their headline, and the label of a closing box in German or Japanese."""

from __future__ import annotations

from newsdesk.extract.body_emit import Emitter, drop_linked_headlines
from newsdesk.extract.boilerplate import is_end_marker
from newsdesk.model import Block

PROSE = "The council's vote, which closes the old bridge for a year, was taken late on Monday."


def kept(blocks: list[tuple[str, str]], linked: list[int]) -> list[str]:
    out = Emitter(blocks=[Block(kind, text) for kind, text in blocks], linked_headings=linked)
    drop_linked_headlines(out)
    return [b.text for b in out.blocks]


# --------------------------------------------------------------------------- a label over a date line


def test_a_labelled_headline_over_a_date_line_is_a_teaser_and_goes_with_its_video_box() -> None:
    blocks = [("paragraph", PROSE), ("heading", "Thüringen: Vor diesen Herausforderungen stehen Schlachtbetriebe"),
              ("paragraph", "Do 27.04.2023 15:17Uhr 01:00 min"), ("paragraph", "Link des Videos"),
              ("paragraph", "https://www.mdr.de/nachrichten/video-schlachtung-fleisch100.html"),
              ("paragraph", "Rechte: MITTELDEUTSCHER RUNDFUNK"), ("heading", "Schlachtmengen sinken"),
              ("paragraph", PROSE.replace("Monday", "Tuesday"))]
    assert kept(blocks, [1]) == [PROSE, "Schlachtmengen sinken", PROSE.replace("Monday", "Tuesday")]


def test_a_labelled_pointer_with_no_date_line_stays() -> None:
    blocks = [("paragraph", PROSE), ("heading", "Related: Our Ranking of the Best Hotel Booking Sites"),
              ("paragraph", PROSE.replace("Monday", "Friday"))]
    assert kept(blocks, [1]) == [b for _, b in blocks]


def test_the_box_leftovers_stop_at_the_storys_prose() -> None:
    short = "He said no."
    blocks = [("paragraph", PROSE), ("heading", "Another story about the bridge"), ("paragraph", "včera 14:40"),
              ("paragraph", "Link des Videos"), ("paragraph", short), ("paragraph", PROSE.replace("Monday", "Friday"))]
    assert kept(blocks, [1]) == [PROSE, short, PROSE.replace("Monday", "Friday")]


# --------------------------------------------------------------------------- the cap counts cards


def paired(cards: int, gap: bool) -> tuple[list[tuple[str, str]], list[int]]:
    # Each card is a source link over its headline ("Frétt af mbl.is" / "Vottar Jehóva ..."); with ``gap`` a
    # paragraph stands between the two, as between a list's entries.
    blocks: list[tuple[str, str]] = [("paragraph", PROSE)]
    linked: list[int] = []
    for n in range(cards):
        for text in ("Frétt af mbl.is", f"Headline of the linked story number {n}"):
            linked.append(len(blocks))
            blocks.append(("heading", text))
            if gap:
                blocks.append(("paragraph", f"Entry {n}: {PROSE}"))
        blocks.append(("paragraph", PROSE.replace("Monday", f"day {n}")))
    return blocks, linked


def test_four_teasers_of_two_linked_headings_each_go() -> None:
    blocks, linked = paired(4, gap=False)
    left = kept(blocks, linked)
    assert not any(text.startswith(("Frétt", "Headline")) for text in left)
    assert PROSE.replace("Monday", "day 3") in left


def test_eight_linked_headings_with_text_between_them_are_a_list_and_stay() -> None:
    blocks, linked = paired(4, gap=True)
    assert kept(blocks, linked) == [b for _, b in blocks]


# --------------------------------------------------------------------------- closing box labels


def test_german_more_on_and_japanese_related_articles_end_the_story() -> None:
    assert is_end_marker("Mehr zu Fleischkonsum") and is_end_marker("Mehr aus Sachsen-Anhalt")
    assert is_end_marker("【関連記事】")
    # A sentence of the story that opens the same way is not a label.
    assert not is_end_marker("Mehr zu den Ursachen wollte der Sprecher nicht sagen.")
