"""The SQLite schema and its migrations.

The schema version lives in ``PRAGMA user_version``. :data:`MIGRATIONS` is the
ordered history of the schema; :func:`migrate` applies the missing ones on open,
all in one transaction, so a database is always at a version the code knows,
never half-way. A new schema change is a new :class:`Migration` appended to the
list, never an edit of an old one: databases in the field were built from them.

Storage choices, and why:

* The body is kept once, as ``articles.body_text`` (the block texts joined by a
  blank line, exactly ``Article.text``) plus ``articles.body_layout`` (a JSON list of
  ``[type, length]`` per block). A ``blocks`` table would store every word a second
  time next to the text the full-text index reads, and would need a join of twenty
  rows to show one article; the layout gives the blocks back exactly, and the view
  ``article_blocks`` still offers them as rows to SQL users.
* Raw pages are zlib-compressed (the only general compressor in the standard
  library on Python 3.11), or are a pointer into a WARC file when ingest keeps them
  there.
* ``articles.key`` (canonical URL, else URL, else body fingerprint) is the identity
  that makes writes idempotent, and the one unique column: ``canonical_url`` keeps
  what the page declared, which may repeat when it was not trusted (a home page
  declared canonical on every article); ``published_utc`` is ``published`` normalised to UTC
  so that date filters and ordering compare like with like.
* The full-text index is an FTS5 external-content table over ``articles``, kept in
  sync by triggers, so text is not stored twice and no writer can forget it.
* Each filterable column is indexed together with ``published_utc`` (and so the id), so
  a filtered list newest first, a keyset page of it, and its articles per day are read
  in index order.
* The counts ``newsdesk stats`` shows live in ``store_counts``, kept by triggers in the
  transaction of every write: reading them costs a few rows instead of a scan of every
  article per grouping (0.15 ms against 9.5 ms at 10,000 articles), for no measurable
  cost on writes (3,000 generated articles: 1.03 s of CPU without the triggers, 1.05-1.08 s
  with them).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from newsdesk.store import copies, stories, vectors
from newsdesk.store.base import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema's history: the SQL that takes version ``version - 1`` to ``version``.

    >>> Migration(3, "example", "CREATE TABLE t (x)").version
    3
    """

    version: int
    description: str
    sql: str


_V1_CORE = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    counts TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    homepage TEXT,
    feeds TEXT NOT NULL DEFAULT '[]',
    sitemaps TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    country TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE raw_pages (
    id INTEGER PRIMARY KEY,
    url TEXT,
    final_url TEXT,
    fetched_at TEXT,
    headers TEXT NOT NULL DEFAULT '{}',
    kind TEXT,
    source TEXT,
    content_hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    is_text INTEGER NOT NULL DEFAULT 0,
    compression TEXT,
    data BLOB,
    warc_path TEXT,
    warc_offset INTEGER,
    warc_length INTEGER,
    stored_at TEXT NOT NULL,
    CHECK (data IS NOT NULL OR warc_path IS NOT NULL)
);
CREATE UNIQUE INDEX raw_pages_identity ON raw_pages (ifnull(url, ''), content_hash);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    url TEXT,
    canonical_url TEXT,
    host TEXT,
    site_name TEXT,
    language TEXT,
    headline TEXT,
    standfirst TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    published_utc TEXT,
    updated TEXT,
    section TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    image TEXT,
    wire_source TEXT,
    related TEXT NOT NULL DEFAULT '[]',
    reading_time_minutes INTEGER,
    word_count INTEGER NOT NULL DEFAULT 0,
    is_article INTEGER NOT NULL DEFAULT 0,
    body_text TEXT NOT NULL DEFAULT '',
    body_layout TEXT NOT NULL DEFAULT '[]',
    body_hash TEXT,
    record_hash TEXT NOT NULL,
    raw_page_id INTEGER REFERENCES raw_pages (id) ON DELETE SET NULL,
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    ingested_at TEXT NOT NULL,
    revised_at TEXT
);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE INDEX articles_published ON articles (published_utc);
CREATE INDEX articles_site_name ON articles (site_name COLLATE NOCASE);
CREATE INDEX articles_host ON articles (host);
CREATE INDEX articles_section ON articles (section COLLATE NOCASE);
CREATE INDEX articles_language ON articles (language COLLATE NOCASE);
CREATE INDEX articles_raw_page ON articles (raw_page_id);

