"""The page's tree is built with lexbor's DOM mutation events off (``html._PARSE_OPTIONS``): the same tree,
before and after the removals the body step makes, on the markup where events could matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body
from newsdesk.extract.html import _PARSE_OPTIONS
from newsdesk.extract.metadata import extract_metadata

_FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.html"))

#: Markup that the tree builder treats specially: templates, foreign content, tables fostering their
#: content out, forms and selects, misnested formatting, a second <body>, content after </html>.
_PAGES = (
    "<html><head><template><p>in a template</p></template><style>p{}</style></head><body>"
    "<template id=t><div class=card>card</div></template><p>Text</p></body></html>",
    "<body><svg><title>Icon</title><foreignObject><p>html in svg</p></foreignObject></svg>"
    "<math><mi>x</mi><annotation-xml encoding='text/html'><div>in math</div></annotation-xml></math></body>",
    "<table><tr><td>cell</td></tr>fostered text<div>fostered div</div></table>",
    "<form id=f><select><option selected>One</option><option>Two</option></select><input value=x></form>",
    "<p><b><i>misnested</b> formatting</i></p><body class=second><p>after</p></html><p>after html</p>",
    "<select><button><selectedcontent></selectedcontent></button><option>Chosen</option></select>",
    '<div hidden><p id=a>hidden</p></div><nav><a href="/">Home</a></nav><p style="display:none">x</p>',
)


def _serialised(data: str | bytes, options: int) -> tuple[str | None, str | None]:
    tree = LexborHTMLParser(data, options=options)
    before = tree.html
    for node in tree.css("script, style, nav, template, svg, select, [hidden]"):
        if node.parent is not None:
            node.remove()
    return before, tree.html


@pytest.mark.parametrize("page", [*_PAGES, *(path.read_bytes() for path in _FIXTURES)])
def test_the_tree_without_dom_events_is_the_tree_with_them(page: str | bytes) -> None:
    if "selectedcontent" in str(page):
        # The one behaviour events implement that shows in a tree: <selectedcontent> mirrors the chosen
        # <option> (a form control, which the body step drops). Only it may differ.
        with_events = LexborHTMLParser(page).css_first("selectedcontent")
        without = LexborHTMLParser(page, options=_PARSE_OPTIONS).css_first("selectedcontent")
        assert with_events is not None and without is not None
        assert (with_events.text(), without.text()) == ("Chosen", "")
        return
    assert _serialised(page, _PARSE_OPTIONS) == _serialised(page, 0)


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda path: path.stem)
def test_metadata_and_body_are_the_same_without_dom_events(path: Path) -> None:
    results = []
    for options in (0, _PARSE_OPTIONS):
        tree = LexborHTMLParser(path.read_bytes(), options=options)
        meta = extract_metadata(tree, "https://news.example/2025/10/01/story")
        found = extract_body(tree, headline=meta.headline)
        results.append((meta, found.blocks, found.captions, found.related))
    assert results[0] == results[1]
