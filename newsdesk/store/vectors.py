"""Article embeddings in the store: one float16 vector per article and model, for semantic search and stories.

Vectors are written by the writer with their article and read back in blocks for brute-force cosine
search in numpy (fine to about 100,000 articles), or into an index beyond that.
"""

from __future__ import annotations

#: Migration 8 (see :mod:`newsdesk.store.schema`).
MIGRATION_SQL = """
-- One embedding per article: the model's name, its dimension, and the unit-length vector as float16 bytes.
CREATE TABLE article_vectors (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX article_vectors_model ON article_vectors (model);
"""
