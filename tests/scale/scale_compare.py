"""What the scale tests compare between a local run and a sharded one: stats, the sorted JSON Lines export,
and what the writer connected: every duplicate row with its original and parent (the syndication chain),
and which articles share a story."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from newsdesk.cli import main
from newsdesk.store import open_store

_COPIES_SQL = """
SELECT d.url, d.kind, original.key, parent.key, d.similarity, d.containment
FROM duplicates AS d
LEFT JOIN articles AS original ON original.id = d.duplicate_of
LEFT JOIN articles AS parent ON parent.id = d.parent_id
ORDER BY d.url
"""
_STORIES_SQL = """
SELECT group_concat(a.key, ' ') FROM story_articles AS s JOIN articles AS a ON a.id = s.article_id
GROUP BY s.story_id
"""


def local_run(inputs: list[Path], db: Path, *extra: str) -> int:
    """``newsdesk ingest`` of ``inputs`` (in that order) into ``db``, one worker, with ``extra`` options."""
    return main(["ingest", *map(str, inputs), "--db", str(db), "--workers", "1", "--quiet", *extra])


def connected(db: Path) -> dict[str, list[Any]]:
    """The duplicates (by article key: url, kind, original, parent, similarity, containment) and the stories
    (each as its members' keys), sorted."""
    conn = sqlite3.connect(db)
    try:
        copies = [list(row) for row in conn.execute(_COPIES_SQL)]
        stories = sorted(" ".join(sorted(row[0].split(" "))) for row in conn.execute(_STORIES_SQL))
    finally:
        conn.close()
    return {"copies": copies, "stories": stories}


def snapshot(db: Path, drop: tuple[str, ...] = ("ingested_at",)) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """``newsdesk stats`` as a dict, ``newsdesk export --format jsonl`` sorted without the ``drop`` keys, and
    :func:`connected`."""
    with open_store(db) as store:
        stats = store.stats().to_dict()
    out = db.with_suffix(".jsonl")
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db)]) == 0
    lines = []
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for key in drop:
            record.pop(key, None)
        lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
    return stats, sorted(lines), connected(db)
