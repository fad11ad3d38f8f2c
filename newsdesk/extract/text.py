"""Articles from scraped text: a news page as a reader copied it out of a browser.

Select-all and copy flattens a page into lines: navigation, a header (section, date, reading
time, headline, standfirst, the image's alt text and caption), the body broken by interface text
("RECOMMENDED", "Advertisement", "Read more: ..."), credit lines, related links, and lists of other
headlines with their own bylines. No markup says which is which, so this module reads the shape
of the text instead, in three linear passes:

1. **Classify** every line on its own (bounded regexes, no backtracking): prose, short
   headline-like text, kicker, date line, byline, reading time, caption, credit, interface
   marker, widget label ("Most read", "Related", "Tags", "Table of contents"), boilerplate
   sentence, list item, table row, embedded-post attribution. Widget labels then open runs of
   headline-like lines that are never body, wherever they sit, and whose bylines are never
   the article's.
2. **Segment** with scores: prose lines count their words, header furniture (dates, bylines,
   captions) and short lines count against, interface text counts nothing. The maximum-sum
   run of lines (Kadane) is the body; what precedes it is the header zone and what follows the
   footer. The run is cut after the headline when a URL's slug names it, and before comments,
   a second article's header or a closing run of unlabelled teasers.
3. **Read fields** from their zone: headline (scored: repeated, over a standfirst, byline or
   date, under a kicker, matching the URL), standfirst, section, dates, authors, caption and
   reading time from the header zone; body blocks, wire credit and related links from the body
   and the lines just after it.

Written by hand because the text extractors people use (trafilatura, readability, newspaper)
all start from HTML; none reads copied text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import unquote, urlsplit

from newsdesk.errors import DecodingError, EmptyInputError, InputTooLargeError, UnsupportedInputError
from newsdesk.extract.authors import clean_authors
from newsdesk.extract.captions import split_caption
from newsdesk.extract.dates import date_from_url, find_date
from newsdesk.extract.language import detect_language
from newsdesk.extract.wire import is_credit_line, lookup_agency, wire_source_from_lines
from newsdesk.model import Article, Block, Image, Link

__all__ = ["MAX_TEXT_CHARS", "extract_text", "line_kinds", "section_title"]

#: Largest text accepted. A copied article is tens of kilobytes; millions of characters are a
#: dump or an attack, and refusing them keeps one bad input from stalling a batch.
MAX_TEXT_CHARS = 2_000_000
#: Fewer body words than this and the text is not an article (a teaser, a stub, a login wall).
MIN_ARTICLE_WORDS = 40

# Line kinds.
PROSE = "prose"
SHORT = "short"
KICKER = "kicker"
LIST_ITEM = "list_item"
DATE = "date"
BYLINE = "byline"
READING = "reading_time"
CAPTION = "caption"
CREDIT = "credit"
MARKER = "marker"
WIDGET = "widget"
RELATED = "related"
TAGS = "tags"
ASIDE = "aside"
TABLE = "table"
EMBED = "embed"
BOILERPLATE = "boilerplate"

# Lines longer than this are prose whatever they start with; no pattern runs over them.
_LONG_LINE = 2000
_MAX_WORDS_SCORED = 120
# The longest one-line summary under a teaser headline.
_TEASER_WORDS = 25
# Datelines and bylines almost never sit inside a body, captions and boilerplate sometimes do.
_HEADER_PENALTY = -25.0
_FURNITURE_PENALTY = -15.0
_SCORES = {
    SHORT: -6.0, KICKER: -6.0, DATE: _HEADER_PENALTY, BYLINE: _HEADER_PENALTY,
    READING: _HEADER_PENALTY, CAPTION: _FURNITURE_PENALTY, BOILERPLATE: _FURNITURE_PENALTY,
    CREDIT: 0.0, MARKER: 0.0, WIDGET: -2.0, RELATED: 0.0, TAGS: 0.0, ASIDE: -2.0,
    TABLE: 0.0, EMBED: 0.0,
}
# Lines inside a block of other stories: never body, and a little against bridging over them.
_WIDGET_ITEM_SCORE = -1.0

_WS = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_WORD = re.compile(r"\w+")
# Screen-reader and licensing labels that copying glues to the end of a caption or link.
_UI_SUFFIX = re.compile(r"(?:\s*purchase licensing rights)?,?\s*opens (?:in )?(?:a )?new (?:tab|window)$", re.I)
# Reuters-style "REUTERS/Jane Doe/File Photo": the last slash part is an editorial note.
_SLASH_NOTE = re.compile(r"(?<=\S)/\s*(file photo|file|handout|illustration|pool|archive)\s*\.?$", re.I)
# The attribution under an embedded post: "— Jane Doe (@janedoe) November 18, 2019".
_EMBED_ATTRIBUTION = re.compile(r"^(?:[—–-]{1,2}\s*|a post shared by\s+)[^\n]{1,100}?\(@\w{1,30}\)", re.I)
_POST_LINK = re.compile(r"\bpic\.twitter\.com/|\bhttps?://t\.co/|\binstagram\.com/p/")
_PHOTO_NOTE = re.compile(
    r"\b(?:file|archive|handout|illustration|illustrative|representational|representative|pool|screenshot|"
    r"screengrab|stock|photo|image|picture|video grab|courtesy)\b",
    re.I,
)
# "Credit...Jane Doe for The Times": a visually hidden label copied with its ellipsis.
_HIDDEN_LABEL = re.compile(r"(?<![\w.])(Credit|Photo|Image|Photograph)\s*(?:\.{2,3}|…)\s*(?=\S)")
_WITH_AGENCY = re.compile(r"\bwith\b", re.I)
_REPORTED_BY = re.compile(r"\b(?:reporting|reported|written|writing) by\b", re.I)
_MARKER_SPLIT = re.compile(r"\s*[·•|]\s*")
_COMMENTS_LABEL = re.compile(
    r"^(?:\d{1,6}\s+)?(?:comments?|responses|replies)(?:\s*\(\d{1,6}\))?$|"
    r"^(?:leave|post|add|write) a (?:comment|reply)$|^join the (?:conversation|discussion)$|"
    r"^comments are closed.{0,40}$|^(?:show|view|read|load) (?:all )?comments$|"
    r"^discussion$|^reader comments$|^conversation$"
)
# Interface text: whole lines, compared after lower-casing and trimming punctuation and symbols.
_MARKER_LINES = frozenset({
    "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content",
    "promoted", "paid content", "partner content", "anzeige", "werbung", "publicidad", "publicité",
    "pubblicità", "reklam", "story continues below advertisement", "article continues below advertisement",
    "continue reading below", "story continues below", "article continues below",
    "scroll to continue with content", "scroll down to continue reading", "continue reading",
    "scroll to continue", "scroll to continue reading", "article continues after this ad",
    "keep reading", "read more", "read full article", "read the full story", "show more", "see more",
    "load more", "view more", "more", "less", "show less", "expand", "collapse", "skip ad",
    "skip advertisement", "skip to content", "skip to main content", "skip to navigation",
    "jump to content", "back to top", "top", "menu", "search", "home", "close", "open", "loading",
    "share", "share this", "share this article", "share this story", "share article", "share on",
    "share via", "shares", "tweet", "facebook", "twitter", "x", "whatsapp", "linkedin", "reddit",
    "telegram", "pinterest", "email", "e-mail", "mail", "print", "copy link", "copy", "link copied",
    "copied", "save", "saved", "bookmark", "save article", "gift this article", "gift article",
    "listen", "listen to this article", "listen to article", "listen to this story", "play", "pause",
    "audio", "watch", "video", "image", "photo", "gallery", "enlarge", "enlarge this image",
    "toggle caption", "show caption", "hide caption", "caption", "expand image", "view image",
    "view gallery", "comments", "comment", "view comments", "leave a comment", "add comment",
    "join the conversation", "follow", "follow us", "subscribe", "subscribe now", "sign up",
    "sign in", "log in", "login", "register", "newsletter", "get the app", "download the app",
    "text size", "font size", "a a a", "aa", "zoom", "dark mode", "highlights", "key points",
    "summary", "ai summary", "toplines", "story highlights",
    "translate", "feedback", "report an error", "corrections", "contact us", "about us",
    "privacy policy", "terms of use", "terms and conditions", "cookie policy", "cookie settings",
    "manage cookies", "accept", "accept all", "reject all", "i agree", "ok", "got it",
    "opens new tab", "purchase licensing rights", "reuse this content",
    "license this content", "exclusive", "breaking", "breaking news", "live",
    "updated", "new", "premium", "subscriber only", "subscribers only", "free", "opinion",
    "analysis", "explainer", "next", "previous", "prev", "next article", "previous article",
})
_MARKER_PATTERN = re.compile(
    r"^(?:\d{1,6}|\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?|\d(?:\.\d{1,2})?x|"
    r"\d{1,6}\s+(?:comments?|shares?|views?|replies|reactions?)|"
    r"(?:share|follow|subscribe|sign up|log in|sign in|download|watch|listen)\b.{0,60}|"
    r"(?:story|article) continues below.{0,40}|click here\b.{0,80}|tap here\b.{0,80}|"
    r"(?:this|the) (?:video|audio|content|embed) (?:is|was) (?:not available|unavailable).{0,80}|"
    r"this (?:article|story|content) is (?:more than|over) \w+ (?:years?|months?|days?) old)$"
)
# Labels that open a block of other stories: the lines after them are headlines, not body.
_WIDGET_LABELS = frozenset({
    "explore", "explore more", "more stories", "more news", "more articles", "other stories",
    "other news", "most read", "most popular", "most viewed", "most shared", "most watched",
    "most commented", "popular", "popular now", "popular stories", "popular articles", "top stories",
    "top news", "top picks", "latest", "latest news", "latest stories", "latest articles",
    "latest videos", "latest updates", "just in", "trending", "trending now", "trending stories",
    "trending news", "trending topics", "you may also like", "you might also like", "you may like",
    "you might like", "we recommend", "recommended", "recommended for you", "recommended stories",
    "recommended articles", "recommended reading", "read next", "read this next", "up next",
    "what to read next", "further reading", "editor's picks", "editors' picks", "editors picks",
    "editor picks", "don't miss", "dont miss", "must read", "in case you missed it",
    "in other news", "around the web", "from our partners", "from around the web",
    "sponsored stories", "promoted stories", "more on this story", "more on this topic",
    "more like this", "more to explore", "keep exploring", "news in brief", "videos", "podcasts",
    "more videos", "related videos", "featured", "featured stories", "spotlight", "recommendation",
    "most read articles", "more top stories", "top headlines", "headlines", "also in news",
    "lo más leído", "meistgelesen", "les plus lus", "più letti", "en çok okunanlar",
    # Tables of contents: their entries repeat the subheadings, they are not the text.
    "table of contents", "table of content", "contents", "in this article", "on this page",
    "jump to", "jump to section", "skip to section", "what's in this article", "inhaltsverzeichnis",
})
_WIDGET_PREFIX = re.compile(r"^(?:more (?:from|in|on|about)|also (?:in|on)|latest (?:from|in|on)|"
                            r"popular (?:in|on)|best of|top stories (?:in|from))\s+\S.{0,40}$")
_RELATED_LABELS = frozenset({
    "related", "related articles", "related article", "related stories", "related story",
    "related news", "related content", "related coverage", "related reading", "related posts",
    "related links", "related reads", "also read", "read also", "see also", "also see",
    "you may also want to read", "related:", "read more on this", "more on this",
})
# Labels of a short block about something else (the author's bio); it ends at the next blank line.
_ASIDE_LABELS = frozenset({
    "about the author", "about the authors", "about the writer", "about the reporter", "author bio",
    "author information", "about this author", "the author", "über den autor", "über die autorin",
    "sobre el autor", "à propos de l'auteur", "yazar hakkında",
})
_TAG_LABELS = frozenset({
    "tags", "tag", "topics", "topic", "related topics", "related tags", "keywords", "filed under",
    "explore more on these topics", "more on these topics", "suggested topics",
    "more about", "categories", "themen", "etiquetas", "etiketler", "mots-clés",
})
# "Related: Title", "RelatedTRT World - Title" (label glued to the link), "ALSO READ | Title".
_RELATED_INLINE = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|story|news|content|coverage|reading|posts?))?|"
    r"also read|read also|see also|also see|read more|more|must read|don't miss|read next|"
    r"watch|listen|recommended)\s*(?:[:：|»›>–—-]\s*)(\S.{0,300})$",
    re.I,
)
_RELATED_GLUED = re.compile(r"^(?:Related|RELATED)(?=[A-Z0-9\"'“‘])(.{4,300})$")
_TAGS_INLINE = re.compile(
    r"^(?:tags|topics|related topics|keywords|filed under|categories)\s*[:：]\s*(\S.{0,400})$", re.I
)
_READING_TIME = re.compile(
    r"(?:^|[\s|•·,])(?:reading time|read time|lesezeit|temps de lecture)?\s*[:：]?\s*"
    r"(\d{1,3})\s*[-‐ ]?\s*(?:min|mins|minute|minutes|minuten|dk|dakika)\.?"
    r"(?:\s+(?:read|reading|de lecture|lesezeit|okuma(?: süresi)?))?(?=$|[\s|•·,])",
    re.I,
)
_READING_LINE = re.compile(
    r"^(?:(?:reading time|read time|lesezeit|temps de lecture)\s*[:：]?\s*)?\d{1,3}\s*[-‐ ]?\s*"
    r"(?:min|mins|minute|minutes|minuten|dk|dakika)\.?(?:\s+(?:read|reading|de lecture|lesezeit|okuma))?$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:(?i:by|written by|words by|story by|text by|reported by|author|authors|von|par|por|door|di)"
    r"\s*[:：]?\s+|(?:By|BY)(?=[A-Z][a-z]))(\S.{0,200})$",
)
# Where the names of a byline end: a separator, a date, a time, "Updated", "Published".
_BYLINE_END = re.compile(
    r"\s[|•·—–]\s|\s-\s|\s\|\s?|\d|\b(?:updated|published|posted|last updated|on|at|with)\b", re.I
)
_BYLINE_LABELS = frozenset({"by", "written by", "words by", "story by", "author", "authors", "posted by",
                            "reported by", "von", "par", "por"})
_NAME_PARTICLES = frozenset({"and", "&", "de", "da", "di", "del", "der", "van", "von", "al", "bin",
                             "la", "le", "du", "dos", "y", "e", "und", "et", "ibn", "el", "ter"})
_DATE_LABEL = re.compile(
    r"^(?:published|updated|last updated|first published|posted|modified|last modified|created|"
    r"date|dated|released|aktualisiert|veröffentlicht|publié|mis à jour|publicado|actualizado)\b",
    re.I,
)
_UPDATED_SPLIT = re.compile(
    r"\b(?:updated|update|last updated|modified|last modified|edited|aktualisiert|mis à jour|actualizado|"
    r"güncelleme|güncellendi)\b",
    re.I,
)
_RELATIVE_DATE = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?(?:\d{1,3}|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?)\s+ago$|^(?:just now|yesterday|today)$",
    re.I,
)
# Copying glues neighbouring inline elements: "October 1, 20253:05 PM GMT+2Updated 2 hours ago".
_GLUED_YEAR_TIME = re.compile(r"((?:19|20)\d\d)(?=\d{1,2}:\d\d|[A-Z][a-z])")
_GLUED_LABEL = re.compile(r"(?<=[\w)])(?=(?:Updated|Published|Last updated|Posted)\b)")
_DATE_NOISE = frozenset({
    "date", "dated", "published", "updated", "update", "last", "first", "posted", "modified", "on", "at",
    "am", "pm", "a.m.", "p.m.", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "et", "pt", "pst",
    "pdt", "ist", "trt", "msk", "jst", "of", "the", "|", "-", "–", "—", "·", "•", "/", ",",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ago", "hours", "hour", "minutes",
    "min", "mins", "read", "time", "by",
})
_MONTH_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})
_BOILERPLATE = re.compile(
    r"\bcookies?\b.{0,200}\b(?:consent|accept|privacy|settings|experience|partners)\b|"
    r"\b(?:enable|turn on) javascript\b|\byour browser (?:does not|doesn't) support\b|"
    r"\ball rights reserved\b|\bsign up (?:for|to) (?:our|the)\b|\bsubscribe to (?:our|the)\b|"
    r"\bnewsletter\b.{0,80}\b(?:sign up|subscribe|inbox|email)\b|\bterms of (?:use|service)\b|"
    r"\bprivacy policy\b|\bsubscribers? only\b|\balready a subscriber\b|\bcreate (?:a free|an) account\b|"
    r"\bwe use cookies\b|\bthis (?:article|story) (?:was|has been) (?:updated|corrected)\b.{0,40}$|"
    r"\bdownload (?:the|our) app\b|\bfollow us on\b|"
    r"\b(?:appears|appeared|was published|is published) in (?:the )?print\b|\bin (?:the|our) print edition\b",
    re.I,
)
_BULLET = re.compile(r"^(?:[•·▪▫◦‣●■□►▶➤✓✔–—*-]\s+|\d{1,2}[.)]\s+(?=\S))")
_BREADCRUMB_SPLIT = re.compile(r"\s+[/>›»]\s+|\s*\|\s*")
_SENTENCE_END = ".!…。！"
_CLOSERS = "\"'”’»)]」』）"
# Scripts written without spaces: about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_ACRONYMS = frozenset({
    "us", "uk", "eu", "un", "usa", "uae", "nato", "ai", "g7", "g20", "cop", "who", "imf", "mena",
    "asean", "brics", "opec", "lgbtq", "covid", "covid-19", "nba", "nfl", "f1", "tv", "bbc", "cnn",
    "trt", "sdg", "ii", "iii", "iv",
})
_MINOR_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "in", "on", "at", "to", "for", "by", "&"})


@dataclass(slots=True)
class _Line:
    """One non-blank line of the input and what the classifier made of it."""

    index: int
    text: str
    words: int
    kind: str
    gap_before: bool
    in_widget: bool = False
    quote: bool = False


# ---------------------------------------------------------------------------------------------
# Public helpers


def section_title(text: str) -> str:
    """A section name as a person writes it: ALL CAPS or all lower case becomes Title Case.

    >>> section_title("MIDDLE EAST"), section_title("US POLITICS"), section_title("arts and culture")
    ('Middle East', 'US Politics', 'Arts and Culture')
    >>> section_title("Middle East")
    'Middle East'
    """
    text = " ".join(text.split())
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
        return text
    words = []
    for position, word in enumerate(text.split(" ")):
        folded = word.casefold()
        if folded in _ACRONYMS:
            words.append(word.upper())
        elif position > 0 and folded in _MINOR_WORDS:
            words.append(folded)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def line_kinds(text: str) -> list[tuple[str, str]]:
    """Each non-blank line of ``text`` with the kind the classifier gives it (for inspection).

    >>> line_kinds("MIDDLE EAST\\n1 min read\\nBy Jane Doe\\nAdvertisement")
    [('kicker', 'MIDDLE EAST'), ('reading_time', '1 min read'), ('byline', 'By Jane Doe'), ('marker', 'Advertisement')]
    """
    return [(line.kind, line.text) for line in _mark_widgets(_split_lines(_normalise(text)))]


# ---------------------------------------------------------------------------------------------
# 1. Lines and their kinds


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _ZERO_WIDTH.sub("", text)


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = False
    for raw in text.split("\n"):
        folded = _WS.sub(" ", raw).strip()
        if folded.endswith(("tab", "window")):
            folded = _UI_SUFFIX.sub("", folded).strip()
        if not folded:
            gap = True
            continue
        index = len(lines)
        cells = [c.strip() for c in raw.split("\t")] if "\t" in raw.strip() else []
        if sum(1 for c in cells if c) >= 2:
            # Copying a table puts a tab between cells.
            folded = " | ".join(_WS.sub(" ", c) for c in cells if c)
            lines.append(_Line(index, folded, _word_count(folded), TABLE, gap or index == 0))
        else:
            words = _word_count(folded)
            lines.append(_Line(index, folded, words, _classify(folded, words), gap or index == 0))
        gap = False
    _mark_embeds(lines)
    _join_byline_labels(lines)
    return lines


def _join_byline_labels(lines: list[_Line]) -> None:
    """"Written by" alone on a line, the name on the next: read the pair as one byline."""
    for line, following in pairwise(lines):
        if _key(line.text) in _BYLINE_LABELS and following.kind == SHORT and following.words <= 6:
            joined = "By " + following.text
            if _byline_names(joined) is not None:
                line.kind = MARKER
                following.kind = BYLINE
                following.text = joined


def _mark_embeds(lines: list[_Line]) -> None:
    """An embedded post is its text and its attribution line: keep both, as one quotation."""
    for line in lines:
        if line.kind != EMBED:
            continue
        line.quote = True
        for above in reversed(lines[max(0, line.index - 3) : line.index]):
            linked = _POST_LINK.search(above.text) is not None
            if above.kind in (EMBED, TABLE, WIDGET) or (above.kind == PROSE and not linked):
                break
            above.quote = True
            if linked:
                break


def _word_count(text: str) -> int:
    """Words in a line; in Chinese, Japanese and Thai, two characters count as one word."""
    spaced = len(text.split())
    unspaced = len(_UNSPACED.findall(text)) if len(text) > spaced * 3 else 0
    return spaced + unspaced // 2


def _key(text: str) -> str:
    """Lower case, without the punctuation and symbols that decorate interface text."""
    return " ".join(text.casefold().strip(" .:;,!?|·•*#>»›«‹-–—→←↓↑()[]'\"“”‘’\u25b6\u25ba").split())


def _ends_sentence(text: str) -> bool:
    end = text.rstrip(_CLOSERS)
    return bool(end) and (end[-1] in _SENTENCE_END or (end[-1] in "?:," and len(text.split()) >= 10))


def _classify(text: str, words: int) -> str:
    if len(text) > _LONG_LINE:
        return PROSE
    if _EMBED_ATTRIBUTION.match(text):
        return EMBED
    key = _key(text)
    if not key or _is_marker(key):
        return MARKER
    if key in _RELATED_LABELS:
        return WIDGET
    if key in _WIDGET_LABELS or (words <= 8 and _WIDGET_PREFIX.match(key)):
        return WIDGET
    if key in _ASIDE_LABELS:
        return ASIDE
    if key in _TAG_LABELS or _TAGS_INLINE.match(text):
        return TAGS
    if _RELATED_GLUED.match(text) or (words <= 40 and _RELATED_INLINE.match(text)):
        return RELATED
    if words <= 40 and _byline_names(text) is not None:
        return BYLINE
    if words <= 40 and is_credit_line(text):
        return CREDIT
    if words <= 8 and _READING_LINE.match(text):
        return READING
    if words <= 20 and _is_date_line(text):
        return DATE
    if words <= 60 and _is_caption(text):
        return CAPTION
    if words <= 80 and _BOILERPLATE.search(text):
        return BOILERPLATE
    if _BULLET.match(text) and words >= 2:
        return LIST_ITEM
    if words >= 4 and not _ends_sentence(text) and _is_data_row(text):
        return TABLE
    if words <= 6 and _is_all_caps(text) and not _ends_sentence(text):
        return KICKER
    if text.endswith(("[…]", "[...]", "(…)", "(...)")):
        # An excerpt cut short is a teaser for another page.
        return SHORT
    if (words >= 4 and _ends_sentence(text)) or words >= 25:
        return PROSE
    return SHORT


def _is_marker(key: str) -> bool:
    if key in _MARKER_LINES or (len(key) <= 120 and (_MARKER_PATTERN.match(key) or _COMMENTS_LABEL.match(key))):
        return True
    # "Advertisement · Scroll to continue", "Share | Print | Email"
    parts = _MARKER_SPLIT.split(key) if len(key) <= 120 else []
    return len(parts) > 1 and all(not p or p in _MARKER_LINES or _MARKER_PATTERN.match(p) for p in parts)


def _is_data_row(text: str) -> bool:
    # "3 Kevin Harvick 5033 4 6 15 26": a table row copied without its tabs is mostly numbers.
    tokens = text.split()
    numbers = sum(1 for t in tokens if t.strip("%$€£.,+-()").replace(".", "").replace(",", "").isdigit())
    return numbers >= 3 and numbers * 2 >= len(tokens)


def _is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _byline_names(text: str) -> str | None:
    """The names part of a byline line ("By Jane Doe and John Smith | Oct 1"), or None."""
    match = _BYLINE.match(text)
    if match is None:
        return None
    rest = _unglue(match.group(1))
    end = _BYLINE_END.search(rest)
    names = rest[: end.start()] if end else rest
    names = names.strip(" ,;:|-–—")
    tokens = names.split()
    if not tokens or len(tokens) > 10:
        return None
    for token in tokens:
        bare = token.strip(",.;:'’\"()")
        if not bare:
            continue
        if bare.casefold() in _NAME_PARTICLES:
            continue
        if not (bare[0].isupper() or not bare[0].isalpha()):
            return None
    # Words after the names must not read on as a sentence ("By Monday, the talks had ended.").
    if end is None and _ends_sentence(text) and len(tokens) > 4:
        return None
    return names


def _unglue(text: str) -> str:
    return _GLUED_LABEL.sub(" ", _GLUED_YEAR_TIME.sub(r"\1 ", text))


def _date_leftover(text: str) -> list[str]:
    """The words of a date line that are not part of the date, its label or its time."""
    leftover: list[str] = []
    for token in _unglue(text).split():
        bare = token.strip(",.;:()[]").casefold()
        if not bare or any(ch.isdigit() for ch in bare):
            continue
        if bare in _DATE_NOISE or bare in _MONTH_WORDS or bare.rstrip(".") in _MONTH_WORDS:
            continue
        if all(not ch.isalnum() for ch in bare):
            continue
        leftover.append(token.strip(",;:()[]|"))
    return leftover


def _is_date_line(text: str) -> bool:
    if _RELATIVE_DATE.match(text):
        return True
    if not any(ch.isdigit() for ch in text):
        return False
    unglued = _unglue(text)
    if find_date(unglued) is None:
        return bool(_DATE_LABEL.match(text)) and len(text.split()) <= 8
    return len(_date_leftover(text)) <= 5


def _caption_parts(text: str) -> tuple[str | None, str | None, str | None]:
    """Caption, credit and note of a caption line (captions.split_caption, plus "/File Photo")."""
    text = _HIDDEN_LABEL.sub(r"\1: ", text)
    note_match = _SLASH_NOTE.search(text)
    if note_match:
        text = text[: note_match.start()]
    parts = split_caption(text)
    note = parts.note or (note_match.group(1).title() if note_match else None)
    return parts.caption, parts.credit, note


def _is_caption(text: str) -> bool:
    parts = split_caption(_SLASH_NOTE.sub("", _HIDDEN_LABEL.sub(r"\1: ", text)))
    if parts.note is None and parts.credit is None:
        return False
    if parts.credit is None:
        # A bracket alone ("[Step By Step]") is a note only when it says what the photo is.
        return bool(parts.note and _PHOTO_NOTE.search(parts.note))
    credit = parts.credit
    # A credit is names and agencies ("Jose Jordan/AFP", "Getty Images"); "He told Reuters" is prose.
    for word in credit.replace("/", " ").split():
        folded = word.casefold()
        if word[0].isalpha() and not word[0].isupper() and folded not in _NAME_PARTICLES and folded not in (
            "via", "by", "for"
        ):
            return False
    return len(credit.split()) <= 8


def _mark_widgets(lines: list[_Line]) -> list[_Line]:
    """Flag the runs of headline lines that follow widget labels ("Explore", "Most read")."""
    open_label: str | None = None
    last_was_headline = False
    aside_left = 0
    for line in lines:
        if line.kind in (WIDGET, TAGS, ASIDE):
            open_label = line.kind
            last_was_headline = False
            aside_left = 6
            continue
        if open_label is None:
            continue
        if open_label == ASIDE:
            aside_left -= 1
            if line.gap_before or aside_left < 0:
                open_label = None
            else:
                line.in_widget = True
            continue
        if _continues_widget(line, last_was_headline):
            line.in_widget = True
            last_was_headline = line.kind in (SHORT, KICKER, LIST_ITEM)
        else:
            if line.kind == PROSE:
                _release_header(lines, line.index)
            open_label = None
            last_was_headline = False
    return lines


def _release_header(lines: list[_Line], body_at: int) -> None:
    """A list that runs straight into prose ends with that prose's own header (headline, byline
    or date): give those lines back."""
    cluster = [line for line in lines[max(0, body_at - 6) : body_at] if line.in_widget]
    if any(line.kind == BYLINE or (line.kind == DATE and find_date(_unglue(line.text))) for line in cluster):
        for line in cluster:
            line.in_widget = False


def _continues_widget(line: _Line, after_headline: bool) -> bool:
    if line.kind in (SHORT, KICKER, LIST_ITEM, BYLINE, DATE, READING, MARKER, CAPTION, RELATED, CREDIT):
        return True
    if line.kind == PROSE:
        # A teaser's one-line summary right under its headline; a real paragraph ends the list.
        question = line.text.rstrip(_CLOSERS).endswith("?") and line.words <= 20
        return question or (after_headline and not line.gap_before and line.words <= 30)
    return False


# ---------------------------------------------------------------------------------------------
# 2. Segmentation


def _score(line: _Line) -> float:
    if line.in_widget:
        return _WIDGET_ITEM_SCORE
    if line.quote:
        return max(0.0, float(min(line.words, _MAX_WORDS_SCORED)) if line.kind == PROSE else 0.0)
    if line.kind == PROSE:
        return float(min(line.words, _MAX_WORDS_SCORED))
    if line.kind == LIST_ITEM:
        return min(line.words, _MAX_WORDS_SCORED) / 2.0
    if line.kind == SHORT and line.words <= 3:
        return -3.0
    return _SCORES.get(line.kind, 0.0)


def _best_run(scores: Sequence[float]) -> tuple[int, int] | None:
    """The maximum-sum run of scores (Kadane), as [start, end) trimmed to positive ends."""
    best_sum = 0.0
    best: tuple[int, int] | None = None
    running = 0.0
    start = 0
    for index, score in enumerate(scores):
        if running <= 0:
            running = 0.0
            start = index
        running += score
        if running > best_sum:
            best_sum = running
            best = (start, index + 1)
    if best is None:
        return None
    first, end = best
    while first < end and scores[first] <= 0:
        first += 1
    return (first, end) if first < end else None


def _slug_headline(lines: Sequence[_Line], slug: set[str]) -> int | None:
    """The first line that says what the URL's slug says: the headline, when there is a URL."""
    if len(slug) < 3:
        return None
    for line in lines:
        if line.kind not in (SHORT, PROSE, KICKER) or not 3 <= line.words <= 25 or "http" in line.text:
            continue
        tokens = {w for w in _WORD.findall(line.text.casefold()) if len(w) >= 3}
        if len(slug & tokens) >= 0.75 * len(slug):
            return line.index
    return None


