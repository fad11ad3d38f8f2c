"""The furniture pass measures the page's whole text only for a node that no floor under the text bar rules out:
the floors never exceed the bar, and the verdicts are those of measuring the page for every long node."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsdesk.extract import body_furniture
from newsdesk.extract.body_furniture import _prose_bar_and_floor, remove_furniture
from newsdesk.extract.nodesize import ParagraphSizes, text_len

_PROSE = "Rain fell on the harbour town all night, and the ferry stayed in port. "


def _nested(kind: str) -> str:
    """A page whose paragraphs hold paragraphs: inside a button, or a table in quirks mode (no doctype)."""
    inner = f"<p>{_PROSE * 2}</p>"
    if kind == "button":
        return f"<!doctype html><body><p>{_PROSE}<button>{inner}</button></p><p>{_PROSE * 3}</p></body>"
    return f"<body><p>{_PROSE}<table><tr><td>{inner}{inner}</td></tr></table></p><div>{_PROSE}</div></body>"


@pytest.mark.parametrize("kind", ["button", "table"])
def test_the_paragraph_floor_counts_nested_paragraphs_once_and_stays_under_the_bar(kind: str) -> None:
    body = LexborHTMLParser(_nested(kind)).body
    assert body is not None
    paragraphs = body.css("p")
    sizes = ParagraphSizes(body, paragraphs)
    assert any(sizes.in_paragraph(p) for p in paragraphs)  # the page nests them
    prose_bar, floor = _prose_bar_and_floor(paragraphs, sizes)
    assert prose_bar == max(sum(text_len(p) for p in paragraphs) * 0.4, 300)
    assert floor == 0.4 * sum(text_len(p) for p in paragraphs if not sizes.in_paragraph(p))
    assert floor <= 0.4 * text_len(body) < 0.4 * sum(text_len(p) for p in paragraphs)


def _furniture(chars: int, name: str = "footer") -> str:
    line = "Contact us, subscribe, imprint and terms of use. "
    return f"<footer class='{name}'>" + line * (chars // len(line)) + "</footer>"


_PAGES = [
    # A long footer beside a long story: short of the bar by the paragraphs alone.
    "<body><article>" + f"<p>{_PROSE * 6}</p>" * 12 + "</article>" + _furniture(800) + "</body>",
    # A long footer that is most of a page's text: measured, and kept as the article.
    f"<body><p>{_PROSE}</p>" + _furniture(1500) + "</body>",
    # Many named boxes removed first, then a long one: short of 40% of itself and the removed text.
    "<body>" + "".join(f"<div class='share-{n}'>" + "Share this story. " * 40 + "</div>" for n in range(8))
    + f"<p>{_PROSE * 2}</p><div class='sidebar'>" + "More stories to read. " * 40 + "</div></body>",
    # A consent dialog inside a long furniture node: removed, and the bar measured again without it.
    "<body><aside class='promo'>" + "Offers and deals for readers. " * 30
    + "<div id='cookie-consent'>" + "We use cookies to improve your experience. " * 40 + "</div></aside>"
    + "<article>" + f"<p>{_PROSE * 3}</p>" * 3 + "</article></body>",
    # Hidden text and nested paragraphs around a story.
    "<body><div hidden>" + "Menu item. " * 90 + "</div>" + _nested("button")[15:-7]
    + "<nav class='menu'>" + "Section link. " * 60 + "</nav></body>",
]


def _eager(monkeypatch: pytest.MonkeyPatch) -> None:
    """The former pass: the page's text measured for the first long node, whatever its length."""
    monkeypatch.setattr(body_furniture, "_short_of_the_bar", lambda length, paragraph_floor, removed_text: False)


@pytest.mark.parametrize("page", _PAGES)
def test_the_verdicts_are_those_of_measuring_the_page_for_every_long_node(
        page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def run() -> tuple[str, list[tuple[str, str]]]:
        body = LexborHTMLParser(page).body
        assert body is not None
        related: list[tuple[str, str]] = []
        remove_furniture(body, related)
        return body.html or "", related

    lazy = run()
    with monkeypatch.context() as patched:
        _eager(patched)
        eager = run()
    assert lazy == eager


def test_a_long_story_is_not_measured_for_a_long_footer_beside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    measured: list[str] = []

    def counting(node: LexborNode) -> int:
        measured.append(node.tag or "")
        return text_len(node)

    monkeypatch.setattr(body_furniture, "text_len", counting)
    body = LexborHTMLParser(_PAGES[0]).body
    assert body is not None
    remove_furniture(body, [])
    assert "body" not in measured and body.css("footer") == []
    _eager(monkeypatch)
    measured.clear()
    body = LexborHTMLParser(_PAGES[0]).body
    assert body is not None
    remove_furniture(body, [])
    assert "body" in measured and body.css("footer") == []
