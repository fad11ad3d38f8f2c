"""The line classifier of the text mode: what it adds to the rules' body, and what it never touches."""

from __future__ import annotations

from newsdesk.extract.text import extract_text
from newsdesk.extract.text_classify import read_lines
from newsdesk.extract.text_line_model import N_FEATURES, addable, line_features, rules_kept, with_added_lines
from newsdesk.extract.text_line_weights import WEIGHTS
from newsdesk.model import Block

PARAGRAPHS = [
    "Engineers spent the winter moving the service to a new database, and the team learned a great deal about how"
    " queries behave under load.",
    "The first step was to measure what the slow queries actually did, so the team turned on the planner's own"
    " report for every request.",
    "Once the numbers were in, the fix was an index on the column every filter used, which the team added in a"
    " single migration.",
    "After the change, the slowest page loaded in a tenth of the time, and the database's processor stayed cool"
    " even at the evening peak.",
    "The team now reviews every new query against the planner's report before it ships, a habit that has already"
    " caught two regressions.",
]
CODE = ["CREATE INDEX idx_orders_user ON orders(user_id);", "SELECT * FROM orders WHERE user_id = 123;",
        "EXPLAIN ANALYZE SELECT count(*) FROM orders;"]
MENU = "\n".join(["Home", "Products", "Pricing", "Blog", "Sign in"])
TEASERS = "Share\nMore from the blog\nWhy we moved to a new queue\nHow our team works remotely\n"
PAGE = (f"{MENU}\n\nHow we made our slowest page ten times faster\n\nBy Ann Lee\nMarch 12, 2024\n\n"
        + "\n\n".join(PARAGRAPHS[:3]) + "\n\n" + "\n".join(CODE) + "\n\n" + "\n\n".join(PARAGRAPHS[3:])
        + f"\n\n{TEASERS}")


def test_weights_cover_every_feature() -> None:
    assert len(WEIGHTS) == N_FEATURES
    assert line_features(read_lines(PAGE), [False] * len(read_lines(PAGE))).shape[1] == N_FEATURES


def test_code_lines_between_paragraphs_join_the_body_where_they_sit() -> None:
    rules = [b.text for b in extract_text(PAGE, learned=False).body]
    # The rules keep the last code line, as a heading over the prose under it, and drop the others.
    assert not any(line in rules for line in CODE[:2])
    body = [b.text for b in extract_text(PAGE).body]
    assert body[3:6] == CODE
    assert body[:3] == PARAGRAPHS[:3] and body[-2:] == PARAGRAPHS[3:]


def test_menu_teasers_and_header_stay_out() -> None:
    article = extract_text(PAGE)
    texts = {b.text for b in article.body}
    for line in ["Home", "Pricing", "Why we moved to a new queue", "More from the blog", "By Ann Lee", "Share"]:
        assert line not in texts
    assert article.headline == "How we made our slowest page ten times faster"
    assert article.authors == ["Ann Lee"]


def test_only_text_the_rules_left_out_is_judged() -> None:
    lines = read_lines("Advertisement\nx = compute(y)\nRain fell all night.\nMost read\nA headline here")
    judged = addable(lines, [False, False, True, False, False])
    # An interface marker, a line the rules kept, a widget label and a list of other stories: never judged.
    assert judged == [False, True, False, False, False]


def test_rules_blocks_keep_their_types_when_lines_are_added() -> None:
    lines = read_lines("Floods\nRain fell all night across the county.\nx = 1\n• Roads closed")
    body = [Block("heading", "Floods"), Block("paragraph", lines[1].text), Block("list_item", "Roads closed")]
    assert rules_kept(lines, body) == [True, True, False, True]
    blocks = with_added_lines(lines, body, [False, False, True, False])
    assert [(b.type, b.text) for b in blocks] == [
        ("heading", "Floods"), ("paragraph", lines[1].text), ("paragraph", "x = 1"), ("list_item", "Roads closed")]