def _body_run(lines: Sequence[_Line], scores: Sequence[float], url: str | None) -> tuple[int, int] | None:
    """Where the body is: the best run of lines, cut after the headline when the URL names it."""
    best = _best_run(scores)
    anchor = _slug_headline(lines, _slug_words(url))
    if best is None or anchor is None or not best[0] < anchor < best[1]:
        return best
    # The headline sits inside the best run: what precedes it is other pages' teasers.
    after = _best_run(scores[anchor + 1 :])
    if after is None:
        return best
    start, end = after[0] + anchor + 1, after[1] + anchor + 1
    if sum(line.words for line in lines[start:end] if line.kind == PROSE) < MIN_ARTICLE_WORDS:
        return best
    return start, end


def _body_end(lines: list[_Line], start: int, end: int) -> int:
    """End the body at the comments, where a second article's header (headline, then byline or
    date) begins, or where a trailing run of unlabelled teasers begins."""
    total_words = sum(line.words for line in lines[start:end] if line.kind == PROSE)
    words_so_far = 0
    for index in range(start, end):
        line = lines[index]
        if line.kind == PROSE:
            words_so_far += line.words
        if (line.kind == MARKER and words_so_far >= 2 * (total_words - words_so_far)
                and _COMMENTS_LABEL.match(_key(line.text))):
            # Comments follow the article; a "Comments" button before most of the text is a share bar.
            return index
        if words_so_far < 80 or line.kind not in (SHORT, KICKER) or line.in_widget:
            continue
        anchors = 0
        for follower in lines[index + 1 : min(end, index + 4)]:
            if follower.kind in (BYLINE, DATE, READING):
                anchors += 1
            elif follower.kind == PROSE:
                break
        if anchors >= 2 or (anchors == 1 and line.words >= 4):
            return index
    return _before_trailing_teasers(lines, start, end)


