"""Embeddings, similarity and vector search: newsdesk beside a TF-IDF baseline and ANN index libraries.

**Similarity** on SemEval-2022 Task 8 (``../shared/data/semeval22-task8-dev/pairs.jsonl``): Pearson correlation
between a system's score and the negated gold ``overall`` (1 = same event .. 4 = unrelated), over all pairs and
over en-en pairs, on two splits by a hash of the pair id: ``tune`` (~70%, where the weights of
:mod:`newsdesk.connect.similarity` were chosen) and ``heldout`` (~30%, never tuned on). Each article is
``Article(headline=title, body=[text])``; SemEval gives no publication dates, so the time signal is unused.
Systems: ``cosine-<model>`` (embedding cosine alone), ``similarity-<model>`` (:func:`similarity` over
enriched articles: cosine + actors + places), ``cosine-auto`` / ``similarity-auto`` (what :func:`similarity`
does by default: each pair read by :func:`reading_model`'s choice, MiniLM for en-en and e5 for the rest; the cosine
rescaled per model, as the two models' cosines take different ranges; with ``--models minilm e5``), ``tfidf``
(cosine of log-TF x IDF vectors of words, IDF over the data set, written in numpy like scikit-learn's
``TfidfVectorizer(sublinear_tf=True)``) and, when scikit-learn imports, ``tfidf-sklearn`` (its ``TfidfVectorizer``
itself). Columns: all pairs, en-en pairs, and the other pairs (another language on either side).

**Cost**: CPU milliseconds per article of :func:`embed_articles` (headline + lead), one BLAS thread, over the
SemEval articles (process time, since the machine may be shared; wall time beside it), for each ``--runtimes``
of MiniLM (onnxruntime with int8 weights, numpy fp32), with each runtime's agreement with numpy's vectors
(cosine per article, min and mean) and its own Pearson rows (``cosine-minilm-numpy``, ...).

**Vector search** at ``--vectors`` (100,000) random unit vectors of dimension 384: the store's brute force
(:func:`newsdesk.store.vectors.semantic_search`, float16 in SQLite, read in blocks each query; and
:meth:`VectorQueries.semantic_search`, the matrix kept in memory as float32), exact search over a float32
matrix, and usearch and hnswlib (HNSW, M=16, ef=64) when they import: build seconds, ms per query,
recall@10 against exact search.

    .venv/bin/python -m benchmarks.connect_embed --out /tmp/connect_embed.json
    /tmp/cvenv/bin/python -m benchmarks.connect_embed --out /tmp/connect_embed.json   # with the baselines
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.machine import cpu_model
from newsdesk.connect.embeddings import (
    DEFAULT_MODEL,
    RUNTIMES,
    article_text,
    best_runtime,
    embed_articles,
    embed_texts,
    load_model,
)
from newsdesk.connect.similarity import (
    ENGLISH_MODEL,
    MULTILINGUAL_MODEL,
    SimilarityParts,
    reading_model,
    similarity_parts,
)
from newsdesk.model import Article, Block

SEMEVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "semeval22-task8-dev" / "pairs.jsonl"
_WORD = re.compile(r"\w+")


#: CPU features that set what a dense layer costs: the same MiniLM pass took 78.8 CPU ms an article on a Zen 1
#: EPYC (AVX2, no VNNI) and 24.3 on a Zen 4 one (AVX-512, VNNI), so every cost figure names them.
VECTOR_FLAGS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8")


def vector_flags(cpuinfo: str | None = None) -> list[str]:
    """Which of :data:`VECTOR_FLAGS` the CPU has (read from ``/proc/cpuinfo``; ``[]`` where it cannot be read).

    >>> vector_flags("model name : AMD EPYC" + chr(10) + "flags : fpu sse2 avx2 fma avx512f avx512_vnni")
    ['avx2', 'fma', 'avx512f', 'avx512_vnni']
    """
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            return []
    line = next((line for line in cpuinfo.splitlines() if line.startswith("flags")), "")
    have = set(line.partition(":")[2].split())
    return [flag for flag in VECTOR_FLAGS if flag in have]


def heldout(pair_id: str) -> bool:
    """Whether a pair is in the held-out split (~30%), by a hash of its id that no tuning sees.

    >>> sum(heldout(str(n)) for n in range(1000))
    296
    """
    return int(hashlib.sha1(pair_id.encode()).hexdigest(), 16) % 10 < 3


def _article(side: dict[str, Any], language: str) -> Article:
    return Article(headline=side.get("title") or None, body=[Block("paragraph", side.get("text") or "")],
                   language=language, url=side.get("url"))


def tfidf_cosines(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    """Cosine of sublinear TF-IDF word vectors per pair, IDF over all the texts (the baseline).

    >>> tfidf_cosines(["iraq troops leave", "cake"], ["troops leave iraq", "storm"]).round(2).tolist()
    [1.0, 0.0]
    """
    docs = [Counter(_WORD.findall(text.lower())) for text in [*texts_a, *texts_b]]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    idf = {word: math.log((1 + n) / (1 + count)) + 1.0 for word, count in df.items()}

    def vector(doc: Counter[str]) -> dict[str, float]:
        weights = {word: (1.0 + math.log(count)) * idf[word] for word, count in doc.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {word: w / norm for word, w in weights.items()}

    half = len(texts_a)
    vectors = [vector(doc) for doc in docs]
    return np.array([sum(w * vectors[half + i].get(word, 0.0) for word, w in vectors[i].items())
                     for i in range(half)])


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1]) if len(x) > 2 and np.std(x) > 0 else float("nan")


def _correlations(scores: np.ndarray, gold: np.ndarray, held: np.ndarray, english: np.ndarray) -> dict[str, float]:
    out = {}
    for split, mask in (("tune", ~held), ("heldout", held)):
        out[f"{split}-all"] = round(_pearson(scores[mask], gold[mask]), 3)
        out[f"{split}-en"] = round(_pearson(scores[mask & english], gold[mask & english]), 3)
        out[f"{split}-other"] = round(_pearson(scores[mask & ~english], gold[mask & ~english]), 3)
    return out


def semeval(args: argparse.Namespace) -> dict[str, Any]:
    """Pearson on SemEval-2022 Task 8 of every system, and the embedding cost per article."""
    pairs = [json.loads(line) for line in SEMEVAL.read_text().splitlines() if line.strip()]
    if args.limit:
        pairs = pairs[:: max(1, len(pairs) // args.limit)][: args.limit]
    gold = -np.array([p["overall"] for p in pairs], dtype=np.float64)
    held = np.array([heldout(p["pair_id"]) for p in pairs])
    english = np.array([p["lang1"] == "en" and p["lang2"] == "en" for p in pairs])
    left = [_article(p["a"], p["lang1"]) for p in pairs]
    right = [_article(p["b"], p["lang2"]) for p in pairs]
    systems: dict[str, Mapping[str, float | str]] = {}  # a system's correlations, or why it was skipped
    cost: dict[str, dict[str, float]] = {}
    enriched: tuple[list[Article], list[Article]] | None = None
    if args.enrich:
        from newsdesk.enrich import enrich_batch

        enriched = enrich_batch(left), enrich_batch(right)
    agreement: dict[str, dict[str, float]] = {}
    reference: np.ndarray | None = None
    pair_vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # each model's vectors, left and right
    for model in args.models:
        # MiniLM runs in onnxruntime (int8) or numpy; e5 has its one engine.
        # numpy first when measured: its vectors are the reference the other runtimes are compared with.
        for runtime in (sorted(args.runtimes, key=lambda r: r != "numpy") if model == "minilm" else [None]):
            name = model if runtime is None or runtime == args.runtimes[0] else f"{model}-{runtime}"
            load_model(model, runtime)  # loading is not part of the per-article cost
            started, cpu = time.perf_counter(), time.process_time()
            vectors = embed_articles([*left, *right], model=model, runtime=runtime)
            n = 2 * len(pairs)
            cost[name] = {"cpu_ms_per_article": round((time.process_time() - cpu) / n * 1000, 1),
                          "wall_ms_per_article": round((time.perf_counter() - started) / n * 1000, 1)}
            if model == "minilm":
                # Every runtime's vectors against the numpy forward pass's (the reference implementation).
                if runtime == "numpy":
                    reference = vectors
                elif reference is None:
                    reference = embed_articles([*left, *right], model=model, runtime="numpy")
                present = np.linalg.norm(reference, axis=1) > 0
                cosines = np.sum(vectors * reference, axis=1)[present]
                agreement[name] = {"min_cosine_to_numpy": round(float(cosines.min()), 5),
                                   "mean_cosine_to_numpy": round(float(cosines.mean()), 5)}
            va, vb = vectors[: len(pairs)], vectors[len(pairs):]
            if name == model:
                pair_vectors[model] = va, vb
            systems[f"cosine-{name}"] = _correlations(np.sum(va * vb, axis=1), gold, held, english)
            if enriched is not None:
                scores = np.array([similarity_parts(a, b, x, y, model=model).score()
                                   for a, b, x, y in zip(*enriched, va, vb, strict=True)])
                systems[f"similarity-{name}"] = _correlations(scores, gold, held, english)
    thresholds: dict[str, float] = {}
    if {ENGLISH_MODEL, MULTILINGUAL_MODEL} <= pair_vectors.keys():
        thresholds = equivalent_cosines(pairs, pair_vectors)
    if {ENGLISH_MODEL, MULTILINGUAL_MODEL} <= pair_vectors.keys():
        # What similarity() does when told no model: each pair read by the model for its languages.
        chosen = [reading_model(a, b) for a, b in zip(left, right, strict=True)]
        auto = [(pair_vectors[m][0][i], pair_vectors[m][1][i], m) for i, m in enumerate(chosen)]
        scaled = np.array([SimilarityParts(float(x @ y), model=m).score() for x, y, m in auto])
        systems["cosine-auto"] = _correlations(scaled, gold, held, english)
        if enriched is not None:
            scores = np.array([similarity_parts(a, b, x, y, model=m).score()
                               for a, b, (x, y, m) in zip(*enriched, auto, strict=True)])
            systems["similarity-auto"] = _correlations(scores, gold, held, english)
    texts_a = [article_text(a) for a in left]
    texts_b = [article_text(b) for b in right]
    systems["tfidf"] = _correlations(tfidf_cosines(texts_a, texts_b), gold, held, english)
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        systems["tfidf-sklearn"] = {"skipped": "not installed"}
    else:
        matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([*texts_a, *texts_b])
        cos = np.asarray(matrix[: len(pairs)].multiply(matrix[len(pairs):]).sum(axis=1)).ravel()
        systems["tfidf-sklearn"] = _correlations(cos, gold, held, english)
    return {"pairs": len(pairs), "heldout_pairs": int(held.sum()), "en_pairs": int(english.sum()),
            "systems": systems, "cost": cost, "agreement": agreement, "thresholds": thresholds}


def equivalent_cosines(pairs: list[dict[str, Any]], pair_vectors: Mapping[str, tuple[np.ndarray, np.ndarray]],
                       ) -> dict[str, float]:
    """e5's cosine thresholds that leave out the share of unrelated texts MiniLM's do (the store's cut-offs).

    Related articles (``related.MIN_COSINES``): over every pair of the English articles, the share of MiniLM
    cosines under 0.3, and e5's cosine at that share. Semantic search (``vectors.SEARCH_MIN_COSINES``): each English
    article's title embedded as a query against every other pair's second article, MiniLM's 0.2 mapped the same way.

    >>> rng = np.random.default_rng(0)
    >>> unit = rng.normal(size=(6, 384)).astype(np.float32)
    >>> unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    >>> side = {"a": {"title": "T"}, "lang1": "en", "lang2": "en"}
    >>> out = equivalent_cosines([side] * 3, {"minilm": (unit[:3], unit[3:]), "e5": (unit[:3], unit[3:])})
    >>> sorted(out)
    ['related_e5', 'related_share', 'search_e5', 'search_share']
    """
    english = [i for i, p in enumerate(pairs) if p["lang1"] == "en" and p["lang2"] == "en"]
    titled = [i for i in english if (p := pairs[i]["a"].get("title")) and p.strip()]
    out: dict[str, float] = {}
    cosines: dict[str, np.ndarray] = {}
    for model, (left, right) in pair_vectors.items():
        articles = np.concatenate([left[english], right[english]])
        upper = np.triu_indices(len(articles), 1)
        cosines[model] = (articles @ articles.T)[upper]
    share = float((cosines[ENGLISH_MODEL] < 0.3).mean())
    out["related_share"], out["related_e5"] = round(share, 4), round(float(np.quantile(cosines["e5"], share)), 3)
    if len(titled) > 2:
        queries = {m: embed_texts([pairs[i]["a"]["title"] for i in titled], model=m) for m in pair_vectors}
        off = ~np.eye(len(titled), dtype=bool)
        unrelated = {m: (queries[m] @ pair_vectors[m][1][titled].T)[off] for m in pair_vectors}
        share = float((unrelated[ENGLISH_MODEL] < 0.2).mean())
        out["search_share"] = round(share, 4)
        out["search_e5"] = round(float(np.quantile(unrelated["e5"], share)), 3)
    return out


def vector_search(args: argparse.Namespace) -> dict[str, Any]:
    """Brute force in the store and in memory beside usearch and hnswlib, at ``--vectors`` vectors."""
    from newsdesk.store.vectors import VectorQueries, semantic_search, top_k

    class _Store(VectorQueries):
        # VectorQueries reads the connection its store gives, read-only, as SQLiteStore's property does.
        def __init__(self, connection: sqlite3.Connection) -> None:
            self._connection = connection

        @property
        def connection(self) -> sqlite3.Connection:
            return self._connection

    rng = np.random.default_rng(0)
    n, dim, queries = args.vectors, 384, 20
    # Clustered vectors (news has topics) rather than uniform noise, so nearest neighbours mean something.
    centres = rng.normal(size=(200, dim)).astype(np.float32)
    data = centres[rng.integers(0, 200, n)] + 0.8 * rng.normal(size=(n, dim)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    query_vectors = data[rng.integers(0, n, queries)] + 0.3 * rng.normal(size=(queries, dim)).astype(np.float32)
    truth = [set(np.argsort(-(data @ q))[:10].tolist()) for q in query_vectors]
    out: dict[str, Any] = {"vectors": n, "dim": dim}

    def recall(found: list[list[int]]) -> float:
        return round(float(np.mean([len(set(f) & t) / 10 for f, t in zip(found, truth, strict=True)])), 3)

    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(str(Path(tmp) / "v.db"))
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, published_utc TEXT)")
        conn.execute("CREATE TABLE article_vectors (article_id INTEGER PRIMARY KEY, model TEXT NOT NULL, "
                     "dim INTEGER NOT NULL, vector BLOB NOT NULL)")
        half = data.astype("<f2")
        conn.executemany("INSERT INTO article_vectors VALUES (?, 'bench', ?, ?)",
                         ((i + 1, dim, half[i].tobytes()) for i in range(n)))
        conn.commit()
        started = time.perf_counter()
        found = [[x.id - 1 for x in semantic_search(conn, q, 10, model="bench")] for q in query_vectors]
        out["store-read-each-query"] = {"ms_per_query": round((time.perf_counter() - started) / queries * 1000, 1),
                                        "recall@10": recall(found)}
        store = _Store(conn)
        started = time.perf_counter()
        store.semantic_search(query_vectors[0], 10)
        load = time.perf_counter() - started
        started = time.perf_counter()
        found = [[x.id - 1 for x in store.semantic_search(q, 10)] for q in query_vectors]
        out["store-kept-in-memory"] = {"load_s": round(load, 2),
                                       "ms_per_query": round((time.perf_counter() - started) / queries * 1000, 1),
                                       "recall@10": recall(found)}
        conn.close()
    ids = np.arange(n)
    started = time.perf_counter()
    found = [[x.id for x in top_k([(ids, data)], q, 10)] for q in query_vectors]
    out["memory-brute-force"] = {"ms_per_query": round((time.perf_counter() - started) / queries * 1000, 2),
                                 "recall@10": recall(found)}
    try:
        from usearch.index import Index
    except ImportError:
        out["usearch"] = {"skipped": "not installed"}
    else:
        started = time.perf_counter()
        index = Index(ndim=dim, metric="cos", connectivity=16, expansion_add=128, expansion_search=64)
        index.add(ids, data, threads=1)
        build = time.perf_counter() - started
        started = time.perf_counter()
        found = [index.search(q, 10, threads=1).keys.tolist() for q in query_vectors]
        out["usearch"] = {"build_s": round(build, 1),
                          "ms_per_query": round((time.perf_counter() - started) / queries * 1000, 3),
                          "recall@10": recall(found)}
    try:
        import hnswlib
    except ImportError:
        out["hnswlib"] = {"skipped": "not installed"}
    else:
        started = time.perf_counter()
        hnsw = hnswlib.Index(space="cosine", dim=dim)
        hnsw.init_index(max_elements=n, M=16, ef_construction=128)
        hnsw.set_num_threads(1)
        hnsw.add_items(data, ids)
        hnsw.set_ef(64)
        build = time.perf_counter() - started
        started = time.perf_counter()
        found = [hnsw.knn_query(q, k=10)[0][0].tolist() for q in query_vectors]
        out["hnswlib"] = {"build_s": round(build, 1),
                          "ms_per_query": round((time.perf_counter() - started) / queries * 1000, 3),
                          "recall@10": recall(found)}
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement this script makes, as one JSON-ready dict."""
    from threadpoolctl import threadpool_limits

    result: dict[str, Any] = {"machine": cpu_model(), "cpu_flags": vector_flags(), "date": time.strftime("%Y-%m-%d")}
    with threadpool_limits(limits=1):
        if not args.semeval:
            result["semeval"] = {"skipped": "--no-semeval"}
        elif SEMEVAL.is_file():
            result["semeval"] = semeval(args)
        else:
            result["semeval"] = {"skipped": f"{SEMEVAL} not found"}
        if args.vectors:
            result["search"] = vector_search(args)
    return result


def _print(result: dict[str, Any]) -> None:
    print(f"machine: {result['machine']} ({' '.join(result['cpu_flags']) or 'vector flags unknown'})")
    data = result.get("semeval", {})
    if "systems" in data:
        print(f"SemEval-2022 Task 8 dev: {data['pairs']} pairs ({data['heldout_pairs']} held out, "
              f"{data['en_pairs']} en-en); Pearson with -overall")
        print(f"{'system':28} {'tune all':>9} {'tune en':>8} {'tune other':>10} {'held all':>9} {'held en':>8} "
              f"{'held other':>10}")
        for name, row in data["systems"].items():
            if "skipped" in row:
                print(f"{name:28} skipped ({row['skipped']})")
                continue
            print(f"{name:28} {row['tune-all']:9.3f} {row['tune-en']:8.3f} {row['tune-other']:10.3f} "
                  f"{row['heldout-all']:9.3f} {row['heldout-en']:8.3f} {row['heldout-other']:10.3f}")
        if data.get("thresholds"):
            print(f"e5 cut-offs at MiniLM's shares: {data['thresholds']}")
        for model, row in data["cost"].items():
            print(f"embed {model}: {row['cpu_ms_per_article']} ms CPU per article ({row['wall_ms_per_article']} wall)")
        for name, row in data.get("agreement", {}).items():
            print(f"vectors of {name} against numpy's: cosine min {row['min_cosine_to_numpy']}, "
                  f"mean {row['mean_cosine_to_numpy']}")
    search = result.get("search")
    if search:
        print(f"vector search, {search['vectors']} x {search['dim']}:")
        for name, row in search.items():
            if isinstance(row, dict):
                print(f"  {name:20} {row}")


def main(argv: list[str] | None = None) -> int:
    """Run, print the tables, and write the JSON to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", nargs="+", default=[DEFAULT_MODEL], help="embedding models to measure")
    parser.add_argument("--runtimes", nargs="+", choices=RUNTIMES, default=None,
                        help="how MiniLM runs (default: the fastest installed, then numpy beside it)")
    parser.add_argument("--enrich", action=argparse.BooleanOptionalAction, default=True,
                        help="enrich the articles and score similarity() beside the cosine")
    parser.add_argument("--semeval", action=argparse.BooleanOptionalAction, default=True,
                        help="measure similarity on SemEval-2022 Task 8")
    parser.add_argument("--limit", type=int, default=0, help="evaluate an even sample of this many pairs")
    parser.add_argument("--vectors", type=int, default=100_000, help="vectors for the search measurement (0: skip)")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)
    if args.runtimes is None:
        args.runtimes = list(dict.fromkeys([best_runtime(), "numpy"]))
    result = run(args)
    _print(result)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
