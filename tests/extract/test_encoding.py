"""Bytes to text: byte-order marks, HTTP and meta charsets, XML declarations, detection, gzip and caps."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from newsdesk import extract
from newsdesk.errors import DecodingError, InputTooLargeError
from newsdesk.extract.encoding import (
    charset_from_content_type,
    decode_bytes,
    gunzip_capped,
    sniff_declared_charset,
)

FIXTURES = Path(__file__).parent / "fixtures"
LEGACY_PAGE = FIXTURES / "page_legacy_cp1252.html"
PAGE = "<html><head><title>Café</title></head><body><p>“It’s open,” she said — €5.</p></body></html>"


# --------------------------------------------------------------------------- what decides the charset


def test_plain_utf8() -> None:
    assert decode_bytes(PAGE.encode("utf-8")) == PAGE


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
], ids=["utf-8", "utf-16-le", "utf-16-be"])
def test_byte_order_mark_decides_and_is_dropped(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + PAGE.encode(codec)) == PAGE


def test_byte_order_mark_wins_over_a_contrary_meta_charset() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    assert decode_bytes(codecs.BOM_UTF8 + page.encode("utf-8")) == page


def test_meta_charset_windows_1252() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    assert decode_bytes(page.encode("cp1252")) == page


def test_meta_http_equiv_content_type() -> None:
    page = PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    assert decode_bytes(page.encode("cp1252")) == page


def test_iso_8859_1_label_is_read_as_windows_1252_like_browsers_do() -> None:
    # Pages that say ISO-8859-1 use the 0x80-0x9f range for curly quotes and the euro sign.
    page = PAGE.replace("<head>", '<head><meta charset="ISO-8859-1">')
    assert decode_bytes(page.encode("cp1252")) == page


def test_http_content_type_wins_over_the_meta_charset() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="utf-8">')
    assert decode_bytes(page.encode("cp1252"), content_type="text/html; charset=windows-1252") == page


def test_xml_declaration_encoding() -> None:
    page = '<?xml version="1.0" encoding="ISO-8859-15"?>\n<html><body><p>Prix\u00a0: 5\u00a0€ net</p></body></html>'
    assert decode_bytes(page.encode("iso-8859-15")) == page


def test_declared_legacy_cjk_charset() -> None:
    page = ('<html><head><meta charset="shift_jis"></head><body><p>'
            "政府は月曜日、新しい経済対策を発表"
            "した。</p></body></html>")
    assert decode_bytes(page.encode("shift_jis")) == page


def test_gb2312_label_is_read_as_its_superset_gb18030() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>中国政府周一宣布。</p></body></html>'
    assert decode_bytes(page.encode("gb18030")) == page


def test_meta_charset_that_lies_falls_back_to_the_bytes() -> None:
    # Declared windows-1251 is not checked (any byte is valid there), but declared Shift_JIS can fail.
    page = '<html><head><meta charset="shift_jis"></head><body><p>Café à la gare — ouvert.</p></body></html>'
    assert decode_bytes(page.encode("utf-8")) == page


def test_meta_charset_past_the_sniffing_window_is_ignored() -> None:
    # Only the first bytes are sniffed (as browsers do); UTF-8 is then tried on the bytes themselves.
    padding = "<!-- padding -->" * 400
    page = f'<html><head>{padding}<meta charset="windows-1252"></head><body><p>café</p></body></html>'
    assert decode_bytes(page.encode("utf-8")) == page


def test_undeclared_cyrillic_is_detected() -> None:
    text = ("Правительство России "
            "в понедельник объявило "
            "о новых мерах поддержки "
            "экспорта зерна. ") * 5
    page = f"<html><body><p>{text}</p></body></html>"
    assert decode_bytes(page.encode("cp1251")) == page


@pytest.mark.parametrize("codec, sentence", [
    ("shift_jis", "政府は月曜日、新しい経済対策を"
                  "発表した。首相は記者会見で、物価"
                  "高への対応を急ぐと述べた。"),
    ("euc_kr", "정부는 월요일 새로운 경제 대책을 "
               "발표했다. 총리는 기자회견에서 물가 "
               "대응을 서두르겠다고 말했다."),
    ("gb18030", "中国政府周一宣布了新的经济刺激"
                "措施，总理在记者会上表示将加快"
                "应对物价上涨。"),
], ids=["shift_jis", "euc_kr", "gbk"])
def test_undeclared_legacy_cjk_is_detected(codec: str, sentence: str) -> None:
    page = f"<html><body><p>{sentence * 4}</p></body></html>"
    assert decode_bytes(page.encode(codec)) == page


def test_mixed_utf8_with_cp1252_strays_keeps_both() -> None:
    data = "<p>Café — ".encode() + "“quoted”".encode("cp1252") + b"</p>"
    assert decode_bytes(data) == "<p>Café — “quoted”</p>"


def test_utf16_declared_in_a_meta_tag_of_ascii_bytes_is_not_believed() -> None:
    page = '<html><head><meta charset="utf-16"></head><body><p>café</p></body></html>'
    assert decode_bytes(page.encode("utf-8")) == page


# --------------------------------------------------------------------------- the helpers


@pytest.mark.parametrize("header, codec", [
    ("text/html; charset=UTF-8", "utf-8"),
    ("text/html;charset=\"windows-1251\"", "cp1251"),
    ("text/html; charset=ISO-8859-1", "cp1252"),
    ("text/html; charset=Shift_JIS", "shift_jis"),
    ("text/html", None),
    ("text/html; charset=no-such-thing", None),
    ("text/html; charset=utf-16", None),
    (None, None),
    ("", None),
])
def test_charset_from_content_type(header: str | None, codec: str | None) -> None:
    assert charset_from_content_type(header) == codec


@pytest.mark.parametrize("head, codec", [
    (b'<html><head><meta charset="windows-1251">', "cp1251"),
    (b"<meta charset=utf-8>", "utf-8"),
    (b'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-2">', "iso8859-2"),
    (b'<?xml version="1.0" encoding="EUC-JP"?><html>', "euc_jp"),
    (b"<html><head><title>No charset</title>", None),
], ids=["meta-charset", "unquoted", "http-equiv", "xml-declaration", "none"])
def test_sniff_declared_charset(head: bytes, codec: str | None) -> None:
    assert sniff_declared_charset(head) == codec


def test_gunzip_capped_decompresses() -> None:
    assert gunzip_capped(gzip.compress(PAGE.encode())) == PAGE.encode()


def test_gunzip_capped_refuses_output_over_the_limit() -> None:
    with pytest.raises(InputTooLargeError) as caught:
        gunzip_capped(gzip.compress(b"a" * 5000), source="big.gz", limit=1000)
    assert str(caught.value).startswith("big.gz: ")


def test_gunzip_capped_refuses_a_truncated_stream() -> None:
    compressed = gzip.compress(PAGE.encode() * 20)
    with pytest.raises(DecodingError) as caught:
        gunzip_capped(compressed[:-12], source="cut.gz")
    assert "truncated" in caught.value.reason


def test_decode_bytes_gunzips_before_reading_the_charset() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    assert decode_bytes(gzip.compress(page.encode("cp1252"))) == page


# --------------------------------------------------------------------------- the legacy page end to end


def test_legacy_windows_1252_page_decodes_every_character() -> None:
    article = extract(LEGACY_PAGE.read_bytes(), url="http://www.valleygazette.example/news/2009/05/12/cafe_fine.html")
    assert article.headline == "Café owner’s €5,000 fine for “pavement terrace” overturned"
    assert article.authors == ["Seán O’Brien"]
    text = article.text
    for expected in ("José Pereira", "“unlicensed pavement terrace”", "four tables — two more",
                     "council’s inspector", "leaving ½ a metre", "Costs of £1,200"):
        assert expected in text
    assert "�" not in text and "â€" not in text


def test_legacy_page_bytes_are_not_utf8() -> None:
    # The fixture must stay a real windows-1252 file, or the test above proves nothing.
    with pytest.raises(UnicodeDecodeError):
        LEGACY_PAGE.read_bytes().decode("utf-8")



@pytest.mark.parametrize("declared_in", ["meta", "header"])
def test_declared_utf8_with_invalid_bytes_stays_utf8_not_a_legacy_code_page(declared_in: str) -> None:
    # More invalid bytes than valid UTF-8 (a damaged page): undeclared, the bytes would be detected as a
    # legacy code page and "Grüße" garbled; declared UTF-8 (and showing some), the declaration wins, as in
    # browsers, and only the bad bytes are lost: U+FFFD where cp1252 has no character for them either.
    head = '<meta charset="utf-8">' if declared_in == "meta" else ""
    data = f"<html><head>{head}</head><body><p>Grüße aus Zürich ".encode() + b"\x81\x8d\x8f\x90\x9d\x81\x8d</p>"
    content_type = "text/html; charset=UTF-8" if declared_in == "header" else None
    text = decode_bytes(data, content_type=content_type)
    assert "<p>Grüße aus Zürich " in text
    assert text.endswith("\ufffd" * 7 + "</p>")
