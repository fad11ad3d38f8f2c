"""Widgets set inside a story's container (issue 9), as found on the shared sets' dev pages: a newsletter sign-up
or a poll around a form, a picture's box with its caption and credit in a news report, a membership plug in
Japanese, and a related-links label the page repeats between the story's paragraphs."""

from __future__ import annotations

from body_pages import news_head, story_page

from newsdesk.extract.calls_to_action import drop_calls_to_action
from newsdesk.extract.html import extract_html
from newsdesk.model import Block

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
STORY = "".join(f"<p>Paragraph {n}. {PROSE * 2}</p>" for n in range(8))
NEWS = news_head("Talks go on")


def body_text(html: str, url: str = "https://example.org/2024/09/story") -> str:
    return extract_html(html, url=url).text


def page(inner: str, head: str = "") -> str:
    return story_page("Talks go on", inner, head)


# --------------------------------------------------------------------------- forms


SIGN_UP = ("<div class='box'><section aria-label='Newsletter'><h3>The Weekly Letter</h3><p>Fridays: the best of "
           "our coverage, in your inbox.</p><form action='/signup'><input type='email'><button>Sign up</button>"
           "</form><p>Mit meiner Anmeldung zum Newsletter stimme ich der Werbevereinbarung zu.</p></section></div>")


