"""Near-copies in the store: MinHash signatures and LSH band keys of every article, and the syndication chain.

A new article is checked against everything stored through its LSH band keys: one indexed lookup
per band (``lsh_bands``), so the cost does not grow with the store. A near-copy stays an article and
gains a ``duplicates`` row of kind ``near`` naming its group's original (``duplicate_of``) and its
parent (the earlier copy that contains most of it), with the estimated similarity and containment.
"""

from __future__ import annotations

#: Migration 7 (see :mod:`newsdesk.store.schema`).
MIGRATION_SQL = """
-- The MinHash signature of every article's body (NUM_PERM uint32, little-endian) and its shingle count.
CREATE TABLE article_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL,
    shingles INTEGER NOT NULL
);

-- LSH band keys: articles sharing a (band, key) are candidate near-copies.
CREATE TABLE lsh_bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;
CREATE INDEX lsh_bands_article ON lsh_bands (article_id);

-- The syndication chain of a near-copy: the copy it was most likely made from, and how much of it is there.
ALTER TABLE duplicates ADD COLUMN parent_id INTEGER REFERENCES articles (id) ON DELETE SET NULL;
ALTER TABLE duplicates ADD COLUMN containment REAL;
"""
