"""In a news report, a pull quote (a short line whose words a longer paragraph of the story holds again, set
in large type between the paragraphs) is left out: the story tells it once (Kicker, Tageblatt, MDR, The
Intercept). Pages that do not say they are news keep such lines."""

from __future__ import annotations

from body_pages import news_head, story_page

from newsdesk.extract.body_trim import pull_quotes, trim_body
from newsdesk.extract.html import extract_html
from newsdesk.model import Block

PROSE = "Der Trainer übernimmt die Mannschaft für die letzten vier Spiele der Saison, teilte der Verein mit. "
QUOTE = "Ich werde die Spieler an ihrer Ehre packen, dass wir bis zum Schluss alles geben."
FULL = f"Er kündigte an: „{QUOTE[:-1]}“ Danach verließ er den Raum, ohne Fragen zu beantworten."
NEWS = news_head("Neuer Trainer")
URL = "https://sport.example/2024/04/26/trainer"


def _page(head: str) -> str:
    story = "".join(f"<p>{PROSE}Absatz {n} sagt, was der Sportdirektor erklärte.</p>" for n in range(6))
    return story_page("Neuer Trainer", f"{story}<blockquote><p>{QUOTE}</p></blockquote>{story}<p>{FULL}</p>", head)


def test_a_pull_quote_leaves_a_news_story_and_the_line_in_full_stays() -> None:
    text = extract_html(_page(NEWS), url=URL).text
    assert FULL in text
    assert QUOTE not in text.replace(FULL, "")


def test_a_page_that_does_not_say_it_is_news_keeps_it() -> None:
    text = extract_html(_page(""), url=URL).text
    assert QUOTE in text.replace(FULL, "")


def test_a_short_line_the_story_does_not_repeat_stays() -> None:
    blocks = [Block("paragraph", PROSE * 3), Block("quote", "Die Saison ist noch nicht verloren, sagt der Trainer."),
              Block("paragraph", FULL)]
    assert pull_quotes(blocks) == []
    assert trim_body(blocks, news=True) == blocks
