"""Stories as the store assigns them, for the tests that hold the store to the stream's stories.

The writer's path: each batch is written with ``write_batch``, then ``assign_stories`` runs in the batch's own
transaction, reading back the stories earlier batches stored (their days and names as stored), as ingest does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsdesk.model import Article
from newsdesk.store import ArticleOutcome, open_store
from newsdesk.store.stories import assign_stories, link_story_chains, story_of


@dataclass(frozen=True)
class StoredStories:
    """The stories of a stream as the store keeps them.

    ``groups``: the input positions of each story's articles, sorted (comparable with the stream's ``members``);
    ``chains``: the store's story chains, ``{story id: id of the story it continues}``.
    """

    groups: list[list[int]]
    chains: dict[int, int]


def stories_in_store(articles: list[Article], vectors: np.ndarray, batch_size: int, *,
                     pass_every_batch: bool = False, path: str = ":memory:", reopen: bool = False) -> StoredStories:
    """Feed ``articles`` (with their ``vectors``, row for row) to a new store at ``path`` ``batch_size`` at a time.

    The chain pass runs once at the end over every story, or with ``pass_every_batch`` after each batch over the
    stories first seen since the earliest story the batch touched, as the writer runs it after each ingest run;
    ``reopen`` opens the store afresh for each batch (a process restart: nothing kept in memory; ``path`` must then
    name a file).

    >>> stories_in_store([], np.zeros((0, 384), dtype=np.float32), 4)
    StoredStories(groups=[], chains={})
    """
    store = open_store(path)
    try:
        ids: list[int] = []
        for start in range(0, len(articles), batch_size):
            if reopen and start:
                store.close()
                store = open_store(path)
            batch = articles[start:start + batch_size]
            batch_ids = store.write_batch([ArticleOutcome(a.url or "", a) for a in batch]).article_ids
            conn = store.connection
            conn.execute("BEGIN")
            assigned = assign_stories(conn, list(zip(batch_ids, batch, strict=True)), vectors[start:start + batch_size])
            conn.execute("COMMIT")
            ids += batch_ids
            if pass_every_batch and assigned:
                touched = sorted(set(assigned.values()))
                marks = ",".join("?" * len(touched))
                [since] = conn.execute(f"SELECT min(first_seen) FROM stories WHERE id IN ({marks})", touched).fetchone()
                conn.execute("BEGIN")
                link_story_chains(conn, since=since)
                conn.execute("COMMIT")
        conn = store.connection
        if not pass_every_batch:
            link_story_chains(conn)
        by_story: dict[int, list[int]] = {}
        for position, article_id in enumerate(ids):
            by_story.setdefault(story_of(conn, article_id) or 0, []).append(position)
        chains = dict(conn.execute("SELECT id, continues FROM stories WHERE continues IS NOT NULL").fetchall())
        return StoredStories(groups=sorted(by_story.values()), chains=chains)
    finally:
        store.close()
