"""Body recall on pages never seen (issue 9, second round): containers that stop short of the story.

A story whose first block links every other phrase, set in wrappers that add no text of their own (a page
builder's row, column and block): the wrappers are passed, and the story's other blocks are reached."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body import extract_body

LINKED = ("Our <a href='/guide'>guide to the new rail pass</a> explains how the "
          "<a href='/fares'>regional fares</a> changed this spring, and what travellers should expect. ")
PROSE = "The pass covers every regional train in the state, and children under six travel free with an adult. "


def body_of(inner: str) -> list[str]:
    page = f"<html><body>{inner}<footer><a href='/a'>About</a></footer></body></html>"
    return [block.text for block in extract_body(LexborHTMLParser(page)).blocks]


def row(block: str) -> str:
    return f"<div class='row'><div class='col'><div class='column-wrapper'>{block}</div></div></div>"


def builder_page(first: str) -> str:
    rest = "".join(row(f"<div class='text-block'><h2>Part {n}</h2><p>{PROSE}</p></div>")
                   for n in range(1, 6))
    return f"<main>{row(first)}{rest}</main>"


def test_wrappers_that_add_no_text_are_passed_above_a_linked_first_block() -> None:
    first = "<div class='text-block'>" + "".join(f"<p>{LINKED}</p>" for _ in range(12)) + "</div>"
    texts = body_of(builder_page(first))
    assert sum(1 for text in texts if text == PROSE.strip()) == 5
    assert "Part 5" in texts


def test_a_link_dense_ancestor_that_adds_a_menu_still_stops_the_climb() -> None:
    menu = "<ul>" + "".join(f"<li><a href='/s{n}'>Section {n}</a></li>" for n in range(30)) + "</ul>"
    story = "<div class='text-block'>" + "".join(f"<p>{PROSE}</p>" for _ in range(6)) + "</div>"
    texts = body_of(f"<div class='page'>{menu}<div class='wrap'>{story}</div></div>")
    assert not any(text.startswith("Section") for text in texts)
    assert texts.count(PROSE.strip()) == 6
