"""The ingest pipeline end to end: sources -> extraction (inline or in worker processes) -> the store.

Pages are generated here from one small template (a local paper's harbour and council news), so that
a test can make two pages or two thousand; nothing is copied from the benchmark data.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.ingest import SourceFailure
from newsdesk.ingest.files import read_path
from newsdesk.model import RawPage
from newsdesk.pipeline import NOT_AN_ARTICLE, IngestReport, run_ingest
from newsdesk.store import open_store

SITE = "https://harbour-gazette.example"

_TOPICS = [
    ("Port", "container cranes", "the harbour authority", "dock workers"),
    ("City", "tram extension", "the city council", "commuters"),
    ("Weather", "storm barrier", "the coastguard", "fishing crews"),
    ("Business", "fish market", "the chamber of commerce", "traders"),
    ("Schools", "new science wing", "the education board", "parents"),
]
_AUTHORS = ["Maren Holt", "Idris Calloway", "Sunniva Berg", "Tomasz Wren"]

STORY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | Harbour Gazette</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{headline}">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="{published}">
<meta property="article:section" content="{section}">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/port">Port</a> <a href="/city">City</a> <a href="/weather">Weather</a></nav>
</header>
<main><article>
<h1>{headline}</h1>
<p class="byline">By {author}</p>
<p>{actor_cap} confirmed on {weekday} that work on the {thing} will cost {cost} million crowns, story number
{number}, after a consultation that drew more than {replies} written replies from residents.</p>
<p>"We have listened to {people} and we have changed the plans where it mattered," a spokesperson for
{actor} said, adding that the first phase would begin before the end of the year.</p>
<p>Critics argued that the timetable was too tight and that the budget left little room for the repairs
already promised to {people} along the waterfront, where delays have been common since the spring.</p>
</article></main>
<footer><p>© 2025 Harbour Gazette. All rights reserved.</p></footer>
</body></html>
"""

LISTING = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Port news | Harbour Gazette</title></head><body>
<h1>Port news</h1>
<ul>{items}</ul>
</body></html>
"""


def story_url(number: int) -> str:
    """The URL of generated story ``number``."""
    return f"{SITE}/news/{number:05d}-harbour-story"


def story_html(number: int, url: str | None = None) -> str:
    """Generated story ``number``: its own headline, body, section, author and date."""
    section, thing, actor, people = _TOPICS[number % len(_TOPICS)]
    return STORY.format(
        headline=f"{section} plan {number}: {thing} approved by {actor}",
        published=f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}T09:30:00+01:00",
        section=section,
        author=_AUTHORS[number % len(_AUTHORS)],
        url=url or story_url(number),
        actor=actor,
        actor_cap=actor[0].upper() + actor[1:],
        weekday=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][number % 5],
        thing=thing,
        cost=3 + number % 40,
        number=number,
        replies=100 + number,
        people=people,
    )


def listing_html(count: int = 25) -> str:
    """A section front: a list of links, not an article."""
    items = "".join(f'<li><a href="{story_url(n)}">Port plan {n}</a></li>' for n in range(count))
    return LISTING.format(items=items)


def write_stories(folder: Path, count: int, *, duplicate_every: int = 0, listing_every: int = 0) -> Path:
    """Write ``count`` story files under ``folder``; every ``duplicate_every``-th is a copy of story 0
    under its own URL, every ``listing_every``-th a section front."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        if listing_every and number and number % listing_every == 0:
            html = listing_html()
        elif duplicate_every and number and number % duplicate_every == 0:
            html = story_html(0, url=f"{SITE}/syndicated/{number:05d}")
        else:
            html = story_html(number)
        (folder / f"story-{number:05d}.html").write_text(html, encoding="utf-8")
    return folder


