"""A page encoded once, for the NUL search, the tag count and the parser, gives what the string gave."""

from __future__ import annotations

from newsdesk import extract
from newsdesk.extract.html import check_nesting, extract_html

_PAGE = """<html><head><title>Rain returns</title></head><body><article><h1>Rain returns</h1>
<p>First, a paragraph. It goes on, at length, to be scored as prose.</p><p>Another, with more words in it.</p>
</article></body></html>"""


def test_a_page_parsed_from_its_utf8_gives_the_article_parsed_from_the_string() -> None:
    page = _PAGE.replace("First, a paragraph.", "Première phrase, café \u201cquoted\u201d \udcff here.")
    from_string = extract(page, url="https://news.example/a")
    from_bytes = extract_html(page, "https://news.example/a", utf8=page.encode("utf-8", "ignore"))
    assert from_string.to_dict() == from_bytes.to_dict()
    assert "Première phrase, café" in from_string.text


def test_the_tag_count_of_the_utf8_refuses_what_the_string_count_refuses() -> None:
    deep = "é<blockquote>" * 25_000
    for page in (deep, "<p>café</p>" * 10_000):
        outcomes = []
        for utf8 in (None, page.encode("utf-8", "ignore")):
            try:
                check_nesting(page, "p.html", utf8=utf8)
                outcomes.append("ok")
            except Exception as error:  # the outcome, whatever it is, is compared
                outcomes.append(type(error).__name__)
        assert outcomes[0] == outcomes[1]
