"""HTML page -> Article: parse once, read the metadata, then the body, then reconcile them.

The reconciliation is where a page's parts meet: the headline and byline repeated at the top
of the body are dropped, credit lines become the wire source, the first figure caption feeds
the image, and the page is judged an article or not.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

import numpy as np
from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser

from newsdesk.errors import PageTooComplexError
from newsdesk.extract.author_bio import without_closing_bio
from newsdesk.extract.body import extract_body
from newsdesk.extract.body_nodes import fold_ws
from newsdesk.extract.body_trim import trim_body
from newsdesk.extract.boilerplate import is_end_marker
from newsdesk.extract.budget import WorkBudget
from newsdesk.extract.captions import split_caption
from newsdesk.extract.dates import parse_date
from newsdesk.extract.embedded import embedded_html
from newsdesk.extract.language import detect_language
from newsdesk.extract.metadata import PageMetadata, extract_metadata
from newsdesk.extract.text_furniture import is_meta_line
from newsdesk.extract.textsize import UNSPACED_RANGES, has_unspaced, text_length
from newsdesk.extract.textsize import word_count as count_words
from newsdesk.extract.urls import join_url
from newsdesk.extract.wire import wire_source_from_lines
from newsdesk.model import Article, Block, Image, Link, count_ascii_words, count_plain_words

#: Article types in JSON-LD / OpenGraph that make a page an article whatever its length.
ARTICLE_TYPES: Final = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "techarticle", "scholarlyarticle", "report", "howto", "recipe", "review",
})
#: Article types that say a page is a news report: its pictures' captions and credits are not the story.
NEWS_TYPES: Final = frozenset({
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
    "reviewnewsarticle", "liveblogposting",
})
#: Types that, beside an article type, say the article is news although its own type is plain "Article": a
#: NewsMediaOrganization among the page's structured data (its publisher; schema.org has it from 2017: the 2012
#: blogs and BBC pages of dragnet's set, whose golds keep their header lines, do not give it), or a fact check
#: (ClaimReview).
NEWS_SIGNS: Final = frozenset({"newsmediaorganization", "claimreview"})
#: Types that say a page lists other pages.
#: ("website" is not one: many sites give it as og:type of every page, articles included.)
LISTING_TYPES: Final = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})

_BYLINE_BLOCK: Final = re.compile(r"^(?:by|von|par|por|door|di|av)\s+\S.{0,80}$", re.I)
_DATE_BLOCK: Final = re.compile(
    r"^(?:published|updated|posted|last updated|first published|modified)\b.{0,80}$", re.I)
#: The first blocks of a body, where the header's lines repeated in it are looked for.
_HEAD_BLOCKS: Final = 6
_MIN_ARTICLE_WORDS: Final = 120
#: Fewest words of a story that says it is one (schema.org type, or both a date and a headline).
_MIN_SHORT_STORY_WORDS: Final = 25
_LISTING_TEASERS: Final = 10
_WORDS_PER_TEASER: Final = 20
_TAIL_WINDOW: Final = 4


def _is_news(page_types: frozenset[str] | set[str]) -> bool:
    """Whether a page's types say it is a news report: a news article type, or an article type beside a
    sign of news (``NEWS_SIGNS``).

    >>> _is_news({"newsarticle"}), _is_news({"article", "newsmediaorganization"}), _is_news({"article"})
    (True, True, False)
    >>> _is_news({"newsmediaorganization", "webpage"})  # the publisher's own page: no article
    False
    """
    return bool(page_types & NEWS_TYPES) or bool(page_types & NEWS_SIGNS and page_types & ARTICLE_TYPES)


def _same_text(a: str, b: str) -> bool:
    return fold_ws(a).casefold().strip(" .") == fold_ws(b).casefold().strip(" .")


def _drop_header_repeats(blocks: list[Block], meta: PageMetadata, news: bool = False) -> list[Block]:
    """Remove the headline, standfirst, byline and date lines repeated at the top of the body.

    On a news page (``news``), a block that is only a date or a reading time ("Veröffentlicht am 13. Mai
    2026 um 15:44", "3 Minuten Lesezeit") is the page's furniture among the first blocks, even under a
    standfirst or a caption, and as the body's last block.

    >>> meta = PageMetadata(headline="Rain returns")
    >>> story = [Block("paragraph", "Rain fell across the county on Monday after a long dry summer, "
    ...                             "the first in weeks.")]
    >>> lines = [Block("paragraph", "25.10.2025 - 15:26 Uhr"), Block("paragraph", "3 Min Lesezeit")]
    >>> [b.text for b in _drop_header_repeats(story + lines + story, meta, news=True)] == [story[0].text] * 2
    True
    >>> len(_drop_header_repeats(story + lines + story, meta))  # no news page: dragnet's blogs keep such lines
    4
    """
    out: list[Block] = []
    head_zone = True
    for index, block in enumerate(blocks):
        text = block.text
        # Dragnet's gold, mostly pages that say nothing of their type, keeps its header lines: only news pages.
        if news and index < _HEAD_BLOCKS and is_meta_line(text):
            continue
        if head_zone and index < _HEAD_BLOCKS:
            if meta.headline and _same_text(text, meta.headline):
                continue
            # A leading heading before any prose is the page title in another form.
            if (block.type == "heading" and index == 0 and len(text) < 200 and not out
                    and (meta.headline is None or len(text.split()) > 3) and not _is_lead_sentence(text)):
                continue
            if _BYLINE_BLOCK.match(text) or _DATE_BLOCK.match(text):
                continue
            # A bare date line above the story is its dateline in the page furniture.
            if len(text) <= 40 and parse_date(text) is not None:
                continue
        if block.type == "paragraph" and len(text) > 80:
            head_zone = False
        out.append(block)
    if news and len(out) > 1 and is_meta_line(out[-1].text):
        out.pop()
    return out


#: A heading that opens the body as a sentence of this many words is the story's lead set in large type
#: ("The U.S. has long been heralded as ..."), not the page title in another form.
_LEAD_SENTENCE_WORDS: Final = 15
_SENTENCE_END: Final = re.compile(r"[.!?…][\"'”’»)]*$")


def _is_lead_sentence(text: str) -> bool:
    """Whether a heading reads as the story's first sentence: long, and closed as a sentence.

    >>> _is_lead_sentence("The U.S. has long been heralded as a land of opportunity, a place where anyone can succeed.")
    True
    >>> _is_lead_sentence("Manhole Fires and Burst Pipes: How Winter Wreaks Havoc on What Lies Underneath the City")
    False
    >>> _is_lead_sentence("Watch: Dr. Ann Lee on How Winter Wreaks Havoc on Pipes and Cables That Lie Under the City")
    False
    """
    return len(text.split()) >= _LEAD_SENTENCE_WORDS and _SENTENCE_END.search(text) is not None


#: A body shorter than this (characters) may be a shell whose story is in the page's scripts, which are then searched.
_SHORT_BODY: Final = 500
#: A body shorter than this may be a teaser of the story that the page's JSON-LD ``articleBody`` holds whole: that
#: text is at hand, read with the metadata, and is looked at.
_TEASER_BODY: Final = 2000
#: An embedded text replaces such a body only when it is this many times as long, and this long (``text_length``,
#: about 80 words).
_EMBEDDED_OVER_DOM: Final = 3
_MIN_EMBEDDED: Final = 500
#: Share of the headline's words the embedded text's script must hold: it is this page's story.
_HEADLINE_WORDS_SHARE: Final = 0.6
_WORD: Final = re.compile(r"\w+")
#: What the markup shows of the story, when it shows this much, must open a paragraph of the embedded text:
#: state also lists other stories, whole.
_SHOWN_LEAD_CHARS: Final = 60


def _holds_the_lead(text: str, lead: str) -> bool:
    """Whether ``text`` holds what the markup shows of the story (``lead``, whitespace folded), when it shows enough."""
    return len(lead) < _SHOWN_LEAD_CHARS or lead[:_SHOWN_LEAD_CHARS] in fold_ws(text)


def _names_the_story(script: str, meta: PageMetadata, text: str, lead: str) -> bool:
    """Whether the data a text came from is this page's story: it holds what the markup shows of the story,
    and most of the headline's words or the text opens with the page's description."""
    if not _holds_the_lead(text, lead):
        return False
    words = {word.casefold() for word in _WORD.findall(meta.headline or "")}
    if words:
        folded = script.casefold()
        if sum(word in folded for word in words) >= _HEADLINE_WORDS_SHARE * len(words):
            return True
    description = fold_ws(meta.description or "")[:40]
    return len(description) >= 20 and description in fold_ws(text)


def _embedded_body(page: str, meta: PageMetadata, blocks: list[Block]) -> list[Block] | None:
    """The story's blocks from the page's embedded data, when its markup shows little of it (``None`` otherwise).

    Such a page is a teaser of a story its JSON-LD ``articleBody`` holds whole (a body under ``_TEASER_BODY``),
    or a shell that a script fills in the browser (Next.js, a query cache): the scripts are searched only for
    a body under ``_SHORT_BODY``. The longest of the ``articleBody`` and the paragraph markup in the scripts (read
    with the body extractor) replaces ``blocks`` only when it is far longer, opens a paragraph with
    what the markup shows, and (for a script's) its data names this page's headline. Most pages
    never come here: their markup holds the story.

    >>> import json
    >>> story = "".join(f"<p>Paragraph {n}: the ferry resumed service on Monday, the port said.</p>" for n in range(12))
    >>> page = ('<html><body><div id="app"></div><script>window.__STATE__ = ' +
    ...         json.dumps({"title": "Ferry resumes", "contentHtml": story}) + '</script></body></html>')
    >>> found = _embedded_body(page, PageMetadata(headline="Ferry resumes"), [])
    >>> len(found), found[0].text[:30]
    (12, 'Paragraph 0: the ferry resumed')
    >>> _embedded_body(page, PageMetadata(headline="Council votes on budget"), []) is None
    True
    """
    chars = sum(len(block.text) for block in blocks)
    if chars >= _TEASER_BODY:
        return None
    shown = sum(text_length(block.text) for block in blocks)
    lead = fold_ws(" ".join(block.text for block in blocks if block.type == "paragraph"))
    best: list[Block] | None = None
    best_length = max(_MIN_EMBEDDED, _EMBEDDED_OVER_DOM * shown) - 1
    linked = meta.article_body
    if linked:
        length = text_length(linked)
        if length > best_length and _holds_the_lead(linked, lead):
            best, best_length = [Block("paragraph", line) for line in linked.split("\n\n")], length
    if chars >= _SHORT_BODY:
        return best
    for markup, script in embedded_html(page):
        found = extract_body(LexborHTMLParser(f"<html><body>{markup}</body></html>")).blocks
        length = sum(text_length(block.text) for block in found)
        if length > best_length and _names_the_story(script, meta, " ".join(b.text for b in found), lead):
            best, best_length = found, length
    return best


def _site_name(meta: PageMetadata, url: str | None) -> str | None:
    """The outlet's name; a URL given as a name becomes its bare host ("www.x.com" -> "x.com")."""
    name = meta.site_name
    if name and name.lower().startswith(("http://", "https://", "www.")):
        host = urlsplit(name if "//" in name else f"//{name}").hostname
        name = host.removeprefix("www.") if host else None
    if not name and url:
        host = urlsplit(url).hostname
        name = host.removeprefix("www.") if host else None
    return name


def _cut_at_end_marker(blocks: list[Block]) -> list[Block]:
    """Drop everything from an end-of-article marker ("Related stories", "Comments") on.

    Only a marker in the second half of the text counts, so that a "Related" subheading early
    in a story does not cut it short; nor does the label of a box of links set inside the story
    ("More on this topic") with the story's prose going on below it.

    >>> prose = [Block("paragraph", "The council met on Monday, and voted. " * 8)] * 2
    >>> len(_cut_at_end_marker(prose + [Block("heading", "Related stories"), Block("paragraph", "A teaser.")]))
    2
    >>> len(_cut_at_end_marker(prose + [Block("paragraph", "More on this topic")] + prose))
    5
    >>> excerpts = [Block("paragraph", "Another story, and its opening lines. " * 8 + "…")] * 2
    >>> len(_cut_at_end_marker(prose * 2 + [Block("paragraph", "Like this:")] + excerpts))
    4
    """
    total = sum(len(b.text) for b in blocks)
    seen = 0
    for index, block in enumerate(blocks):
        if (seen >= total * 0.5 and block.type in ("heading", "paragraph") and is_end_marker(block.text)
                and not _story_goes_on(block.text, blocks[index + 1:], seen)
                and not _labels_a_box_within(block.text, blocks[index + 1:])):
            return blocks[:index]
        seen += len(block.text)
    return blocks


#: Readers' comments are prose too: after these markers, prose below is no sign of the story.
_DISCUSSION_MARKER: Final = re.compile(r"comment|reply|discussion|conversation|author", re.I)
#: A paragraph this long reads as the story's prose, not a teaser's line of summary.
_STORY_PARAGRAPH_CHARS: Final = 200
_ELLIPSES: Final = ("…", "...", "[…]", "[...]")


def _story_goes_on(marker: str, after: list[Block], before_chars: int) -> bool:
    """Whether the story's prose goes on under a related-links label: at least two long paragraphs
    below it, together a quarter as long as the text above. Teasers carry a line each, or an
    excerpt cut off with an ellipsis: neither is the story."""
    if _DISCUSSION_MARKER.search(marker):
        return False
    long_paragraphs = [len(b.text) for b in after if b.type == "paragraph" and len(b.text) >= _STORY_PARAGRAPH_CHARS
                       and not b.text.endswith(_ELLIPSES)]
    return len(long_paragraphs) >= 2 and sum(long_paragraphs) >= before_chars * 0.25


def _labels_a_box_within(marker: str, after: list[Block]) -> bool:
    """Whether a related-links label is met again below, with a paragraph of the story's prose between: the
    page sets a box of links under the same label between the story's paragraphs ("Auch interessant"), and
    the story runs on to the last one.

    >>> prose = Block("paragraph", "The council met on Monday, and voted to close the bridge. " * 4)
    >>> _labels_a_box_within("Also read", [Block("paragraph", "A teaser"), prose, Block("heading", "Also read")])
    True
    >>> _labels_a_box_within("Also read", [prose, Block("heading", "Related")])
    False
    """
    if _DISCUSSION_MARKER.search(marker):
        return False
    label = fold_ws(marker).casefold()
    prose = False
    for block in after:
        text = block.text
        if block.type == "paragraph" and len(text) >= _STORY_PARAGRAPH_CHARS and not text.endswith(_ELLIPSES):
            prose = True
        elif prose and block.type in ("heading", "paragraph") and fold_ws(text).casefold() == label:
            return True
    return False


#: Fewest characters of a description that may be a standfirst.
_MIN_STANDFIRST: Final = 30
#: Words of a description that must be shown, in order, under the headline: its opening. They are looked for within
#: this many characters of where its longest word is shown.
_SHOWN_WORDS: Final = 8
_SHOWN_REACH: Final = 200
#: Characters of a description that hold its opening words (eight words of 19 characters each).
_OPENING_REACH: Final = 160
#: A description repeats the body when this share of its four-word runs is in the body's opening (this many
#: characters).
_REPEATED_SHARE: Final = 0.5
_OPENING_CHARS: Final = 3000
#: How far past a description's own length into the body its text may first be found and still be the body's
#: opening told again (``_repeats_opening``).
_OPENING_SLACK: Final = 1000


def _may_be_standfirst(meta: PageMetadata) -> bool:
    """Whether the page's description is long enough, and other than its headline, to be a standfirst."""
    description = meta.description
    if not description or len(description) < _MIN_STANDFIRST:
        return False
    return not (meta.headline and _same_text(description, meta.headline))


def _standfirst(meta: PageMetadata, blocks: list[Block], under_headline: str | None) -> str | None:
    """The page's description when it is the standfirst a reader sees: its opening words are shown under the
    headline (``under_headline``, the page's text there), it ``_may_be_standfirst``, and it does not repeat the
    body's opening.

    A description shown nowhere is a summary for search engines and link previews (or a site's slogan, a
    caption, "Also in today's edition ..."), not the story's lede; one the body opens with is the body's.

    >>> meta = PageMetadata(headline="Storm nears", description="The coast braces for the worst storm in decades.")
    >>> body = [Block("paragraph", "Rain fell all night.")]
    >>> _standfirst(meta, body, "By Ann Lee The coast braces for the worst storm in decades. Rain fell all night.")
    'The coast braces for the worst storm in decades.'
    >>> _standfirst(meta, body, "By Ann Lee Rain fell all night.") is None
    True
    >>> body = [Block("paragraph", "HAVANA (AP) - The coast braces for the worst storm in decades, officials said.")]
    >>> _standfirst(meta, body, body[0].text) is None
    True
    """
    if not under_headline or not meta.description or not _may_be_standfirst(meta):
        return None
    description = fold_ws(meta.description)
    opening = _WORD.findall(description[:_OPENING_REACH].casefold())[:_SHOWN_WORDS]
    if not opening:
        return None
    shown = under_headline.casefold()
    # Its longest word first, which most pages' text lacks; then the words around each place it is shown.
    longest = max(opening, key=len)
    wanted = f" {' '.join(opening)} "
    at = shown.find(longest)
    while at >= 0:
        window = shown[max(0, at - _SHOWN_REACH):at + _SHOWN_REACH]
        if wanted in f" {' '.join(_WORD.findall(window))} ":
            break
        at = shown.find(longest, at + len(longest))
    if at < 0:
        return None
    if _repeats_opening(description, blocks):
        return None
    return _shown_whole(description, under_headline)


#: The end of a sentence in text shown under a headline, wherever it falls (not only at the text's end, as
#: ``_SENTENCE_END`` above asks of a heading).
_SHOWN_SENTENCE_END: Final = re.compile(r"""[.!?…](?=[\s"'”’»)]|$)""")
_LAST_WORD: Final = re.compile(r"\w+$")
#: Characters a cut sentence may run on for past the description's end.
_CUT_SENTENCE_REST: Final = 300


def _shown_whole(description: str, under_headline: str) -> str:
    """The description as the page shows it when the description is that text cut short with an ellipsis: the
    shown text from where the description starts to the end of the sentence it was cut in. Otherwise the
    description itself.

    >>> shown = "By Ann Lee The coast braces for the worst storm in decades. Rain fell all night."
    >>> _shown_whole("The coast braces for the worst…", shown)
    'The coast braces for the worst storm in decades.'
    >>> _shown_whole("The coast braces for the worst storm in decades.", shown)
    'The coast braces for the worst storm in decades.'
    >>> _shown_whole("The coast braces for a quiet week...", shown)
    'The coast braces for a quiet week...'
    >>> _shown_whole("A man admitted he threatened ...", "A man admitted he threatened to kill Rep. Ann Lee on Friday.")
    'A man admitted he threatened to kill Rep. Ann Lee on Friday.'
    """
    cut = next((ellipsis for ellipsis in _ELLIPSES if description.endswith(ellipsis)), None)
    if cut is None:
        return description
    prefix = description[:-len(cut)].rstrip()
    shown = fold_ws(under_headline)
    folded = shown.casefold()
    # Positions in the folded text stand for the shown text's only where folding kept every length.
    if len(folded) != len(shown) or not prefix:
        return description
    start = folded.find(prefix.casefold())
    if start < 0:
        return description
    after = start + len(prefix)
    if shown[after:].lstrip().startswith(_ELLIPSES):
        return description  # the page shows it cut short too
    for end in _SHOWN_SENTENCE_END.finditer(shown, after, after + _CUT_SENTENCE_REST):
        # "Rep." or "U.S." ends no sentence: a short capitalised word or a letter before the full stop.
        word = _LAST_WORD.search(shown, 0, end.start())
        if end.group() == "." and word is not None and len(word.group()) <= 3 and word.group()[0].isupper():
            continue
        return shown[start:end.end()]
    return description


#: Characters of a lede named as one under the headline (``_shown_lede``): fewer make a kicker or a label, more
#: a box that holds the byline and the date with it.
_MIN_LEDE: Final = 40
_MAX_LEDE: Final = 600


def _shown_lede(lede: str | None, meta: PageMetadata, blocks: list[Block]) -> str | None:
    """The standfirst the page shows under its headline in an element named as one (``names_a_lede``: "article-lead",
    "detail__excerpt") or opening with its dateline ("Berlin. Die ..."), for a page whose description is not shown
    there: its lede reworded for search engines, or none.

    Not a line of furniture (the byline or the date), not the headline, not cut short, and not the body's opening
    told again.

    >>> meta = PageMetadata(headline="Storm nears", description="Read our storm coverage.")
    >>> body = [Block("paragraph", "Rain fell all night.")]
    >>> _shown_lede("The coast braces for the worst storm in decades.", meta, body)
    'The coast braces for the worst storm in decades.'
    >>> _shown_lede("By Ann Lee and Bob Stone, in Havana, for the Daily Bugle", meta, body) is None
    True
    >>> told = "Rain fell all night, and the coast braced."
    >>> _shown_lede(told, meta, [Block("paragraph", told)]) is None
    True
    """
    # One cut short ("...") is a teaser's excerpt of a text, not a standfirst.
    if lede is None or not _MIN_LEDE <= len(lede) <= _MAX_LEDE or lede.endswith(_ELLIPSES):
        return None
    if _BYLINE_BLOCK.match(lede) or _DATE_BLOCK.match(lede) or parse_date(lede) is not None:
        return None
    if meta.headline and _same_text(lede, meta.headline):
        return None
    if _repeats_opening(lede, blocks):
        return None
    return lede


def _repeats_opening(description: str, blocks: list[Block]) -> bool:
    """Whether half or more of a description's four-word runs are in the body's opening, as written there, the
    first of them where the body opens (within the description's length and ``_OPENING_SLACK`` characters).

    A wire story's dateline ("HAVANA (AP) -") or a clause reworded keeps the description from opening a
    paragraph, and it is still the body's opening told twice.

    >>> _repeats_opening("The coast braces for the worst storm in decades.",
    ...                  [Block("paragraph", "HAVANA (AP) - The coast braces for the worst storm in years.")])
    True
    >>> _repeats_opening("Officials fear the worst storm in decades.", [Block("paragraph", "Rain fell all night.")])
    False
    >>> _repeats_opening("...", [Block("paragraph", "Rain fell all night.")])
    False
    >>> quoted = [Block("paragraph", "Rain fell all night. " * 60), Block("paragraph", "'Nobody came to help us.'")]
    >>> _repeats_opening("Nobody came to help us.", quoted)
    False
    """
    opening: list[str] = []
    size = 0
    for block in blocks:
        opening.append(block.text)
        size += len(block.text)
        if size >= _OPENING_CHARS:
            break
    body = " ".join(opening)[:_OPENING_CHARS].casefold()
    folded = description.casefold()
    # Each run as written from its first word to its fourth, the punctuation between them kept: a text told twice
    # is told with the same.
    spans = [match.span() for match in _WORD.finditer(folded)]
    if not spans:  # punctuation alone retells nothing
        return False
    runs = [folded[spans[i][0]:spans[min(i + 3, len(spans) - 1)][1]] for i in range(0, max(len(spans) - 3, 1), 4)]
    found = [at for at in (body.find(run) for run in runs) if at >= 0]
    if len(found) < _REPEATED_SHARE * len(runs):
        return False
    # Told where the body opens: the first of its runs the body holds comes within the description's length (and
    # some) of the body's start. A dek that a quote, a caption or a recap far down the body tells again is still the
    # page's dek.
    return found[0] <= len(folded) + _OPENING_SLACK


def _image(meta: PageMetadata, captions: list[tuple[str, str | None]], url: str | None) -> Image | None:
    image = Image(url=meta.image.url, caption=meta.image.caption, credit=meta.image.credit,
                  note=meta.image.note) if meta.image else Image()
    if captions and not image.caption:
        caption, src = captions[0]
        parts = split_caption(caption)
        image.caption, image.credit, image.note = parts.caption, image.credit or parts.credit, parts.note
        if not image.url and src:
            image.url = src
    elif image.caption and not image.credit:
        parts = split_caption(image.caption)
        image.caption, image.credit, image.note = parts.caption, parts.credit, image.note or parts.note
    if image.url and url:
        image.url = join_url(url, image.url)
    if not (image.url or image.caption or image.credit):
        return None
    return image


def _related(found: list[tuple[str, str]], url: str | None, site: str | None) -> list[Link]:
    seen: set[str] = set()
    links: list[Link] = []
    # The page's address is split once, and each link's once (it was split up to three times).
    page_parts = urlsplit(url) if url else None
    page = page_parts.path if page_parts is not None else None
    page_host = page_parts.hostname if page_parts is not None else None
    for title, href in found:
        absolute = join_url(url, href) if url else href
        if absolute in seen:
            continue
        parts = urlsplit(absolute)
        if page and parts.path == page:
            continue
        seen.add(absolute)
        host = parts.hostname
        same_site = url is not None and host == page_host
        links.append(Link(title=title, url=absolute, site=site if same_site else host))
        if len(links) >= 20:
            break
    return links


#: A character beyond ASCII that is a word character or one of the scripts written without spaces
#: (``textsize.has_unspaced``'s): a block with none is counted by ``count_ascii_words`` and holds none of those scripts.
_WORDY_BEYOND_ASCII: Final = re.compile(rf"[^\x00-\x7f](?<=[\w{UNSPACED_RANGES}])")


def _measure_words(blocks: list[Block]) -> tuple[int, bool]:
    """The blocks' count of ``\\w+`` words (``Article.word_count``), and whether any holds Chinese or Japanese
    (``has_unspaced``).

    One scan of a block beyond ASCII answers both for most blocks (curly quotes and dashes are neither words nor
    unspaced); only a block with a letter beyond ASCII is read again by each measure.

    >>> _measure_words([Block("paragraph", "“Rain,” she said — again."), Block("paragraph", "Ça coûte 3 €.")])
    (7, False)
    >>> _measure_words([Block("paragraph", "東京で雨")])
    (1, True)
    """
    words = 0
    unspaced = False
    for block in blocks:
        text = block.text
        if text.isascii() or _WORDY_BEYOND_ASCII.search(text) is None:
            words += count_ascii_words(text)
        else:
            words += count_plain_words(text)
            unspaced = unspaced or has_unspaced(text)
    return words, unspaced


def _is_article(meta: PageMetadata, blocks: list[Block], link_ratio: float, teasers: int,
                plain_words: int, unspaced: bool) -> bool:
    """Whether the page is a story; ``plain_words`` is the blocks' count of ``\\w+`` words and ``unspaced``
    whether any holds Chinese or Japanese (``_measure_words``).

    Without Chinese or Japanese text that count is what ``count_words`` gives, so only such pages pay for
    counting again.
    """
    # Measured so that a Chinese or Japanese story meets the same bars as a Latin-script one.
    if unspaced:
        word_count = sum(count_words(b.text) for b in blocks)
        prose_blocks = sum(1 for b in blocks if b.type != "heading" and text_length(b.text) > 80)
    else:
        word_count = plain_words
        prose_blocks = sum(1 for b in blocks if b.type != "heading" and len(b.text) > 80)
    if meta.page_types & ARTICLE_TYPES:
        return word_count >= _MIN_SHORT_STORY_WORDS and prose_blocks >= 1
    if meta.page_types & LISTING_TYPES and word_count < 300:
        return False
    # Many advertised stories with a line of summary each: a home or section page.
    if teasers >= _LISTING_TEASERS and word_count < _WORDS_PER_TEASER * teasers:
        return False
    if link_ratio > 0.5:
        return False
    if word_count >= _MIN_ARTICLE_WORDS and prose_blocks >= 1:
        return True
    # A short story still has its own headline (not the outlet's name) or a date; a very short one
    # (a blog post of a paragraph, a news brief) has both.
    headline = meta.headline or ""
    has_own_headline = bool(headline) and not (meta.site_name and _same_text(headline, meta.site_name))
    if prose_blocks < 1 or link_ratio >= 0.3:
        return False
    if meta.published and has_own_headline:
        return word_count >= _MIN_SHORT_STORY_WORDS
    return word_count >= 60 and (bool(meta.published) or has_own_headline)


#: Elements nested deeper than this make the page pathological: HTML tree building checks the
#: open-element stack per tag, so a 100,000-deep page costs minutes of parse, not milliseconds.
MAX_OPEN_ELEMENTS: Final = 5000
# Only a page with this many tags can hold that many open ones; most pages never pay the count.
_TAGS_WORTH_COUNTING: Final = 4 * MAX_OPEN_ELEMENTS
_CONTAINERS: Final = ("div|blockquote|section|article|span|ul|ol|li|table|tr|td|b|i|em|strong|a|font|center|"
                      "form|dl|dd|dt|nav|aside|header|footer|main|figure|q|u|s|small|big|code|pre|sub|sup|label")
_LT: Final = ord("<")
_CONTAINER_TAG: Final = re.compile(rf"<(/?)(?:{_CONTAINERS})[\s>/]", re.I)


def _count_lt(utf8: bytes) -> int:
    """How many "<" a page's UTF-8 bytes hold (no other character's UTF-8 holds that byte).

    >>> _count_lt("<p>café</p>".encode())
    2
    """
    # bytes.count tests the page byte by byte in a plain loop; numpy's vector compare does it in
    # a quarter of the time on a page of ~170 kB (numpy comes with py3langid, and `import newsdesk`
    # has loaded it already).
    return int(np.count_nonzero(np.frombuffer(utf8, dtype=np.uint8) == _LT))


def check_nesting(html: str, source: str | None = None, *, utf8: bytes | None = None) -> None:
    """Refuse, before parsing, a page whose elements nest deeper than any real page does.

    ``utf8``, the page encoded, is counted faster than ``html`` when the caller has it.

    >>> check_nesting("<div>" * 10 + "</div>" * 10)
    >>> check_nesting("<blockquote>" * 30_000, "deep.html")
    Traceback (most recent call last):
    ...
    newsdesk.errors.PageTooComplexError: deep.html: page too complex: elements nested over 5000 deep
    >>> check_nesting("<blockquote>" * 30_000, "deep.html", utf8=("<blockquote>" * 30_000).encode())
    Traceback (most recent call last):
    ...
    newsdesk.errors.PageTooComplexError: deep.html: page too complex: elements nested over 5000 deep
    """
    if (html.count("<") if utf8 is None else _count_lt(utf8)) < _TAGS_WORTH_COUNTING:
        return
    depth = 0
    for match in _CONTAINER_TAG.finditer(html):
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        if depth > MAX_OPEN_ELEMENTS:
            raise PageTooComplexError(source, f"page too complex: elements nested over {MAX_OPEN_ELEMENTS} deep")


#: Lexbor's DOM mutation events off while it builds a page's tree (and while the body step removes from it):
#: they only serve live-document behaviours (``<selectedcontent>`` mirroring its ``<option>``) that no
#: reader of a news page sees, and firing them costs ~4% of the parse.
_PARSE_OPTIONS: Final = LexborDocumentOptions.WO_EVENTS.value


def extract_html(html: str, url: str | None = None, source: str | None = None, *,
                 utf8: bytes | None = None) -> Article:
    """Extract an Article from an HTML page.

    ``utf8`` is ``html`` encoded as the parser takes it (``html.encode("utf-8", "ignore")``), when
    the caller has made it already: the page is then not encoded a second time.

    >>> page = ('<html lang="en"><head><title>Rain returns | Daily Bugle</title>'
    ...         '<meta property="og:title" content="Rain returns"></head><body><article>'
    ...         '<h1>Rain returns</h1><p>' + 'After a dry summer, rain fell across the county. ' * 10 +
    ...         '</p><p>' + 'Farmers, who had feared for their crops, welcomed it. ' * 10 + '</p>'
    ...         '</article></body></html>')
    >>> article = extract_html(page, url="https://bugle.example/2025/10/01/rain")
    >>> article.headline, article.is_article, len(article.body)
    ('Rain returns', True, 2)
    """
    if utf8 is None:
        utf8 = html.encode("utf-8", "ignore")
    check_nesting(html, source or url, utf8=utf8)
    # Bytes are parsed as UTF-8 as they are: the same tree as from the string, which selectolax
    # would encode just so.
    tree = LexborHTMLParser(utf8, options=_PARSE_OPTIONS)
    budget = WorkBudget(source or url)
    meta = extract_metadata(tree, url)
    budget.check()
    news = _is_news(meta.page_types)
    found = extract_body(tree, budget, meta.headline, news=news, under_headline=True,
                         description=meta.description)
    blocks = _cut_at_end_marker(_drop_header_repeats(found.blocks, meta, news))

    tail_start = max(0, len(blocks) - _TAIL_WINDOW)
    window = [blocks[0].text if blocks else ""] + [b.text for b in blocks[tail_start:]]
    credit = wire_source_from_lines(window)
    drop = {tail_start + i - 1 for i in credit.credit_lines if i > 0}
    blocks = [b for i, b in enumerate(blocks) if i not in drop]
    # After the credit lines are read: a wire credit can sit among the closing labels.
    blocks = trim_body(blocks, news)
    blocks = without_closing_bio(blocks, meta.authors, news=news)
    embedded = _embedded_body(html, meta, blocks)
    if embedded is not None:
        blocks = trim_body(_cut_at_end_marker(_drop_header_repeats(embedded, meta, news)), news)

    site_name = _site_name(meta, url or meta.canonical_url)
    plain_words, unspaced = _measure_words(blocks)
    article = Article(
        url=url,
        canonical_url=meta.canonical_url or url,
        site_name=site_name,
        language=meta.language,
        headline=meta.headline,
        standfirst=(_standfirst(meta, blocks, found.under_headline)
                    or _shown_lede(found.lede_under, meta, blocks)),
        authors=list(meta.authors),
        published=meta.published,
        updated=meta.updated,
        section=meta.section,
        tags=list(meta.tags),
        image=_image(meta, found.captions, url or meta.canonical_url),
        body=blocks,
        wire_source=credit.source,
        related=_related(found.related, url or meta.canonical_url, site_name),
    ).finish(plain_words)
    # A verdict, not a filter: a page judged no story keeps the text found (a photo post or a short blog post
    # judged too slight is still what its reader came for); ingest files such pages apart by this flag.
    article.is_article = _is_article(meta, blocks, found.body_link_ratio, found.teasers, plain_words, unspaced)
    if article.language is None and article.body:
        article.language = detect_language(article.text)
    return article
