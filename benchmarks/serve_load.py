"""Load test of ``newsdesk serve``: requests per second and latency of the reader and the API under load.

The script fills a store with generated articles (``--articles``, 10,000 by default), starts the
server with ``newsdesk serve`` in a process of its own on 127.0.0.1 (uvicorn, one process),
and runs each scenario for a bounded time (``--duration`` seconds) at each number of clients in
``--concurrency`` (default 1, then 16), each client sending its next request as soon as the
previous one is answered (a closed loop). With one client the latency is the time to serve one
request; with many, requests queue and the figure that matters is requests per second.

- ``article page``: ``GET /articles/{id}``, ids drawn at random from the store (the page runs the
  "related" full-text query and the "more from" lists as well as reading the article);
- ``search page``: ``GET /search?q=...``, queries drawn from the articles' vocabulary (a topic word,
  two of them, a topic word and a place, or a rarer word; the page also counts the results per
  outlet, section and language for its facets);
- ``API search``: ``GET /api/v1/search?q=...``, the same queries, JSON;
- ``API article``: ``GET /api/v1/articles/{id}``.

Each scenario is warmed up untimed first. Latency is measured by the client, from sending the
request to having read the whole response, so it includes the client's own share of the two
processes' CPU time on a small machine. Only loopback traffic: the server listens on 127.0.0.1.

The articles are generated from templates with a fixed seed: realistic lengths (about 300 to 700
words), a Zipf-like vocabulary (a few words in most articles, most words in few), 14 outlets,
10 sections, three languages, and dates over 120 days. Nothing is copied into the repository: the
store is written to a temporary folder and removed afterwards, or to ``--db`` and kept for the
next run.

Usage::

    python benchmarks/serve_load.py                         # 10,000 articles, 20 s per scenario and client count
    python benchmarks/serve_load.py --db /tmp/load.db --articles 20000 --concurrency 1,8,32 --json load.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.machine import cpu_model
from newsdesk.model import Article, Block, Image, WireSource
from newsdesk.store import ArticleOutcome, open_store

SEED = 20251001
WRITE_BATCH = 500

OUTLETS = [("Harbour Times", "harbourtimes.example", "en"), ("Valley Ledger", "valleyledger.example", "en"),
           ("Coastal Gazette", "coastalgazette.example", "en"), ("Northern Courier", "northerncourier.example", "en"),
           ("The Daily Compass", "dailycompass.example", "en"), ("Metro Dispatch", "metrodispatch.example", "en"),
           ("Global Wire Review", "globalwire.example", "en"), ("Riverside Post", "riversidepost.example", "en"),
           ("Highland Herald", "highlandherald.example", "en"), ("Capital Observer", "capitalobserver.example", "en"),
           ("Le Journal du Port", "journaldeport.example", "fr"), ("La Gazette des Vallées", "gazettevallees.example",
                                                                    "fr"),
           ("Rheinische Rundschau", "rheinrundschau.example", "de"), ("Nordsee Kurier", "nordseekurier.example", "de")]

SECTIONS = {
    "World": "ceasefire coalition embassy diplomats border refugees sanctions summit troops treaty minister "
             "parliament election envoy talks withdrawal delegation alliance humanitarian convoy",
    "Business": "inflation rates bank shares earnings profit investors merger exports tariffs bonds currency "
                "growth forecast retailers supply factory output consumers markets",
    "Politics": "government opposition vote budget reform coalition campaign poll senate council mayor "
                "referendum cabinet bill policy minister candidates debate manifesto",
    "Sport": "match season league cup goal striker coach final injury transfer championship tournament "
             "victory defeat stadium fans title squad penalty",
    "Science": "researchers study telescope climate species genome experiment satellite ocean fossil "
               "particles laboratory data emissions glacier mission samples discovery",
    "Health": "hospital patients vaccine doctors nurses clinic waiting treatment virus outbreak health "
              "screening medicine trial infections care wards surgery",
    "Technology": "software chips smartphone startup data privacy network cloud cyberattack algorithm "
                  "platform users devices encryption robots semiconductor app regulators",
    "Culture": "festival museum exhibition film director album novel theatre orchestra artists gallery "
               "premiere audience awards heritage poetry concert",
    "Weather": "storm rain wind flooding warning temperatures heatwave forecast drought snow gusts coast "
               "tide evacuation damage river levels",
    "Local": "council residents road school library park housing bus planning shops harbour bridge "
             "neighbours repairs volunteers market estate",
}
COMMON = [
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "is", "said", "with", "was", "as", "by", "at", "it",
    "from", "his", "has", "have", "be", "an", "are", "were", "their", "after", "would", "will", "been", "who",
    "also", "not", "which", "more", "this", "but", "over", "year", "new", "officials", "two", "first", "last",
    "told", "about", "people", "could", "than", "other", "into", "week", "since", "when", "where", "while", "some",
    "most",
]
PLACES = [
    "Baghdad", "Brussels", "Nairobi", "Lima", "Manila", "Oslo", "Ankara", "Hanoi", "Quito", "Accra", "Dublin",
    "Lisbon", "Tbilisi", "Dhaka", "Kirkton", "Riverside", "Northgate", "Eastfield", "Harbour Point",
]
NAMES = [
    "Amina Diallo", "David Okafor", "Maria Lindqvist", "Omar Haddad", "Fiona MacLeod", "Chen Wei", "Lucia Romero",
    "Tomasz Nowak", "Aisha Rahman", "Samuel Mensah", "Claire Dubois", "Jonas Weber",
]
WIRES = [WireSource("AFP", "Agence France-Presse"), WireSource("Reuters", "Reuters"),
         WireSource("AP", "Associated Press"), WireSource("AA", "Anadolu Agency")]


def zipf_weights(size: int) -> list[float]:
    """Cumulative weights falling as 1/rank: a few words are in most articles, most words in few.

    >>> [round(w, 2) for w in zipf_weights(3)]
    [1.0, 1.5, 1.83]
    """
    total, out = 0.0, []
    for rank in range(size):
        total += 1.0 / (rank + 1)
        out.append(total)
    return out


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words of two to four syllables: the long tail of names and terms real news is full of.

    >>> len(set(rare_words(random.Random(1), 50))) == 50
    True
    """
    syllables = ["ka", "lo", "mir", "sen", "ta", "vor", "del", "ani", "bru", "ces", "dor", "fen", "gal", "hol",
                 "ist", "jun", "kel", "lum", "nar", "ost", "pel", "qua", "ros", "sul", "tor", "ul", "ven", "wex"]
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass(slots=True)
class Corpus:
    """The vocabulary articles are written in, and queries are drawn from."""

    topic_words: dict[str, list[str]]
    topic_weights: dict[str, list[float]]
    rare: list[str]
    rare_weights: list[float]

    @classmethod
    def build(cls, rng: random.Random) -> Corpus:
        topics = {section: words.split() for section, words in SECTIONS.items()}
        rare = rare_words(rng, 30_000)
        rng.shuffle(rare)
        return cls(topics, {s: zipf_weights(len(w)) for s, w in topics.items()}, rare, zipf_weights(len(rare)))

    def topic(self, rng: random.Random, section: str) -> str:
        return rng.choices(self.topic_words[section], cum_weights=self.topic_weights[section])[0]

    def rare_word(self, rng: random.Random) -> str:
        return rng.choices(self.rare, cum_weights=self.rare_weights)[0]


