"""Body recall across the shapes found on the shared sets' dev pages (issue 9): the container's choice, a story
split around other boxes, an opening set apart, words in named inline elements, and what is not the story
(consent dialogs, embedded galleries) kept out of its measure."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk import extract
from newsdesk.extract.body import BodyResult, extract_body
from newsdesk.extract.boilerplate import boilerplate_strength, is_furniture_text

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "


def body_of(html: str) -> BodyResult:
    return extract_body(LexborHTMLParser(html))


def text_of(html: str) -> str:
    return "\n".join(block.text for block in body_of(html).blocks)


# --------------------------------------------------------------------------- the container


def test_japanese_prose_outscores_a_short_box_named_content() -> None:
    # Japanese writes its commas and full stops without a space, and a sentence carries in 40 characters what
    # English says in 100: counted as Latin text, six paragraphs lost to a sign-up box named "main_content".
    sentence = "イオン銀行は十四日、同日付で社長を解任する人事を発表した。"
    story = "".join(f"<p>{sentence * 3}</p>" for _ in range(6))
    notice = "ご登録いただいたメールアドレス宛てにニュースレターの配信とキャンペーン情報などをお送りします"
    signup = f"<div class='main_content_x1'><h3>登録すると続きが読めます</h3><p>{notice}</p></div>"
    html = f"<html><body><article><section>{story}</section></article>{signup * 3}</body></html>"
    text = text_of(html)
    assert text.startswith(sentence)
    assert "登録" not in text


def test_a_references_list_of_long_citations_does_not_outscore_a_table_of_entries() -> None:
    # A list page: its entries in a table's cells, each row scoring apart; the citations' spans, each a list
    # item's text, once all credited their list.
    citation = ("Jones, Matthew; Ormrod, Joan (2015), Time Travel in Popular Media, McFarland & Company, Jefferson, "
                "North Carolina, p. 80, ISBN 9780786478071")
    references = "<ol class='references'>" + f"<li><span class='reference-text'>{citation}</span></li>" * 40 + "</ol>"
    film = "A woman who shot her husband on New Year's Eve wishes she could live the year again, and does."
    rows = "".join(f"<tr><td>Film {n}</td><td>{1940 + n}</td><td>{film}</td></tr>" for n in range(30))
    story = f"<div class='text'><p>This list of films features time loops.</p><table>{rows}</table></div>"
    text = text_of(f"<html><body>{story}<div class='reflist'>{references}</div></body></html>")
    assert film in text
    assert "McFarland" not in text


def test_a_long_consent_dialog_does_not_make_a_paywalled_story_look_small() -> None:
    legal = "<p>We and our partners use cookies, store and access information on your device, and process data.</p>"
    dialog = f"<div id='onetrust-consent-sdk'><div id='onetrust-pc-sdk' aria-modal='true'>{legal * 40}</div></div>"
    story = f"<article><h1>Plane hit by a bird</h1><div class='paywall-article'>{('<p>' + PROSE * 2 + '</p>') * 5}"
    html = f"<html><body>{story}</div></article>{dialog}</body></html>"
    text = text_of(html)
    assert text.startswith(PROSE.strip())
    assert "cookies" not in text


# --------------------------------------------------------------------------- a story in parts


def test_a_long_storys_opening_set_apart_above_the_rest_is_kept() -> None:
    opening = "<div class='intro-block'>" + f"<p>The console is the most powerful ever made, {PROSE}</p>" * 8 + "</div>"
    # Under a tenth of the whole: growth by a tenth alone would not climb to it.
    rest = "<div class='sections'>" + f"<div class='article-text'><p>{PROSE * 3}</p></div>" * 60 + "</div>"
    text = text_of(f"<html><body><article><div class='wrap'>{opening}{rest}</div></article></body></html>")
    assert text.startswith("The console is the most powerful ever made")


def test_a_story_split_into_sections_around_teaser_boxes_is_kept_whole() -> None:
    def section(words: str, paragraphs: int) -> str:
        return f"<div class='con'><div class='box'>{f'<p>{words} {PROSE}</p>' * paragraphs}</div></div>"

    teasers = "".join(f"<div class='con teaser'><h3><a href='/s{n}'>Another story, number {n}</a></h3>"
                      f"<p>Its summary, in a line.</p></div>" for n in range(4))
    html = (f"<html><body><div class='section'>{section('First part.', 4)}{teasers}"
            f"{section('Main part.', 12)}{teasers}{section('Last part.', 4)}</div></body></html>")
    text = text_of(html)
    for part in ("First part.", "Main part.", "Last part."):
        assert part in text


def test_a_gallery_embedded_in_a_story_stays_out_of_the_body() -> None:
    slides = "".join(f"<li><h2>{n}/20 Markets today</h2><p>A caption of another picture, "
                     f"with the day's other news.</p></li>" for n in range(1, 21))
    gallery = f"<div class='dnd-widget-wrapper type-gallery'><ul class='legends'>{slides}</ul></div>"
    story = "".join(f"<p>{PROSE * 2}</p>" for _ in range(6))
    text = text_of(f"<html><body><article><div class='text-wrapper'>{story}{gallery}<p>{PROSE}</p></div>"
                   f"</article></body></html>")
    assert "caption" not in text
    assert text.count("Officials said") == 13


def test_a_photo_post_keeps_its_gallery() -> None:
    slides = "".join(f"<figure><img src='{n}.jpg'></figure><p>The harbour at dawn, picture {n}, as the boats "
                     f"came in with the night's catch.</p>" for n in range(1, 9))
    html = f"<html><body><article><p>Our photographer's morning.</p><div class='gallery'>{slides}</div>" \
           f"</article></body></html>"
    assert "picture 8" in text_of(html)


# --------------------------------------------------------------------------- words kept


def test_a_named_link_inside_a_sentence_keeps_its_words() -> None:
    sentence = ("<p>The nature of my <a class='popup' href='#'>avocations</a> for the last thirty years has brought "
                "me into more than ordinary contact with an interesting and somewhat singular set of men.</p>")
    text = text_of(f"<html><body><article>{sentence}<p>{PROSE * 3}</p></article></body></html>")
    assert "The nature of my avocations for the last" in text


def test_a_share_link_beside_no_prose_still_goes() -> None:
    html = (f"<html><body><article><p>{PROSE * 3}</p><div><a class='share' href='#'>Share on Facebook</a> "
            f"<a class='share' href='#'>Tweet</a></div></article></body></html>")
    assert "Facebook" not in text_of(html)


def test_a_class_saying_what_an_element_lacks_names_no_furniture() -> None:
    assert boilerplate_strength("buzz_superlist_item_image no_caption") == 0
    assert boilerplate_strength("layout no-sidebar") == 0
    assert boilerplate_strength("no-caption ad-slot") == 2
    assert boilerplate_strength("caption") == 1


def test_interface_lines_of_players_and_adverts_are_furniture() -> None:
    assert is_furniture_text("Advert")
    assert is_furniture_text("This slideshow requires JavaScript.")
    assert not is_furniture_text("The advert ran for a week before the regulator banned it.")


def test_a_lead_sentence_set_as_the_first_heading_stays_in_the_body() -> None:
    lead = "The U.S. has long been heralded as a land of opportunity, a place where anyone can succeed regardless."
    html = (f"<html><head><title>The birth lottery</title></head><body><h1>The birth lottery</h1><article>"
            f"<h2>{lead}</h2><p>{PROSE * 3}</p><p>{PROSE * 3}</p></article></body></html>")
    article = extract(html, url="https://money.example/2016/02/01/birth-lottery/")
    assert article.body[0].text == lead


def test_a_short_first_heading_is_still_the_title_in_another_form() -> None:
    html = (f"<html><head><title>The birth lottery</title></head><body><article><h2>Economy: the birth lottery"
            f"</h2><p>{PROSE * 3}</p><p>{PROSE * 3}</p></article></body></html>")
    article = extract(html, url="https://money.example/2016/02/01/birth-lottery/")
    assert article.body[0].text.startswith("Officials said")
