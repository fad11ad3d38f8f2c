"""The reader's pages as HTML through the ASGI client: what each shows, structure for accessibility, escaping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser
from web_samples import HOSTILE, HOSTILE_HEADLINE, PAGES, SEED_URL, article_id

from newsdesk.model import Article, Block
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.web import create_app

HARBOUR_URL = PAGES["harbour-times-iraq-drawdown.html"]


def page(client: TestClient, path: str, status: int = 200, **params: str) -> LexborHTMLParser:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return LexborHTMLParser(response.text)


def text(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    assert node is not None, f"no {selector}"
    return " ".join(node.text(deep=True).split())


def texts(tree: LexborHTMLParser, selector: str) -> list[str]:
    return [" ".join(node.text(deep=True).split()) for node in tree.css(selector)]


def assert_landmarks(tree: LexborHTMLParser) -> None:
    assert tree.css_first("html").attributes.get("lang")
    assert tree.css_first("a.skip-link").attributes["href"] == "#main"
    assert tree.css_first("main#main") is not None
    assert tree.css_first("body > header") is not None and tree.css_first("body > footer") is not None
    assert tree.css_first("header nav[aria-label]") is not None
    assert len(tree.css("h1")) == 1
    for field in tree.css("input:not([type=hidden]), select"):
        field_id = field.attributes.get("id")
        assert field_id and tree.css_first(f'label[for="{field_id}"]') is not None, field.html
    for image in tree.css("img"):
        assert image.attributes.get("alt") is not None, image.html


# --------------------------------------------------------------------------- home


def test_home_lists_latest_articles_by_section(client: TestClient) -> None:
    tree = page(client, "/")
    assert_landmarks(tree)
    assert text(tree, "h1") == "Explore"
    sections = texts(tree, ".section-group h2")
    assert sections[:2] == ["Weather", "World"]  # The sections of the newest articles come first.
    assert {"Middle East", "Régions"} <= set(sections)
    world = tree.css(".section-group")[1]
    item = world.css_first(".item")
    assert item.css_first("a.item-title").text() == "Coalition troops begin leaving Iraqi bases as drawdown starts"
    assert item.css_first(".outlet").text() == "Harbour Times"
    assert item.css_first("time").attributes["datetime"] == "2025-10-02T09:30:00+01:00"
    assert item.css_first(".reading-time").text() == "1 min read"
    assert tree.css_first('link[rel=alternate][type="application/atom+xml"]').attributes["href"] == "/feeds/latest.atom"


def test_home_of_an_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "empty.db"))) as client:
        tree = page(client, "/")
        assert "newsdesk ingest" in text(tree, ".empty")


# --------------------------------------------------------------------------- article


def test_article_page_shows_everything_the_original_page_shows(client: TestClient) -> None:
    ident = article_id(client, SEED_URL)
    tree = page(client, f"/articles/{ident}")
    assert_landmarks(tree)
    assert tree.css_first("html").attributes["lang"] == "en"
    assert text(tree, ".kicker .section-link") == "Middle East"
    assert tree.css_first(".kicker time").attributes["datetime"] == "2025-10-01"
    assert text(tree, ".kicker time") == "1 October 2025"
    assert text(tree, ".kicker .reading-time") == "1 min read"
    assert text(tree, "article h1") == "US-led coalition to scale back Iraq mission"
    assert text(tree, ".standfirst").startswith("Pentagon stated the planned reduction in Iraq")
    assert text(tree, "figure figcaption .caption") == "Iraq deal sets 2026 deadline for US-led coalition withdrawal."
    assert text(tree, "figure .image-note") == "[File Photo]"
    assert text(tree, "figure .credit") == "Photo credit: AP"
    paragraphs = texts(tree, ".story-body p")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("The United States and its coalition partners")
    assert paragraphs[-1].endswith("by the end of 2026.")
    body = text(tree, ".story-body")
    assert "RECOMMENDED" not in body and "Explore" not in body and "By Baba Umar" not in body
    assert text(tree, ".source-line") == "Source: Anadolu Agency (AA)"
    assert tree.css_first(".original a").attributes["href"] == SEED_URL
    assert texts(tree, "#related-page ~ ul .item-title") == [
        "Iraq's PM seeks closer ties with US and neighbouring countries to strengthen regional security"]
    assert text(tree, "#related-page ~ ul .outlet") == "TRT World"
    related = texts(tree, "#related-store ~ ul .item-title")
    assert related[0] == "Coalition troops begin leaving Iraqi bases as drawdown starts"
    assert tree.css_first("#more-outlet") is None  # the store holds no other article of this outlet


def test_article_head_has_json_ld_and_open_graph(client: TestClient) -> None:
    ident = article_id(client, HARBOUR_URL)
    tree = page(client, f"/articles/{ident}")
    data = json.loads(tree.css_first('script[type="application/ld+json"]').text())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Coalition troops begin leaving Iraqi bases as drawdown starts"
    assert data["datePublished"] == "2025-10-02T09:30:00+01:00"
    assert data["publisher"]["name"] == "Harbour Times"
    assert data["author"] == [{"@type": "Person", "name": "Maria Lindqvist"}]
    assert data["image"] == "https://images.harbourtimes.example/2025/10/ain-al-asad.jpg"
    assert data["url"] == HARBOUR_URL
    meta = {node.attributes["property"]: node.attributes["content"] for node in tree.css("meta[property]")}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == data["headline"]
    assert meta["og:site_name"] == "Harbour Times"
    assert meta["og:image"] == data["image"]
    assert meta["article:section"] == "World"
    assert tree.css_first('link[rel="canonical"]').attributes["href"] == HARBOUR_URL
    # The page's description retells its first paragraph, so it is no standfirst; the summary is that paragraph.
    opening = "The first coalition units left Ain al-Asad air base in western Iraq on Thursday"
    assert data["description"].startswith(opening) and meta["og:description"].startswith(opening)
    assert tree.css_first('meta[name="description"]').attributes["content"].startswith(opening)


def test_article_body_blocks_render_by_type(client: TestClient) -> None:
    tree = page(client, f"/articles/{article_id(client, HARBOUR_URL)}")
    assert text(tree, ".story-body h2") == "A two-stage withdrawal"
    assert text(tree, ".story-body blockquote").startswith("“This is not the end of our partnership")
    assert len(tree.css(".story-body ul li")) == 2
    image = tree.css_first("figure img")
    assert image.attributes["alt"] == "Soldiers load equipment at Ain al-Asad air base in Anbar province."
    assert text(tree, "figure .credit") == "Photo credit: Ayman Yaqub/AFP"
    assert text(tree, ".byline") == "By Maria Lindqvist, Harbour Times"
    assert text(tree, ".source-line") == "Source: Agence France-Presse (AFP)"
    # The page's related link to a story the store holds points at the stored copy.
    seed_page = f"/articles/{article_id(client, SEED_URL)}"
    links = {node.text(): node.attributes["href"] for node in tree.css("#related-page ~ ul a")}
    assert links["US-led coalition to scale back Iraq mission"] == seed_page
    assert links["US and Iraq agree timeline for coalition exit"].startswith("https://harbourtimes.example/")

    storm = page(client, f"/articles/{article_id(client, PAGES['coastal-gazette-storm.html'])}")
    assert texts(storm, ".story-body table th") == ["Place", "Expected gusts", "Warning"]
    assert texts(storm, ".story-body table tr:nth-child(2) td") == ["Harbour Point", "80mph", "Amber"]


def test_article_in_french_sets_the_page_language(client: TestClient) -> None:
    tree = page(client, f"/articles/{article_id(client, PAGES['journal-du-port-vendanges.html'])}")
    assert tree.css_first("html").attributes["lang"] == "fr"
    # The reader's own words stay marked as English.
    assert tree.css_first("body > header").attributes["lang"] == "en"
    assert tree.css_first("aside").attributes["lang"] == "en"
    assert text(tree, ".kicker time") == "29 September 2025, 07:15 (UTC+02:00)"


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    response = client.get(f"/articles/{article_id(client, HOSTILE.url)}")
    html = response.text
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg" not in html
    assert "javascript:" not in html
    assert 'onerror="alert' not in html and "onload=" not in html.replace("onload=alert(4)&gt;", "")
    tree = LexborHTMLParser(html)
    scripts = tree.css("script")
    assert len(scripts) == 1 and scripts[0].attributes["type"] == "application/ld+json"
    assert "</" not in scripts[0].text()
    assert json.loads(scripts[0].text())["headline"] == HOSTILE_HEADLINE
    assert text(tree, "article h1") == HOSTILE_HEADLINE
    assert tree.css_first("html").attributes["lang"] == "en"  # the stored language is not a language tag
    assert tree.css_first('meta[property="og:site_name"]').attributes["content"] == HOSTILE.site_name
    image = tree.css_first("figure img")
    assert image.attributes["src"] == HOSTILE.image.url and "onerror" not in image.attributes
    assert text(tree, "figcaption .caption") == "<svg onload=alert(4)>"


@pytest.mark.parametrize("ref", ["999999", "0", "abc", str(10**30), "1.5"])
def test_unknown_article_page_is_404(client: TestClient, ref: str) -> None:
    tree = page(client, f"/articles/{ref}", status=404)
    assert_landmarks(tree)
    assert "no such article" in text(tree, ".error-message")


def test_unknown_page_is_404_html(client: TestClient) -> None:
    tree = page(client, "/no/such/page", status=404)
    assert text(tree, "h1") == "Not found"


# --------------------------------------------------------------------------- search


def test_search_page_shows_highlights_counts_and_facets(client: TestClient) -> None:
    tree = page(client, "/search", q="coalition")
    assert_landmarks(tree)
    assert text(tree, ".results-count").startswith("2 articles for “coalition”")
    assert tree.css_first(".results .item-title mark") is not None or tree.css_first(".snippet mark") is not None
    facets = {name: texts(tree, f"#facet-{name} ~ ul .value") for name in ("outlet", "section", "language")}
    assert set(facets["outlet"]) == {"Harbour Times", "TRT World"}
    assert set(facets["section"]) == {"World", "Middle East"}
    world = next(a for a in tree.css("#facet-section ~ ul a") if a.css_first(".value").text() == "World")
    response = client.get(world.attributes["href"])
    assert response.status_code == 200
    filtered = LexborHTMLParser(response.text)
    assert text(filtered, ".results-count").startswith("1 article for “coalition”")
    assert filtered.css_first("#facet-section ~ ul a.selected") is not None
    assert filtered.css_first('select#section option[selected]').attributes["value"] == "World"


def test_search_page_filters_by_language_and_dates(client: TestClient) -> None:
    tree = page(client, "/search", lang="fr")
    assert texts(tree, ".results .item-title") == ["Vendanges : une récolte précoce mais réduite dans la vallée"]
    assert tree.css_first(".results .item").attributes["lang"] == "fr"
    tree = page(client, "/search", since="2025-10-02", until="2025-10-02")
    assert len(tree.css(".results .item")) == 2


def test_search_page_explains_bad_input(client: TestClient) -> None:
    tree = page(client, "/search", status=400, since="next week")
    assert "since: cannot read 'next week' as a date" in text(tree, ".error-message")
    assert tree.css_first("form.search-form input#since").attributes["value"] == "next week"
    assert page(client, "/search", status=400, q="x" * 501).css_first(".error-message") is not None
    assert page(client, "/search", status=400, page="0").css_first(".error-message") is not None


def test_search_page_with_no_results(client: TestClient) -> None:
    tree = page(client, "/search", q="zeppelin")
    assert text(tree, ".results-count").startswith("No articles match “zeppelin”")


def test_search_pages_through_many_results(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    with open_store(path) as store:
        store.write_batch([
            ArticleOutcome(f"tide-{n}", Article(
                url=f"https://tides.example/daily/{n}", site_name="Tide Tables Daily", language="en",
                headline=f"High tide at the harbour, day {n}", section="Tides",
                published=f"2025-09-{n:02d}T06:00:00Z",
                body=[Block("paragraph", f"High water at the harbour on day {n} is at {n % 12 + 1} o'clock, "
                                         f"{n * 7 % 60} minutes past, with a height of {n % 5 + 3}.{n % 10} metres.")],
                is_article=True).finish())
            for n in range(1, 26)
        ])
    with TestClient(create_app(str(path))) as client:
        first = page(client, "/search", q="tide")
        assert len(first.css(".results .item")) == 20
        assert text(first, ".pager span") == "Page 1 of 2"
        next_link = first.css_first('.pager a[rel="next"]').attributes["href"]
        second = client.get(next_link)
        tree = LexborHTMLParser(second.text)
        assert len(tree.css(".results .item")) == 5
        assert tree.css_first('.pager a[rel="prev"]') is not None
        assert tree.css_first(".results ol").attributes["start"] == "21"
        outlet = page(client, "/outlets/Tide Tables Daily")
        assert text(outlet, ".pager span") == "Page 1 of 2"


# --------------------------------------------------------------------------- outlets


def test_outlets_page_lists_every_outlet(client: TestClient) -> None:
    tree = page(client, "/outlets")
    assert_landmarks(tree)
    names = texts(tree, "table.outlets tbody th a")
    assert {"Harbour Times", "Coastal Gazette", "Le Journal du Port", "TRT World"} <= set(names)


def test_outlet_page_shows_articles_and_days(client: TestClient) -> None:
    tree = page(client, "/outlets/Harbour%20Times")
    assert_landmarks(tree)
    assert text(tree, "h1") == "Harbour Times"
    assert texts(tree, ".results .item-title") == ["Coalition troops begin leaving Iraqi bases as drawdown starts"]
    rows = tree.css("table.days tbody tr")
    assert len(rows) == 30
    assert rows[0].css_first("time").attributes["datetime"] == "2025-10-02"
    assert rows[0].css_first(".n").text() == "1"
    assert rows[1].css_first(".n").text() == "0"
    assert tree.css_first('link[type="application/atom+xml"]').attributes["href"] == \
        "/feeds/outlets/Harbour%20Times.atom"


def test_unknown_outlet_page_is_404(client: TestClient) -> None:
    assert "no such outlet" in text(page(client, "/outlets/Nowhere%20Daily", status=404), ".error-message")


def test_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert ":focus-visible" in response.text and "prefers-color-scheme: dark" in response.text


def test_pages_forbid_scripts_and_docs_keep_theirs(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert policy.startswith("default-src 'none'") and "script-src" not in policy
    assert client.get("/api/v1/stats").headers["x-content-type-options"] == "nosniff"
    docs_policy = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self'" in docs_policy and "https:" not in docs_policy
