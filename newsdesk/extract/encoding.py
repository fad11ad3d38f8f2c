"""Bytes in, text out: decompression, size caps and character-set detection.

The order follows the HTML standard's encoding sniffing: a byte-order mark wins, then the
transport's charset (an HTTP ``Content-Type`` header), then a ``<meta charset>`` or XML declaration
in the first bytes, then strict UTF-8 (most of the web), and only then statistical detection with
charset-normalizer. Detection is last because it is the slowest step and the least sure. A page declared
UTF-8 that holds valid UTF-8 beside invalid bytes stays UTF-8; only a page with no UTF-8 in it at all
is taken to lie about its charset.
"""

from __future__ import annotations

import codecs
import re
import zlib

from newsdesk.errors import DecodingError, EmptyInputError, InputTooLargeError, UnsupportedInputError

#: Largest page accepted, in bytes after decompression. News pages are rarely over 2 MB;
#: anything far larger is a feed dump, a binary or an attack.
MAX_PAGE_BYTES = 16 * 1024 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]{1,40})""", re.I)

# Signatures of formats that are certainly not pages; naming them gives a clearer error than mojibake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"BZh", "a bzip2 archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
)

# WHATWG maps these labels to windows-1252; Python's latin-1 would mangle curly quotes.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                  "ascii": "cp1252", "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030"}


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CP1252_FALLBACK = "newsdesk-cp1252-fallback"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def gunzip_capped(data: bytes, source: str | None = None, limit: int = MAX_PAGE_BYTES) -> bytes:
    """Decompress gzip data, refusing truncated streams and outputs over ``limit`` bytes.

    >>> import gzip
    >>> gunzip_capped(gzip.compress(b"<p>hi</p>"))
    b'<p>hi</p>'
    """
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DecodingError(source, f"corrupt gzip data ({exc})") from None
    if len(out) > limit:
        raise InputTooLargeError(source, f"decompresses to more than {limit} bytes")
    if not decompressor.eof:
        raise DecodingError(source, "truncated gzip data (stream ends before its end marker)")
    return out


def _normalise_label(label: str) -> str | None:
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page that declares UTF-16 in a meta tag but was read as ASCII-compatible bytes is lying.
    return None if name.startswith("utf-16") or name.startswith("utf-32") else name


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, as a Python codec name.

    >>> charset_from_content_type("text/html; charset=ISO-8859-1")
    'cp1252'
    """
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _normalise_label(match.group(1)) if match else None


def sniff_declared_charset(head: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML declaration).

    >>> sniff_declared_charset(b'<html><head><meta charset="windows-1251">')
    'cp1251'
    """
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _normalise_label(match.group(1).decode("ascii", "replace")) if match else None


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII-range text leaves every other byte zero."""
    if len(head) < 16:
        return None
    even_zeros = head[0::2].count(0) / len(head[0::2])
    odd_zeros = head[1::2].count(0) / len(head[1::2])
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.1


def decode_bytes(data: bytes, *, source: str | None = None, content_type: str | None = None) -> str:
    """Decode a page's bytes to text: gunzip if needed, then pick the charset.

    Raises an ``ExtractionError`` subclass that names ``source`` for empty, oversized,
    corrupt or binary input.

    >>> decode_bytes("café".encode("cp1252"), content_type="text/html; charset=windows-1252")
    'café'
    >>> decode_bytes(b"\\xef\\xbb\\xbf<p>caf\\xc3\\xa9</p>")
    '<p>café</p>'
    """
    if data.startswith(_GZIP_MAGIC):
        data = gunzip_capped(data, source)
    if len(data) > MAX_PAGE_BYTES:
        raise InputTooLargeError(source, f"{len(data)} bytes is over the {MAX_PAGE_BYTES}-byte page limit")
    if not data.strip():
        raise EmptyInputError(source, "empty input")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise UnsupportedInputError(source, f"input is {what}, not a web page or text")

    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")

    head = data[:_SNIFF_BYTES]
    if (utf16 := _bomless_utf16(head)) is not None:
        return data.decode(utf16, errors="replace")
    if _looks_binary(head):
        raise DecodingError(source, "input looks like binary data (control bytes), not text")

    declared = charset_from_content_type(content_type) or sniff_declared_charset(head)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # The declaration lies; fall through to the evidence of the bytes.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (declared == "utf-8" and _UTF8_MULTIBYTE.search(data)) or _mostly_utf8(data):
        # Real UTF-8 beside invalid bytes: a mixed page (often a cp1252 ad or comment pasted into a
        # UTF-8 template) or a damaged one. Keep the UTF-8 and read each stray as cp1252, or U+FFFD
        # where cp1252 has no character. A page that says UTF-8 and shows some is UTF-8, however many
        # strays it has: detection would garble all its good text to rescue a few bad bytes.
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    return _detect_and_decode(data, declared)


def _mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII bytes form valid UTF-8 sequences (legacy CJK bytes only do by chance)."""
    valid = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    non_ascii = sum(1 for b in data if b >= 0x80)
    # Legacy CJK text forms valid UTF-8 by chance for at most ~45% of its high bytes.
    return valid > 0 and valid >= 0.6 * non_ascii


def _detect_and_decode(data: bytes, declared: str | None) -> str:
    from charset_normalizer import from_bytes  # Imported lazily: slow, and rarely needed.

    best = from_bytes(data[: 256 * 1024]).best()
    codec = best.encoding if best is not None else (declared or "cp1252")
    try:
        return data.decode(codec, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")
