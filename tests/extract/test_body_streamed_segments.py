"""A story React streamed in pieces: each part that waited on data is a hidden segment at the end of <body>
(``<div hidden id="S:1f">``, the boundary's number in hexadecimal) that a script moves to its placeholder. A saved
page keeps the segments where they were sent, and the story is all of them, not the longest one.
"""

from __future__ import annotations

from newsdesk import extract

SECTIONS = [
    ("What an index fund is", "An index fund tracks a market index, such as the S&P 500, and holds the same shares."),
    ("How index funds work", "The fund buys every share in the index, weighted as the index weighs it."),
    ("How to invest in index funds", "Open a brokerage account, choose an index, then compare the funds' fees."),
    ("Who should not invest", "Investors who want to beat the market will not find that in a fund that copies it."),
]


def _paragraphs(text: str, n: int) -> str:
    return "".join(f"<p>{text} Paragraph {k} of this section goes on to explain it with an example.</p>"
                   for k in range(n))


def _page(ids: list[str]) -> str:
    segments = "".join(
        f"<div hidden id='{segment_id}'><h2>{title}</h2>{_paragraphs(text, 3 if k else 5)}</div>"
        for k, (segment_id, (title, text)) in enumerate(zip(ids, SECTIONS, strict=True))
    )
    return (
        "<html><head><title>Index funds, explained</title></head><body><nav><a href='/'>Home</a></nav>"
        "<main><h1>Index funds, explained</h1>"
        + "".join(f"<template id='B:{n}'></template><div class='skeleton'></div>" for n in range(len(ids)))
        + f"</main><footer>© The Site</footer>{segments}"
        "<div hidden id='S:9'><span>Image source: Getty Images</span></div></body></html>"
    )


def test_every_segment_of_a_streamed_story_is_in_its_body() -> None:
    article = extract(_page(["S:0", "S:1f", "S:20", "S:a"]))
    for title, text in SECTIONS:
        assert title in article.text
        assert text in article.text


def test_the_segments_keep_the_order_they_were_sent_in() -> None:
    text = extract(_page(["S:0", "S:1f", "S:20", "S:a"])).text
    positions = [text.index(title) for title, _ in SECTIONS]
    assert positions == sorted(positions)
