"""Store-side cost of putting articles in stories, at a given store size, with a digest of what was assigned.

What is timed is :func:`newsdesk.store.stories.assign_stories` over batches of new articles, on a store
already holding ``--stored`` articles in stories (synthetic, filled with SQL): stories of 1-5 articles each,
``--per-day`` articles a day (so the stories of the last
:data:`~newsdesk.connect.stories.WINDOW_DAYS` days are live and are what each batch loads and scores),
each story with a random 384-d centroid, a person, an organisation and a place, and a title article whose
vector is stored (what a store written by ingest has), as
``benchmarks/connect_stories.py``'s speed part fills its store; half the new articles lie near a live
story's centroid, the other half anywhere, each naming one person.

The store reads the live stories on the first batch of a connection and keeps them for the next ones, so
the first batch is given apart: ``cpu_ms_per_article_after_first`` is what a long run pays per article.

The digest (sha1 of the sorted ``article -> story`` pairs) is what a change meant to make assignment
cheaper must leave equal: same seed, same store, same assignments.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python -m benchmarks.connect_costs --out /tmp/costs.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.connect.stories import WINDOW_DAYS
from newsdesk.model import Article, Block, Enrichment, Entity
from newsdesk.store import open_store, sqlite_store
from newsdesk.store.stories import assign_stories

DIM = 384
_START_DAY = 20000.0
_STAMP = "2025-01-01T00:00:00Z"


def iso(day: float) -> str:
    """An instant in days since 1970 as the store writes it.

    >>> iso(20000.5)
    '2024-10-04T12:00:00Z'
    """
    return datetime.fromtimestamp(day * 86400, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fill(conn: Any, stored: int, per_day: int, rng: np.random.Generator) -> tuple[int, int]:
    """Fill a store with ``stored`` articles in stories; return (last article id, last story id)."""
    days = stored / per_day
    stories, articles, members, titles = [], [], [], []
    article_id = story_id = 0
    while article_id < stored:
        story_id += 1
        size = int(rng.integers(1, 6))
        day = _START_DAY + days * article_id / stored
        centroid = rng.standard_normal(DIM).astype(np.float32)
        names = json.dumps([[f"person{int(rng.integers(5000))}", size], [f"org{int(rng.integers(2000))}", 1]])
        unit = centroid / np.linalg.norm(centroid)
        # The title is the story's first article, whose vector the store keeps (float16) like every article's.
        stories.append((story_id, article_id + 1, iso(day), iso(day + 0.5), size,
                        (unit * size).astype("<f4").tobytes(), names))
        titles.append((article_id + 1, DIM, unit.astype("<f2").tobytes()))
        for _ in range(size):
            article_id += 1
            articles.append((article_id, f"k{article_id}", iso(day), _STAMP))
            members.append((story_id, article_id, iso(day)))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO articles (id, key, host, published_utc, record_hash, ingested_at) "
                     "VALUES (?, ?, 'a.example', ?, 'h', ?)", articles)
    conn.executemany("INSERT INTO article_vectors (article_id, model, dim, vector) VALUES (?, 'minilm', ?, ?)",
                     titles)
    conn.executemany("INSERT INTO stories (id, title, title_article_id, first_seen, last_seen, articles, outlets, "
                     "outlet_names, vector_sum, entities, places) VALUES (?, 'x', ?, ?, ?, ?, 1, '[\"a.example\"]', "
                     "?, ?, '[[\"paris\", 1]]')", stories)
    conn.executemany("INSERT INTO story_articles (story_id, article_id, published_utc) VALUES (?, ?, ?)", members)
    conn.execute("COMMIT")
    return article_id, story_id


def story_cost(stored: int = 100_000, per_day: int = 1000, batches: int = 10, batch_size: int = 100,
               seed: int = 7) -> dict[str, Any]:
    """CPU and wall milliseconds per article of :func:`assign_stories`, and the digest of its assignments."""
    rng = np.random.default_rng(seed)
    with open_store(":memory:") as store:
        conn = sqlite_store(store, "stories").connection
        article_id, story_count = fill(conn, stored, per_day, rng)
        end_day = _START_DAY + stored / per_day
        live = [np.frombuffer(blob, dtype="<f4") for (blob,) in conn.execute(
            "SELECT vector_sum FROM stories WHERE last_seen >= ?", (iso(end_day - WINDOW_DAYS),))]
        wall = cpu = 0.0
        assigned: dict[int, int] = {}
        per_batch: list[float] = []
        for batch in range(batches):
            day = end_day + batch * 0.01
            articles, vectors = [], []
            for k in range(batch_size):
                base = live[int(rng.integers(len(live)))] if k % 2 == 0 else rng.standard_normal(DIM)
                vector = base / np.linalg.norm(base) + 0.05 * rng.standard_normal(DIM)
                vectors.append((vector / np.linalg.norm(vector)).astype(np.float32))
                articles.append(Article(headline=f"h{batch}-{k}", published=iso(day), body=[Block("paragraph", "x")],
                                        enrichment=Enrichment([Entity(f"person{int(rng.integers(5000))}", "PERSON")])))
            first = article_id + 1
            conn.execute("BEGIN")
            for article in articles:
                article_id += 1
                conn.execute("INSERT INTO articles (id, key, host, published_utc, record_hash, ingested_at) "
                             "VALUES (?, ?, 'b.example', ?, 'h', ?)", (article_id, f"k{article_id}",
                                                                       article.published, _STAMP))
            started, cpu_started = time.perf_counter(), time.process_time()
            assigned.update(assign_stories(conn, list(zip(range(first, article_id + 1), articles, strict=True)),
                                           np.stack(vectors)))
            wall += time.perf_counter() - started
            spent = time.process_time() - cpu_started
            cpu += spent
            per_batch.append(round(1000 * spent / batch_size, 3))
            conn.execute("COMMIT")
        count = batches * batch_size
        digest = hashlib.sha1(json.dumps(sorted(assigned.items())).encode()).hexdigest()
        joined = sum(1 for story in assigned.values() if story <= story_count)
        return {"stored_articles": stored, "stories": story_count, "live_stories": len(live),
                "window_days": WINDOW_DAYS, "batch": batch_size, "batches": batches,
                "cpu_ms_per_article": round(1000 * cpu / count, 3),
                "wall_ms_per_article": round(1000 * wall / count, 3),
                "cpu_ms_per_article_by_batch": per_batch,
                "cpu_ms_per_article_after_first": round(sum(per_batch[1:]) / max(1, len(per_batch) - 1), 3),
                "joined_stored_story": joined,
                "new_stories": len(set(assigned.values())) - len({s for s in assigned.values() if s <= story_count}),
                "assignments_sha1": digest, "load_average": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    """Command line: print the figures, write JSON to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = {"story_assignment": story_cost(args.stored, args.per_day, args.batches, args.batch_size)}
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