def snapshot(db: Path) -> dict[str, list[Any]]:
    """What an ingest decided, without ids, times and run numbers (which depend on history)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            "articles": conn.execute(
                "SELECT key, url, headline, section, body_hash, record_hash FROM articles ORDER BY key").fetchall(),
            "duplicates": conn.execute(
                "SELECT d.url, a.key, d.kind FROM duplicates AS d JOIN articles AS a ON a.id = d.duplicate_of "
                "ORDER BY d.url").fetchall(),
            "not_articles": conn.execute("SELECT url, reason FROM not_articles ORDER BY url").fetchall(),
            "quarantine": conn.execute("SELECT input, stage, reason FROM quarantine ORDER BY input").fetchall(),
            "indexed": conn.execute(
                "SELECT a.key FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH 'spokesperson' ORDER BY a.key").fetchall(),
        }
    finally:
        conn.close()


def ingest(source: Path, db: Path, workers: int, batch_size: int = 7) -> IngestReport:
    with open_store(db) as store:
        return run_ingest(read_path(source), store, workers=workers, batch_size=batch_size)


# ------------------------------------------------------------------------------------- same result


def test_inline_and_pool_give_the_same_store(tmp_path: Path) -> None:
    source = write_stories(tmp_path / "pages", 40, duplicate_every=9, listing_every=13)
    (source / "empty.html").write_bytes(b"")
    inline = ingest(source, tmp_path / "inline.db", workers=1)
    pooled = ingest(source, tmp_path / "pooled.db", workers=2)
    assert inline.written.counts() == pooled.written.counts()
    assert inline.written.duplicates == 4 and inline.written.not_articles == 3 and inline.failed == 1
    assert inline.inputs == pooled.inputs == 41
    expected = snapshot(tmp_path / "inline.db")
    assert len(expected["articles"]) == 41 - 4 - 3 - 1
    assert snapshot(tmp_path / "pooled.db") == expected


def test_ingesting_twice_adds_nothing(tmp_path: Path) -> None:
    source = write_stories(tmp_path / "pages", 12, duplicate_every=5)
    db = tmp_path / "news.db"
    first = ingest(source, db, workers=1)
    before = snapshot(db)
    again = ingest(source, db, workers=2)
    assert first.written.inserted == 10
    assert first.written.article_ids == []  # counts only: a crawl's report does not grow with its articles
    assert again.written.inserted == 0 and again.written.updated == 0 and again.written.raw_pages == 0
    assert again.written.unchanged == 10
    assert snapshot(db) == before
    with open_store(db) as store:
        assert store.stats().runs == 2


def test_exact_copy_under_another_url_is_a_duplicate_of_the_first(tmp_path: Path) -> None:
    source = tmp_path / "pages"
    source.mkdir()
    (source / "a-original.html").write_text(story_html(3), encoding="utf-8")
    copy_url = "https://lighthouse-post.example/2025/04/04/harbour"
    (source / "b-copy.html").write_text(story_html(3, url=copy_url), encoding="utf-8")
    db = tmp_path / "news.db"
    report = ingest(source, db, workers=1)
    assert (report.written.inserted, report.written.duplicates) == (1, 1)
    with open_store(db) as store:
        assert store.stats().duplicates == {"exact": 1}
        assert store.count() == 1
        original = store.get(story_url(3))
        assert original is not None
        via_copy = store.get(copy_url)
        assert via_copy is not None and via_copy.id == original.id
    assert snapshot(db)["duplicates"] == [(copy_url, story_url(3), "exact")]


def test_not_articles_and_failures_are_kept_with_their_reasons(tmp_path: Path) -> None:
    source = tmp_path / "pages"
    source.mkdir()
    (source / "front.html").write_text(listing_html(), encoding="utf-8")
    (source / "story.html").write_text(story_html(1), encoding="utf-8")
    (source / "blank.html").write_text("   \n", encoding="utf-8")
    items: list[RawPage | SourceFailure] = [
        *read_path(source),
        SourceFailure(f"{SITE}/gone", "HTTP status 404", url=f"{SITE}/gone"),
        SourceFailure(f"{SITE}/report.pdf", "content type application/pdf", url=f"{SITE}/report.pdf", skipped=True),
    ]
    db = tmp_path / "news.db"
    with open_store(db) as store:
        report = run_ingest(items, store, workers=1)
        stats = store.stats()
    assert report.written.inserted == 1
    assert report.exit_code == 1
    assert stats.not_articles == {NOT_AN_ARTICLE: 1}
    # An input read fine that holds no page (a PDF, a 404) is quarantined with its reason too.
    assert stats.quarantined == {"extract": 1, "read": 2}
    rows = {(input_, stage): reason for input_, stage, reason in snapshot(db)["quarantine"]}
    assert rows[(f"{SITE}/gone", "read")] == "HTTP status 404"
    assert rows[(f"{SITE}/report.pdf", "read")] == "content type application/pdf"
    assert rows[(str(source / "blank.html"), "extract")]


# ------------------------------------------------------------------------------------- bad inputs


def _response(writer: WARCWriter, url: str, body: bytes, status: str = "200 OK",
              content_type: str = "text/html; charset=utf-8") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": "2025-10-01T08:30:00Z"}))


def _crawl_with_damage(path: Path) -> tuple[int, list[str]]:
    """A .warc.gz of good stories, a PDF, a 404, and one record whose gzip member is overwritten with zeros.

    Returns the damaged record's offset and the URLs of the stories that must survive."""
    offsets: list[int] = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, (body, status, content_type) in enumerate([
            (story_html(10).encode(), "200 OK", "text/html; charset=utf-8"),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n", "200 OK", "application/pdf"),
            (b"<html><body><h1>Not found</h1></body></html>", "404 Not Found", "text/html"),
            (story_html(11).encode(), "200 OK", "text/html; charset=utf-8"),
            (story_html(12).encode(), "200 OK", "text/html; charset=utf-8"),
        ]):
            offsets.append(out.tell())
            url = story_url(10 + number) if content_type.startswith("text/html") and status == "200 OK" else (
                f"{SITE}/files/report.pdf" if content_type == "application/pdf" else f"{SITE}/news/missing")
            _response(writer, url, body, status, content_type)
    damaged = offsets[3]
    data = bytearray(path.read_bytes())
    data[damaged + 20 : damaged + 90] = b"\x00" * 70
    path.write_bytes(bytes(data))
    return damaged, [story_url(10), story_url(12)]


