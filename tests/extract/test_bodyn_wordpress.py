"""Body recall on pages never seen (issue 9, second round): a WordPress theme that names the post's own element
as furniture ("post-meta") beside the post's number ("post-4955"). The number says it is the post."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body
from newsdesk.extract.boilerplate import attribute_strength, class_strength

PROSE = "Savings rates rose through the spring as households cut back on travel and eating out. "


# Readers' comments below the post, twice its length: the post holds too little of the page to be kept as the
# article whatever its name says.
THREAD = "<ol class='commentlist'>" + "".join(
    f"<li><p>Reader {n} wrote: I moved my savings last year and the rates have been better ever since.</p></li>"
    for n in range(14)) + "</ol>"


def body_of(inner: str) -> list[str]:
    page = f"<html><body>{inner}<footer><a href='/a'>About</a></footer></body></html>"
    return [block.text for block in extract_body(LexborHTMLParser(page)).blocks]


def test_a_post_number_in_the_id_or_class_outweighs_a_furniture_name() -> None:
    assert attribute_strength("post-meta", "post-4955") == 0
    assert class_strength("post-meta post-4955") == 0
    assert class_strength("post-meta") == 2
    # Only the post's number: "post-" and a word is a theme's name like any other.
    assert attribute_strength("post-meta", "post-top") == 2


def test_a_post_named_post_meta_keeps_its_story() -> None:
    paragraphs = "".join(f"<p>{PROSE}</p>" for _ in range(6))
    page = (f"<div id='main-content'><div class='post-meta' id='post-4955'><h1>Saving more</h1>"
            f"<div class='post-date'>Published on August 20th, 2012</div>{paragraphs}</div>"
            f"<div class='sidebar'><a href='/x'>Archives</a></div></div>{THREAD}")
    assert body_of(page).count(PROSE.strip()) == 6
