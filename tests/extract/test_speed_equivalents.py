"""The faster forms the extractor uses give what the forms they replaced give, on the cases where they could differ."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body_furniture import remove_furniture
from newsdesk.extract.body_nodes import RELATED_LABEL_IDS, SECTION_HEADING_IDS, first_tagged
from newsdesk.extract.metadata import _absolute_url
from newsdesk.extract.pageindex import clean_text
from newsdesk.extract.urls import join_url
from newsdesk.extract.wire import _SPLIT_AGENCIES, _list_items

_PAGE = (
    "<html><body><div id=a><p>Text <b>bold</b></p><section><h4>Four</h4><h2>Two</h2></section></div>"
    "<div id=b><strong>Related</strong><h3>Three</h3></div><h5>Five</h5><span>only text</span>"
    "<div><!-- a comment --><svg><h2>not html</h2></svg><table><tr><td><h3>in a cell</h3></td></tr></table></div>"
    "<aside><h1>One</h1><div><h6>Six</h6></div></aside><h2></h2></body></html>"
)


@pytest.mark.parametrize(("tag_ids", "selector"), [
    (SECTION_HEADING_IDS, "h2, h3, h4, h5"),
    (RELATED_LABEL_IDS, "h2, h3, h4, h5, strong"),
])
def test_first_tagged_finds_what_css_first_finds_from_every_element(tag_ids: frozenset[int], selector: str) -> None:
    tree = LexborHTMLParser(_PAGE)
    for node in tree.root.traverse():  # type: ignore[union-attr]
        found, expected = first_tagged(node, tag_ids), node.css_first(selector)
        assert (found.mem_id if found else None) == (expected.mem_id if expected else None), node.html


_BASES = ("https://news.example/a/b.html?x=1#top", "http://news.example", "https://[::1]/x", "ftp://files.example/d/")
_HREFS = (
    "https://cdn.example/i.jpg", "http://other.example/a/b?c=d", "https://news.example", "https://news.example/",
    "https:///no-host", "https://?q", "https://news.example/x?", "https://news.example/x#frag",
    "https://news.example/a;params", "https://[::1]/v6", "https://bücher.example/x", "https://news.example/ x",
    "https://news.example/\tx", "HTTPS://news.example/x", "https:news.example/x", "//news.example/x", "/x", "x",
    "../x", "?q=1", "#f", "", "mailto:a@b.example", "https://user:pw@news.example:8080/p", "https://a\u3002b/x",
)


@pytest.mark.parametrize("base", _BASES)
def test_join_gives_what_urljoin_gives(base: str) -> None:
    for href in _HREFS:
        try:
            expected: str | type[Exception] = urljoin(base, href)
        except ValueError:
            expected = ValueError
        try:
            joined: str | type[Exception] = join_url(base, href)
        except ValueError:
            joined = ValueError
        assert joined == expected, href


@pytest.mark.parametrize("text", [
    "AFP, Reuters and dpa", "AFP andand Reuters", "AFP and", "and AFP", "dpa/lni", " a , b ; c + d & e ",
    "Brand and", "AFPand Reuters", "", ",", "AFP", "With reporting by Jane Doe; editing by John Roe",
])
def test_list_items_are_the_split(text: str) -> None:
    assert list(_list_items(text)) == _SPLIT_AGENCIES.split(text)


def test_a_named_box_removed_takes_its_named_children_and_the_next_box_is_still_judged() -> None:
    # Nested named furniture (skipped once their box is gone) right before another named box.
    story = "<p>" + "The council met on Monday and voted to build the new bridge, officials said. " * 8 + "</p>"
    page = LexborHTMLParser(
        "<body><article>" + story + "<div class='share-bar'><span class='share-icon'>f</span>"
        "<a class='share-link'>Share</a></div><div class='newsletter'>Sign up</div>" + story + "</article></body>")
    body = page.body
    assert body is not None
    remove_furniture(body, [])
    assert body.css_first(".share-bar") is None and body.css_first(".newsletter") is None
    assert len(body.css("p")) == 2


def _absolute_url_by_urljoin(value: str, base: str) -> str | None:
    """What metadata's address fields must give: urljoin's answer when it is http(s), else nothing."""
    try:
        absolute = urljoin(base, value)
        return absolute if urlsplit(absolute).scheme in ("http", "https") else None
    except ValueError:
        return None


@pytest.mark.parametrize("base", _BASES)
def test_metadata_absolute_url_gives_what_urljoin_gives(base: str) -> None:
    for href in _HREFS:
        value = clean_text(href)
        expected = _absolute_url_by_urljoin(value, base) if value else None
        assert _absolute_url(href, base) == expected, href
