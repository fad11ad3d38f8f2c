"""Near-duplicates and the syndication chain: newsdesk beside datasketch's MinHashLSH on an edited-copies crawl.

Data: the crawls of :mod:`benchmarks.make_copies` (shared pages republished trimmed, re-headlined, with a
paragraph added, on new hosts, chained, beside unrelated articles), ``tune`` (rules were chosen on it) and
``heldout`` (never tuned on). Built into ``--crawl-dir`` when missing.

Metrics, per split: pairwise precision, recall and F1 over copy pairs (every two members of one group,
predicted groups against true ones); **original**: share of true groups whose original is the predicted
original of the predicted group holding most of their members; **parent**: share of true copies whose
predicted parent is their true parent.

Systems: ``newsdesk`` (:func:`newsdesk.connect.near_duplicates`: containment estimated from signatures,
site boilerplate left out), its variants ``exact-containment`` (containment verified on exact shingle
sets), ``jaccard-0.5`` (verified by estimated Jaccard >= 0.5 instead of containment) and
``no-boilerplate``; ``datasketch`` (MinHashLSH, 128 permutations, 5-word shingles of the whole body,
Jaccard threshold 0.5 and 0.8; groups by union of query results; original = earliest publication,
undated last), run when datasketch imports and reported "skipped (not installed)" otherwise.

Cost: milliseconds per article of the stage (:func:`copy_features`) and of grouping a crawl, and of
the store's streaming check (:func:`newsdesk.store.copies.assign_copies`) of the crawl's articles against
``--stored`` articles already in a store (100,000 by default: synthetic articles whose signatures are
random, as unrelated bodies' MinHash values are, written with :func:`write_signatures`), in batches of 500
in the crawl's (shuffled) order; the groups the store then holds are scored like the others ("streamed").

    .venv/bin/python -m benchmarks.connect_dup --out /tmp/connect_dup.json
    /tmp/cvenv/bin/python -m benchmarks.connect_dup --out /tmp/connect_dup.json   # with datasketch
    .venv/bin/python -m benchmarks.connect_dup --only cost --stored 100000        # the store check alone
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.make_copies import SPLITS, CrawlArticle, read_crawl, write_crawls
from newsdesk.connect.boilerplate import recurring_paragraphs
from newsdesk.connect.duplicates import MIN_SHINGLES, copy_features, groups_of
from newsdesk.connect.minhash import NUM_PERM, SHINGLE_WORDS

_WORD = re.compile(r"\w+")


def _pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {(a, b) for members in groups for a, b in combinations(sorted(members), 2)}


def score(crawl: list[CrawlArticle], groups: list[list[int]], originals: list[int],
          parents: dict[int, int] | None) -> dict[str, float]:
    """Pairwise precision/recall/F1, original and parent accuracy of predicted groups against the truth.

    >>> from benchmarks.make_copies import CrawlArticle
    >>> from newsdesk.model import Article
    >>> crawl = [CrawlArticle("a", Article(), "a", None, True), CrawlArticle("b", Article(), "a", "a", False),
    ...          CrawlArticle("c", Article(), None, None, False)]
    >>> score(crawl, [[0, 1]], [0], {1: 0})["f1"], score(crawl, [[0, 1]], [1], None)["original"]
    (1.0, 0.0)
    """
    index = {item.id: i for i, item in enumerate(crawl)}
    truth_groups: dict[str, list[int]] = {}
    for i, item in enumerate(crawl):
        if item.group:
            truth_groups.setdefault(item.group, []).append(i)
    truth = _pairs(list(truth_groups.values()))
    predicted = _pairs(groups)
    found = len(truth & predicted)
    precision = found / len(predicted) if predicted else 1.0
    recall = found / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    group_of = {m: g for g, members in enumerate(groups) for m in members}
    right = 0
    for members in truth_groups.values():
        votes = Counter(group_of.get(m) for m in members)
        best, _ = votes.most_common(1)[0]
        true_original = next(m for m in members if crawl[m].original)
        right += best is not None and originals[best] == true_original
    copies = [i for i, item in enumerate(crawl) if item.parent]
    parent_right = sum(1 for i in copies if parents and parents.get(i) == index[crawl[i].parent or ""])
    return {"pairs": len(truth), "predicted_pairs": len(predicted), "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4),
            "original": round(right / len(truth_groups), 4) if truth_groups else 1.0,
            "parent": round(parent_right / len(copies), 4) if copies and parents is not None else float("nan")}


def _newsdesk(crawl: list[CrawlArticle], variant: str) -> tuple[list[list[int]], list[int], dict[int, int]]:
    features = copy_features([item.article for item in crawl])
    verify = None
    if variant == "exact-containment":
        learnt = recurring_paragraphs((f.host, f.paragraph_hashes) for f in features)
        sets = [_shingle_set([b.text for b, h in zip(item.article.body, f.paragraph_hashes, strict=False)
                              if h not in learnt.get(f.host or "", frozenset())])
                for item, f in zip(crawl, features, strict=True)]

        def verify(i: int, j: int) -> bool:
            a, b = sets[i], sets[j]
            if min(len(a), len(b)) < MIN_SHINGLES:
                return False
            return len(a & b) / min(len(a), len(b)) >= 0.5
    elif variant == "jaccard-0.5":
        from newsdesk.connect.duplicates import pair_stats
        learnt = recurring_paragraphs((f.host, f.paragraph_hashes) for f in features)
        combined = [f.combined(learnt.get(f.host or "", frozenset())) for f in features]

        def verify(i: int, j: int) -> bool:
            (sa, na), (sb, nb) = combined[i], combined[j]
            return min(na, nb) >= MIN_SHINGLES and pair_stats(sa, na, sb, nb)[0] >= 0.5
    groups = groups_of(features, verify=verify, boilerplate=variant != "no-boilerplate")
    return ([list(g.members) for g in groups], [g.original for g in groups],
            {m: p for g in groups for m, p in g.parents.items()})


def _shingle_set(paragraphs: list[str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for text in paragraphs:
        words = _WORD.findall(text.lower())
        out.update(zip(*(words[k:] for k in range(SHINGLE_WORDS)), strict=False))
    return out


def _datasketch(crawl: list[CrawlArticle], threshold: float) -> tuple[list[list[int]], list[int], None] | None:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        return None
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = []
    for i, item in enumerate(crawl):
        m = MinHash(num_perm=NUM_PERM)
        for shingle in _shingle_set([item.article.text]):
            m.update(" ".join(shingle).encode("utf-8"))
        hashes.append(m)
        lsh.insert(str(i), m)
    parent = list(range(len(crawl)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, m in enumerate(hashes):
        for key in lsh.query(m):
            a, b = find(i), find(int(key))
            if a != b:
                parent[max(a, b)] = min(a, b)
    components: dict[int, list[int]] = {}
    for i in range(len(crawl)):
        components.setdefault(find(i), []).append(i)
    groups = [members for members in components.values() if len(members) > 1]
    originals = [min(members, key=lambda i: (crawl[i].article.published is None, crawl[i].article.published or ""))
                 for members in groups]
    return groups, originals, None


def _crawls(crawl_dir: Path) -> dict[str, list[CrawlArticle]]:
    if not all((crawl_dir / f"crawl-{split}.jsonl").is_file() for split in SPLITS):
        write_crawls(crawl_dir)
    return {split: read_crawl(crawl_dir / f"crawl-{split}.jsonl") for split in SPLITS}


def store_check_cost(crawl: list[CrawlArticle], stored: int, batch: int = 500) -> dict[str, Any]:
    """Milliseconds per article of :func:`assign_copies` for ``crawl`` against ``stored`` synthetic articles."""
    from newsdesk.store.copies import assign_copies, write_signatures
    from newsdesk.store.sqlite import SQLiteStore

    rng = np.random.Generator(np.random.PCG64(7))
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "copies.db")
        conn = store.connection
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO articles (key, host, published_utc, record_hash, ingested_at) "
                         "VALUES (?, ?, '2025-09-01T00:00:00Z', '', '')",
                         ((f"https://filler{i % 997}.example/{i}", f"filler{i % 997}.example") for i in range(stored)))
        sigs = rng.integers(0, 2**32 - 1, size=(stored, NUM_PERM), dtype=np.uint32)
        write_signatures(conn, list(range(1, stored + 1)), sigs, np.full(stored, 400), replace=False)
        conn.execute("COMMIT")
        features = copy_features([item.article for item in crawl])
        ids = []
        conn.execute("BEGIN")
        seen: set[str] = set()
        for item, f in zip(crawl, features, strict=True):
            # Two dataset pages may share a URL: the crawl id keeps their keys apart.
            key = f.key if f.key not in seen else f"{f.key}#{item.id}"
            seen.add(key)
            ids.append(conn.execute("INSERT INTO articles (key, host, published_utc, headline, record_hash, "
                                    "ingested_at) VALUES (?, ?, ?, ?, '', '') RETURNING id",
                                    (key, f.host, f.published_utc, f.headline)).fetchone()[0])
        conn.execute("COMMIT")
        alone: list[float] = []
        copied: list[float] = []
        for start in range(0, len(crawl), batch):
            conn.execute("BEGIN")
            # One article per call, as the writer's loop runs, to time checks that find nothing apart.
            for article_id, f in zip(ids[start: start + batch], features[start: start + batch], strict=True):
                began = time.process_time()
                found = assign_copies(conn, [(article_id, f)])
                (copied if found else alone).append((time.process_time() - began) * 1000)
            conn.execute("COMMIT")
        # What the check recorded, as a digest: two versions of the check must leave the same rows.
        recorded = conn.execute("SELECT url, duplicate_of, parent_id, similarity, containment FROM duplicates "
                                "WHERE kind = 'near' ORDER BY url").fetchall()
        digest = hashlib.sha1(json.dumps(recorded).encode("utf-8")).hexdigest()
        position = {article_id: i for i, article_id in enumerate(ids)}
        members: dict[int, list[int]] = {}
        parents: dict[int, int] = {}
        for copy, original, parent in conn.execute("SELECT a.id, d.duplicate_of, d.parent_id FROM duplicates AS d "
                                                   "JOIN articles AS a ON a.key = d.url WHERE d.kind = 'near'"):
            members.setdefault(position[original], [position[original]]).append(position[copy])
            parents[position[copy]] = position[parent]
        store.close()
    groups = list(members.values())
    quality = score(crawl, groups, [group[0] for group in groups], parents)
    return {"stored": stored, "articles": len(crawl),
            "ms_per_article_cpu": round(statistics.mean(alone + copied), 3),
            "ms_no_copy_cpu": {"mean": round(statistics.mean(alone), 3), "median": round(statistics.median(alone), 3),
                               "n": len(alone)},
            "ms_copy_found_cpu": {"mean": round(statistics.mean(copied), 3),
                                  "median": round(statistics.median(copied), 3), "n": len(copied)},
            "streamed_quality": quality, "duplicates_sha1": digest}


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run every system on every split; return the results (also what ``--out`` gets)."""
    crawls = _crawls(args.crawl_dir)
    results: dict[str, Any] = {"splits": {}, "cost": {}}
    if args.only == "cost":
        # The store check alone (the systems' scores take minutes and do not change with its speed).
        if args.stored:
            results["cost"]["store_check"] = store_check_cost(crawls["tune"], args.stored)
        return results
    systems: list[tuple[str, Any]] = [(v, lambda c, v=v: _newsdesk(c, v)) for v in
                                      ("newsdesk", "exact-containment", "jaccard-0.5", "no-boilerplate")]
    systems += [(f"datasketch-{t}", lambda c, t=t: _datasketch(c, t)) for t in (0.5, 0.8)]
    for split, crawl in crawls.items():
        rows: dict[str, Any] = {}
        for name, system in systems:
            began = time.process_time()
            out = system(crawl)
            elapsed = time.process_time() - began
            if out is None:
                rows[name] = "skipped (not installed)"
                continue
            rows[name] = score(crawl, *out) | {"ms_per_article_cpu": round(elapsed * 1000 / len(crawl), 3)}
        results["splits"][split] = {"articles": len(crawl), "systems": rows}
    print(_table(results), flush=True)
    crawl = crawls["tune"]
    began = time.process_time()
    copy_features([item.article for item in crawl])
    results["cost"]["stage_ms_per_article_cpu"] = round((time.process_time() - began) * 1000 / len(crawl), 3)
    if args.stored:
        # The tune crawl alone: the two crawls number their copies' URLs the same way.
        results["cost"]["store_check"] = store_check_cost(crawl, args.stored)
    return results


def _table(results: dict[str, Any]) -> str:
    lines = []
    for split, block in results["splits"].items():
        lines.append(f"\n{split} ({block['articles']} articles)")
        lines.append(f"{'system':<20} {'P':>7} {'R':>7} {'F1':>7} {'original':>9} {'parent':>7} {'ms/art':>7}")
        for name, row in block["systems"].items():
            if isinstance(row, str):
                lines.append(f"{name:<20} {row}")
                continue
            lines.append(f"{name:<20} {row['precision']:>7.3f} {row['recall']:>7.3f} {row['f1']:>7.3f} "
                         f"{row['original']:>9.3f} {row['parent']:>7.3f} {row['ms_per_article_cpu']:>7.2f}")
    lines.append(f"\ncost: {json.dumps(results['cost'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: run, print the table, write JSON to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crawl-dir", type=Path, default=Path("/tmp/connect_dup"))
    parser.add_argument("--stored", type=int, default=100_000, help="synthetic articles in the store (0: skip)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--only", choices=["cost"], help="cost: only the store check at --stored (no systems)")
    args = parser.parse_args(argv)
    results = run(args)
    print(_table(results))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
