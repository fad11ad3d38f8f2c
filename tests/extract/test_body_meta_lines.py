"""On a news page, a block that is only a date or a reading time ("25.10.2025 - 15:26 Uhr", "3 Min
Lesezeit", "Veröffentlicht am 13. Mai 2026 um 15:44") is the page's header furniture, among the body's
first blocks (also under a standfirst or a caption) and as its last block; fundus's gold never holds
them (Stuttgarter Zeitung, T-Online, Tages-Anzeiger, Asahi). Pages that do not say they are news keep
them: dragnet's gold, mostly such pages (BBC 2012, blogs), keeps its header lines."""

from __future__ import annotations

from body_pages import news_head, story_page

from newsdesk.extract.html import extract_html

PROSE = "Die Kühltürme des früheren Kernkraftwerks wurden am Samstag vor Tausenden Schaulustigen gesprengt. "
DEK = "Die Sprengung markiert das Ende einer Ära und macht Platz für neue Energieprojekte am Standort."
STORY = "".join(f"<p>{PROSE}Absatz {n} sagt, was die Polizei über den Tag berichtete.</p>" for n in range(8))
NEWS = news_head("Kühltürme gesprengt")


def _page(head: str) -> str:
    return story_page("Kühltürme gesprengt", f"<p>{DEK}</p><p>25.10.2025 - 15:26 Uhr</p><p>3 Min Lesezeit</p>"
                      f"{STORY}<p>Aktualisiert am 26.10.2025 um 09:12 Uhr</p>", head)


def test_date_and_reading_time_lines_leave_a_news_pages_body() -> None:
    article = extract_html(_page(NEWS), url="https://zeitung.example/2025/10/25/kuehltuerme")
    text = article.text
    assert PROSE.strip() in text
    assert "15:26 Uhr" not in text
    assert "Lesezeit" not in text
    assert "Aktualisiert am" not in text
    assert DEK in (article.standfirst or "") + text


def test_a_page_that_does_not_say_it_is_news_keeps_them() -> None:
    text = extract_html(_page(""), url="https://zeitung.example/2025/10/25/kuehltuerme").text
    assert "15:26 Uhr" in text
    assert "3 Min Lesezeit" in text


def test_a_sentence_with_a_date_stays() -> None:
    line = "Die Türme wurden am 25.10.2025 um 12 Uhr gesprengt, wie die Betreiberin RWE mitteilte."
    page = _page(NEWS).replace("<p>3 Min Lesezeit</p>", f"<p>{line}</p>")
    assert line in extract_html(page, url="https://zeitung.example/2025/10/25/kuehltuerme").text
