"""A lede under the headline that opens with its dateline ("Berlin. Die Füchse stehen ...") is the standfirst,
whatever its element is named (issue 9, fundus: the Funke titles set it in two unnamed spans)."""

from __future__ import annotations

from newsdesk.extract.html import extract_html

PROSE = "Die Verhandlungen, die am Montag begonnen hatten, sollen die ganze Woche weitergehen. "
LEDE = "Die Füchse stehen im Pokal-Viertelfinale. Als der Ball ins Tor rollt, sind die Verhältnisse klar."


def page(header: str) -> str:
    story = "".join(f"<p>{PROSE * 2}</p>" for _ in range(6))
    return ("<html lang='de'><head><title>Füchse im Viertelfinale</title>"
            "<meta name='description' content='Alles zum Pokalspiel der Füchse.'></head><body><article>"
            f"<div class='header-zone'><h1>Füchse im Viertelfinale</h1>{header}</div>"
            f"<div class='article-body'>{story}</div></article></body></html>")


def test_a_lede_behind_a_dateline_set_apart_is_the_standfirst() -> None:
    header = (f"<div class='expressive-copy-lg'><span class='copy-secondary'>Berlin.</span> "
              f"<span class='copy-primary'>{LEDE}</span></div>")
    article = extract_html(page(header), url="https://zeitung.example/sport/article1/fuechse.html")
    assert article.standfirst == f"Berlin. {LEDE}"


def test_a_lede_opening_with_its_dateline_is_the_standfirst() -> None:
    header = f"<div class='copy'>Berlin. {LEDE}</div>"
    article = extract_html(page(header), url="https://zeitung.example/sport/article1/fuechse.html")
    assert article.standfirst == f"Berlin. {LEDE}"


def test_a_dated_line_the_story_opens_with_is_no_standfirst() -> None:
    header = f"<div class='copy'>Berlin. {PROSE.strip()}</div>"
    article = extract_html(page(header), url="https://zeitung.example/sport/article1/fuechse.html")
    assert article.standfirst is None