CREATE TABLE duplicates (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    duplicate_of INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
    similarity REAL,
    raw_page_id INTEGER REFERENCES raw_pages (id) ON DELETE SET NULL,
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    found_at TEXT NOT NULL
);
CREATE INDEX duplicates_of ON duplicates (duplicate_of);

CREATE TABLE not_articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    input TEXT,
    reason TEXT NOT NULL,
    raw_page_id INTEGER REFERENCES raw_pages (id) ON DELETE SET NULL,
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    at TEXT NOT NULL
);

CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    input TEXT NOT NULL,
    url TEXT,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    details TEXT,
    raw_page_id INTEGER REFERENCES raw_pages (id) ON DELETE SET NULL,
    run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    UNIQUE (input, stage)
);

-- The blocks of every body as rows, cut out of body_text with body_layout.
CREATE VIEW article_blocks AS
WITH layout AS (
    SELECT a.id AS article_id,
           CAST(j.key AS INTEGER) AS position,
           json_extract(j.value, '$[0]') AS type,
           CAST(json_extract(j.value, '$[1]') AS INTEGER) AS length,
           coalesce(sum(CAST(json_extract(j.value, '$[1]') AS INTEGER) + 2) OVER (
               PARTITION BY a.id ORDER BY CAST(j.key AS INTEGER)
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
    FROM articles AS a, json_each(a.body_layout) AS j
)
SELECT layout.article_id, layout.position, layout.type,
       substr(articles.body_text, layout.start + 1, layout.length) AS text
FROM layout JOIN articles ON articles.id = layout.article_id;
"""

_V2_SEARCH = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline, standfirst, body_text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, headline, standfirst, body_text)
    VALUES (new.id, new.headline, new.standfirst, new.body_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, standfirst, body_text)
    VALUES ('delete', old.id, old.headline, old.standfirst, old.body_text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, standfirst, body_text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, standfirst, body_text)
    VALUES ('delete', old.id, old.headline, old.standfirst, old.body_text);
    INSERT INTO articles_fts (rowid, headline, standfirst, body_text)
    VALUES (new.id, new.headline, new.standfirst, new.body_text);
END;

-- Index what a version-1 database already holds.
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"""

_V3_NEWEST_BY_FILTER = """
-- Each filterable column followed by the publication time (and, implicitly, the id): a filtered
-- list newest first, a page after a (published_utc, id) position, and the articles per day of
-- one section or outlet are read in index order without sorting or visiting the table. They
-- replace the single-column indexes, which they serve as well. The unfiltered order uses
-- articles_published, whose entries are (published_utc, id) already.
DROP INDEX articles_site_name;
DROP INDEX articles_host;
DROP INDEX articles_section;
DROP INDEX articles_language;
CREATE INDEX articles_outlet_published ON articles (site_name COLLATE NOCASE, host, published_utc);
CREATE INDEX articles_host_published ON articles (host, published_utc);
CREATE INDEX articles_section_published ON articles (section COLLATE NOCASE, published_utc);
CREATE INDEX articles_language_published ON articles (language COLLATE NOCASE, published_utc);
"""

_V4_COUNTS = """
-- What `newsdesk stats` shows, kept up to date by triggers in the transaction of every write, so
-- that reading the counts costs a few rows however large the store grows instead of a scan of
-- every article per grouping. kind: articles, source, day, section, language (of articles),
-- duplicates (by kind), not_articles (by reason), quarantine (by stage), raw_pages, runs.
-- value '' stands for no value; a row whose count fell to 0 stays and is not shown.
CREATE TABLE store_counts (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;

CREATE TRIGGER articles_counts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES
        ('articles', '', 1),
        ('source', ifnull(coalesce(new.site_name, new.host), ''), 1),
        ('day', ifnull(substr(new.published_utc, 1, 10), ''), 1),
        ('section', ifnull(new.section, ''), 1),
        ('language', ifnull(lower(new.language), ''), 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER articles_counts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES
        ('articles', '', -1),
        ('source', ifnull(coalesce(old.site_name, old.host), ''), -1),
        ('day', ifnull(substr(old.published_utc, 1, 10), ''), -1),
        ('section', ifnull(old.section, ''), -1),
        ('language', ifnull(lower(old.language), ''), -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER articles_counts_update AFTER UPDATE OF site_name, host, published_utc, section, language ON articles
WHEN old.site_name IS NOT new.site_name OR old.host IS NOT new.host OR old.published_utc IS NOT new.published_utc
     OR old.section IS NOT new.section OR old.language IS NOT new.language
BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES
        ('source', ifnull(coalesce(old.site_name, old.host), ''), -1),
        ('day', ifnull(substr(old.published_utc, 1, 10), ''), -1),
        ('section', ifnull(old.section, ''), -1),
        ('language', ifnull(lower(old.language), ''), -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n;
    INSERT INTO store_counts (kind, value, n) VALUES
        ('source', ifnull(coalesce(new.site_name, new.host), ''), 1),
        ('day', ifnull(substr(new.published_utc, 1, 10), ''), 1),
        ('section', ifnull(new.section, ''), 1),
        ('language', ifnull(lower(new.language), ''), 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER duplicates_counts_insert AFTER INSERT ON duplicates BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('duplicates', new.kind, 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER duplicates_counts_delete AFTER DELETE ON duplicates BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('duplicates', old.kind, -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
END;
CREATE TRIGGER duplicates_counts_update AFTER UPDATE OF kind ON duplicates WHEN old.kind IS NOT new.kind BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('duplicates', old.kind, -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
    INSERT INTO store_counts (kind, value, n) VALUES ('duplicates', new.kind, 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER not_articles_counts_insert AFTER INSERT ON not_articles BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('not_articles', new.reason, 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER not_articles_counts_delete AFTER DELETE ON not_articles BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('not_articles', old.reason, -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
END;
CREATE TRIGGER not_articles_counts_update AFTER UPDATE OF reason ON not_articles
WHEN old.reason IS NOT new.reason BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('not_articles', old.reason, -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
    INSERT INTO store_counts (kind, value, n) VALUES ('not_articles', new.reason, 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER quarantine_counts_insert AFTER INSERT ON quarantine BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('quarantine', new.stage, 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER quarantine_counts_delete AFTER DELETE ON quarantine BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('quarantine', old.stage, -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
END;
CREATE TRIGGER quarantine_counts_update AFTER UPDATE OF stage ON quarantine WHEN old.stage IS NOT new.stage BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('quarantine', old.stage, -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
    INSERT INTO store_counts (kind, value, n) VALUES ('quarantine', new.stage, 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER raw_pages_counts_insert AFTER INSERT ON raw_pages BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('raw_pages', '', 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER raw_pages_counts_delete AFTER DELETE ON raw_pages BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('raw_pages', '', -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
END;

CREATE TRIGGER runs_counts_insert AFTER INSERT ON runs BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('runs', '', 1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER runs_counts_delete AFTER DELETE ON runs BEGIN
    INSERT INTO store_counts (kind, value, n) VALUES ('runs', '', -1)
    ON CONFLICT (kind, value) DO UPDATE SET n = n - 1;
END;

-- Count what an earlier version's database already holds.
INSERT INTO store_counts (kind, value, n)
    SELECT 'articles', '', count(*) FROM articles
    UNION ALL SELECT 'source', ifnull(coalesce(site_name, host), ''), count(*) FROM articles GROUP BY 2
    UNION ALL SELECT 'day', ifnull(substr(published_utc, 1, 10), ''), count(*) FROM articles GROUP BY 2
    UNION ALL SELECT 'section', ifnull(section, ''), count(*) FROM articles GROUP BY 2
    UNION ALL SELECT 'language', ifnull(lower(language), ''), count(*) FROM articles GROUP BY 2
    UNION ALL SELECT 'duplicates', kind, count(*) FROM duplicates GROUP BY 2
    UNION ALL SELECT 'not_articles', reason, count(*) FROM not_articles GROUP BY 2
    UNION ALL SELECT 'quarantine', stage, count(*) FROM quarantine GROUP BY 2
    UNION ALL SELECT 'raw_pages', '', count(*) FROM raw_pages
    UNION ALL SELECT 'runs', '', count(*) FROM runs;
"""

_V5_PLANNER_STATISTICS = """
-- Migration 3 left its indexes without statistics, and SQLite's PRAGMA optimize does not add
-- them to a table that has some: the planner then takes an equality on language for a rare
-- value and reads 7,000 of 10,000 articles to list the newest English ones (35 ms instead of
-- 0.07). On an empty table this records nothing, and PRAGMA optimize gathers them later.
ANALYZE articles;
"""

_V6_ANNOTATIONS = """
-- What enrichment found, whole, as Enrichment.to_dict() JSON: the record an article is read back with.
ALTER TABLE articles ADD COLUMN enrichment TEXT;
-- Why enrichment failed for this article (it is stored without annotations).
ALTER TABLE articles ADD COLUMN enrich_error TEXT;

-- One row per distinct entity (canonical name and type), so that an entity has a stable id across articles.
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    UNIQUE (name, type)
);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

-- Which entities an article names, how often, and when the article was published (kept here so that
-- "mentions over time" and the top entities of a period read one index, not the articles).
CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    mentions INTEGER NOT NULL,
    published_utc TEXT,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_by_entity ON article_entities (entity_id, published_utc);
CREATE INDEX article_entities_by_time ON article_entities (published_utc, entity_id);

-- Who said what: one row per quote, the speaker's canonical name, and the entity it resolved to.
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    speaker TEXT,
    speaker_entity_id INTEGER REFERENCES entities (id) ON DELETE SET NULL,
    speaker_role TEXT,
    kind TEXT NOT NULL,
    cue TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    published_utc TEXT
);
CREATE INDEX quotes_article ON quotes (article_id, position);
CREATE INDEX quotes_speaker ON quotes (speaker COLLATE NOCASE, published_utc);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity_id, published_utc);
CREATE INDEX quotes_time ON quotes (published_utc);
"""

#: The schema's history, oldest first. Append; never edit a released step.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables: sources, raw pages, articles, duplicates, not-articles, runs, quarantine", _V1_CORE),
    Migration(2, "full-text search: FTS5 index over headline, standfirst and body, kept by triggers", _V2_SEARCH),
    Migration(3, "newest-first indexes per filter: outlet, host, section and language, each by publication time",
              _V3_NEWEST_BY_FILTER),
    Migration(4, "store_counts: the counts of `newsdesk stats`, kept by triggers", _V4_COUNTS),
    Migration(5, "query planner statistics for the articles' indexes", _V5_PLANNER_STATISTICS),
    Migration(6, "enrichment: annotations kept with each article; entities, their articles, and quotes as tables",
              _V6_ANNOTATIONS),
    Migration(7, "near-copies: MinHash signatures, LSH band keys, and each copy's parent and containment",
              copies.MIGRATION_SQL),
    Migration(8, "article embeddings (float16) for semantic search and stories", vectors.MIGRATION_SQL),
    Migration(9, "stories: groups of articles across outlets and over time", stories.MIGRATION_SQL),
    Migration(10, "LSH band keys without a foreign key or an index by article: a rewrite finds them by signature",
              copies.MIGRATION_10_SQL),
)

#: The version this code writes and reads.
SCHEMA_VERSION = MIGRATIONS[-1].version


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole).

    ``executescript`` would do this, but it commits any open transaction first, and a
    migration must run inside one.

    >>> split_statements("CREATE TABLE t (x); CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1; END;")
    ['CREATE TABLE t (x);', 'CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1; END;']
    """
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            statement = pending.strip()
            if statement != ";":
                statements.append(statement)
            pending = ""
    return statements


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0 for a new, empty one).

    >>> schema_version(sqlite3.connect(":memory:"))
    0
    """
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    conn: sqlite3.Connection,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    *,
    source: str | None = None,
) -> int:
    """Apply the migrations the database lacks, in one transaction; return the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Nothing is applied
    if any step fails: the error names the step and the database stays as it was.

    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> migrate(conn)
    10
    """
    _check_history(migrations)
    target = migrations[-1].version
    current = schema_version(conn)
    if current > target:
        raise StoreError(source, f"schema version {current} is newer than this newsdesk ({target})")
    if current == target:
        return current
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated between the first look and the lock.
        current = schema_version(conn)
        for step in migrations:
            if step.version <= current:
                continue
            try:
                for statement in split_statements(step.sql):
                    conn.execute(statement)
            except sqlite3.Error as exc:
                raise StoreError(source, f"migration {step.version} ({step.description}) failed: {exc}") from exc
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return target


def _check_history(migrations: tuple[Migration, ...]) -> None:
    versions = [step.version for step in migrations]
    if not versions or versions != list(range(1, len(versions) + 1)):
        raise StoreError("schema", f"migrations must be numbered 1, 2, 3... in order, got {versions}")
