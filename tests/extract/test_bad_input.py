"""Bad input never hangs, crashes or lies: it gives a named ExtractionError or an empty non-article.

Issue 2, section 5: empty input, binary junk, truncated gzip, invalid or mixed encodings, a 50 MB
page, a 100,000-deep DOM and a page of only scripts. The deep DOM runs in a child process, so that a
crash of the parser (a segfault, a stack overflow) fails one test instead of killing pytest, and a
runaway page is stopped by a timeout instead of holding up the suite for ever.
"""

from __future__ import annotations

import gzip
import random
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk import extract, extract_batch
from newsdesk.errors import (
    DecodingError,
    EmptyInputError,
    ExtractionError,
    InputTooLargeError,
    UnsupportedInputError,
)
from newsdesk.extract.encoding import MAX_PAGE_BYTES
from newsdesk.model import Article, RawPage

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
ARTICLE_PAGE = (
    "<html><head><meta charset='utf-8'><title>Talks to continue</title></head><body><article>"
    "<h1>Talks to continue</h1><p>" + PROSE * 8 + "</p><p>" + PROSE * 8 + "</p></article></body></html>"
)
#: How long a child process may take on one hostile page before it counts as hung. A news page
#: takes milliseconds; this only separates "finished" from "never finishes" on a busy 2-core machine.
HANG_TIMEOUT_S = 120


def assert_names(error: ExtractionError, source: str, *reason_words: str) -> None:
    """The error message names the input and says why."""
    message = str(error)
    assert message.startswith(f"{source}: "), message
    assert error.source == source
    for word in reason_words:
        assert word in error.reason.lower(), error.reason


def assert_empty_non_article(article: Article) -> None:
    assert article.is_article is False
    assert article.body == []
    assert article.text == ""
    assert article.word_count == 0
    assert article.reading_time_minutes is None


# --------------------------------------------------------------------------- empty input


@pytest.mark.parametrize("data", [b"", "", b"   \r\n\t  ", "\n\n   \n", b"\xef\xbb\xbf"],
                         ids=["bytes", "str", "blank-bytes", "blank-str", "bom-bytes"])
def test_empty_input_is_an_empty_input_error(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError) as caught:
        extract(data, source="empty.html")
    assert_names(caught.value, "empty.html", "empty")


def test_empty_input_error_names_the_url_when_there_is_no_source() -> None:
    with pytest.raises(EmptyInputError) as caught:
        extract(b"", url="https://news.example/2025/10/01/story")
    assert_names(caught.value, "https://news.example/2025/10/01/story", "empty")


def test_lone_byte_order_mark_is_empty_or_a_non_article() -> None:
    try:
        article = extract("\ufeff", source="bom.txt")
    except EmptyInputError as error:
        assert_names(error, "bom.txt", "empty")
    else:
        assert_empty_non_article(article)


def test_empty_html_skeleton_is_an_empty_non_article() -> None:
    article = extract("<!DOCTYPE html><html><head><title></title></head><body></body></html>", source="skeleton.html")
    assert_empty_non_article(article)


# --------------------------------------------------------------------------- binary junk


def test_random_bytes_are_a_decoding_error() -> None:
    junk = random.Random(20251001).randbytes(5000)
    with pytest.raises(DecodingError) as caught:
        extract(junk, source="junk.bin")
    assert_names(caught.value, "junk.bin", "binary")


def test_nul_bytes_are_a_decoding_error() -> None:
    with pytest.raises(DecodingError) as caught:
        extract(b"\x00" * 4096, source="zeros.bin")
    assert_names(caught.value, "zeros.bin", "binary")


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40), "jpeg"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(40), "zip"),
], ids=["pdf", "png", "jpeg", "zip"])
def test_known_binary_formats_are_named_in_the_error(data: bytes, what: str) -> None:
    with pytest.raises(UnsupportedInputError) as caught:
        extract(data, source="download")
    assert_names(caught.value, "download", what)


def test_high_byte_junk_error_names_the_source() -> None:
    # Bytes 0x80-0xff pass the control-byte sniff, are decoded by detection, then fail as text.
    with pytest.raises(ExtractionError) as caught:
        extract(bytes(range(128, 256)) * 20, source="junk.bin")
    assert_names(caught.value, "junk.bin")


# --------------------------------------------------------------------------- gzip


