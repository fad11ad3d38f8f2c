"""A post's meta line whose class runs "postmeta" together with a theme's prefix ("singlepostmeta",
"inrpostmetadata", "afterpostmeta") is a maybe-furniture name like "postmeta" itself: its "By ... on
21/02/2021. Filed under ... You can follow any responses ... through the RSS 2.0 feed" line is not the
story (fundus dev's Israel Nachrichten, a WordPress theme)."""

from __future__ import annotations

from newsdesk.extract.boilerplate import class_strength
from newsdesk.extract.html import extract_html

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
POST = "".join(f"<p>{PROSE * 2}</p>" for _ in range(8))
DAYS = "".join(f"<p>{PROSE}Paragraph {n} adds what the minister said on day {n} of the talks.</p>" for n in range(8))
META = ("Von <a href='/archive/author/news' rel='author'>israel news</a> am 21/02/2021. Abgelegt unter "
        "<a href='/archive/category/israel' rel='category tag'>Israel</a>. Sie können alle Antworten zu diesem "
        "Eintrag durch den <a href='/archive/63076/feed'>RSS 2.0</a> verfolgen. Kommentare und Pings sind "
        "derzeit geschlossen.")


def _page(meta_class: str) -> str:
    # The theme's layout: the paragraphs and the meta line are children of the post's one box.
    return ("<html><head><title>Talks go on</title></head><body><div id='main'><div class='entry post'>"
            f"<h1>Talks go on</h1>{POST}<div class='clear'></div><div class='{meta_class}'>{META}</div></div>"
            "</div></body></html>")


def test_a_prefixed_postmeta_class_is_a_maybe_like_postmeta() -> None:
    assert class_strength("singlepostmeta") == class_strength("postmeta") == 1
    assert class_strength("inrpostmetadata") == class_strength("afterpostmeta") == 1
    # A name that only holds the letters is not one, and an article's own name still wins.
    assert class_strength("metadata") == 0
    assert class_strength("singlepostmeta entry-content") == 0


def test_the_meta_line_under_a_post_is_left_out() -> None:
    text = extract_html(_page("singlepostmeta"), url="https://example.org/archive/63076").text
    assert PROSE.strip() in text
    assert "Abgelegt unter" not in text
    assert "RSS 2.0" not in text


def test_a_plain_postmetadata_line_goes_once_the_story_is_chosen() -> None:
    # WordPress's classic "postmetadata" line: out of the story, but taken out only after the container is
    # chosen, so that the post's box (not the page's, with the feed note after it) stays the story.
    page = ("<html><head><title>Talks go on</title></head><body><div id='content'><div class='post'>"
            f"<h1>Talks go on</h1>{DAYS}<p class='postmetadata alt'><small>This entry "
            "was posted on Monday, November 3rd, 2025 at 9:14 am and is filed under <a href='/c/news'>News</a>."
            "</small></p></div><p>You can follow any responses to this entry through the RSS 2.0 feed.</p>"
            "</div></body></html>")
    text = extract_html(page, url="https://example.org/2025/11/03/talks").text
    assert text.count(PROSE.strip()) == 8
    assert "filed under" not in text
    assert "follow any responses" not in text