def test_bad_inputs_never_stop_the_run(tmp_path: Path) -> None:
    source = write_stories(tmp_path / "pages", 3)
    good = source / "story-00001.html"
    whole = gzip.compress(good.read_bytes())
    (source / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    (source / "scan.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n4 0 obj\n<< /Length 5 >>\nstream\nx\x9c\x03\x00"
                                       b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    crawl = source / "crawl.warc.gz"
    damaged, survivors = _crawl_with_damage(crawl)
    items: list[RawPage | SourceFailure] = [
        *read_path(source),
        SourceFailure(f"{SITE}/news/deleted", "HTTP status 404", url=f"{SITE}/news/deleted"),
    ]
    db = tmp_path / "news.db"
    with open_store(db) as store:
        report = run_ingest(items, store, workers=2, batch_size=2)
        stats = store.stats()
        stored_urls = {stored.article.canonical_url for stored in store.iter_articles()}
    assert not report.interrupted
    assert report.exit_code == 1
    assert report.inputs == len(items)
    assert {story_url(n) for n in range(3)} | set(survivors) <= stored_urls
    reasons = {input_: reason for input_, _, reason in snapshot(db)["quarantine"]}
    assert "gzip" in reasons[str(source / "cut.html.gz")]
    assert "PDF" in reasons[str(source / "scan.html")]
    assert "corrupt WARC data" in reasons[f"{crawl}#{damaged}"]
    assert reasons[f"{SITE}/news/deleted"] == "HTTP status 404"
    assert sorted(reason for input_, reason in reasons.items() if input_.startswith(f"{crawl}#")) == [
        "HTTP status 404", "content type application/pdf", reasons[f"{crawl}#{damaged}"]]
    assert stats.articles == 5 and stats.quarantined == {"read": 5, "extract": 1}


# ------------------------------------------------------------------------------------- crash safety

CRASH_PAGES = 2000
_CLI = "import sys; from newsdesk.cli import main; sys.exit(main())"


def _ingest_command(source: Path, db: Path) -> list[str]:
    # Crash safety is the writer's and the pool's: 2,000 pages through statistical NER and the embedding
    # model three times would only slow the test down (enrichment and connect in ingest have tests of their own).
    return [sys.executable, "-c", _CLI, "ingest", str(source), "--db", str(db), "--batch-size", "20",
            "--workers", "2", "--quiet", "--no-enrich", "--no-connect"]


def _articles_now(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # Not created yet, or being migrated.
        return 0
    finally:
        conn.close()


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_kill_9_mid_ingest_then_the_same_command_gives_the_uninterrupted_result(tmp_path: Path) -> None:
    source = write_stories(tmp_path / "pages", CRASH_PAGES, duplicate_every=97, listing_every=101)
    reference = tmp_path / "reference.db"
    done = subprocess.run(_ingest_command(source, reference), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = snapshot(reference)
    assert len(expected["articles"]) > CRASH_PAGES * 0.9

    crashed = tmp_path / "crashed.db"
    process = subprocess.Popen(_ingest_command(source, crashed), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while _articles_now(crashed) < 100:
            assert process.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "no articles were committed in time"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        # The extraction workers are left without their parent: end them too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
            process.wait()
    interrupted_at = _articles_now(crashed)
    assert 0 < interrupted_at < len(expected["articles"])
    assert _integrity(crashed) == "ok"

    resumed = subprocess.run(_ingest_command(source, crashed), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert _integrity(crashed) == "ok"
    assert snapshot(crashed) == expected
    conn = sqlite3.connect(crashed)
    try:
        runs = conn.execute("SELECT finished_at IS NOT NULL FROM runs ORDER BY id").fetchall()
    finally:
        conn.close()
    assert runs == [(0,), (1,)]


class _InterruptedOnSecondWrite:
    """A store whose second batch is interrupted: before its transaction starts, or by a signal inside it."""

    def __init__(self, store: Any, *, signal_inside: bool) -> None:
        self.store = store
        self.signal_inside = signal_inside
        self.writes = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def write_batch(self, outcomes: Any, *, run_id: int | None = None) -> Any:
        self.writes += 1
        if self.writes == 2:
            if not self.signal_inside:
                raise KeyboardInterrupt  # Nothing of this batch is written.
            os.kill(os.getpid(), signal.SIGINT)  # Arrives while the batch is being written.
        return self.store.write_batch(outcomes, run_id=run_id)


@pytest.mark.parametrize("signal_inside", [False, True])
def test_interrupted_summary_counts_only_what_was_committed(tmp_path: Path, signal_inside: bool) -> None:
    source = write_stories(tmp_path / "pages", 30)
    with open_store(tmp_path / "news.db") as real:
        store = _InterruptedOnSecondWrite(real, signal_inside=signal_inside)
        report = run_ingest(read_path(source), store, workers=1, batch_size=10)  # type: ignore[arg-type]
        stored = real.count()
    assert report.interrupted
    assert report.written.inserted == stored == (20 if signal_inside else 10)
    assert report.inputs == stored