def _before_trailing_teasers(lines: list[_Line], start: int, end: int) -> int:
    """Where a run of teasers (headline, one-line summary, headline, ...) that closes the body starts."""
    index = end - 1
    headlines = 0
    first_teaser = end
    while index > start:
        line = lines[index]
        if line.kind in (SHORT, KICKER) or line.in_widget:
            headlines += line.kind in (SHORT, KICKER)
        elif line.kind == PROSE and line.words <= _TEASER_WORDS and lines[index - 1].kind in (SHORT, KICKER):
            pass
        elif line.kind not in (MARKER, DATE, BYLINE, READING, CAPTION):
            break
        if line.kind in (SHORT, KICKER):
            first_teaser = index
        index -= 1
    return first_teaser if headlines >= 3 else end


# ---------------------------------------------------------------------------------------------
# 3. Fields


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        # "http://[" and other unparsable URLs say nothing about the headline.
        return set()
    segments = [s for s in path.split("/") if s]
    if not segments:
        return set()
    slug = max(segments, key=lambda s: s.count("-") + s.count("_"))
    return {w for w in re.split(r"[-_.\s]+", slug.casefold()) if len(w) >= 3 and not w.isdigit()}


def _headline_index(header: list[_Line], counts: Counter[str], url: str | None, names: set[int]) -> int | None:
    """The header line that is the headline, by how headlines sit on a page: near the body,
    over a standfirst, byline or date, under a kicker, often repeated (image alt, breadcrumb)."""
    slug = _slug_words(url)
    best: tuple[float, int] | None = None
    total = len(header)
    meaningful = [p for p, line in enumerate(header) if line.kind != MARKER]
    for rank, position in enumerate(meaningful):
        line = header[position]
        if line.in_widget or line.kind not in (SHORT, PROSE, KICKER):
            continue
        if line.words < 2 or line.words > 30 or (line.kind == PROSE and line.text.rstrip(_CLOSERS).endswith(".")):
            continue
        if (line.kind == KICKER and line.words < 4) or position in names:
            continue
        score = 2.0 if 4 <= line.words <= 16 else (1.0 if line.words > 16 else 0.5)
        if counts[_key(line.text)] >= 2:
            score += 4.0
        if slug:
            tokens = {w for w in _WORD.findall(line.text.casefold()) if len(w) >= 3}
            score += 8.0 * len(slug & tokens) / len(slug)
        following = [header[p] for p in meaningful[rank + 1 : rank + 4]]
        preceding = header[meaningful[rank - 1]] if rank > 0 else None
        for weight, after in zip((3.0, 2.0, 1.0), following, strict=False):
            if (after.kind in (BYLINE, DATE, READING, CAPTION) or after.index in names) and not after.in_widget:
                score += weight
                break
        if following and following[0].kind in (PROSE, SHORT) and 8 <= following[0].words <= 80 and (
            following[0].words > line.words
        ):
            score += 3.0
        if preceding is not None:
            if preceding.kind in (KICKER, DATE, READING):
                score += 2.0
            elif (preceding.kind in (SHORT, PROSE) and 4 <= preceding.words < line.words
                  and not line.gap_before and not preceding.in_widget):
                # Right under a shorter headline-like line: this is that headline's standfirst.
                score -= 2.5
        if _in_list(header, position):
            score -= 3.0
        score += 2.0 * (position + 1) / total
        if line.words <= 3:
            score -= 3.0
        if best is None or score > best[0]:
            best = (score, position)
    return best[1] if best else None


