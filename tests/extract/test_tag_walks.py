"""The extractor's walks by tag id find what the css searches they replace found."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract.body_container import best_container
from newsdesk.extract.body_furniture import remove_furniture
from newsdesk.extract.body_nodes import FURNITURE_TAG_IDS, LISTED_TAG_IDS, P_TAG_ID, PARAGRAPH_TAG_IDS, PARAGRAPH_TAGS
from newsdesk.extract.boilerplate import DROP_TAGS, FURNITURE_TAGS
from newsdesk.extract.nodesize import PageSizes, ParagraphSizes

# Tags in other namespaces (SVG, MathML), a custom element, upper case, a template's content, nesting.
_PAGE = """<html><head><title>T</title><meta name="x" content="y"></head><body>
<header class="site">Site <nav><p>Menu para</p></nav></header>
<math><section>m</section><aside>ma</aside><td>mt</td></math><svg><header>sh</header><p>breaks out</p></svg>
<x-p>custom</x-p><P>Upper <b>case</b> <!-- c --> <i><span>deep</span></i></P>
<template><p>in template</p><aside>ta</aside></template>
<div><p>First, a paragraph. It goes on, at length, to be scored as prose.</p><pre>code</pre>
<blockquote><p>Quoted, text.</p></blockquote>
<table><tr><td>cell, one</td></tr></table><h2>Head</h2><h3>h3</h3><h4>h4</h4><span>s</span></div>
<footer><p>Foot <a href="/x">link</a></p></footer><noscript><p>ns</p></noscript><aside>side</aside>
</body></html>"""


def _ids(nodes: list) -> list[int]:
    return [node.mem_id for node in nodes]


def test_the_walk_by_tag_id_lists_what_css_lists_in_the_same_order() -> None:
    body = LexborHTMLParser(_PAGE).body
    assert body is not None
    listed = ",".join((*DROP_TAGS, "p", *FURNITURE_TAGS))
    walked = [node for node in body.traverse() if node.tag_id in LISTED_TAG_IDS]
    assert _ids(walked) == _ids(body.css(listed))
    assert _ids([n for n in walked if n.tag_id == P_TAG_ID]) == _ids(body.css("p"))
    assert _ids([n for n in walked if n.tag_id in FURNITURE_TAG_IDS]) == _ids(body.css(",".join(FURNITURE_TAGS)))
    walked = [node for node in body.traverse() if node.tag_id in PARAGRAPH_TAG_IDS]
    assert _ids(walked) == _ids(body.css(PARAGRAPH_TAGS))


def test_paragraph_sizes_from_the_paragraphs_know_what_is_inside_them_as_a_search_does() -> None:
    body = LexborHTMLParser(_PAGE).body
    assert body is not None
    paragraphs = body.css("p")
    given, searched = ParagraphSizes(body, paragraphs), ParagraphSizes(body)
    elements = {n.mem_id for n in body.traverse() if n.tag not in ("-comment", "#comment")}
    assert given._inside & elements == searched._inside == {n.mem_id for n in body.css("p *")}


def test_furniture_removal_and_container_are_those_of_the_searches() -> None:
    # The page as the former code saw it: dropped tags removed first, then paragraphs listed.
    body = LexborHTMLParser(_PAGE).body
    assert body is not None
    related: list[tuple[str, str]] = []
    remove_furniture(body, related)
    assert [n.tag for n in body.css(",".join(DROP_TAGS))] == []
    assert body.css("aside, footer, header") == []
    assert "First, a paragraph." in body.text()
    container = best_container(body, PageSizes())
    assert container is not None and container.tag == "div"


def test_own_text_by_tag_id_is_the_own_text_by_tag_name() -> None:
    from newsdesk.extract.body_container import _own_text_len
    from newsdesk.extract.body_nodes import _BLOCK_TAGS

    def by_name(node: LexborNode) -> int:
        total = 0
        for child in node.iter(include_text=True, skip_empty=True):
            if child.tag == "-text":
                total += len((child.text_content or "").strip())
            elif child.tag not in _BLOCK_TAGS:
                total += len(child.text(deep=True).strip())
        return total

    page = _PAGE.replace("<x-p>", "<div>own <!-- note --><x-p>").replace("</x-p>", "</x-p></div>")
    body = LexborHTMLParser(page).body
    assert body is not None
    nodes = [node for node in body.traverse() if node.tag not in ("-comment", "#comment")]
    assert [_own_text_len(node) for node in nodes] == [by_name(node) for node in nodes]
    assert any(_own_text_len(node) for node in nodes)
