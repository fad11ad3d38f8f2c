"""A story set in one cell of a layout table (issue 9): widening climbed from the story's cell to its row and took
in the columns beside it (a blog's profile, its archive links, a column of other posts' blurbs)."""

from __future__ import annotations

from body_pages import body_of

PROSE = ("The council approved the budget on Tuesday, after a debate that ran late into the night, and the mayor "
         "said the new library, delayed twice, would open in the spring. ")
BIO = "My name is Dana, and I write about cities, budgets, libraries and parks, for readers near and far. "


def test_the_cells_beside_the_storys_are_left_out() -> None:
    story = "".join(f"<p>{PROSE}</p>" for _ in range(4))
    page = (f"<html><body><table><tr><td id='left'><p>{BIO * 2}</p></td>"
            f"<td id='middle'><div class='post'>{story}</div></td>"
            f"<td id='right'><p>{BIO}</p><p>{BIO}</p></td></tr></table></body></html>")
    body = body_of(page)
    assert PROSE.strip() in body
    assert "My name is Dana" not in body


def test_a_data_tables_cells_still_climb_to_the_story() -> None:
    cells = "".join(f"<tr><td><p>{PROSE[:90]}</p></td><td><p>{PROSE[:80]}</p></td></tr>" for _ in range(3))
    page = (f"<html><body><article><p>{PROSE}</p><table>{cells}</table><p>{PROSE}</p></article></body></html>")
    assert body_of(page).count(PROSE.strip()) == 2