def _name_lines(header: list[_Line]) -> set[int]:
    """Header lines that are only a person's name, next to a date or a byline: the author, unprefixed
    ("Jane Doe" over "October 1, 2025")."""
    found: set[int] = set()
    for position, line in enumerate(header):
        if line.kind != SHORT or not 2 <= line.words <= 6 or line.in_widget:
            continue
        before = [n for n in header[max(0, position - 4) : position] if n.kind != MARKER][-2:]
        after = [n for n in header[position + 1 : position + 5] if n.kind != MARKER][:2]
        if not any(n.kind in (DATE, BYLINE, READING) for n in before + after):
            continue
        words = line.text.split()
        # Only capitalised words make a name ("Jane Doe in Washington" has one and a place);
        # scripts without case give no such evidence.
        if not words[0][0].isupper() or not all(
            w[0].isupper() or w.casefold() in _NAME_PARTICLES or w in ("in", "at", "for") for w in words
        ):
            continue
        names = clean_authors([line.text])
        if names and sum(len(n.split()) for n in names) * 2 >= line.words:
            found.add(position)
    return found


def _in_list(lines: list[_Line], position: int) -> bool:
    """Whether a line sits between two other headline-like lines (a menu or a table of contents)."""
    if position == 0 or position + 1 >= len(lines):
        return False
    neighbours = (lines[position - 1], lines[position + 1])
    return all(n.kind in (SHORT, LIST_ITEM) and n.words >= 3 for n in neighbours)


