"""Near-duplicate clusters: copies found, unrelated texts apart, representatives the smallest id, buckets capped."""

from __future__ import annotations

import numpy as np

from newsdesk.connect.minhash import signatures
from newsdesk.scale.load import near_duplicate_rows
from newsdesk.scale.lsh import band_edges, cluster_table, union_find

WIRE = ("The central bank held its main interest rate at 4.5 percent on Thursday and signalled that a cut could come "
        "before the end of the year if inflation keeps falling, the governor told reporters in the capital after the "
        "meeting of the monetary policy committee, which voted seven to two to keep rates unchanged this month.")
OTHER = ("Heavy rain flooded the old town overnight and the river rose above its banks, forcing hundreds of residents "
         "to leave their homes while firefighters pumped water out of cellars along the quay and the mayor asked "
         "people to stay away from the embankment until the water level starts to fall again on Saturday.")


def test_wire_copies_cluster_under_the_first_and_unrelated_stories_stay_apart() -> None:
    texts = [OTHER, WIRE, "Reuters - " + WIRE + " Reporting by Ann Lee.", WIRE.replace("Thursday", "Thursday,"),
             "", OTHER.upper() + " (AP)"]
    table = cluster_table(np.array([20, 11, 12, 13, 14, 15]), signatures(texts))
    clusters = {doc: cluster for doc, cluster in zip(table.doc.tolist(), table.cluster.tolist(), strict=True)}
    assert clusters == {11: 11, 12: 11, 13: 11, 15: 15, 20: 15}
    assert all(0.7 <= s <= 1.0 for s in table.similarity.tolist())


def test_union_find_joins_chains_in_any_edge_order() -> None:
    ids = np.array([50, 10, 40, 30, 20, 60])
    labels = union_find(ids, np.array([40, 30, 10]), np.array([50, 40, 20]))
    assert dict(zip(ids.tolist(), labels.tolist(), strict=True)) == {50: 30, 10: 10, 40: 30, 30: 30, 20: 10, 60: 60}


def test_a_crowded_bucket_links_only_its_first_members() -> None:
    sigs = np.zeros((10, 4), dtype=np.uint32)
    src, dst = band_edges(np.arange(100, 110), np.zeros(10, dtype=np.uint64), sigs, cap=4)
    assert src.tolist() == [100, 100, 100] and dst.tolist() == [101, 102, 103]


def test_rows_link_stored_articles_to_the_smallest_stored_one() -> None:
    texts = [WIRE, WIRE + " More.", WIRE + " Even more here."]
    table = cluster_table(np.array([1, 2, 3]), signatures(texts))
    # Document 1 was an exact duplicate (no article of its own); 2 and 3 are articles 8 and 7.
    assert near_duplicate_rows(table, {2: 8, 3: 7}) == [(8, 7, float(table.similarity[1]))]
