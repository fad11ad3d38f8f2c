"""A short story beside a sidebar or footer that holds more prose (issue 9): furniture that holds much of a page's
prose outlives the furniture removal, since it may be the article, and then outscored the story beside it (a
blog's about-the-author column, a magazine's sidebar of blurbs, a footer's about-us). The best candidate outside
it is the story when it scores a third of the winner's."""

from __future__ import annotations

from body_pages import body_of
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body_container import best_container, in_furniture
from newsdesk.extract.nodesize import PageSizes

STORY = ("The council approved the budget on Tuesday, after a debate that ran late into the night, and the mayor "
         "said the new library, delayed twice, would open in the spring. Opponents, who had asked for a vote on "
         "each line, said the plan, at 40 million, left too little for roads, schools and parks, and that the "
         "city, which borrowed heavily last year, could not afford it. The mayor, asked about the roads, said "
         "that repairs, planned for the summer, would go ahead as promised.")
BLURB = ("Our magazine, founded in 1998, covers cars, engines, racing and design, with reviews, interviews and "
         "guides written by enthusiasts, for enthusiasts, every week of the year. ")


def page_with(furniture_open: str, furniture_close: str, wrapper: str = "div") -> str:
    blurbs = "".join(f"<div class='item'><p>{BLURB * 2}</p></div>" for _ in range(7))
    return (f"<html><body><{wrapper} id='main'><h1>Budget passes</h1><p>{STORY}</p></{wrapper}>"
            f"{furniture_open}{blurbs}{furniture_close}</body></html>")


def test_a_short_story_beside_an_aside_with_more_prose_is_the_body() -> None:
    body = body_of(page_with("<aside>", "</aside>"))
    assert STORY in body
    assert "Our magazine" not in body


def test_a_short_story_above_a_footer_with_more_prose_is_the_body() -> None:
    body = body_of(page_with("<footer>", "</footer>"))
    assert STORY in body
    assert "Our magazine" not in body


def test_a_column_named_sidebar_or_footer_is_furniture() -> None:
    page = LexborHTMLParser("<div id='sidebar'><div><p id='a'>Blurb.</p></div></div>"
                            "<div class='col footer'><p id='b'>About us.</p></div>"
                            "<div role='complementary'><p id='c'>More.</p></div>")
    assert all(in_furniture(page.css_first(f"#{key}")) for key in "abc")  # type: ignore[arg-type]


def test_a_story_in_a_layout_named_for_its_sidebar_stays() -> None:
    page = LexborHTMLParser(f"<div class='grid content-sidebar'><p id='s'>{STORY}</p></div>")
    assert not in_furniture(page.css_first("#s"))  # type: ignore[arg-type]


def test_an_aside_that_is_the_only_prose_stays_the_body() -> None:
    # Nothing outside the furniture is a story: the winner stays.
    page = f"<html><body><div id='main'><h1>About</h1></div><aside><p>{BLURB * 3}</p></aside></body></html>"
    assert "Our magazine" in body_of(page)


def test_a_brief_beside_a_longer_author_bio_is_the_container() -> None:
    bio = "".join(f"<p>{BLURB}</p>" for _ in range(7))
    page = LexborHTMLParser(
        f"<html><body><div id='content'><div class='post'><h1>Budget passes</h1><div class='entry-content'>"
        f"<p>{STORY}</p></div></div><div class='post-author'><h3>About the writer</h3>{bio}</div></div></body></html>")
    container = best_container(page.body, PageSizes())  # type: ignore[arg-type]
    assert container is not None and container.attributes.get("class") == "entry-content"


def test_a_page_header_by_id_is_furniture_but_a_class_named_header_is_not() -> None:
    page = LexborHTMLParser("<section id='header'><div class='panel'><p id='a'>Latest issue.</p></div></section>"
                            "<div class='header'><p id='b'>A story's own header.</p></div>")
    assert in_furniture(page.css_first("#a"))  # type: ignore[arg-type]
    assert not in_furniture(page.css_first("#b"))  # type: ignore[arg-type]


def test_an_id_names_its_region_by_any_of_its_words() -> None:
    page = LexborHTMLParser("<div id='blq-foot'><p id='a'>Best viewed in a modern browser.</p></div>"
                            "<div id='sidebar_right_1'><p id='b'>About me.</p></div>"
                            "<div id='story-body'><p id='c'>The story.</p></div>")
    assert [in_furniture(page.css_first(f"#{key}")) for key in "abc"] == [True, True, False]  # type: ignore[arg-type]