def _previous_meaningful(lines: list[_Line], position: int) -> _Line | None:
    for line in reversed(lines[max(0, position - 3) : position]):
        if line.kind not in (MARKER,):
            return line
    return None


@dataclass(slots=True)
class _Header:
    headline: str | None = None
    standfirst: str | None = None
    section: str | None = None
    published: str | None = None
    updated: str | None = None
    reading_minutes: int | None = None
    byline_names: list[str] | None = None
    image: Image | None = None


def _read_header(header: list[_Line], counts: Counter[str], url: str | None) -> _Header:
    out = _Header()
    name_lines = _name_lines(header)
    head_at = _headline_index(header, counts, url, name_lines)
    if head_at is not None:
        out.headline = header[head_at].text
    used: set[int] = set() if head_at is None else {head_at}

    out.image = _header_image(header, used, out.headline)
    out.standfirst = _standfirst(header, head_at, used, out.headline)
    out.section = _section(header, head_at)
    out.published, out.updated = _dates(line for line in header if not line.in_widget)
    out.reading_minutes = _reading_minutes(header)
    # The article's byline sits by its headline; "By Use Case" in a menu far above it is not one.
    offset = max(0, head_at - 3) if head_at is not None else max(0, len(header) - 10)
    near = header[offset:]
    names = [n for line in near if line.kind == BYLINE and not line.in_widget for n in [_byline_names(line.text)] if n]
    if not names:
        names = [line.text for i, line in enumerate(near) if offset + i in name_lines]
    out.byline_names = names
    return out


