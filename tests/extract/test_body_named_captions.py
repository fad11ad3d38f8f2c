"""In a news report, a caption its class names ("wp-caption-text": WordPress's caption, which the furniture
pass keeps for its "text") is taken out once the story is chosen (Daily Maverick, CBC, Reuters). A box with a
heading is a video's title and summary, which scrapinghub's gold keeps; pages that do not say they are news
keep their captions (dragnet's gold holds them)."""

from __future__ import annotations

from body_pages import news_head, story_page

from newsdesk.extract.html import extract_html

PROSE = "The court heard on Monday that aid must be allowed into the territory without delay, the lawyers said. "
STORY = "".join(f"<p>{PROSE}Paragraph {n} says what the judges asked of the two sides.</p>" for n in range(8))
# Longer than a media box's 300 characters: drop_media_boxes leaves it.
CAPTION = ("Internally displaced Palestinians push themselves in line to receive a portion of food from a charity "
           "kitchen, in Jabalia, northern Gaza Strip, on 24 April 2025. According to the UN agency, more than a "
           "million people across the strip are experiencing high levels of acute food insecurity. Photo: Jane Doe")
NEWS = news_head("Court hears aid case")
URL = "https://paper.example/2025/05/22/court-aid"


def _page(box: str, head: str = NEWS) -> str:
    return story_page("Court hears aid case", f"{STORY[:len(STORY) // 2]}{box}{STORY}", head)


BOX = f"<div class='wp-caption'><img src='a.jpg' alt=''><p class='wp-caption-text'><em>{CAPTION}</em></p></div>"


def test_a_named_caption_leaves_a_news_story() -> None:
    text = extract_html(_page(BOX), url=URL).text
    assert PROSE.strip() in text
    assert "charity kitchen" not in text


def test_a_page_that_does_not_say_it_is_news_keeps_it() -> None:
    assert "charity kitchen" in extract_html(_page(BOX, head=""), url=URL).text


def test_a_video_box_with_its_title_stays() -> None:
    video = (f"<div class='info'><div class='caption'><h4 class='title'><a href='/v/1'>Aid at last</a></h4>"
             f"<p>{CAPTION}</p></div></div>")
    assert "charity kitchen" in extract_html(_page(video), url=URL).text
