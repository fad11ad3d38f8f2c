"""Stories in the store: groups of articles about one event across outlets and over time.

Stories are assigned in stream order by the writer (each new article joins the most similar live story
or starts one), so a rerun over the same input gives the same stories.
"""

from __future__ import annotations

#: Migration 9 (see :mod:`newsdesk.store.schema`).
MIGRATION_SQL = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    first_seen TEXT,
    last_seen TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    -- The running mean of its members' vectors (float16 bytes), and its top entities and places (JSON).
    centroid BLOB,
    entities TEXT NOT NULL DEFAULT '[]',
    places TEXT NOT NULL DEFAULT '[]',
    -- The earlier story this one continues (linked by the periodic pass).
    continues INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    updated_at TEXT
);
CREATE INDEX stories_last_seen ON stories (last_seen);

CREATE TABLE story_articles (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    similarity REAL,
    published_utc TEXT,
    PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
CREATE INDEX story_articles_time ON story_articles (story_id, published_utc);
"""