def _header_image(header: list[_Line], used: set[int], headline: str | None) -> Image | None:
    for position, line in enumerate(header):
        if line.in_widget:
            continue
        if line.kind == CAPTION:
            caption, credit, note = _caption_parts(line.text)
            if caption is None and position > 0:
                # A credit on its own line ("Photo: Jane Doe/AFP") belongs to the line above.
                above = header[position - 1]
                if above.kind in (PROSE, SHORT) and position - 1 not in used:
                    caption = above.text
                    used.add(position - 1)
            used.add(position)
            return Image(caption=caption, credit=credit, note=note)
        if line.kind in (CREDIT, SHORT) and position > 0 and _is_bare_photo_credit(line.text):
            above = header[position - 1]
            if above.kind == PROSE and position - 1 not in used and not (headline and _same(above.text, headline)):
                used.update({position - 1, position})
                return Image(caption=above.text, credit=line.text.strip(" ()[]"))
    return None


def _is_bare_photo_credit(text: str) -> bool:
    """Whether a line is only a photo credit ("Getty Images", "AFP", "Jane Doe/Reuters")."""
    text = text.strip(" ()[]")
    if not text or len(text.split()) > 8:
        return False
    if lookup_agency(text):
        return True
    # captions.split_caption knows the credit forms; a line it reads wholly as credit is one.
    return split_caption("Caption. " + text).credit == text


def _standfirst(header: list[_Line], head_at: int | None, used: set[int], headline: str | None) -> str | None:
    if head_at is None:
        return None
    for position in range(head_at + 1, len(header)):
        line = header[position]
        if position in used or line.in_widget or (headline and _same(line.text, headline)):
            continue
        if line.kind in (PROSE, SHORT) and 8 <= line.words <= 80:
            used.add(position)
            return line.text
    return None


def _section(header: list[_Line], head_at: int | None) -> str | None:
    """The section: a date line's leftover words ("date 2025-10-01 MIDDLE EAST"), a breadcrumb's
    last step, or a kicker or short label just over the headline."""
    limit = head_at if head_at is not None else len(header)
    headline = _key(header[head_at].text) if head_at is not None else ""
    # Kickers count only right over the headline; further up they are menu items ("US", "WORLD").
    meaningful_above = [p for p in range(limit) if header[p].kind != MARKER]
    near = meaningful_above[-4] if len(meaningful_above) >= 4 else 0
    candidates: list[str] = []
    for position, line in enumerate(header[:limit]):
        if line.in_widget:
            continue
        if line.kind == DATE:
            rest = _date_leftover(line.text)
            if 1 <= len(rest) <= 4 and all(w[:1].isalpha() for w in rest):
                candidates.append(" ".join(rest))
        elif line.kind == KICKER and position >= near:
            candidates.append(line.text)
        elif line.kind == SHORT and 2 <= len(_BREADCRUMB_SPLIT.split(line.text)) <= 6:
            crumbs = [c for c in _BREADCRUMB_SPLIT.split(line.text)
                      if c and c.casefold() != "home" and _key(c) != headline]
            if crumbs and all(len(c.split()) <= 4 for c in crumbs):
                candidates.append(crumbs[-1])
    if not candidates and head_at:
        above = _previous_meaningful(header, head_at)
        if above is not None and above.kind == SHORT and above.words <= 3 and not above.in_widget:
            candidates.append(above.text)
    return section_title(candidates[-1]) if candidates else None


