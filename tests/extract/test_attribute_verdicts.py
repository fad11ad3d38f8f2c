"""Class and id values judged apart give the verdicts their joined name gives (body.py's fast paths)."""

from __future__ import annotations

import itertools

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.body_container import name_weight
from newsdesk.extract.body_nodes import NEGATIVE_NAME, POSITIVE_NAME
from newsdesk.extract.boilerplate import attribute_strength, boilerplate_strength
from newsdesk.extract.nodesize import PageSizes

_VALUES = [None, "", "post", "posts", "article", "articles", "entry-content", "sidebar", "share-bar",
           "byline", "byline-author", "post-body", "commentbody", "commentary", "tag-newsletter",
           "category-social-media", "RelatedStories", "main content-wrap", "  related  ", "s", "x-1f3a",
           "ARTICLES", "Post-Body", "ſhare-bar", "ĸ-\u212aontact", "sidebar-POSTS", "NavBar"]


def _joined(class_value: str | None, id_value: str | None) -> str:
    return f"{class_value or ''} {id_value or ''}".strip()


def test_attribute_strength_is_the_joined_names_strength() -> None:
    for class_value, id_value in itertools.product(_VALUES, repeat=2):
        assert attribute_strength(class_value, id_value) == boilerplate_strength(_joined(class_value, id_value)), (
            class_value, id_value)


def test_name_weight_is_the_joined_names_weight() -> None:
    for class_value, id_value in itertools.product(_VALUES, repeat=2):
        name = _joined(class_value, id_value)
        expected = (25.0 if POSITIVE_NAME.search(name) else 0.0) - (25.0 if NEGATIVE_NAME.search(name) else 0.0)
        assert name_weight(class_value, id_value) == expected, (class_value, id_value)


def test_trimmed_text_keeps_every_comma_and_the_length_text_measures() -> None:
    page = LexborHTMLParser("<p> One, <b> two ,</b>\n three، four <i>،</i> five</p>")
    paragraph = page.css_first("p")
    sizes = PageSizes()
    text = sizes.trimmed_text(paragraph)
    assert text.count(",") == paragraph.text(deep=True).count(",")
    assert sizes.text(paragraph) == len(text) == len(paragraph.text(deep=True, strip=True))
    # An Arabic comma's space can be trimmed away: the scorer reads such text whole.
    assert paragraph.text(deep=True).count("، ") == 2
    assert text.count("، ") == 1


def test_a_topic_class_says_nothing_in_any_case_or_script() -> None:
    from newsdesk.extract.boilerplate import _word_verdict

    # "share" alone is furniture; under a topic prefix it is the story's subject.
    assert _word_verdict("share-bar") != 0
    for word in ("tag-share", "Tag-share", "TOPIC-share", "entry-category-share", "topıc-share"):
        assert _word_verdict(word) == 0, word  # the dotless i folds onto "i" as re.I matches it


def test_literal_trie_matches_where_the_plain_alternation_does() -> None:
    import random
    import re

    from newsdesk.extract.boilerplate import _BAD_COMPOUNDS, literal_trie

    rng = random.Random(9)
    words = [*_BAD_COMPOUNDS, "read", "read-mor", "share", "a", "ab", "abc"]
    for sample in (list(_BAD_COMPOUNDS), ["read", "read-more", "read-next", "re"], ["ab", "abc", "abd", "x"]):
        plain, factored = re.compile("|".join(map(re.escape, sample))), re.compile(literal_trie(sample))
        for _ in range(3000):
            text = "".join(rng.choice(["-", "x", rng.choice(words), rng.choice(words)[:3]]) for _ in range(4))
            assert bool(plain.search(text)) == bool(factored.search(text)), (sample, text)
            if (found := plain.search(text)) is not None:
                assert factored.search(text).start() == found.start(), (sample, text)  # type: ignore[union-attr]