def make_sentence(rng: random.Random, corpus: Corpus, section: str) -> str:
    words: list[str] = []
    for _ in range(rng.randint(14, 30)):
        pick = rng.random()
        if pick < 0.55:
            words.append(rng.choice(COMMON))
        elif pick < 0.75:
            words.append(corpus.topic(rng, section))
        elif pick < 0.87:
            words.append(corpus.rare_word(rng))
        elif pick < 0.94:
            words.append(rng.choice(PLACES))
        else:
            words.append(str(rng.randint(2, 2025)))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def make_article(rng: random.Random, corpus: Corpus, number: int, start: datetime) -> Article:
    """One generated article, fully filled like an extracted one.

    >>> a = make_article(random.Random(1), Corpus.build(random.Random(2)), 7, datetime(2025, 10, 1, tzinfo=UTC))
    >>> a.is_article and a.word_count > 200 and a.url.endswith("/7")
    True
    """
    outlet, host, language = rng.choice(OUTLETS)
    section = rng.choice(list(SECTIONS))
    headline = (f"{corpus.topic(rng, section).capitalize()} {rng.choice(['in', 'near', 'after', 'as'])} "
                f"{rng.choice(PLACES)}: {corpus.rare_word(rng).capitalize()} and {corpus.topic(rng, section)} "
                f"{rng.choice(['talks', 'warning', 'plan', 'deal', 'vote', 'report'])}")
    paragraphs = [" ".join(make_sentence(rng, corpus, section) for _ in range(rng.randint(2, 4)))
                  for _ in range(rng.randint(6, 12))]
    published = start - timedelta(minutes=rng.randint(0, 120 * 24 * 60))
    wire = rng.choice(WIRES) if rng.random() < 0.3 else None
    return Article(
        url=f"https://{host}/{section.lower()}/{published:%Y/%m/%d}/{number}",
        site_name=outlet,
        language=language,
        headline=headline,
        standfirst=make_sentence(rng, corpus, section),
        authors=rng.sample(NAMES, rng.randint(0, 2)),
        published=published.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        section=section,
        tags=[corpus.topic(rng, section), corpus.topic(rng, section)],
        image=Image(url=f"https://img.{host}/{number}.jpg", caption=make_sentence(rng, corpus, section),
                    credit=rng.choice(NAMES) + "/" + (wire.code if wire else outlet)),
        body=[Block("paragraph", text) for text in paragraphs],
        wire_source=wire,
        is_article=True,
    ).finish()


