"""A page is taken for a news report by its types: a news article type, or a plain "Article" beside a sign of
news, a NewsMediaOrganization in its data (its publisher) or a fact check's ClaimReview (Ruhr Nachrichten, AFP
Faktencheck). Such a page loses its header's date and reading-time lines as a NewsArticle does. A plain
"Article" alone (dragnet's 2012 blogs, whose golds keep them) or a news organisation's own page does not."""

from __future__ import annotations

import json

import pytest
from body_pages import story_page

from newsdesk.extract.html import _is_news, extract_html

PROSE = "Die Kühltürme des früheren Kernkraftwerks wurden am Samstag vor Tausenden Schaulustigen gesprengt. "
STORY = "".join(f"<p>{PROSE}Absatz {n} sagt, was die Polizei über den Tag berichtete.</p>" for n in range(8))
URL = "https://zeitung.example/2025/10/25/kuehltuerme"


def _page(data: list[dict[str, object]]) -> str:
    head = "".join(f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in data)
    return story_page("Kühltürme gesprengt", f"<p>3 Min Lesezeit</p>{STORY}", head)


ARTICLE = {"@type": "Article", "headline": "Kühltürme gesprengt"}
PUBLISHER = {"@type": "NewsMediaOrganization", "name": "Zeitung"}
CHECK = {"@type": "ClaimReview", "claimReviewed": "Die Türme standen noch"}


@pytest.mark.parametrize("data", [[ARTICLE, PUBLISHER], [{"@graph": [ARTICLE, PUBLISHER]}], [ARTICLE, CHECK]])
def test_an_article_with_a_sign_of_news_is_news(data: list[dict[str, object]]) -> None:
    text = extract_html(_page(data), url=URL).text
    assert PROSE.strip() in text
    assert "Lesezeit" not in text


@pytest.mark.parametrize("data", [[ARTICLE], [PUBLISHER]])
def test_a_plain_article_or_a_publisher_alone_is_not(data: list[dict[str, object]]) -> None:
    assert "3 Min Lesezeit" in extract_html(_page(data), url=URL).text


def test_the_types_read() -> None:
    assert _is_news(frozenset({"article", "claimreview"}))
    assert not _is_news(frozenset({"blogposting", "organization"}))
