"""Hand-written articles for the store tests, and small helpers to write and inspect them.

The outlets are invented; the articles are short but shaped like real ones
(headline, standfirst, byline, dates with offsets, sections, a wire credit).
"""

from __future__ import annotations

from newsdesk.model import Article, Block, Image, Link, RawPage, WireSource
from newsdesk.store import ArticleOutcome, SQLiteStore, StoreStats


def coalition() -> Article:
    return Article(
        url="https://www.dailymeridian.example/world/iraq-coalition-2026?utm_source=rss",
        canonical_url="https://www.dailymeridian.example/world/iraq-coalition-2026",
        site_name="Daily Meridian",
        language="en",
        headline="US-led coalition to wind down Iraq mission by end of 2026",
        standfirst="The Pentagon says the transition will happen in two phases.",
        authors=["Leyla Arslan", "Tom Birch"],
        published="2025-09-30T14:05:00+03:00",
        updated="2025-09-30T16:40:00+03:00",
        section="World",
        tags=["Iraq", "Pentagon", "Defence"],
        image=Image(
            url="https://cdn.dailymeridian.example/img/baghdad.jpg",
            caption="Soldiers at a base near Baghdad.",
            credit="AP",
            note="File Photo",
        ),
        body=[
            Block(
                "paragraph",
                "The United States and Iraq have agreed that the military coalition fighting "
                "Daesh will end its mission in federal Iraq by September 2026, the Pentagon said on Tuesday.",
            ),
            Block(
                "quote",
                "This transition reflects the success of our partnership, the chief Pentagon "
                "spokesman said in a statement.",
            ),
            Block("heading", "Two phases"),
            Block(
                "paragraph",
                "In the first phase the coalition leaves Baghdad; in the second it continues to "
                "support operations from Erbil until the end of 2026.",
            ),
        ],
        wire_source=WireSource("AA", "Anadolu Agency"),
        related=[Link("Iraq's prime minister seeks closer ties with Washington", None, "Daily Meridian")],
        is_article=True,
    ).finish()


def harbour() -> Article:
    return Article(
        url="https://harbourgazette.example/local/2025/09/28/harbour-expansion-approved",
        site_name="Harbour Gazette",
        language="en-GB",
        headline="Council approves £40m harbour expansion after marathon meeting",
        standfirst="Residents warned of traffic; councillors said the port needs room to grow.",
        authors=["Priya Nair"],
        published="2025-09-28T21:30:00+01:00",
        section="Local",
        tags=["Council", "Harbour"],
        body=[
            Block(
                "paragraph",
                "After a six-hour meeting, the council voted 31 to 12 in favour of dredging the outer "
                "basin and building two new berths.",
            ),
            Block(
                "paragraph",
                "Opponents said the coalition of residents' groups would consider a judicial review.",
            ),
        ],
        is_article=True,
    ).finish()


def budget_fr() -> Article:
    return Article(
        url="https://lequotidiendunord.example/economie/budget-2026",
        site_name="Le Quotidien du Nord",
        language="fr",
        headline="Le gouvernement présente un budget de rigueur pour 2026",
        standfirst="Le ministre promet de ramener le déficit sous 5 % du PIB.",
        authors=["Claire Dubois"],
        published="2025-10-01T09:00:00+02:00",
        section="Économie",
        body=[
            Block(
                "paragraph",
                "Le projet de loi de finances prévoit 40 milliards d'euros d'économies, dont la moitié "
                "sur les dépenses de l'État.",
            ),
            Block("paragraph", "La coalition au pouvoir devra trouver une majorité à l'Assemblée."),
        ],
        is_article=True,
    ).finish()


def cup_final() -> Article:
    return Article(
        url="https://northernsports.example/football/rovers-reach-cup-final",
        site_name="Northern Sports Desk",
        language="en",
        headline="Late goal sends Rovers through to the cup final",
        standfirst=None,
        authors=["Sam Patel"],
        published="2025-09-29T22:10:00Z",
        section="Sport",
        tags=["Football"],
        body=[
            Block("paragraph", "A header in the 89th minute gave Rovers a 2-1 win over United at the Moor."),
            Block("paragraph", "The manager praised a squad that had been written off in August."),
        ],
        is_article=True,
    ).finish()


def parliament() -> Article:
    """Says "coalition" many times, but only in the body: ranking must still favour headlines."""
    return Article(
        url="https://www.dailymeridian.example/politics/parliament-budget-debate",
        site_name="Daily Meridian",
        language="en",
        headline="Parliament opens a long budget debate",
        standfirst="Opposition parties promise amendments.",
        authors=["Tom Birch"],
        published="2025-09-27T11:00:00+00:00",
        section="Politics",
        body=[
            Block(
                "paragraph",
                "The coalition government needs every vote. Coalition whips spent the weekend "
                "counting; coalition partners want concessions, and the coalition's majority is two.",
            ),
        ],
        is_article=True,
    ).finish()


def all_articles() -> list[Article]:
    return [coalition(), harbour(), budget_fr(), cup_final(), parliament()]


def raw_for(article: Article) -> RawPage:
    """A small raw page standing for the HTML an article came from."""
    html = f"<html><head><title>{article.headline}</title></head><body><p>{article.text}</p></body></html>"
    return RawPage(
        html.encode("utf-8"),
        url=article.url,
        headers={"content-type": "text/html; charset=utf-8"},
        fetched_at="2025-10-01T08:00:00Z",
        kind="html",
    )


def outcome_for(article: Article, with_raw: bool = True) -> ArticleOutcome:
    return ArticleOutcome(article.url or "stdin", article, raw_for(article) if with_raw else None)


def table_counts(store: SQLiteStore) -> dict[str, int]:
    conn = store.connection
    return {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "raw_pages", "duplicates", "not_articles", "quarantine", "runs")
    }


def recounted(store: SQLiteStore) -> StoreStats:
    """The stats counted afresh from the tables, to check the counts the triggers keep."""
    conn = store.connection

    def counts(sql: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for value, n in conn.execute(sql):
            name = "(none)" if value is None or value == "" else value
            out[name] = out.get(name, 0) + n
        return out

    return StoreStats(
        articles=conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        by_source=counts("SELECT coalesce(site_name, host), count(*) FROM articles GROUP BY 1"),
        by_day=counts("SELECT substr(published_utc, 1, 10), count(*) FROM articles GROUP BY 1"),
        by_section=counts("SELECT section, count(*) FROM articles GROUP BY 1"),
        by_language=counts("SELECT lower(language), count(*) FROM articles GROUP BY 1"),
        duplicates=counts("SELECT kind, count(*) FROM duplicates GROUP BY 1"),
        not_articles=counts("SELECT reason, count(*) FROM not_articles GROUP BY 1"),
        quarantined=counts("SELECT stage, count(*) FROM quarantine GROUP BY 1"),
        raw_pages=conn.execute("SELECT count(*) FROM raw_pages").fetchone()[0],
        runs=conn.execute("SELECT count(*) FROM runs").fetchone()[0],
    )


def assert_consistent(store: SQLiteStore) -> None:
    """The file is sound, every reference resolves, the full-text index matches the articles,
    and the kept counts match the tables."""
    conn = store.connection
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # With rank 1, FTS5 also compares the index with the external content table; it raises if they differ.
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT count(*) FROM store_counts WHERE n < 0").fetchone()[0] == 0
    assert store.stats() == recounted(store)
