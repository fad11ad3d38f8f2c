"""A writer the crash test runs in a subprocess and kills with SIGKILL.

``python crash_writer.py DB BATCHES SIZE [PAUSE_BATCH]`` writes the same fixed
sequence of batches every time (articles from four outlets with their raw pages,
wire copies that are exact duplicates, not-articles and failures), printing
``committed N`` after each batch. With ``PAUSE_BATCH``, it stops in the middle of
that batch's transaction, after SQLite has started writing, prints ``paused`` and
waits to be killed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator

from newsdesk.model import Article, Block, RawPage, WireSource
from newsdesk.store import ArticleOutcome, FailureOutcome, NotArticleOutcome, Outcome, SQLiteStore, open_store

OUTLETS = (
    ("Harbour Gazette", "https://harbourgazette.example", "Local", "en-GB"),
    ("Daily Meridian", "https://www.dailymeridian.example", "World", "en"),
    ("Northern Sports Desk", "https://northernsports.example", "Sport", "en"),
    ("Le Quotidien du Nord", "https://lequotidiendunord.example", "Économie", "fr"),
)


def _article(n: int) -> Article:
    name, home, section, language = OUTLETS[n % len(OUTLETS)]
    body = [
        Block("paragraph", f"Story {n} began on a wet Tuesday when the council published report number {n * 7}."),
        Block("paragraph", f"Officials said the plan would cost {n % 90 + 10} million and take {n % 5 + 2} years."),
        Block("quote", f"We have listened to residents, a spokesperson said of proposal {n}."),
        Block("paragraph", "Opponents promised to keep campaigning until the final vote in the spring."),
    ]
    return Article(
        url=f"{home}/news/{2025 - n % 3}/story-{n}",
        site_name=name,
        language=language,
        headline=f"Council report {n} sets out a plan for the harbour",
        standfirst=f"Residents have until October to respond to proposal {n}.",
        authors=[f"Reporter {n % 17}"],
        published=f"2025-09-{n % 28 + 1:02d}T{n % 24:02d}:15:00+01:00",
        section=section,
        tags=["Council", f"Ward {n % 9}"],
        body=body,
        wire_source=WireSource("PA", "Press Association") if n % 4 == 0 else None,
        is_article=True,
    ).finish()


def _raw(article: Article) -> RawPage:
    html = f"<html><head><title>{article.headline}</title></head><body><article>"
    html += "".join(f"<p>{block.text}</p>" for block in article.body) + "</article></body></html>"
    return RawPage(
        html.encode("utf-8"),
        url=article.url,
        headers={"content-type": "text/html"},
        fetched_at="2025-10-01T06:00:00Z",
        kind="html",
    )


def outcome(n: int) -> Outcome:
    """The n-th input of the fixed sequence."""
    if n % 11 == 5:
        return NotArticleOutcome(f"input-{n}", f"https://harbourgazette.example/tag/ward-{n}", "tag page")
    if n % 13 == 6:
        return FailureOutcome(f"input-{n}", "extract", "no body found", f"page {n} had only navigation")
    if n % 7 == 3:
        # A wire copy of the previous story on another site: an exact duplicate.
        source = _article(n - 1)
        copy = Article(
            url=f"https://regionalpost.example/wire/{n}",
            site_name="Regional Post",
            headline=source.headline,
            body=source.body,
            is_article=True,
        ).finish()
        return ArticleOutcome(f"input-{n}", copy, _raw(copy))
    article = _article(n)
    return ArticleOutcome(f"input-{n}", article, _raw(article))


def batches(count: int, size: int) -> Iterator[list[Outcome]]:
    """The fixed sequence, cut into batches."""
    for b in range(count):
        yield [outcome(b * size + i) for i in range(size)]


def _pause_inside_transaction(store: SQLiteStore) -> None:
    calls = 0

    def handler() -> int:
        nonlocal calls
        calls += 1
        if calls == 100:
            print("paused", flush=True)
            print(f"wal {os.path.getsize(store.path + '-wal')}", flush=True)
            time.sleep(120)
        return 0

    # A tiny page cache makes SQLite spill the open transaction's pages into the WAL before the
    # pause, so the kill leaves uncommitted frames behind that recovery must ignore.
    store.connection.execute("PRAGMA cache_size = 8")
    store.connection.set_progress_handler(handler, 100)


def main(argv: list[str]) -> int:
    db, count, size = argv[0], int(argv[1]), int(argv[2])
    pause_batch = int(argv[3]) if len(argv) > 3 else -1
    store = open_store(db)
    assert isinstance(store, SQLiteStore)
    with store:
        run_id = store.start_run("crash_writer " + " ".join(argv))
        for number, batch in enumerate(batches(count, size)):
            if number == pause_batch:
                _pause_inside_transaction(store)
            store.write_batch(batch, run_id=run_id)
            print(f"committed {number}", flush=True)
        store.finish_run(run_id, {"batches": count})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
