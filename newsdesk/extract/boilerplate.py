"""What is not the article: tags, class/id names and short phrases that mark boilerplate.

These are written by hand because they are the judgement the extractor encodes: no library
exposes a list that fits news pages (readability's and trafilatura's are buried in their code).
Class and id names are matched as whole tokens (split on ``-``, ``_``, spaces and camelCase
boundaries) so that ``ad`` does not match ``header`` nor ``share`` match ``shareholder``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

#: Elements that never hold article text.
DROP_TAGS: Final = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
    "button", "input", "select", "textarea", "nav", "dialog", "menu", "link", "meta", "head",
)

#: Elements that are usually page furniture rather than article text.
FURNITURE_TAGS: Final = ("aside", "footer", "header")

# Tokens in class/id that mark boilerplate wherever they occur.
_STRONG_TOKENS: Final = (
    "ad", "ads", "adv", "advert", "advertisement", "advertising", "adslot", "adunit", "adsense", "dfp",
    "banner", "sponsor", "sponsored", "promo", "promotion", "promoted", "outbrain", "taboola", "teads",
    "share", "shares", "sharing", "sharebar", "social", "socials", "sociallinks", "facebook", "twitter",
    "whatsapp", "linkedin", "pinterest", "newsletter", "newsletters", "subscribe", "subscription",
    "signup", "paywall", "cookie", "cookies", "consent", "gdpr", "popup", "modal", "lightbox",
    "comment", "comments", "commenting", "commentlist", "disqus", "discussion", "respond", "replies",
    "related", "recommended", "recommendation", "recommendations", "recirc", "recirculation",
    "trending", "popular", "mostread", "mostpopular", "morestories", "readmore", "readnext",
    "upnext", "breadcrumb", "breadcrumbs", "sidebar", "navbar", "navigation",
    "menu", "footer", "masthead", "toolbar", "pagination", "pager",
    # Google's mark for what its site search must not index as the page's content (a blog's widgets).
    "nocontent",
)
# Tokens that mark boilerplate unless the same name also says it is the article ("entry-meta" no,
# "post-content-meta"... yes): bylines, tag lists, captions and hidden helpers.
_WEAK_TOKENS: Final = (
    "nav", "skip", "print", "rating", "tags", "tagcloud", "taglist", "keywords", "topics", "byline",
    "dateline", "timestamp", "author", "authors", "bio", "avatar", "meta", "postmeta", "entrymeta",
    "caption", "credit", "credits", "hidden", "hide", "visually", "screenreader", "sronly", "jump",
    "toc", "overlay", "reply",
)
_BAD_COMPOUNDS: Final = (
    "read-more", "more-from", "more-stories", "most-read", "most-popular", "you-may-like",
    "you-might-like", "also-read", "see-also", "further-reading", "next-article", "prev-article",
    "article-footer", "post-footer", "entry-footer", "author-box", "about-author", "author-info",
    "sr-only", "visually-hidden", "screen-reader", "related-links", "post-navigation", "site-header",
    "site-footer", "social-share", "share-tools", "article-tools", "story-tools", "inline-related",
    "post-info", "entry-info", "article-info", "post-meta", "entry-meta", "article-meta", "meta-info",
)
# Tokens that mark the article itself; an element with one of these is kept despite bad tokens.
_GOOD_TOKENS: Final = frozenset({
    "article", "articlebody", "body", "content", "entry", "main", "post", "story", "storybody",
    "text", "blog", "prose", "richtext", "paragraph", "copy",
})
_TOKEN_SPLIT: Final = re.compile(r"[^a-z0-9]+")
_CAMEL: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_STRONG_TOKEN_SET: Final = frozenset(_STRONG_TOKENS)
_WEAK_TOKEN_SET: Final = frozenset(_WEAK_TOKENS)
# Classes CMSs derive from a post's categories and tags ("category-social-media", "tag-ads",
# "entry-category-facebook"): they name the story's topic, not what the element is.
_TOPIC_CLASS: Final = re.compile(r"(?<![^\s])(?:[a-z]+[-_])?(?:category|tag|topic)[-_]\S+", re.I)


#: The characters whose ``str.lower`` is not what ``re`` compares case-blind: "İ" lowers to two characters, and
#: case-blind "i" and "s" also match the dotless "ı" and the long "ſ" (checked over every code point).
_FOLDS_APART: Final = ("İ", "ı", "ſ")


def lowers_as_matched(text: str) -> bool:
    """Whether a literal search in ``text.lower()`` finds what a case-blind ``re`` pattern of lower-case
    words finds in ``text``: true unless the text holds one of the three letters where the two differ, so
    a caller may test cheap lower-cased literals first and keep the pattern for such texts.

    >>> lowers_as_matched("Contributed to THIS REPORT"), lowers_as_matched("İstanbul'dan bildiriyor")
    (True, False)
    """
    return text.isascii() or not any(char in text for char in _FOLDS_APART)


def literal_trie(words: tuple[str, ...] | list[str]) -> str:
    """A pattern matching exactly the given literal words, their shared prefixes written once.

    ``re`` tries an alternation's branches one by one at every position; factored, one failed
    character rules out every word that starts with it.

    >>> print(literal_trie(["read-more", "read-next", "see-also", "read"]))
    (?:read(?:\\-(?:more|next))?|see\\-also)
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = []
        for char in sorted(node):
            if not char:
                continue
            branch, child = re.escape(char), node[char]
            # Runs of single-child nodes are written as one literal.
            while len(child) == 1 and "" not in child:
                (char, child), = child.items()
                branch += re.escape(char)
            branches.append(branch + pattern(child))
        if not branches:
            return ""
        if "" in node:  # a word ends here: what follows is optional
            return f"(?:{'|'.join(branches)})?"
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return pattern(trie)


