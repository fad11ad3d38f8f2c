"""The Article record: its documented JSON keys, the round trip through ``to_dict``/``from_dict``,
the plain text of its body and the fields derived from the body."""

from __future__ import annotations

import json
import math
import pickle
import re

import pytest

from newsdesk.model import (
    _NON_ASCII_WORD_CHAR,
    BLOCK_TYPES,
    READING_WORDS_PER_MINUTE,
    Article,
    Block,
    Image,
    Link,
    RawPage,
    WireSource,
)

#: The keys issue 2, section 2 requires of ``Article.to_dict()``.
DOCUMENTED_KEYS = {
    "url", "canonical_url", "site_name", "language", "headline", "standfirst", "authors", "published",
    "updated", "section", "tags", "image", "body", "wire_source", "related", "reading_time_minutes",
    "word_count", "is_article",
}


def full_article() -> Article:
    """An article with every field set, as extraction would give it for a wire story."""
    return Article(
        url="https://riversidecourier.example/2025/10/01/coalition-iraq/?utm_source=rss",
        canonical_url="https://riversidecourier.example/2025/10/01/coalition-iraq/",
        site_name="The Riverside Courier",
        language="en",
        headline="US-led coalition to scale back Iraq mission",
        standfirst="The Pentagon says the reduction reflects success against ISIS.",
        authors=["Maria Lopez", "Sam Whitfield"],
        published="2025-10-01T11:03:00+03:00",
        updated="2025-10-01T14:20:00+03:00",
        section="Middle East",
        tags=["Iraq", "Pentagon"],
        image=Image(url="https://riversidecourier.example/img/iraq.jpg",
                    caption="Iraq deal sets 2026 deadline.", credit="AP", note="File Photo"),
        body=[
            Block("paragraph", "The United States will scale back its mission in Iraq, the Pentagon said."),
            Block("heading", "What changes"),
            Block("quote", "This partnership will support US and Iraqi security."),
            Block("list_item", "About 2,500 personnel remain."),
            Block("table", "Base | Troops\nAin al-Asad | 1,000"),
        ],
        wire_source=WireSource("AA", "Anadolu Agency"),
        related=[Link(title="Iraq's PM seeks closer ties with US", url="https://trt.example/a", site="TRT World"),
                 Link(title="A story without a link")],
        reading_time_minutes=1,
        word_count=41,
        is_article=True,
    )


def test_to_dict_has_every_documented_key() -> None:
    assert set(full_article().to_dict()) >= DOCUMENTED_KEYS


def test_to_dict_of_an_empty_article_still_has_every_documented_key() -> None:
    data = Article().to_dict()
    assert set(data) >= DOCUMENTED_KEYS
    assert data["authors"] == [] and data["body"] == [] and data["related"] == [] and data["tags"] == []
    assert data["image"] is None and data["wire_source"] is None
    assert data["is_article"] is False and data["word_count"] == 0


def test_to_dict_nested_records_have_their_documented_keys() -> None:
    data = full_article().to_dict()
    assert data["image"] == {"url": "https://riversidecourier.example/img/iraq.jpg",
                             "caption": "Iraq deal sets 2026 deadline.", "credit": "AP", "note": "File Photo"}
    assert data["wire_source"] == {"code": "AA", "name": "Anadolu Agency"}
    assert data["body"][0] == {"type": "paragraph",
                               "text": "The United States will scale back its mission in Iraq, the Pentagon said."}
    assert data["related"][0] == {"title": "Iraq's PM seeks closer ties with US", "url": "https://trt.example/a",
                                  "site": "TRT World"}
    assert data["related"][1] == {"title": "A story without a link", "url": None, "site": None}


def test_to_dict_is_json_serialisable_and_survives_json() -> None:
    article = full_article()
    text = json.dumps(article.to_dict(), ensure_ascii=False)
    assert Article.from_dict(json.loads(text)) == article


def test_to_dict_includes_the_plain_text() -> None:
    article = full_article()
    assert article.to_dict()["text"] == article.text


def test_from_dict_round_trips_a_full_article() -> None:
    article = full_article()
    assert Article.from_dict(article.to_dict()) == article


def test_from_dict_round_trips_an_empty_article() -> None:
    assert Article.from_dict(Article().to_dict()) == Article()


def test_from_dict_ignores_unknown_keys() -> None:
    data = full_article().to_dict() | {"source": "page.html", "extracted_by": "newsdesk 0.1"}
    assert Article.from_dict(data) == full_article()