def test_a_sign_up_box_between_paragraphs_goes_with_its_consent_line() -> None:
    text = body_text(page(STORY[:len(STORY) // 2] + SIGN_UP + STORY[len(STORY) // 2:]))
    assert PROSE.strip() in text
    assert "Werbevereinbarung" not in text
    assert "Weekly Letter" not in text


def test_a_poll_around_a_form_goes() -> None:
    poll = ("<div class='poll'><p>Which remedy do you reach for first when you catch a cold?</p><form>"
            "<label><input type='radio'>A warm soup</label><label><input type='radio'>Garlic and ginger</label>"
            "</form></div>")
    text = body_text(page(STORY + poll))
    assert "remedy" not in text and "Garlic" not in text


def test_a_calculator_table_in_a_form_is_the_storys_data() -> None:
    calculator = ("<div><form><table><tr><th>Item</th><th>Low</th><th>High</th></tr><tr><td>Panel</td><td>$370</td>"
                  "<td>$491</td></tr><tr><td>Labor</td><td>$398</td><td>$608</td></tr></table></form></div>")
    assert "$491" in body_text(page(STORY + calculator))


def test_a_short_story_inside_a_form_is_kept() -> None:
    # ASP.NET wraps whole pages in a form; a story no longer than a box is not a box beside itself.
    story = ("<form id='aspnetForm'><p>The bridge reopens on Monday after a month of repairs, the council said in "
             "a statement. Drivers were asked to expect delays.</p></form>")
    assert "The bridge reopens" in body_text(page(story))


# --------------------------------------------------------------------------- pictures' boxes


CAPTION = ("<div class='media'><img src='/harbour.jpg'><div class='mediaInfo'><span>Boats in the harbour at dawn, "
           "before the strike.</span><span>Bildrechte: MDR/Jane Doe</span></div></div>")


def test_a_pictures_box_in_a_news_report_goes_with_its_caption_and_credit() -> None:
    text = body_text(page(STORY[:len(STORY) // 2] + CAPTION + STORY[len(STORY) // 2:], head=NEWS))
    assert PROSE.strip() in text
    assert "harbour" not in text and "Bildrechte" not in text


def test_a_pictures_box_stays_on_a_page_that_does_not_say_it_is_news() -> None:
    # Guides, wikis and shops set their content beside pictures; their golds keep the captions.
    assert "harbour" in body_text(page(STORY + CAPTION))


def test_a_listicles_entry_with_its_picture_and_heading_stays() -> None:
    entry = ("<div class='entry'><img src='/lily.jpg'><h3>Peace lily</h3><p>White flowers all year; keep the soil "
             "moist.</p></div>")
    assert "Peace lily" in body_text(page(STORY + entry, head=NEWS))


def test_a_photo_story_keeps_its_captions() -> None:
    # Captions that are most of the text are the story: nothing goes without a story's worth of prose beside.
    slides = "".join(f"<div class='slide'><img src='/{n}.jpg'><p>Picture {n}: the crowd at the rally, seen from "
                     "the stage.</p></div>" for n in range(8))
    text = body_text(page(f"<p>{PROSE}</p>" + slides, head=NEWS))
    assert "the crowd at the rally" in text


# --------------------------------------------------------------------------- Japanese membership plugs


JA_STORY = [Block("paragraph", "東京女子医大の新校舎建設工事を巡り、警視庁は13日、背任の疑いで元理事長を逮捕した。"
                               "同課は私的な流用を調べている。"),
            Block("paragraph", "逮捕を受けて同医大は13日、記者会見を開いた。理事長は「厳粛に受け止めている」と謝罪し、"
                               "体制を見直すと説明した。")]


def test_a_japanese_membership_plug_after_the_story_goes() -> None:
    plugs = [Block("paragraph", "記事に『リアクション』ができます。ご利用には会員登録が必要です。"),
             Block("paragraph", "有料会員になると会員限定の有料記事もお読みいただけます。")]
    assert drop_calls_to_action(JA_STORY + plugs) == JA_STORY


def test_a_japanese_line_about_a_registration_stays() -> None:
    # Registration in a story's own sense (voters', a company's) is no sign-up.
    line = Block("paragraph", "同社は昨年、新たな商標の登録を申請した。")
    assert drop_calls_to_action([*JA_STORY, line]) == [*JA_STORY, line]


# --------------------------------------------------------------------------- a related label set between paragraphs


def _teaser(n: int) -> str:
    return (f"<h3>Auch interessant</h3><div class='not-prose'><a href='/story{n}'><strong>Another story, number "
            f"{n}</strong></a><span>Von Jane Doe</span></div>")


LAST = ("The final paragraph says the council will vote on the plans next week, after a public hearing on the "
        "costs, which have doubled since the first estimate in the spring of last year, the mayor's office said.")


def test_a_related_label_met_again_below_does_not_end_the_story() -> None:
    text = body_text(page(STORY + _teaser(1) + f"<p>{LAST}</p>" + _teaser(2)))
    assert LAST in text


def test_a_related_label_met_once_still_ends_the_story() -> None:
    text = body_text(page(STORY + _teaser(1) + f"<p>{LAST}</p>"))
    assert LAST not in text


# --------------------------------------------------------------------------- a list of plugs between paragraphs


EN_STORY = [Block("paragraph", f"Paragraph {n}. The council voted on Monday to close the bridge for repairs, which "
                               "are expected to take a month, officials said, adding that a ferry would run.")
            for n in range(4)]


def test_a_list_of_the_publishers_plugs_between_paragraphs_goes() -> None:
    plugs = [Block("list_item", "The latest news on your phone? Here is the way to our new app, for Android "
                                "and for iOS."),
             Block("list_item", "The Bugle on social media too: WhatsApp, Instagram or Facebook."),
             Block("list_item", "Would you like the day in brief? Then our daily morning newsletter is just for "
                                "you: this way.")]
    assert drop_calls_to_action([*EN_STORY[:2], *plugs, *EN_STORY[2:]]) == EN_STORY


def test_a_storys_own_list_about_newsletters_stays() -> None:
    # Spoken of, not to the reader: a list of what a newsletter tool does, and figures about newsletters.
    items = [Block("list_item", "Rate newsletters based on their length and engagement"),
             Block("list_item", "The Guardian US added 680,000 newsletter subscribers in a single year."),
             Block("list_item", "Group the remaining newsletters by category")]
    blocks = [*EN_STORY[:2], *items, *EN_STORY[2:]]
    assert drop_calls_to_action(blocks) == blocks
