"""Writing batches: idempotence, identity by canonical URL, exact duplicates, the other outcomes, bad values."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_samples import all_articles, coalition, cup_final, harbour, outcome_for, raw_for, table_counts

from newsdesk.model import Article, Block, Image, RawPage, WireSource
from newsdesk.store import (
    ArticleOutcome,
    FailureOutcome,
    NotArticleOutcome,
    SQLiteStore,
    StoreError,
    WarcRef,
    open_store,
)


def test_articles_round_trip_exactly(store: SQLiteStore) -> None:
    articles = all_articles()
    summary = store.write_batch([outcome_for(a) for a in articles])
    assert (summary.inserted, summary.raw_pages, summary.inputs) == (5, 5, 5)
    assert len(summary.article_ids) == 5
    for article_id, article in zip(summary.article_ids, articles, strict=True):
        stored = store.get(article_id)
        assert stored is not None
        assert stored.article == article
        assert stored.article.text == article.text
        assert stored.raw_page_id is not None


def test_same_batch_twice_adds_nothing(store: SQLiteStore) -> None:
    batch = [outcome_for(a) for a in all_articles()]
    batch.append(NotArticleOutcome("front.html", "https://harbourgazette.example/", "section front page"))
    batch.append(FailureOutcome("bad.html.gz", "ingest", "truncated gzip stream"))
    first = store.write_batch(batch)
    before = table_counts(store)
    second = store.write_batch(batch)
    assert table_counts(store) == before
    assert (first.inserted, second.inserted, second.updated, second.raw_pages) == (5, 0, 0, 0)
    assert second.unchanged == 5
    assert (second.not_articles, second.quarantined) == (1, 1)
    # The retried failure is one quarantine row that knows it was seen twice.
    attempts = store.connection.execute("SELECT attempts FROM quarantine").fetchall()
    assert attempts == [(2,)]


def test_article_is_keyed_by_canonical_url(store: SQLiteStore) -> None:
    first = coalition()
    store.write_batch([outcome_for(first)])
    from_amp = dataclasses.replace(first, url="https://www.dailymeridian.example/amp/iraq-coalition-2026")
    summary = store.write_batch([outcome_for(from_amp, with_raw=False)])
    assert (summary.updated, summary.inserted) == (1, 0)
    assert table_counts(store)["articles"] == 1
    # The canonical URL finds it, and so do both URLs it was seen under.
    assert store.get("https://www.dailymeridian.example/world/iraq-coalition-2026") is not None
    assert store.get("HTTPS://WWW.DAILYMERIDIAN.EXAMPLE/world/iraq-coalition-2026#comments") is not None
    assert store.get("https://www.dailymeridian.example/amp/iraq-coalition-2026") is not None


def test_a_home_page_canonical_does_not_merge_articles(store: SQLiteStore) -> None:
    # Some sites declare their home page canonical on every article.
    first = dataclasses.replace(harbour(), canonical_url="https://harbourgazette.example/")
    second = dataclasses.replace(
        cup_final(), url="https://harbourgazette.example/sport/rovers", canonical_url="https://harbourgazette.example/"
    )
    summary = store.write_batch([outcome_for(first), outcome_for(second)])
    assert (summary.inserted, summary.updated) == (2, 0)
    stored = store.get("https://harbourgazette.example/sport/rovers")
    assert stored is not None and stored.article.canonical_url == "https://harbourgazette.example/"


def test_changed_article_is_updated_in_place_and_reindexed(store: SQLiteStore) -> None:
    first = harbour()
    article_id = store.write_batch([outcome_for(first)]).article_ids[0]
    corrected = dataclasses.replace(first, headline="Council approves £42m harbour expansion after long meeting")
    summary = store.write_batch([outcome_for(corrected)])
    assert (summary.updated, summary.inserted, summary.article_ids) == (1, 0, [article_id])
    stored = store.get(article_id)
    assert stored is not None and stored.article.headline == corrected.headline
    assert [hit.id for hit in store.search("£42m")] == [article_id]
    assert store.search("marathon") == []
    assert store.connection.execute("SELECT revised_at IS NOT NULL FROM articles").fetchone() == (1,)


def test_exact_duplicate_body_is_recorded_not_stored(store: SQLiteStore) -> None:
    original = coalition()
    store.write_batch([outcome_for(original)])
    # The same wire copy on another site, with different spacing and case in the body.
    copy = dataclasses.replace(
        original,
        url="https://regionalpost.example/world/2025/09/30/coalition-iraq",
        canonical_url=None,
        site_name="Regional Post",
        headline="Coalition mission in Iraq to end in 2026",
        body=[Block(b.type, "  " + b.text.upper().replace(" ", "  ")) for b in original.body],
    )
    summary = store.write_batch([outcome_for(copy)])
    assert (summary.duplicates, summary.inserted) == (1, 0)
    counts = table_counts(store)
    assert (counts["articles"], counts["duplicates"], counts["raw_pages"]) == (1, 1, 2)
    kind, of = store.connection.execute("SELECT kind, duplicate_of FROM duplicates").fetchone()
    assert kind == "exact"
    found = store.get(copy.url or "")
    assert found is not None and found.id == of and found.article.site_name == "Daily Meridian"
    # Seen again: still one duplicate row.
    again = store.write_batch([outcome_for(copy)])
    assert again.duplicates == 1 and table_counts(store) == counts


def test_duplicates_inside_one_batch(store: SQLiteStore) -> None:
    original = cup_final()
    copy = dataclasses.replace(original, url="https://sportsround.example/rovers-final")
    summary = store.write_batch([outcome_for(original), outcome_for(copy), outcome_for(original)])
    assert (summary.inserted, summary.duplicates, summary.unchanged) == (1, 1, 1)


def test_empty_bodies_are_not_duplicates_of_each_other(store: SQLiteStore) -> None:
    a = Article(url="https://harbourgazette.example/live/1", headline="Live: storm updates")
    b = Article(url="https://harbourgazette.example/live/2", headline="Live: ferry updates")
    summary = store.write_batch([ArticleOutcome("1", a), ArticleOutcome("2", b)])
    assert (summary.inserted, summary.duplicates) == (2, 0)


def test_article_without_url_is_keyed_by_its_body(store: SQLiteStore) -> None:
    pasted = Article(
        headline="Ferry strike called off",
        body=[Block("paragraph", "Union leaders accepted a pay offer late on Sunday.")],
    )
    store.write_batch([ArticleOutcome("stdin", pasted, RawPage("Ferry strike called off\n\nUnion..."))])
    again = store.write_batch([ArticleOutcome("stdin", pasted, RawPage("Ferry strike called off\n\nUnion..."))])
    assert again.unchanged == 1
    assert table_counts(store)["articles"] == 1
    raw = store.get_raw_page(1)
    assert raw is not None and raw.page.data == "Ferry strike called off\n\nUnion..."


def test_not_article_then_article_leaves_one_record(store: SQLiteStore) -> None:
    page = cup_final()
    store.write_batch([NotArticleOutcome(page.url or "", page.url, "too little text")])
    assert table_counts(store)["not_articles"] == 1
    store.write_batch([outcome_for(page)])
    counts = table_counts(store)
    assert (counts["articles"], counts["not_articles"]) == (1, 0)
    # A later "not an article" verdict does not hide a stored article.
    summary = store.write_batch([NotArticleOutcome(page.url or "", page.url, "too little text")])
    assert summary.unchanged == 1 and table_counts(store)["not_articles"] == 0


def test_failures_are_quarantined_with_their_reason(store: SQLiteStore) -> None:
    run_id = store.start_run("newsdesk ingest crawl.warc.gz")
    summary = store.write_batch(
        [
            FailureOutcome("crawl.warc.gz#5120", "ingest", "corrupt WARC record", "bad record header"),
            FailureOutcome(
                "https://harbourgazette.example/report.pdf",
                "fetch",
                "not HTML: application/pdf",
                url="https://harbourgazette.example/report.pdf",
            ),
        ],
        run_id=run_id,
    )
    assert summary.quarantined == 2
    rows = store.connection.execute("SELECT input, stage, reason, run_id FROM quarantine ORDER BY id").fetchall()
    assert rows == [
        ("crawl.warc.gz#5120", "ingest", "corrupt WARC record", run_id),
        ("https://harbourgazette.example/report.pdf", "fetch", "not HTML: application/pdf", run_id),
    ]


def test_runs_record_their_counts(store: SQLiteStore) -> None:
    run_id = store.start_run("newsdesk ingest pages/")
    summary = store.write_batch([outcome_for(a) for a in all_articles()], run_id=run_id)
    store.finish_run(run_id, summary.counts())
    finished, counts = store.connection.execute("SELECT finished_at, counts FROM runs").fetchone()
    assert finished is not None and '"inserted":5' in counts
    assert {s.run_id for s in store.iter_articles()} == {run_id}
    with pytest.raises(StoreError, match="no run with id 99"):
        store.write_batch([outcome_for(harbour())], run_id=99)
    with pytest.raises(StoreError, match="no run with id 99"):
        store.finish_run(99, {})


def test_raw_pages_keep_bytes_or_a_warc_pointer(store: SQLiteStore) -> None:
    html = "<html><body><p>Caf\u00e9 owners welcome the new berths.</p></body></html>".encode("cp1252")
    page = RawPage(
        html,
        url="https://harbourgazette.example/a",
        headers={"Content-Type": "text/html"},
        fetched_at="2025-10-01T08:00:00Z",
        kind="html",
        source="harbour",
    )
    archived = RawPage(b"<html>archived copy</html>", url="https://harbourgazette.example/b")
    store.write_batch(
        [
            ArticleOutcome("a", dataclasses.replace(harbour(), url=page.url), page),
            NotArticleOutcome("crawl.warc.gz#0", archived.url, "tag page", archived, WarcRef("crawl.warc.gz", 0, 812)),
        ]
    )
    pages = list(store.iter_raw_pages())
    assert [p.page.url for p in pages] == [page.url, archived.url]
    assert pages[0].page.data == html and pages[0].page.headers == {"Content-Type": "text/html"}
    assert (pages[0].page.kind, pages[0].page.source, pages[0].warc) == ("html", "harbour", None)
    assert pages[1].page.data == b"" and pages[1].warc == WarcRef("crawl.warc.gz", 0, 812)


def test_seen_urls_covers_every_kind_of_record(filled: SQLiteStore) -> None:
    copy_url = "https://regionalpost.example/copy"
    filled.write_batch(
        [
            ArticleOutcome("copy", dataclasses.replace(cup_final(), url=copy_url)),
            NotArticleOutcome("front", "https://harbourgazette.example/", "section front"),
        ]
    )
    asked = [
        "https://www.dailymeridian.example/world/iraq-coalition-2026",  # canonical
        "https://northernsports.example/football/rovers-reach-cup-final",  # url
        copy_url,
        "https://harbourgazette.example/",
        "https://harbourgazette.example/never-seen",
    ]
    assert filled.seen_urls(asked) == set(asked[:4])


def test_a_record_that_cannot_be_stored_is_quarantined_and_the_batch_goes_on(store: SQLiteStore) -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("no text here")

    broken = Article(url="https://harbourgazette.example/broken", headline=Unprintable())  # type: ignore[arg-type]
    summary = store.write_batch(
        [outcome_for(harbour()), ArticleOutcome("broken.html", broken), "not an outcome"]  # type: ignore[list-item]
    )
    assert (summary.inserted, summary.quarantined) == (1, 2)
    rows = store.connection.execute("SELECT input, stage, reason FROM quarantine ORDER BY id").fetchall()
    assert rows[0][:2] == ("broken.html", "store") and "no text here" in rows[0][2]
    assert rows[1][1] == "store" and "not an outcome" in rows[1][2]


def test_odd_values_are_stored_cleanly(store: SQLiteStore) -> None:
    odd = Article(
        url="  https://harbourgazette.example/odd\x00 ",
        site_name="Harbour\x00 Gazette",
        language=" EN-gb ",
        headline="Bad \ud800 surrogate and \x07bell",
        authors=[None, "Priya Nair", 42, ""],  # type: ignore[list-item]
        published=20250928,  # type: ignore[arg-type]
        tags="Harbour",  # type: ignore[arg-type]
        image=Image(caption="\x00"),
        body=[Block("odd-type", "Text with \x00 NUL."), Block("paragraph", None)],  # type: ignore[arg-type]
        wire_source=WireSource("AA", "Anadolu\udfff"),
        reading_time_minutes="three",  # type: ignore[arg-type]
        word_count=10**40,
    )
    summary = store.write_batch([ArticleOutcome("odd.html", odd)])
    assert summary.inserted == 1, summary
    stored = store.get(summary.article_ids[0])
    assert stored is not None
    got = stored.article
    assert got.headline == "Bad \ufffd surrogate and bell"
    assert got.site_name == "Harbour Gazette"
    assert got.language == "EN-gb"
    assert got.authors == ["Priya Nair", "42"]
    assert got.tags == ["Harbour"]
    assert got.published == "20250928"
    assert [(b.type, b.text) for b in got.body] == [("odd-type", "Text with  NUL."), ("paragraph", "")]
    assert got.wire_source == WireSource("AA", "Anadolu\ufffd")
    assert got.reading_time_minutes is None and got.word_count == 2**63 - 1


def test_huge_body_is_stored_and_searchable(store: SQLiteStore) -> None:
    paragraph = "Dredging the outer basin will take three years and cost more than planned. " * 200
    body = [Block("paragraph", paragraph) for _ in range(300)] + [Block("paragraph", "zanzibarite")]
    big = Article(url="https://harbourgazette.example/long-read", headline="The long read", body=body).finish()
    assert len(big.text) > 4_000_000
    assert store.write_batch([ArticleOutcome("long.html", big)]).inserted == 1
    assert [hit.id for hit in store.search("zanzibarite")] == [1]
    stored = store.get(1)
    assert stored is not None and stored.article.text == big.text


_any_char = st.characters(categories=["Cs", "Cc", "Lu", "Ll", "Zs", "Nd", "Po", "So", "Mn"])
_any_text = st.none() | st.text(_any_char, max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=_any_text,
    headline=_any_text,
    authors=st.lists(_any_text, max_size=3),
    published=_any_text,
    body=st.lists(st.tuples(_any_text, _any_text), max_size=4),
)
def test_any_strings_can_be_written_and_read(
    store: SQLiteStore,
    url: str | None,
    headline: str | None,
    authors: list[str | None],
    published: str | None,
    body: list[tuple[str | None, str | None]],
) -> None:
    article = Article(
        url=url,
        headline=headline,
        authors=authors,  # type: ignore[arg-type]
        published=published,
        body=[Block(kind, text) for kind, text in body],  # type: ignore[arg-type]
    )
    summary = store.write_batch([ArticleOutcome("generated", article, RawPage(headline or "", url=url))])
    assert summary.quarantined == 0
    assert summary.inputs == 1
    for stored in store.iter_articles():
        stored.article.to_dict()  # every stored record reads back into the model
    assert store.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_writes_from_two_stores_on_one_file_both_land(db_path: Path, store: SQLiteStore) -> None:
    with open_store(db_path) as second:
        store.write_batch([outcome_for(harbour())])
        second.write_batch([outcome_for(cup_final())])
        assert second.count() == 2
    assert store.count() == 2


def test_raw_page_of_an_unchanged_article_is_not_kept_again(store: SQLiteStore) -> None:
    article = harbour()
    store.write_batch([outcome_for(article)])
    refetched = raw_for(article)
    refetched.data = bytes(refetched.data) + b"<!-- ad slot 2 -->"
    summary = store.write_batch([ArticleOutcome("again", article, refetched)])
    assert (summary.unchanged, summary.raw_pages) == (1, 0)