def test_to_dict_lists_are_copies_not_views_of_the_article() -> None:
    article = full_article()
    data = article.to_dict()
    data["authors"].append("Someone Else")
    data["tags"].clear()
    assert article.authors == ["Maria Lopez", "Sam Whitfield"]
    assert article.tags == ["Iraq", "Pentagon"]


def test_text_joins_blocks_with_a_blank_line() -> None:
    article = Article(body=[Block("paragraph", "First."), Block("heading", "Second"), Block("paragraph", "Third.")])
    assert article.text == "First.\n\nSecond\n\nThird."


def test_text_of_an_empty_body_is_empty() -> None:
    assert Article().text == ""


def test_text_keeps_line_breaks_inside_a_table_block() -> None:
    article = Article(body=[Block("paragraph", "Rates:"), Block("table", "Year | Rate\n2025 | 4.1%")])
    assert article.text == "Rates:\n\nYear | Rate\n2025 | 4.1%"


def test_finish_counts_words_of_the_body() -> None:
    article = Article(body=[Block("paragraph", "The Pentagon's statement, issued on Tuesday."),
                            Block("list_item", "2,500 troops")]).finish()
    # \w+ words: The, Pentagon, s, statement, issued, on, Tuesday, 2, 500, troops
    assert article.word_count == 10


@pytest.mark.parametrize("text", [
    "",
    "plain ASCII, with snake_case and 2,500 digits.",
    "The Pentagon’s “plan” — curly quotes and dashes separate words",
    "Ça coûte 3 € à Zürich",  # letters outside ASCII are part of words
    "日本語 テキスト and ¹²³ superscripts, Ⅻ numerals",
    "a\u200bb\u0301c \U0001F600 emoji\ufeff",  # zero-width space, combining mark, emoji, BOM
    "lone \udc80 surrogate",
])
def test_finish_counts_words_as_the_regex_does(text: str) -> None:
    # The count is the number of \w+ matches, however it is made; every script alike.
    article = Article(body=[Block("paragraph", text), Block("paragraph", text.upper())]).finish()
    assert article.word_count == len(re.findall(r"\w+", text)) + len(re.findall(r"\w+", text.upper()))


def test_non_ascii_word_chars_are_those_the_category_pattern_finds() -> None:
    # The pattern that tells which texts are counted word by word finds, over every code point, the very
    # characters [^\W\x00-\x7f] finds (it is written otherwise only for speed).
    every = "".join(map(chr, range(0x110000)))
    assert _NON_ASCII_WORD_CHAR.findall(every) == re.findall(r"[^\W\x00-\x7f]", every)


@pytest.mark.parametrize("words, minutes", [(1, 1), (230, 1), (231, 2), (460, 2), (1000, 5)])
def test_finish_sets_reading_time_from_the_word_count(words: int, minutes: int) -> None:
    article = Article(body=[Block("paragraph", " ".join(["word"] * words))]).finish()
    assert article.word_count == words
    assert article.reading_time_minutes == minutes == max(1, math.ceil(words / READING_WORDS_PER_MINUTE))


def test_finish_keeps_a_reading_time_the_page_states() -> None:
    article = Article(body=[Block("paragraph", "word " * 900)], reading_time_minutes=3).finish()
    assert article.reading_time_minutes == 3


def test_finish_of_an_empty_body_gives_no_reading_time() -> None:
    article = Article().finish()
    assert article.word_count == 0
    assert article.reading_time_minutes is None


def test_block_types_include_the_documented_ones() -> None:
    assert {"paragraph", "heading", "quote", "list_item", "table"} <= BLOCK_TYPES


def test_records_pickle_for_worker_processes() -> None:
    article = full_article()
    assert pickle.loads(pickle.dumps(article)) == article
    page = RawPage(data=b"<html></html>", url="https://news.example/a", headers={"content-type": "text/html"})
    assert pickle.loads(pickle.dumps(page)) == page


def test_raw_page_defaults() -> None:
    page = RawPage(data="text")
    assert (page.url, page.headers, page.fetched_at, page.kind, page.source) == (None, {}, None, None, None)


def test_finish_takes_a_word_count_the_caller_has_made() -> None:
    # Extraction counts the words in the scan that also looks for Chinese or Japanese; finish takes that count.
    body = [Block("paragraph", " ".join(["word"] * 300))]
    assert Article(body=body).finish(300).word_count == Article(body=body).finish().word_count == 300
    assert Article(body=body).finish(300).reading_time_minutes == 2
