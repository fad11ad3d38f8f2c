"""The header zone of the text mode: the standfirst under the headline."""

from __future__ import annotations

from collections import Counter

from newsdesk.extract.text_classify import read_lines
from newsdesk.extract.text_header import read_header

STANDFIRST = "Three roads stay closed after the storm, and crews expect to clear them by the weekend."
OPENING = ("Heavy rain and wind battered the coast overnight, and officials closed three roads on Tuesday"
           " while crews worked through the night to clear fallen trees from the harbour road.")
NEXT = ("The council said the roads would reopen once engineers had checked the sea walls, which took the"
        " worst of the waves, and asked drivers to use the inland route until then.")


def test_the_line_under_the_headline_and_byline_is_the_standfirst() -> None:
    header = read_header(read_lines(f"Storm closes coast roads\nBy Ann Lee\n{STANDFIRST}"), Counter(), None)
    assert header.headline == "Storm closes coast roads"
    assert header.standfirst == STANDFIRST


def test_a_standfirst_over_a_short_caption_stays_one() -> None:
    caption = "Crews clear a fallen tree from the harbour road on Tuesday morning."
    header = read_header(read_lines(f"Storm closes coast roads\n{STANDFIRST}\n{caption}\nBy Ann Lee"), Counter(), None)
    assert header.standfirst == STANDFIRST


def test_the_storys_first_paragraph_is_no_standfirst_when_its_prose_runs_on_in_the_header() -> None:
    # The body run was found elsewhere (a footer), so the header took in the story itself.
    header = read_header(read_lines(f"Storm closes coast roads\nBy Ann Lee\nMarch 12, 2024\n{OPENING}\n{NEXT}"),
                         Counter(), None)
    assert header.headline == "Storm closes coast roads"
    assert header.standfirst is None
