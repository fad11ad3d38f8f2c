"""Body recall on pages never seen (issue 9, second round): a short post beside a sidebar longer than it.

A blog's sidebar ("About me", a gallery's notes) can hold most of the page's text: it is kept as if it held the
article, and its prose outweighs the post. When the container found lies in an ``<aside>`` or in an element
named as sure furniture, the element named as the story itself beside it ("post-body", "entry-content") is
taken instead."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body

POST = "Every day, a thousand veterans of the war die, and the trip to their memorial may be their last. "
ABOUT = "I write about politics, money and the markets from a small town, and have done so since 2004. "


def body_of(inner: str) -> list[str]:
    page = f"<html><body>{inner}<footer><a href='/a'>About</a></footer></body></html>"
    return [block.text for block in extract_body(LexborHTMLParser(page)).blocks]


def blog(post_class: str, sidebar: str) -> str:
    post = f"<div class='{post_class}'><p>{POST}</p><p>{POST}</p><p>{POST}</p></div>"
    return f"<div class='main'><div class='post'><h3>Honor Flight</h3>{post}</div></div>{sidebar}"


def about(paragraphs: int) -> str:
    return "<div class='profile'>" + "".join(f"<p>{ABOUT}</p>" for _ in range(paragraphs)) + "</div>"


def test_a_post_named_as_the_story_outweighs_a_longer_aside() -> None:
    texts = body_of(blog("post-body entry-content", f"<aside>{about(12)}</aside>"))
    assert texts.count(POST.strip()) == 3
    assert ABOUT.strip() not in texts


def test_a_post_beside_an_element_named_sidebar_is_taken_too() -> None:
    texts = body_of(blog("postbody", f"<div id='sidebar'>{about(12)}</div>"))
    assert texts.count(POST.strip()) == 3
    assert ABOUT.strip() not in texts


def test_without_a_story_named_beside_the_longest_text_stays_the_body() -> None:
    # Nothing says where the story is: the container found is kept.
    texts = body_of(blog("note", f"<aside>{about(12)}</aside>"))
    assert ABOUT.strip() in texts
