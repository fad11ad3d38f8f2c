"""In a news report, the box around a picture whose shown text is the picture's alt text (and at most a
credit more) is the picture's caption, set in a ``<div>`` or ``<p>`` rather than a ``<figcaption>``
(Freie Presse's "detail-img" box, Berliner Zeitung's teaser cards). An inline ``<span>`` player's title
stays: scrapinghub's gold keeps a video's title where the video plays."""

from __future__ import annotations

from body_pages import news_head, story_page

from newsdesk.extract.html import extract_html

PROSE = "Der Generalsekretär trat am Freitag zurück, nachdem das Strategiepapier der Partei bekannt wurde. "
STORY = "".join(f"<p>{PROSE}Absatz {n} sagt, was die Fraktion dazu erklärte.</p>" for n in range(8))
# Longer than a media box's 300 characters with its credit: drop_media_boxes leaves it.
ALT = ("Bijan Djir-Sarai, Generalsekretär, spricht während eines Statements in der Bundesgeschäftsstelle. "
       "Djir-Sarai zieht die Konsequenzen aus dem Bekanntwerden eines Strategiepapiers der Liberalen zum "
       "Ausstieg aus der Koalition und tritt zurück. Foto: Sebastian Gollnow/dpa +++ dpa-Bildfunk +++")
NEWS = news_head("Rücktritt")
URL = "https://zeitung.example/2024/11/29/ruecktritt"


def _page(box: str, head: str = NEWS) -> str:
    return story_page("Rücktritt", f"{STORY[:len(STORY) // 2]}{box}{STORY}", head)


def _box(caption: str) -> str:
    return (f"<div class='detail-img'><div class='wrapper'><img src='a.jpg' alt='{ALT}'></div>"
            f"<div class='description'><div>{caption}</div></div></div>")


def test_a_caption_repeating_its_pictures_alt_text_leaves_a_news_story() -> None:
    text = extract_html(_page(_box(ALT + " <span>Bild: Sebastian Gollnow/dpa</span>")), url=URL).text
    assert PROSE.strip() in text
    assert "Bundesgeschäftsstelle" not in text


def test_other_text_beside_a_picture_stays() -> None:
    line = "Die Fraktion will am Montag über die Nachfolge beraten und einen Vorschlag machen. " * 4
    text = extract_html(_page(_box(line)), url=URL).text
    assert line.strip() in text


def test_a_page_that_does_not_say_it_is_news_keeps_it() -> None:
    assert "Bundesgeschäftsstelle" in extract_html(_page(_box(ALT), head=""), url=URL).text


def test_an_inline_players_title_stays() -> None:
    title = "Video zeigt die Pressekonferenz des Generalsekretärs in voller Länge"
    player = (f"<p><span class='embedded video'><span class='title'>{title}</span>"
              f"<img alt='{title}' src='v.jpg'></span></p>")
    assert title in extract_html(_page(player), url=URL).text
