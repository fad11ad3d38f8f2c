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


def stories_in_store(articles: list[Article], vectors: np.ndarray, batch_size: int) -> StoredStories:
    """Feed ``articles`` (with their ``vectors``, row for row) to a new in-memory store ``batch_size`` at a time.

    >>> stories_in_store([], np.zeros((0, 384), dtype=np.float32), 4)
    StoredStories(groups=[], chains={})
    """
    with open_store(":memory:") as store:
        ids: list[int] = []
        for start in range(0, len(articles), batch_size):
            batch = articles[start:start + batch_size]
            batch_ids = store.write_batch([ArticleOutcome(a.url or "", a) for a in batch]).article_ids
            conn = store.connection
            conn.execute("BEGIN")
            assign_stories(conn, list(zip(batch_ids, batch, strict=True)), vectors[start:start + batch_size])
            conn.execute("COMMIT")
            ids += batch_ids
        by_story: dict[int, list[int]] = {}
        for position, article_id in enumerate(ids):
            by_story.setdefault(story_of(store.connection, article_id) or 0, []).append(position)
        return StoredStories(groups=sorted(by_story.values()), chains=link_story_chains(store.connection))