def fill_store(path: Path, count: int) -> Corpus:
    """Write ``count`` generated articles to the store at ``path`` in batches."""
    rng = random.Random(SEED)
    corpus = Corpus.build(random.Random(SEED))
    start = datetime(2025, 11, 20, 12, tzinfo=UTC)
    with open_store(path) as store:
        run_id = store.start_run("serve_load fill")
        for first in range(0, count, WRITE_BATCH):
            batch = [ArticleOutcome(f"generated-{n}", make_article(rng, corpus, n, start))
                     for n in range(first, min(count, first + WRITE_BATCH))]
            store.write_batch(batch, run_id=run_id)
        store.finish_run(run_id, {"inserted": count})
    return corpus


def queries(corpus: Corpus, rng: random.Random, count: int = 400) -> list[str]:
    """Search queries as people type them: a topic, two topics, a topic and a place, or a rarer name.

    >>> len(queries(Corpus.build(random.Random(1)), random.Random(2), 10))
    10
    """
    out = []
    sections = list(SECTIONS)
    for _ in range(count):
        kind = rng.random()
        first = corpus.topic(rng, rng.choice(sections))
        if kind < 0.4:
            out.append(first)
        elif kind < 0.6:
            out.append(f"{first} {corpus.topic(rng, rng.choice(sections))}")
        elif kind < 0.8:
            out.append(f"{first} {rng.choice(PLACES)}")
        else:
            out.append(corpus.rare_word(rng))
    return out


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``newsdesk serve`` in its own process, as a user starts it, with --log-level warning (no access log)."""
    command = [sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not answer within 60 s")


# --------------------------------------------------------------------------- the load


@dataclass(slots=True)
class ScenarioResult:
    """What one scenario measured."""

    name: str
    concurrency: int = 1
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list, repr=False)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        """The latency under which ``fraction`` of the requests were answered (nearest rank).

        >>> ScenarioResult("x", latencies_ms=[float(n) for n in range(1, 101)]).percentile(0.99)
        99.0
        """
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        rank = max(1, min(len(ordered), round(fraction * len(ordered))))
        return ordered[rank - 1]

    def summary(self) -> dict[str, float | int | str]:
        return {"scenario": self.name, "concurrency": self.concurrency, "requests": self.requests,
                "errors": self.errors,
                "seconds": round(self.seconds, 2), "requests_per_second": round(self.per_second, 1),
                "p50_ms": round(self.percentile(0.50), 1), "p90_ms": round(self.percentile(0.90), 1),
                "p99_ms": round(self.percentile(0.99), 1),
                "mean_ms": round(statistics.fmean(self.latencies_ms), 1) if self.latencies_ms else 0.0,
                "max_ms": round(max(self.latencies_ms, default=0.0), 1)}


async def run_scenario(base: str, name: str, paths: Callable[[], str], *, duration: float, warmup: float,
                       concurrency: int) -> ScenarioResult:
    """Closed-loop load for ``duration`` seconds after ``warmup`` seconds untimed."""
    result = ScenarioResult(name, concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        async def worker(until: float, record: bool) -> None:
            while time.perf_counter() < until:
                began = time.perf_counter()
                try:
                    response = await client.get(paths())
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if record:
                    result.latencies_ms.append((time.perf_counter() - began) * 1000)
                    result.requests += 1
                    result.errors += 0 if ok else 1

        warm_until = time.perf_counter() + warmup
        await asyncio.gather(*(worker(warm_until, False) for _ in range(concurrency)))
        began = time.perf_counter()
        await asyncio.gather(*(worker(began + duration, True) for _ in range(concurrency)))
        result.seconds = time.perf_counter() - began
    return result


# --------------------------------------------------------------------------- report




def markdown_table(results: list[ScenarioResult]) -> str:
    """The results as a Markdown table.

    >>> print(markdown_table([ScenarioResult("article page", 1, 10, 0, 2.0, [5.0] * 10)]).splitlines()[2])
    | article page | 1 | 10 | 0 | 5.0 | 5.0 | 5.0 | 5.0 |
    """
    lines = ["| scenario | clients | requests | errors | requests/s | p50 ms | p90 ms | p99 ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        s = result.summary()
        lines.append(f"| {s['scenario']} | {s['concurrency']} | {s['requests']} | {s['errors']} | "
                     f"{s['requests_per_second']} | {s['p50_ms']} | {s['p90_ms']} | {s['p99_ms']} |")
    return "\n".join(lines)


def temporary_db(given: str | None) -> tuple[Path, tempfile.TemporaryDirectory[str] | None]:
    if given:
        return Path(given), None
    folder = tempfile.TemporaryDirectory(prefix="newsdesk-load-")
    return Path(folder.name) / "load.db", folder


def article_ids(db: Path) -> list[int]:
    with open_store(db, read_only=True) as store:
        return [hit.id for hit in store.search(None, limit=1_000_000)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the store (default 10000)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load per scenario (default 20)")
    parser.add_argument("--warmup", type=float, default=3.0, help="untimed seconds before each scenario")
    parser.add_argument("--concurrency", default="1,16",
                        help="clients sending at once; a comma-separated list runs every scenario at each "
                             "(default 1,16: the latency of one request alone, then throughput under load)")
    parser.add_argument("--db", help="store to use; filled when it holds fewer than --articles articles")
    parser.add_argument("--scenarios", default="article page,search page,API search,API article",
                        help="comma-separated scenarios to run")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    db, folder = temporary_db(args.db)
    try:
        held = 0
        if db.exists():
            with open_store(db, read_only=True) as store:
                held = store.count()
        began = time.perf_counter()
        if held < args.articles:
            fill_store(db, args.articles)
        fill_seconds = time.perf_counter() - began
        ids = article_ids(db)
        rng = random.Random(SEED + 1)
        words = queries(Corpus.build(random.Random(SEED)), rng)
        scenarios: dict[str, Callable[[], str]] = {
            "article page": lambda: f"/articles/{rng.choice(ids)}",
            "search page": lambda: "/search?" + httpx.QueryParams({"q": rng.choice(words)}).__str__(),
            "API search": lambda: "/api/v1/search?" + httpx.QueryParams({"q": rng.choice(words)}).__str__(),
            "API article": lambda: f"/api/v1/articles/{rng.choice(ids)}",
        }
        chosen = [name.strip() for name in args.scenarios.split(",") if name.strip()]
        try:
            levels = [int(level) for level in args.concurrency.split(",") if level.strip()]
        except ValueError:
            parser.error(f"--concurrency {args.concurrency!r}: give whole numbers, e.g. 1,16")
        if not levels or min(levels) < 1:
            parser.error("--concurrency: give at least one number of clients, each 1 or more")
        unknown = [name for name in chosen if name not in scenarios]
        if unknown:
            parser.error(f"unknown scenarios: {', '.join(unknown)} (known: {', '.join(scenarios)})")
        port = free_port()
        server = start_server(db, port)
        try:
            results = [asyncio.run(run_scenario(f"http://127.0.0.1:{port}", name, scenarios[name],
                                                duration=args.duration, warmup=args.warmup, concurrency=level))
                       for name in chosen for level in levels]
        finally:
            server.terminate()
            server.wait(timeout=30)
        size_mb = db.stat().st_size / 1e6
    finally:
        if folder is not None:
            folder.cleanup()

    command = "python benchmarks/serve_load.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    machine = {"cpu": cpu_model(), "logical_cpus": os.cpu_count() or 0, "python": platform.python_version(),
               "platform": platform.platform()}
    print(f"Command: `{command.strip()}`  ")
    print(f"Machine: {machine['cpu']}, {machine['logical_cpus']} logical CPUs, Python {machine['python']}, "
          f"{machine['platform']}  ")
    print(f"Store: {len(ids)} articles, {size_mb:.0f} MB (filled in {fill_seconds:.1f} s); server: one uvicorn "
          f"process on 127.0.0.1; client: httpx in one process, closed loop with 'clients' connections, "
          f"{args.duration:g} s per scenario after {args.warmup:g} s of warm-up; "
          f"run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    print(markdown_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "command": command, "machine": machine, "articles": len(ids), "concurrency": levels,
            "duration_s": args.duration, "results": [r.summary() for r in results]}, indent=2) + "\n")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