def test_gzipped_page_is_decompressed() -> None:
    article = extract(gzip.compress(ARTICLE_PAGE.encode()), source="page.html.gz")
    assert article.is_article
    assert article.headline == "Talks to continue"


def test_truncated_gzip_is_a_decoding_error() -> None:
    compressed = gzip.compress(ARTICLE_PAGE.encode())
    with pytest.raises(DecodingError) as caught:
        extract(compressed[: len(compressed) // 2], source="page.html.gz")
    assert_names(caught.value, "page.html.gz", "truncated")


def test_gzip_header_without_data_is_a_decoding_error() -> None:
    with pytest.raises(DecodingError) as caught:
        extract(gzip.compress(ARTICLE_PAGE.encode())[:10], source="page.html.gz")
    assert_names(caught.value, "page.html.gz", "gzip")


def test_corrupt_gzip_is_a_decoding_error() -> None:
    with pytest.raises(DecodingError) as caught:
        extract(b"\x1f\x8b" + b"this is not deflate data" * 4, source="page.html.gz")
    assert_names(caught.value, "page.html.gz", "corrupt")


def test_gzip_bomb_is_refused_as_too_large() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * (MAX_PAGE_BYTES + 1024))
    assert len(bomb) < 100_000
    with pytest.raises(InputTooLargeError) as caught:
        extract(bomb, source="bomb.html.gz")
    assert_names(caught.value, "bomb.html.gz", "decompresses")


# --------------------------------------------------------------------------- encodings


def test_mixed_utf8_and_cp1252_bytes_keep_both_right() -> None:
    # A UTF-8 page with a cp1252 fragment pasted in (a common CMS accident): neither part may be mojibake.
    story = "The café’s owner said it would reopen on Monday, after repairs to the roof. " * 10
    data = ("<html><head><meta charset='utf-8'><title>Café reopens</title></head><body><article>"
            f"<h1>Café reopens</h1><p>{story}").encode()
    data += "She called it “a fresh start”.".encode("cp1252") + b"</p></article></body></html>"
    article = extract(data, source="mixed.html")
    assert article.headline == "Café reopens"
    assert "The café’s owner said" in article.text
    assert "She called it “a fresh start”." in article.text
    assert "Ã" not in article.text and "\ufffd" not in article.text


def test_page_lying_about_utf8_is_read_by_its_bytes() -> None:
    data = ("<html><head><meta charset='utf-8'></head><body><article><p>"
            + "Le café de la gare a rouvert ses portes lundi, après trois mois de travaux, a annoncé la mairie. " * 10
            + "</p></article></body></html>").encode("cp1252")
    article = extract(data, source="liar.html")
    assert "Le café de la gare a rouvert" in article.text
    assert "\ufffd" not in article.text


def test_unknown_charset_label_falls_back_to_the_bytes() -> None:
    data = ("<html><head><meta charset='x-no-such-charset'></head><body><article><p>"
            + "The café on the corner reopened on Monday, its owner said, after a long winter. " * 10
            + "</p></article></body></html>").encode("utf-8")
    article = extract(data, source="odd-label.html")
    assert "The café on the corner reopened" in article.text


def test_utf16_page_with_bom_is_decoded() -> None:
    article = extract(("\ufeff" + ARTICLE_PAGE).encode("utf-16-le"), source="utf16.html")
    assert article.headline == "Talks to continue"
    assert article.is_article


def test_lone_surrogate_in_str_input_is_survived() -> None:
    # Text decoded with errors="surrogateescape" carries lone surrogates; Lexbor needs valid UTF-8.
    try:
        article = extract(ARTICLE_PAGE.replace("</p></article>", "\udcff</p></article>"), source="surrogate.html")
    except ExtractionError as error:
        assert_names(error, "surrogate.html")
    else:
        assert article.headline == "Talks to continue"


def test_nul_characters_inside_a_page_are_dropped() -> None:
    article = extract(ARTICLE_PAGE.replace("talks, which", "talks,\x00 which"), source="nul.html")
    assert "\x00" not in article.text
    assert "Officials said the talks, which began" in article.text


# --------------------------------------------------------------------------- size and depth


def test_50_mb_page_as_bytes_is_refused_as_too_large() -> None:
    sentence = b"Officials said the talks would continue. "
    data = b"<html><body><p>" + sentence * (50 * 1024 * 1024 // len(sentence) + 1) + b"</p></body></html>"
    assert len(data) >= 50 * 1024 * 1024
    with pytest.raises(InputTooLargeError) as caught:
        extract(data, source="huge.html")
    assert_names(caught.value, "huge.html", "limit")


def test_50_mb_page_as_str_is_refused_as_too_large() -> None:
    data = "<html><body><p>" + "x" * (50 * 1024 * 1024) + "</p></body></html>"
    with pytest.raises(InputTooLargeError) as caught:
        extract(data, source="huge.html")
    assert_names(caught.value, "huge.html", "limit")


def _extract_in_child(page_expression: str, timeout: float = HANG_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """Extract the page a Python expression builds, in a child process; print what came back."""
    program = textwrap.dedent(f"""
        from newsdesk import extract
        from newsdesk.errors import ExtractionError
        page = {page_expression}
        try:
            article = extract(page, source="deep.html")
        except ExtractionError as error:
            print("error", type(error).__name__, error)
        else:
            print("article", article.is_article, len(article.body), article.word_count)
    """)
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=timeout, check=False)


def _assert_safe_outcome(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"child died with {result.returncode}: {result.stderr[-2000:]}"
    outcome = result.stdout.split()
    assert outcome, result.stderr[-2000:]
    if outcome[0] == "error":
        assert "deep.html:" in result.stdout
    else:
        # Whatever is found inside 100,000 empty wrappers is not an article.
        assert outcome[:2] == ["article", "False"], result.stdout
        assert outcome[2:] == ["0", "0"], result.stdout


def test_100000_deep_div_dom_neither_crashes_nor_hangs() -> None:
    result = _extract_in_child('"<html><body>" + "<div>" * 100_000 + "<p>Deep text, here.</p>" '
                               '+ "</div>" * 100_000 + "</body></html>"')
    _assert_safe_outcome(result)


def test_100000_deep_unclosed_inline_dom_neither_crashes_nor_hangs() -> None:
    result = _extract_in_child('"<html><body>" + "<b><i><a href=/x>" * 33_334 + "text" + "</body></html>"')
    _assert_safe_outcome(result)


def test_100000_deep_blockquote_dom_neither_crashes_nor_hangs() -> None:
    result = _extract_in_child('"<html><body>" + "<blockquote>" * 100_000 + "<p>" '
                               '+ "Quoted words, with commas, " * 20 + "</p></body></html>"')
    _assert_safe_outcome(result)


# --------------------------------------------------------------------------- pages with no article


def test_page_of_only_scripts_is_an_empty_non_article() -> None:
    page = ("<!DOCTYPE html><html><head><script src='/app.js'></script><script>window.__STATE__ = "
            + '{"story": "Officials said the talks, which began on Monday, would continue."};' * 40
            + "</script></head><body><div id='root'></div><script>"
            + "document.getElementById('root').innerHTML = '<p>Officials said the talks would continue.</p>';" * 40
            + "</script><noscript>You need to enable JavaScript to run this app.</noscript></body></html>")
    article = extract(page, source="spa.html")
    assert_empty_non_article(article)
    assert "innerHTML" not in article.text


def test_bare_script_element_is_an_empty_non_article() -> None:
    article = extract("<script>" + "var story = 'Officials said the talks would continue.';\n" * 50 + "</script>",
                      source="script.html")
    assert_empty_non_article(article)


def test_frameset_page_is_an_empty_non_article() -> None:
    frames = "<frameset cols='20%,80%'><frame src='menu.html'><frame src='story.html'></frameset>"
    article = extract(f"<html>{frames}</html>", source="frames.html")
    assert_empty_non_article(article)


# --------------------------------------------------------------------------- the batch stage


def test_batch_returns_one_result_per_page_with_errors_in_place() -> None:
    pages = [
        RawPage(data=ARTICLE_PAGE.encode(), url="https://news.example/talks"),
        RawPage(data=b"", url="https://news.example/empty"),
        RawPage(data=gzip.compress(b"<p>cut</p>" * 100)[:30], url="https://news.example/cut.gz"),
        RawPage(data=b"%PDF-1.4 binary", url="https://news.example/report.pdf"),
    ]
    results = extract_batch(pages)
    assert len(results) == 4
    assert isinstance(results[0], Article) and results[0].is_article
    assert isinstance(results[1], EmptyInputError)
    assert isinstance(results[2], DecodingError)
    assert isinstance(results[3], UnsupportedInputError)
    assert [getattr(r, "source", None) for r in results[1:]] == [p.url for p in pages[1:]]


def test_batch_uses_the_charset_of_the_http_header() -> None:
    page = ("<html><body><article><p>" + "Der Bürgermeister öffnete am Montag die neue Brücke über die Spree. " * 12
            + "</p></article></body></html>").encode("cp1252")
    result = extract_batch([RawPage(data=page, url="https://zeitung.example/a",
                                    headers={"content-type": "text/html; charset=windows-1252"})])[0]
    assert isinstance(result, Article)
    assert "Der Bürgermeister öffnete" in result.text


# --------------------------------------------------------------------------- no other exception escapes

_TAGS = ["html", "head", "body", "title", "meta", "article", "main", "div", "section", "p", "h1", "h2", "span", "a",
         "ul", "li", "table", "tr", "td", "blockquote", "figure", "figcaption", "img", "time", "script", "style",
         "nav", "aside", "footer", "br", "pre", "template", "svg", "iframe"]
_ATTRIBUTES = ['class="share"', 'class="article-body"', 'id="comments"', 'hidden', 'aria-hidden="true"',
               'href="/news/2025/10/01/story"', 'href="javascript:void(0)"', 'itemprop="articleBody"',
               'property="og:title" content="Talks"', 'charset="windows-1252"', 'datetime="2025-10-01T11:03:00Z"',
               'type="application/ld+json"', 'style="display:none"', 'role="navigation"', 'lang="de"']
_WORDS = ["Officials said", "the talks", "would continue,", "on Monday.", "(AP) —", "SOURCE:AA", "By Jane Doe",
          "Advertisement", "Read more", "&amp;", "&#x1F600;", "{\"@type\": \"NewsArticle\", \"headline\": \"x\"",
          "2025-10-01", "]]>", "<!--", "-->", "\u00e9", "\u202e", "\ufeff", "\x00", "\ud800"]


@st.composite
def html_ish(draw: st.DrawFn) -> str:
    """Strings that look like HTML: tags, attributes, entities and text, often unbalanced."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(min_value=0, max_value=40))):
        choice = draw(st.integers(min_value=0, max_value=3))
        tag = draw(st.sampled_from(_TAGS))
        if choice == 0:
            attribute = draw(st.sampled_from(["", *_ATTRIBUTES]))
            pieces.append(f"<{tag} {attribute}>")
        elif choice == 1:
            pieces.append(f"</{tag}>")
        elif choice == 2:
            pieces.append(draw(st.sampled_from(_WORDS)))
        else:
            pieces.append(draw(st.text(max_size=30)))
    return "".join(pieces)


_KIND = st.sampled_from([None, "html", "text"])
_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _extract_or_documented_error(data: bytes | str, kind: str | None) -> None:
    try:
        article = extract(data, kind=kind, source="fuzz")
    except ExtractionError as error:
        assert error.reason, str(error)
        return
    assert isinstance(article, Article)
    # A page judged no story keeps what was found; an empty body counts no words either way.
    if not article.body:
        assert article.word_count == 0 and article.text == ""
    assert Article.from_dict(article.to_dict()) == article


@_FUZZ
@given(data=st.binary(max_size=3000), kind=_KIND)
def test_no_undocumented_exception_escapes_on_bytes(data: bytes, kind: str | None) -> None:
    _extract_or_documented_error(data, kind)


@_FUZZ
@given(data=st.text(max_size=3000), kind=_KIND)
def test_no_undocumented_exception_escapes_on_text(data: str, kind: str | None) -> None:
    _extract_or_documented_error(data, kind)


@_FUZZ
@given(data=html_ish(), kind=_KIND)
def test_no_undocumented_exception_escapes_on_html_ish_text(data: str, kind: str | None) -> None:
    _extract_or_documented_error(data, kind)


@_FUZZ
@given(data=html_ish(), gzipped=st.booleans(), encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_no_undocumented_exception_escapes_on_html_ish_bytes(data: str, gzipped: bool, encoding: str) -> None:
    raw = data.encode(encoding, errors="replace") if encoding != "utf-8" else data.encode("utf-8", "surrogatepass")
    _extract_or_documented_error(gzip.compress(raw) if gzipped else raw, None)