_BAD_COMPOUND_RE: Final = re.compile(literal_trie(_BAD_COMPOUNDS))
# Every bad compound holds "-" followed by one of these: a pattern that opens with a literal
# character is scanned for with a fast loop, a trie of words is tried at every position.
_COMPOUND_TAIL: Final = re.compile("-" + literal_trie(sorted({compound.split("-")[1] for compound in _BAD_COMPOUNDS})))
# Comment parts named in one run-together word ("commentbody", "commentform", "commentsarea"), as
# older blog engines write them; "commentary" (an opinion piece) is not among them.
_COMMENT_COMPOUND: Final = re.compile(
    r"^comments?(?:body|form|area|block|box|wrap|wrapper|container|list|item|items|text|content|meta|"
    r"thread|section|head|header|author|date|number|count|link|links|reply|entry|wrap|s)$")
# A post's meta line named in one run-together word, as WordPress's classic themes write it
# ("postmetadata": "This entry was posted on ... filed under ... comments are closed") and themes
# built on them prefix it ("singlepostmeta", "afterpostmeta"): a maybe, like "postmeta".
_META_COMPOUND: Final = re.compile(r"^[a-z]+(?:post|entry)meta(?:data|info)?$")


def name_tokens(value: str) -> list[str]:
    """Split a class or id value into lower-case tokens.

    >>> name_tokens("articleBody share-bar__item")
    ['article', 'body', 'share', 'bar', 'item']
    """
    return [t for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", value).lower()) if t]


@lru_cache(maxsize=65536)
def boilerplate_strength(value: str) -> int:
    """How surely a class/id value names page furniture: 2 surely, 1 maybe, 0 not.

    "Maybe" names (meta, author, hidden...) are used by some CMSs for content modules too, so
    the caller removes them only when their content also looks like furniture. "widget" is not
    one at all: page builders wrap every heading and paragraph in one.

    >>> boilerplate_strength("social-share-buttons"), boilerplate_strength("byline-author")
    (2, 1)
    >>> boilerplate_strength("commentbody by-reader"), boilerplate_strength("commentary")
    (2, 0)
    >>> boilerplate_strength("elementor-widget-container")
    0
    >>> boilerplate_strength("article-body shareholder-letter")
    0
    >>> boilerplate_strength("entry category-social-media tag-newsletter")
    0
    """
    return _strength(_value_verdict(value))


def attribute_strength(class_value: str | None, id_value: str | None) -> int:
    """``boilerplate_strength`` of an element's class and id values together, each judged apart.

    Judged as ``f"{class_value} {id_value}"`` would be (a verdict is made of its words' verdicts,
    and no word spans the two), except that an id made from a section's heading is not judged.
    Judged apart, a page's class values (repeated in ever new pairings with unique ids) keep
    hitting the cache, and no joined name is built for the many elements that name nothing.

    >>> attribute_strength("post-body", "share-bar"), attribute_strength("byline", None)
    (2, 1)
    >>> attribute_strength("byline", "main-content"), attribute_strength(None, None)
    (0, 0)
    """
    verdict = _value_verdict(class_value) if class_value else 0
    if id_value:
        # An id is mostly one word and new on every page: its words' verdicts are cached, not it.
        for word in id_value.split():
            # Most ids name nothing: the anchor test is only for the few that name furniture.
            word_verdict = _word_verdict(word)
            if word_verdict and not _is_heading_anchor(word):
                verdict |= word_verdict
    return _strength(verdict)


@lru_cache(maxsize=65536)
def class_strength(class_value: str) -> int:
    """``attribute_strength(class_value, None)``, cached per value: most elements carry a class and no id,
    and one cache probe costs less than the calls that make the verdict from its words' verdicts.

    >>> class_strength("share-bar"), class_strength("byline"), class_strength("post-body byline")
    (2, 1, 0)
    """
    return attribute_strength(class_value, None)


#: Words of running text that a heading's anchor keeps and a name given by a developer rarely does.
_PHRASE_WORDS: Final = frozenset({"a", "an", "the", "of", "with", "for", "and", "in", "on", "is", "how", "what", "why"})
#: A call to action reads as a phrase too ("follow-us-on-twitter", "sign-up-for-our-newsletter"), but it opens with
#: the verb the reader is asked to do or speaks as the site ("us", "our"): that is furniture, not a section's topic.
_ACTION_VERBS: Final = frozenset({"follow", "sign", "share", "leave", "join", "subscribe", "get", "download", "click",
                                  "like", "tweet", "email", "print", "send", "register", "log", "login", "donate",
                                  "support"})
_SITE_VOICE: Final = frozenset({"us", "our"})


def _is_heading_anchor(word: str) -> bool:
    """Whether an id is a section's anchor made from its heading ("sharing-with-a-single-developer").

    Such an id names the section's topic, not what the element is: "sharing" there is no share bar.
    A call to action phrased the same way is not one.

    >>> _is_heading_anchor("sharing-with-a-single-developer"), _is_heading_anchor("social-share-bar")
    (True, False)
    >>> _is_heading_anchor("follow-us-on-twitter"), _is_heading_anchor("share-this-with-a-friend")
    (False, False)
    """
    if word.count("-") < 3:
        return False
    parts = word.lower().split("-")
    if parts[0] in _ACTION_VERBS or any(part in _SITE_VOICE for part in parts):
        return False
    return any(part in _PHRASE_WORDS for part in parts)


def _strength(verdict: int) -> int:
    return 2 if verdict & _STRONG else 1 if verdict & _WEAK and not verdict & _GOOD else 0


@lru_cache(maxsize=65536)
def _value_verdict(value: str) -> int:
    """The ``_STRONG``, ``_WEAK`` and ``_GOOD`` bits of a class or id value's words together.

    >>> _value_verdict("byline post-body") == _WEAK | _GOOD
    True
    """
    # Judged word by word: a page repeats a few hundred class names in ever new combinations
    # (and with unique ids), so the verdict per word is what the cache keeps hitting.
    verdict = 0
    for word in value.split():
        verdict |= _word_verdict(word)
        if verdict & _STRONG:
            break
    return verdict


_STRONG: Final = 1
_WEAK: Final = 2
_GOOD: Final = 4


#: A run of letters and digits in a class or id, between its hyphens or underscores.
_GENERATED_KEY: Final = re.compile(r"[A-Za-z0-9]+")
#: A part cut at its capitals into this many pieces or more, this short on average, is a random key
#: ("n1AuAdJlVL", "kAdBcd"), not words run together ("jsAdWrap", "topAdBox", "gptAdSlot").
_KEY_PIECES: Final = 3
_KEY_PIECE_CHARS: Final = 2.5


def _drop_key(match: re.Match[str]) -> str:
    """A part of a class or id as it is, or nothing if it is a generated key.

    >>> _GENERATED_KEY.sub(_drop_key, "block-id-n1AuAdJlVL"), _GENERATED_KEY.sub(_drop_key, "jsAdWrap")
    ('block-id-', 'jsAdWrap')
    """
    part = match.group()
    if part.islower() or part.isupper():
        return part
    pieces = len(_CAMEL_TOKEN.findall(part))
    return "" if pieces >= _KEY_PIECES and len(part) <= _KEY_PIECE_CHARS * pieces else part


@lru_cache(maxsize=65536)
def _word_verdict(word: str) -> int:
    """What one white-space-free class or id says: ``_STRONG``, ``_WEAK`` and ``_GOOD`` bits.

    A topic class ("category-social-media") says nothing. Compounds and tokens never span white
    space, so a name's verdict is made of its words' verdicts.

    >>> _word_verdict("social-share") == _STRONG, _word_verdict("entry-meta") == _STRONG
    (True, True)
    >>> _word_verdict("byline-author") == _WEAK, _word_verdict("post-body") == _GOOD
    (True, True)
    >>> _word_verdict("tag-newsletter"), _word_verdict("shareholder")
    (0, 0)
    >>> _word_verdict("block-id-n1AuAdJlVL"), _word_verdict("jsAdWrap") == _STRONG
    (0, True)
    >>> _word_verdict("singlepostmeta") == _WEAK, _word_verdict("metadata")
    (True, 0)
    """
    # Most words are new on every page (generated ids and classes), so the cache misses and
    # this runs for each: the cheap tests go first.
    lowered = word.lower()
    # An ASCII word without the topic words cannot match (re.I folds only non-ASCII letters
    # such as the dotless i onto ASCII ones).
    if (not word.isascii() or "tag" in lowered or "topic" in lowered or "category" in lowered) \
            and _TOPIC_CLASS.match(word):
        return 0
    # Every bad compound holds a hyphen, and lower-casing never makes one: most words skip the scan.
    # _COMPOUND_TAIL, a hyphen and what follows it in some compound, is found by a fast scan from
    # hyphen to hyphen: only the few words that hold one are searched for the compounds themselves.
    if "-" in word and _COMPOUND_TAIL.search(lowered) and _BAD_COMPOUND_RE.search(lowered):
        return _STRONG
    if word.isascii():
        # The tokens as bytes: one table maps every byte but [a-z0-9] to a space (and A-Z to a-z),
        # split() cuts there; a camelCase word is cut at its capitals first.
        if lowered == word:
            tokens = word.encode().translate(_TOKEN_BYTES).split()
        else:
            tokens = " ".join(_CAMEL_TOKEN.findall(word)).encode().translate(_TOKEN_BYTES).split()
        # Most words hold no token with a verdict: one intersection in C finds out.
        verdict = 0
        for token in _TOKEN_BYTE_SET.intersection(tokens):
            verdict |= _TOKEN_BYTE_BITS[token]
        # A generated key cut at its capitals yields a token by chance ("block-id-n1AuAdJlVL": "Ad"): without
        # its keys, the word is judged again (only a word with a verdict and a capital is looked at).
        if verdict and lowered != word and (keyless := _GENERATED_KEY.sub(_drop_key, word)) != word:
            return _word_verdict(keyless)
        # A state, not a part: "no-caption", "no-sidebar", "without-comments" say the element lacks the thing.
        if verdict and not _NEGATIONS.isdisjoint(tokens):
            verdict = _negated_verdict(tokens)
        if verdict & _STRONG:
            return _STRONG
        if "comment" in lowered and any(token.startswith(b"comment") and _COMMENT_COMPOUND.match(token.decode())
                                        for token in tokens):
            return _STRONG
        if "meta" in lowered and any(_META_COMPOUND.match(token.decode()) for token in tokens):
            verdict |= _WEAK
        return verdict
    # name_tokens, without its camelCase pass for a word with no capital to split at.
    if lowered != word:
        lowered = _CAMEL.sub(" ", word).lower()
    verdict = 0
    for part in _TOKEN_SPLIT.split(lowered):
        bits = _TOKEN_BITS.get(part, 0)
        if bits & _STRONG:
            return _STRONG
        verdict |= bits
        if part.startswith("comment") and _COMMENT_COMPOUND.match(part):
            return _STRONG
        if _META_COMPOUND.match(part):
            verdict |= _WEAK
    return verdict


_NEGATIONS: Final = frozenset({b"no", b"without"})


def _negated_verdict(tokens: list[bytes]) -> int:
    """The bits of a word's tokens, leaving out each token that a "no" or "without" before it negates.

    >>> _negated_verdict([b"buzz", b"item", b"no", b"caption"]), _negated_verdict([b"no", b"caption", b"ad"]) == _STRONG
    (0, True)
    """
    verdict = 0
    negated = False
    for token in tokens:
        if not negated:
            verdict |= _TOKEN_BYTE_BITS.get(token, 0)
        negated = token in _NEGATIONS
    return verdict


#: Each furniture or content token's bits, one probe per token instead of one per set.
_TOKEN_BITS: Final = {
    token: (_STRONG if token in _STRONG_TOKEN_SET else 0) | (_WEAK if token in _WEAK_TOKEN_SET else 0)
    | (_GOOD if token in _GOOD_TOKENS else 0)
    for token in (*_STRONG_TOKEN_SET, *_WEAK_TOKEN_SET, *_GOOD_TOKENS)
}

#: The same for the tokens of an ASCII word, as bytes.
_TOKEN_BYTE_BITS: Final = {token.encode(): bits for token, bits in _TOKEN_BITS.items()}
_TOKEN_BYTE_SET: Final = frozenset(_TOKEN_BYTE_BITS)
#: Maps a byte of an ASCII word to itself if it is [a-z0-9], to its lower case if it is [A-Z], else to a space.
_TOKEN_BYTES: Final = bytes(byte if 48 <= byte <= 57 or 97 <= byte <= 122 else byte + 32 if 65 <= byte <= 90 else 32
                            for byte in range(256))
#: The tokens of an ASCII camelCase word as ``_CAMEL`` and ``_TOKEN_SPLIT`` cut it ("HTMLParser", "articleBody" ->
#: "article", "Body"): a new token starts at a capital after a small letter or digit.
_CAMEL_TOKEN: Final = re.compile(r"[A-Z]+[a-z0-9]*|[a-z0-9]+")


@lru_cache(maxsize=65536)
def furniture_tokens(value: str) -> frozenset[str]:
    """The tokens of a class/id value that name furniture (strong or weak).

    >>> sorted(furniture_tokens("has-dropcap paywall"))
    ['paywall']
    """
    return frozenset(t for t in name_tokens(value)
                     if t in _STRONG_TOKEN_SET or t in _WEAK_TOKEN_SET or _COMMENT_COMPOUND.match(t))


# Whole blocks that are interface text, not article text.
_FURNITURE_LINE: Final = re.compile(
    r"""^\W*(?:
        advertisement|advertisements?|adverts?|anzeige|publicidad|publicité|sponsored(?:\s+content)?|
        # What an ad slot prints above itself, the story going on under it.
        (?:(?:the|this|our|your)\s+)?(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:the\s+|this\s+)?(?:ad|advert|advertisement))?|
        # What a script would have replaced (WordPress's slideshows, players).
        (?:this\s+(?:slideshow|gallery|video|content|page)\s+requires|please\s+enable)\s+javascript.{0,80}|
        (?:continue|keep)\s+reading.*|read\s+more.*|read\s+next.*|see\s+also.*|also\s+read.*|
        (?:leia|veja)\s+(?:também|mais).{0,120}|(?:lee|lea)\s+(?:también|más).{0,120}|
        (?:à\s+)?lire\s+(?:aussi|également).{0,120}|leggi\s+anche.{0,120}|lees\s+ook.{0,120}|
        lesen\s+sie\s+auch.{0,120}|auch\s+lesen.{0,120}|
        (?:prze)?czytaj\s+(?:więcej|też|także|również)\b.{0,120}|(?:les|läs|læs)\s+(?:mer|mere|også|också|även)\b.{0,120}|
        related(?:\s+(?:articles?|stories|news|content|coverage|topics))?:?|recommended(?:\s+for\s+you)?|
        share(?:\s+(?:this|on|via)\b.*)?|tweet|email|print|comments?|
        # A post's counter of its readers' comments, and the links beside it ("174 comments | Add comment").
        \d+\s+comments?(?:\s*\|.{0,60})?|
        (?:sign\s+up|subscribe)\b.{0,120}|(?:click|tap)\s+here\b.{0,120}|
        follow\s+us\b.{0,80}|(?:copyright|©)\s.{0,160}|all\s+rights\s+reserved.{0,80}|
        listen\s+to\s+(?:this\s+)?article.{0,40}|\d+\s+min(?:ute)?s?\s+read|
        (?:image|photo|video)\s*:?\s*(?:getty\s+images|reuters|ap|afp)?|
        skip\s+(?:to\s+)?(?:content|advertisement|ad)|back\s+to\s+top|loading\.*|caption|
        (?:written|reviewed|medically\s+reviewed|fact[\s-]checked|edited)\s+by\s.{1,100}|citation:.{0,400}
    )\W*$""",
    re.I | re.X,
)


def is_furniture_text(text: str) -> bool:
    """Whether a short block is interface text ("Advertisement", "Read more", "Share")...

    >>> is_furniture_text("ADVERTISEMENT"), is_furniture_text("Advert")
    (True, True)
    >>> is_furniture_text("This slideshow requires JavaScript.")
    True
    >>> is_furniture_text("The advertisement market fell by a third in 2024.")
    False
    >>> is_furniture_text("Czytaj więcej"), is_furniture_text("Les også: Slik blir været")
    (True, True)
    >>> is_furniture_text("Les mercredis")
    False
    >>> is_furniture_text("Article continues below"), is_furniture_text("The story continues below the fold.")
    (True, False)
    """
    if len(text) >= 200:
        return False
    # ASCII text lower-cased is matched without re.I, which makes every character a case-folding
    # comparison (the pattern is lower case; only beyond ASCII does re.I fold other letters onto it).
    if text.isascii():
        return _FURNITURE_LINE_LOWER.match(text.lower()) is not None
    return _FURNITURE_LINE.match(text) is not None


_FURNITURE_LINE_LOWER: Final = re.compile(_FURNITURE_LINE.pattern, re.X)


# Short blocks after which a page stops being the article: what follows is recirculation,
# comments or the author box. Only trusted in the second half of a body (see html.py).
_END_MARKER: Final = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:articles?|stories|posts?|content|coverage|news|reading|links|topics|videos?))?|
        explore\s+further|like\s+this|
        # "More from Top Gear", "More on Bossip!", "More stories": a label of up to 3 words, no sentence ("More
        # on that later.", "More on that in a follow-up post about V8's performance.").
        more\s+(?:from|on|about|in|stories|news|articles|to\s+read)\b(?:\s+[\w'’&-]+){0,3}(?![.?])|
        you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in).{0,20}|
        read\s+next.{0,60}|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|
        (?:leave|post|add)\s+a\s+(?:reply|comment).{0,20}|\d*\s*comments?|join\s+the\s+(?:discussion|conversation)|
        about\s+the\s+authors?|most\s+(?:read|popular|viewed|shared).{0,20}|trending(?:\s+now|\s+stories)?|
        popular\s+(?:posts|stories|articles)|latest\s+(?:news|stories|posts|articles)|
        share\s+this(?:\s+(?:article|story|post|page))?|filed\s+under.{0,60}|
        sponsored\s+(?:content|stories|links)|around\s+the\s+web|from\s+the\s+web|
        (?:other|more|similar)\s+(?:stories|articles|posts)|top\s+stories|editor'?s\s+picks?|
        recent\s+(?:articles|posts|stories|news)|popular\s+(?:this|on|in)\s+\w+.{0,20}|
        # The same in the languages of the news most often crawled besides English.
        você\s+(?:pode|também\s+pode)\s+gostar.{0,10}|
        (?:not[ií]cias|artigos|mat[eé]rias)\s+relacionad[oa]s|te\s+puede\s+interesar.{0,10}|
        (?:noticias|art[ií]culos)\s+relacionad[oa]s|sur\s+le\s+même\s+sujet|articles?\s+(?:liés|similaires)|
        mehr\s+zum\s+thema.{0,40}|das\s+könnte\s+sie\s+(?:auch\s+)?interessieren|weitere\s+artikel|
        die\s+redaktion\s+empfiehlt|
        # German's "More on ..." ("Mehr zu Fleischkonsum"), a few words, not a sentence; Japanese "Related articles".
        mehr\s+(?:zu|zum|zur|über|aus|von)(?:\s+[\w-]+){1,3}|関連記事|
        auch\s+interessant|articoli\s+correlati|meer\s+nieuws|(?:ilgili|benzer)\s+haberler
    )\W*$""",
    re.I | re.X,
)


def is_end_marker(text: str) -> bool:
    """Whether a short block announces the end of the article ("Related stories", "Comments"...).

    >>> is_end_marker("You may also like"), is_end_marker("Explore further")
    (True, True)
    >>> is_end_marker("Related research suggests the effect is small.")
    False
    >>> is_end_marker("More from Top Gear"), is_end_marker("More on that later.")
    (True, False)
    """
    if len(text) > 80:
        return False
    if text.isascii():  # as in is_furniture_text
        return _END_MARKER_LOWER.match(text.lower()) is not None
    return _END_MARKER.match(text) is not None


_END_MARKER_LOWER: Final = re.compile(_END_MARKER.pattern, re.X)
