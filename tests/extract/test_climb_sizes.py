"""Measures taken climbing from a measured element equal the same measures taken afresh (body.py's widen)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.body_container import count_teasers, teasers_above
from newsdesk.extract.nodesize import PageSizes

_PAGE = """<html><body><main><div class="outer"><!-- note -->
<article><h2><a href="/a">A headline that is a link</a></h2><p>Teaser text, short.</p></article>
<section><h3>Not a link</h3><p>First paragraph <a href="/x">with a link</a> in it.</p>
<div class="inner"><p>Second <b>paragraph</b>.</p><h2><span><a href="/b">Linked headline inside a span</a></span></h2>
<h2><a href="/c"><h3><a href="/d">nested</a></h3></a></h2></div></section>
<template><p>template text</p><article>t</article></template>
<p>Closing <a href="/e">words</a></p></div></main></body></html>"""


def _ancestors(node: LexborNode) -> list[LexborNode]:
    chain = []
    parent = node.parent
    while parent is not None and parent.tag not in ("html", "#document"):
        chain.append(parent)
        parent = parent.parent
    return chain


def test_climbing_measures_equal_fresh_ones_from_every_start() -> None:
    body = LexborHTMLParser(_PAGE).body
    for start in body.css("*"):
        climbed, fresh = PageSizes(), PageSizes()
        known: dict[int, int] = {}
        climbed.paragraphs(start), climbed.links(start), count_teasers(start, climbed, known)
        for ancestor in _ancestors(start):
            assert climbed.paragraphs_above(ancestor) == fresh.paragraphs(ancestor)
            assert climbed.links_above(ancestor) == fresh.links(ancestor)
            assert teasers_above(ancestor, climbed, known) == count_teasers(ancestor, fresh)


def test_text_measured_from_children_equals_the_text_measured_afresh() -> None:
    page = _PAGE.replace("<main>", "<main> \u00a0 loose\ttext <br> <!-- c --> \n ")
    body = LexborHTMLParser(page).body
    for start in body.css("*"):
        climbed, fresh = PageSizes(), PageSizes()
        climbed.text(start)
        for ancestor in _ancestors(start):
            assert climbed.text_above(ancestor) == fresh.text(ancestor), ancestor.tag


def test_an_element_with_only_text_inside_is_measured_without_a_search() -> None:
    body = LexborHTMLParser(_PAGE).body
    for node in body.css("*"):
        quick, plain = PageSizes(), PageSizes()
        assert quick.paragraphs(node) == sum(plain.text(p) for p in node.css("p")), node.tag
        assert quick.links(node) == sum(plain.text(a) for a in node.css("a")), node.tag
        count = len(node.css("article")) + sum(
            1 for a in node.css("h1 a, h2 a, h3 a, h4 a") if a.parent is not None
            and plain.text(a) >= 0.6 * plain.text(a.parent))
        assert count_teasers(node, quick) == count, node.tag


def test_paragraph_texts_kept_are_those_of_unchanged_paragraphs() -> None:
    """The furniture pass hands its paragraphs' texts to the container choice: a paragraph something was removed
    from is read again there, the others are the texts a fresh read gives."""
    from selectolax.lexbor import LexborHTMLParser

    from newsdesk.extract.nodesize import PageSizes, ParagraphSizes

    page = LexborHTMLParser("<body><p> Rain, <b> wind </b></p><p>Keep <span>ad</span> this</p><p>Sun.</p></body>")
    body = page.body
    assert body is not None
    paragraphs = body.css("p")
    sizes = ParagraphSizes(body, paragraphs)
    assert [sizes.text(p) for p in paragraphs] == [9, 10, 4]
    sizes.remove(body.css_first("span"))
    assert sorted(sizes.texts.values()) == ["Rain,wind", "Sun."]
    fresh = PageSizes()
    for p in paragraphs:
        assert PageSizes().trimmed_text(p, sizes.texts) == fresh.trimmed_text(p)