def _dates(lines: Iterable[_Line]) -> tuple[str | None, str | None]:
    """Publication and update dates from date lines and bylines: "Published 1 Oct · Updated 2 Oct"."""
    published: str | None = None
    updated: str | None = None
    for line in lines:
        if line.kind not in (DATE, BYLINE):
            continue
        text = _unglue(line.text)
        split = _UPDATED_SPLIT.search(text)
        before, after = (text[: split.start()], text[split.end() :]) if split else (text, "")
        found = find_date(before)
        if found:
            published = _more_precise(published, found)
        found_updated = find_date(after) if after else None
        if found_updated:
            updated = updated or found_updated
    return published, updated


def _more_precise(current: str | None, found: str) -> str:
    # The first date wins; a later line giving the same day with a time refines it.
    if current is None:
        return found
    if len(found) > len(current) and found.startswith(current):
        return found
    return current


def _reading_minutes(header: list[_Line]) -> int | None:
    for line in header:
        if line.in_widget or line.kind not in (READING, DATE, BYLINE, SHORT, KICKER):
            continue
        match = _READING_TIME.search(line.text)
        if match:
            minutes = int(match.group(1))
            if 0 < minutes < 600:
                return minutes
    return None


def _link(text: str) -> Link | None:
    """A related-link line as a Link: "TRT World - Title" names its site first."""
    text = text.strip(" :|-–—")
    if not text or len(text.split()) > 40:
        return None
    for separator in (" - ", " – ", " — ", " | "):
        if separator in text:
            site, _, title = text.partition(separator)
            site_words = site.split()
            if 1 <= len(site_words) <= 4 and len(title.split()) >= 3 and all(
                w[:1].isupper() or w[:1].isdigit() for w in site_words
            ):
                return Link(title=title.strip(), site=site.strip())
            break
    return Link(title=text)


def site_from_related(links: Sequence[Link]) -> str | None:
    """The outlet a related-links block names as its own: one site named by at least half its links.

    Copied text rarely names its outlet, but a same-site related block does ("RelatedTRT World - ...").
    A block naming several outlets is a list of other sites' stories and names none.

    >>> site_from_related([Link(title="Iraq's PM seeks closer ties", site="TRT World")])
    'TRT World'
    >>> site_from_related([Link(title="Floods", site="BBC"), Link(title="Storms", site="Reuters")]) is None
    True
    """
    sites = Counter(link.site for link in links if link.site)
    if len(sites) != 1:
        return None
    site, count = sites.most_common(1)[0]
    return site if count * 2 >= len(links) else None


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed address ("http://[::1") names no site
        return None
    return host.removeprefix("www.") if host else None


def _related_links(lines: Sequence[_Line]) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    in_related_block = False
    for line in lines:
        text: str | None = None
        if line.kind == WIDGET:
            in_related_block = _key(line.text) in _RELATED_LABELS
            continue
        if line.kind == RELATED:
            match = _RELATED_GLUED.match(line.text) or _RELATED_INLINE.match(line.text)
            text = match.group(1) if match else None
        elif in_related_block and line.in_widget and line.kind in (SHORT, PROSE, LIST_ITEM):
            text = _BULLET.sub("", line.text)
        elif not line.in_widget:
            in_related_block = False
        if text:
            link = _link(text)
            if link and _key(link.title) not in seen:
                seen.add(_key(link.title))
                links.append(link)
    return links


def _tags(lines: Sequence[_Line]) -> list[str]:
    tags: list[str] = []
    for position, line in enumerate(lines):
        if line.kind != TAGS:
            continue
        inline = _TAGS_INLINE.match(line.text)
        if inline:
            tags.extend(re.split(r"[,;|•·]", inline.group(1)))
            continue
        for follower in lines[position + 1 : position + 30]:
            # Tags are short links in a row; interface text or anything longer ends them.
            if not follower.in_widget or follower.words > 5 or follower.kind not in (SHORT, KICKER):
                break
            tags.extend(re.split(r"[,;|•·]", follower.text))
    out: list[str] = []
    for tag in tags:
        tag = tag.strip(" #")
        if tag and len(tag) <= 60 and tag.casefold() not in (t.casefold() for t in out):
            out.append(tag)
    return out[:30]


def _body_blocks(lines: Sequence[_Line], drop: set[str]) -> list[Block]:
    blocks: list[Block] = []
    for position, line in enumerate(lines):
        if line.in_widget or _key(line.text) in drop:
            continue
        if line.quote:
            blocks.append(Block("quote", line.text))
        elif line.kind == PROSE:
            blocks.append(Block("paragraph", line.text))
        elif line.kind == TABLE:
            if blocks and blocks[-1].type == "table" and position and lines[position - 1].kind == TABLE:
                blocks[-1] = Block("table", blocks[-1].text + "\n" + line.text)
            else:
                blocks.append(Block("table", line.text))
        elif line.kind == LIST_ITEM:
            item = _BULLET.sub("", line.text).strip()
            if item:
                blocks.append(Block("list_item", item))
        elif line.kind in (SHORT, KICKER) and line.words <= 20:
            following = next((f for f in lines[position + 1 :] if f.kind not in (MARKER,)), None)
            if following is not None and following.kind == PROSE and not following.in_widget:
                blocks.append(Block("heading", section_title(line.text) if line.kind == KICKER else line.text))
    return blocks


def _is_listing(lines: Sequence[_Line], start: int, body: Sequence[Block]) -> bool:
    """Whether the text is a page of other stories (a copied home or section page)."""
    paragraphs = [b for b in body if b.type == "paragraph"]
    body_words = sum(len(b.text.split()) for b in paragraphs)
    headings = sum(1 for b in body if b.type == "heading")
    # Teaser grids: a headline over every short summary.
    if len(paragraphs) >= 4 and headings >= 0.7 * len(paragraphs) and body_words / len(paragraphs) < 30:
        return True
    if body_words >= MIN_ARTICLE_WORDS * 2:
        return False
    # A short text among many headlines is a teaser, unless a byline or a date introduces it.
    introduced = any(
        not line.in_widget and (line.kind == BYLINE or (line.kind == DATE and find_date(_unglue(line.text))))
        for line in lines[max(0, start - 5) : start]
    )
    headlines = sum(1 for line in lines if (line.kind in (SHORT, KICKER) and line.words >= 4) or line.in_widget)
    return not introduced and headlines >= 8