def test_an_id_made_from_a_heading_names_no_furniture() -> None:
    # Documentation generators and CMSs anchor each section with a slug of its heading.
    assert attribute_strength("section", "sharing-with-a-single-developer") == 0
    assert attribute_strength("section", "how-to-share-a-repository") == 0
    # A developer's name for a widget keeps its verdict, however many words it has.
    assert attribute_strength(None, "social-share-bar") == 2
    assert attribute_strength(None, "most-popular-stories-widget") == 2


@pytest.mark.parametrize("call_to_action", ["follow-us-on-twitter", "sign-up-for-our-newsletter",
                                            "share-this-with-a-friend", "leave-a-comment-below"])
def test_a_call_to_action_phrased_like_a_heading_is_still_furniture(call_to_action: str) -> None:
    """It opens with what the reader is asked to do, or speaks as the site ('us', 'our'): no section's topic."""
    assert attribute_strength(None, call_to_action) == 2


def _reference_word_verdict(word: str) -> int:
    """``_word_verdict`` as it read before its ASCII fast path: every token of ``name_tokens`` looked up."""
    from newsdesk.extract import boilerplate as b

    lowered = word.lower()
    if b._TOPIC_CLASS.match(word):
        return 0
    if b._BAD_COMPOUND_RE.search(lowered):
        return b._STRONG
    verdict = 0
    for token in b.name_tokens(word):
        bits = b._TOKEN_BITS.get(token, 0)
        if bits & b._STRONG or (token.startswith("comment") and b._COMMENT_COMPOUND.match(token)):
            return b._STRONG
        verdict |= bits
        if b._META_COMPOUND.match(token):
            verdict |= b._WEAK
    return verdict


def test_word_verdicts_match_a_token_by_token_reading() -> None:
    """The byte-table split, the camelCase cut and the compound pre-scan give the plain reading's verdicts."""
    import random

    from newsdesk.extract.boilerplate import _BAD_COMPOUNDS, _TOKEN_BITS, _word_verdict

    rng = random.Random(7)
    parts = [*_TOKEN_BITS, *_BAD_COMPOUNDS, "comment", "commentform", "commentary", "x", "1", "A", "Ad", "AD", "ı",
             "İ", "\u212a", "ſ", "é", "tag", "category"]
    words = ["headerAd", "HeaderAD", "mainADS", "HTMLParser", "articleBody", "XMLHttp2Request", "commentsArea",
             "xCommentBody", "read-more", "xread-morex", "you-may-like", "entry-meta__item", "css-1q2w3e4"]
    for _ in range(5000):
        words.append("".join(rng.choice([*parts, "-", "_", "--", ""]) for _ in range(rng.randint(1, 5))))
    for word in words:
        if word and not any(space in word for space in " \t\n"):
            assert _word_verdict.__wrapped__(word) == _reference_word_verdict(word), word


def test_class_strength_is_attribute_strength_without_an_id() -> None:
    from newsdesk.extract.boilerplate import class_strength

    for value in _VALUES:
        if value:
            assert class_strength(value) == attribute_strength(value, None), value


@pytest.mark.parametrize("line", ["ADVERTISEMENT", "Read More about the council", "Share on Twitter", "Related Stories",
                                  "© 2025 Example News. All rights reserved.", "5 MIN READ", "You May Also Like",
                                  "Leave a Reply", "Explore further", "The council met on Monday.", "Sign Up",
                                  "Most Read today", "Filed Under: Politics", "Back to Top", "shareholders met"])
def test_short_lines_lower_cased_read_as_re_i_reads_them(line: str) -> None:
    """ASCII lines are lower-cased and matched without re.I: the same verdicts as the re.I patterns give."""
    from newsdesk.extract import boilerplate as b

    for text in (line, line.upper(), line.lower(), line.swapcase()):
        assert b.is_furniture_text(text) == (len(text) < 200 and b._FURNITURE_LINE.match(text) is not None), text
        assert b.is_end_marker(text) == (len(text) <= 80 and b._END_MARKER.match(text) is not None), text