def _check_input(text: object, name: str | None) -> str:
    if not isinstance(text, str):
        raise UnsupportedInputError(name, f"scraped text must be str, got {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLargeError(name, f"text of {len(text):,} characters exceeds {MAX_TEXT_CHARS:,}")
    if not text.strip():
        raise EmptyInputError(name, "no text")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise DecodingError(name, "text holds control characters: binary data, not a copied page")
    return text


def extract_text(text: str, url: str | None = None, source: str | None = None) -> Article:
    """Extract an Article from text copied out of a browser page.

    Raises EmptyInputError, InputTooLargeError, DecodingError (binary junk) or
    UnsupportedInputError (not a str); anything else comes back as an Article, with
    ``is_article=False`` and an empty body when the text is not an article.

    >>> page = ("WORLD\\nRain returns to the county after a dry summer\\nBy Jane Doe\\n"
    ...         "October 1, 2025\\n\\n" + "After months without rain, storms swept the county. " * 8 +
    ...         "\\n\\nAdvertisement\\n\\n" + "Farmers, who had feared for their crops, welcomed it. " * 6 +
    ...         "\\n\\nSource: AFP\\nMost read\\nA headline about something else\\nBy John Roe")
    >>> article = extract_text(page)
    >>> article.headline, article.section, article.authors, article.published
    ('Rain returns to the county after a dry summer', 'World', ['Jane Doe'], '2025-10-01')
    >>> len(article.body), article.wire_source.code, article.is_article
    (2, 'AFP', True)
    """
    _check_input(text, source or url)
    lines = _mark_widgets(_split_lines(_normalise(text)))
    scores = [_score(line) for line in lines]
    run = _body_run(lines, scores, url)
    if run is None:
        return Article(url=url, is_article=False).finish()
    start, end = run
    end = _body_end(lines, start, end)
    header_lines = lines[:start]
    body_lines = lines[start:end]
    tail = _tail(lines, end)

    counts = Counter(_key(line.text) for line in lines if line.words >= 3)
    # A breadcrumb ends with the headline: "Home > Blog > Top 10 Trends to Watch".
    counts.update(_key(_BREADCRUMB_SPLIT.split(line.text)[-1]) for line in lines[:start]
                  if line.kind == SHORT and _BREADCRUMB_SPLIT.search(line.text))
    header = _read_header(header_lines, counts, url)
    if header.headline is None and len(body_lines) > 1 and _opens_as_headline(body_lines[0]):
        # Nothing before the body: the text was copied from the headline down, and a headline
        # phrased as a question or exclamation scored as prose.
        header.headline = body_lines[0].text
        body_lines = body_lines[1:]
    drop = {_key(t) for t in (header.headline, header.standfirst) if t}
    if header.image and header.image.caption:
        drop.add(_key(header.image.caption))
    body = _body_blocks(body_lines, drop)

    article = Article(url=url, canonical_url=url)
    if _is_listing(lines, start, body):
        return article.finish()

    # Where agencies are named: the first paragraph's dateline, credit lines, the last paragraphs.
    credit_lines = [line.text for line in body_lines[:1] + body_lines[-3:]]
    credit_lines += [line.text for line in body_lines + tail if line.kind == CREDIT]
    # Last, and only in their "Outlet with AA" or "Source: AFP" form: credits by the headline
    # (a bare "AFP" there is the photo's).
    credit_lines += [line.text for line in header_lines[-12:]
                     if line.kind in (CREDIT, KICKER) and not line.in_widget and not _is_bare_photo_credit(line.text)]
    # "By Jane Doe with AFP"
    credit_lines += [line.text[m.start() :] for line in header_lines[-12:] if line.kind == BYLINE
                     for m in [_WITH_AGENCY.search(line.text)] if m]
    wire = wire_source_from_lines(credit_lines).source
    authors = clean_authors(header.byline_names or [])
    if not header.byline_names:
        # No byline: a wire footer's "Reporting by Jane Doe; Editing by ..." names the reporters.
        staff = [line.text for line in body_lines + tail if line.kind == CREDIT and _REPORTED_BY.search(line.text)]
        authors = clean_authors(staff)
    if wire is None:
        for name in header.byline_names or []:
            wire = lookup_agency(name)
            if wire:
                break
    image = header.image
    if image is None:
        image = _body_image(body_lines)

    published = header.published
    updated = header.updated
    # No date in the header: one among the first lines of the body region, just after the body,
    # or in a list that ran into the body's start (its header cluster) is the next best.
    fallbacks = (
        [line for line in body_lines[:8] if not line.in_widget],
        tail[:3],
        [line for line in header_lines[-8:] if line.in_widget and line.kind == DATE],
    )
    for candidates in fallbacks:
        if published is not None:
            break
        published, late_updated = _dates(candidates)
        updated = updated or late_updated
    if published is None and url:
        published = date_from_url(url)
    if published is None:
        # A page that shows only when it was updated vouches for no earlier date than that one.
        published = updated

    article.headline = header.headline
    article.standfirst = header.standfirst
    article.section = header.section
    article.published = published
    article.updated = updated
    article.authors = authors
    article.image = image
    article.body = _without_author_bio(body, authors)
    article.wire_source = wire
    article.related = _related_links(body_lines + tail)
    article.site_name = site_from_related(article.related) or _host(url)
    article.tags = _tags(lines[start:])
    article.reading_time_minutes = header.reading_minutes
    article.finish()
    article.is_article = sum(_word_count(block.text) for block in article.body) >= MIN_ARTICLE_WORDS
    if not article.is_article:
        article.body = []
        article.word_count = 0
        article.reading_time_minutes = header.reading_minutes
    elif body:
        article.language = detect_language(article.text)
    return article


def _opens_as_headline(line: _Line) -> bool:
    end = line.text.rstrip(_CLOSERS)[-1:]
    return line.kind == PROSE and line.words <= 20 and end in ("?", "!") and not line.in_widget


def _without_author_bio(body: list[Block], authors: list[str]) -> list[Block]:
    """Drop the closing note about the author ("Jane Doe covers city politics for ...")."""
    full_names = tuple(name for name in authors if " " in name)
    if not full_names:
        return body
    keep = len(body)
    for index in range(len(body) - 1, max(-1, len(body) - 4), -1):
        block = body[index]
        if block.type == "paragraph" and len(block.text.split()) <= 60 and block.text.startswith(full_names):
            keep = index
    return body[:keep]


def _tail(lines: list[_Line], end: int) -> list[_Line]:
    """The lines just after the body, up to the first block of other stories."""
    tail: list[_Line] = []
    for line in lines[end : end + 12]:
        if line.kind == WIDGET and _key(line.text) not in _RELATED_LABELS:
            break
        if line.kind == PROSE and not line.in_widget:
            break
        tail.append(line)
    return tail


def _body_image(body_lines: Sequence[_Line]) -> Image | None:
    for line in body_lines:
        if line.kind == CAPTION and not line.in_widget:
            caption, credit, note = _caption_parts(line.text)
            return Image(caption=caption, credit=credit, note=note)
    return None
