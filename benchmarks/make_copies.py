"""Build the near-duplicate benchmark's crawl: real articles republished with edits, with known ground truth.

Sources are the pages of three shared datasets (``../shared/data``: fundus-news, scrapinghub-aeb and
wcxb-dev-articles), extracted with :func:`newsdesk.extract` and kept when the body has at least
:data:`MIN_PARAGRAPHS` paragraphs and :data:`MIN_WORDS` words. They are split by a hash of their URL into
``tune`` (4/5, the only part rules were chosen on) and ``heldout`` (1/5); each split is its own crawl.

In a crawl, half the sources are syndicated: 1 to 4 copies each, every copy made from the original or
(a third of the time) from an earlier copy, so chains form. A copy is an :class:`~newsdesk.model.Article`
built from its parent the way republishers edit, each edit drawn independently:

* on a new host, always: one of :data:`SYNDICATORS` outlets, each with its own footer paragraphs
  (newsletter blurb, copyright line) that extraction would have kept, on every article it publishes;
* trimmed (half the copies): only the first 40-90% of the paragraphs kept, at least two;
* re-headlined (half): a different headline;
* a paragraph added (two in five): a paragraph of another, unrelated source inserted somewhere;
* a dateline credit (three in ten) put before the first paragraph, and light copy-editing (three in ten:
  3% of the words replaced);
* published 5 minutes to 30 hours after its parent; 8% of copies have no date, 4% the parent's exact time,
  and 2% a time shifted 1-8 hours *before* their parent's (a time zone read wrongly), as crawls do.

The other sources are unrelated articles; a fifth of them are published by the syndicators too (so their
footers recur on articles that are not copies), and a fifth quote one paragraph of another source (a
follow-up citing a report), which must not make them copies. Originals without a publication date get
one (a crawl of a day's news dates them). Ground truth per article: its group (the source it derives from,
None for unrelated), its parent, and whether it is the original.

    .venv/bin/python -m benchmarks.make_copies --out /tmp/connect_dup   # writes crawl-tune.jsonl, crawl-heldout.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk import extract
from newsdesk.model import Article, Block
from newsdesk.store.base import parse_instant

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
#: Least paragraphs and words of a source article (shorter pages are not what gets syndicated).
MIN_PARAGRAPHS = 3
MIN_WORDS = 120
#: One source in this many (by URL hash) is held out.
HELD_OUT_EVERY = 5
SPLITS = ("tune", "heldout")
#: Republishing outlets: name, host.
SYNDICATORS = tuple((f"Daily Courier {n}", f"courier{n}.example") for n in range(12)) + tuple(
    (f"Metro Wire {n}", f"metro{n}.example.net") for n in range(12))
_BASE_TIME = datetime(2025, 10, 1, 6, 0, tzinfo=UTC)
_FILLER = ("officials", "report", "week", "city", "plan", "government", "people", "market", "company", "year")


@dataclass(slots=True)
class CrawlArticle:
    """One article of the crawl with its ground truth.

    >>> CrawlArticle("a1", Article(url="https://x.example/1"), "s1", None, True).original
    True
    """

    id: str
    article: Article
    group: str | None
    parent: str | None
    original: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready record: the article and its truth."""
        return {"id": self.id, "group": self.group, "parent": self.parent, "original": self.original,
                "article": self.article.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlArticle:
        """Read back :meth:`to_dict`."""
        return cls(data["id"], Article.from_dict(data["article"]), data["group"], data["parent"], data["original"])


def split_of(url: str) -> str:
    """The split a source belongs to, from a hash of its URL.

    >>> split_of("https://example.com/a") in SPLITS
    True
    """
    digest = int(hashlib.sha1(url.encode("utf-8")).hexdigest()[:8], 16)
    return "heldout" if digest % HELD_OUT_EVERY == 0 else "tune"


def _pages(data_dir: Path) -> list[tuple[str, bytes]]:
    pages: list[tuple[str, bytes]] = []
    for name in ("fundus-news", "scrapinghub-aeb"):
        truth = json.loads((data_dir / name / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            url = truth[page_id].get("url") or f"https://{name}.example/{page_id}"
            pages.append((url, gzip.decompress((data_dir / name / "html" / f"{page_id}.html.gz").read_bytes())))
    wcxb = data_dir / "wcxb-dev-articles"
    for path in sorted((wcxb / "ground-truth").glob("*.json")):
        url = json.loads(path.read_text(encoding="utf-8")).get("url") or f"https://wcxb.example/{path.stem}"
        pages.append((url, gzip.decompress((wcxb / "html" / f"{path.stem}.html.gz").read_bytes())))
    return pages


def load_sources(data_dir: Path = DATA) -> list[Article]:
    """The shared datasets' pages extracted, long enough to be syndicated, first URL of each body kept.

    Raises FileNotFoundError when a dataset is missing.
    """
    sources: list[Article] = []
    seen: set[str] = set()
    for url, html in _pages(data_dir):
        try:
            article = extract(html, url=url)
        except Exception as exc:  # a page extraction rejects is simply not a source
            print(f"skipped {url}: {exc}", file=sys.stderr)
            continue
        paragraphs = [block for block in article.body if block.type == "paragraph" and block.text.strip()]
        text = article.text
        if len(paragraphs) < MIN_PARAGRAPHS or len(text.split()) < MIN_WORDS or text in seen:
            continue
        seen.add(text)
        article.body = paragraphs
        sources.append(article)
    return sources


def _footers(host: str, name: str) -> list[str]:
    return [f"Sign up for the {name} morning briefing: the stories you need to know, the analysis that explains "
            f"them and the numbers behind them, in your inbox every weekday before breakfast. You can "
            f"unsubscribe at any time from the link at the bottom of every message.",
            f"Copyright 2025 {name}. All rights reserved. This material may not be published, broadcast, "
            f"rewritten or redistributed without permission. Contact the newsroom at news@{host}."]


def _published(rng: random.Random, source: Article, index: int) -> str:
    instant = parse_instant(source.published) if source.published else None
    if instant:
        return instant
    return (_BASE_TIME + timedelta(minutes=37 * index % 1440)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _copy_time(rng: random.Random, parent_time: str | None) -> str | None:
    roll = rng.random()
    if roll < 0.08 or parent_time is None:
        return None
    base = datetime.fromisoformat(parent_time.replace("Z", "+00:00"))
    if roll < 0.12:
        moment = base
    elif roll < 0.14:
        moment = base - timedelta(minutes=rng.randint(60, 480))
    else:
        moment = base + timedelta(minutes=rng.randint(5, 30 * 60))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _copy_edit(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(max(1, len(words) * 3 // 100)):
        words[rng.randrange(len(words))] = rng.choice(_FILLER)
    return " ".join(words)


def _make_copy(rng: random.Random, parent: Article, parent_time: str | None, syndicator: tuple[str, str],
               filler: str, path: str) -> Article:
    name, host = syndicator
    paragraphs = [block.text for block in parent.body if not block.text.startswith(("Sign up for the",
                                                                                    "Copyright 2025"))]
    if rng.random() < 0.5 and len(paragraphs) > 2:
        keep = max(2, round(len(paragraphs) * rng.uniform(0.4, 0.9)))
        paragraphs = paragraphs[:keep]
    if rng.random() < 0.4:
        paragraphs.insert(rng.randint(0, len(paragraphs)), filler)
    if rng.random() < 0.3:
        paragraphs[0] = f"LONDON ({name}) - {paragraphs[0]}"
    if rng.random() < 0.3:
        paragraphs = [_copy_edit(rng, text) for text in paragraphs]
    headline = parent.headline or ""
    if rng.random() < 0.5:
        words = headline.split()
        headline = " ".join([*words[len(words) // 2:], "-", *words[: len(words) // 2]]) + f" | {name}"
    body = [Block("paragraph", text) for text in paragraphs + _footers(host, name)]
    return Article(url=f"https://{host}/{path}", site_name=name, headline=headline, published=_copy_time(
        rng, parent_time), body=body, wire_source=parent.wire_source, is_article=True, language=parent.language)


def build_crawl(sources: list[Article], seed: int = 1) -> list[CrawlArticle]:
    """The crawl made from ``sources`` (see the module docstring), shuffled, with ground truth.

    >>> from newsdesk.model import Block
    >>> src = [Article(url=f"https://s{i}.example/a", headline=f"Story {i}", published="2025-10-01T08:00:00Z",
    ...                body=[Block("paragraph", f"Paragraph {j} of story {i} " * 8) for j in range(5)])
    ...        for i in range(8)]
    >>> crawl = build_crawl(src)
    >>> sum(a.original for a in crawl) == len({a.group for a in crawl if a.group})
    True
    """
    rng = random.Random(seed)
    out: list[CrawlArticle] = []
    for index, source in enumerate(sources):
        source_id = f"s{index}"
        roll = rng.random()
        published = _published(rng, source, index)
        body = [Block("paragraph", block.text) for block in source.body]
        url: str | None
        if 0.5 <= roll < 0.6:
            name, host = rng.choice(SYNDICATORS)
            body += [Block("paragraph", text) for text in _footers(host, name)]
            url = f"https://{host}/own/{index}"
        else:
            url = source.url
        if 0.6 <= roll < 0.7 and len(sources) > 1:
            other = sources[(index + 1 + rng.randrange(len(sources) - 1)) % len(sources)]
            body.insert(rng.randint(1, len(body)), Block("paragraph", f'As reported earlier: "{other.body[0].text}"'))
        original = Article(url=url, canonical_url=None, site_name=source.site_name, headline=source.headline,
                           published=published, body=body, wire_source=source.wire_source, is_article=True,
                           language=source.language)
        if roll >= 0.5:
            out.append(CrawlArticle(source_id, original, None, None, False))
            continue
        family = [CrawlArticle(source_id, original, source_id, None, True)]
        times: dict[str, str | None] = {source_id: published}
        for n in range(rng.choice((1, 1, 2, 2, 3, 4))):
            parent = family[0] if len(family) == 1 or rng.random() >= 1 / 3 else rng.choice(family[1:])
            other = sources[(index + 1 + rng.randrange(len(sources) - 1)) % len(sources)]
            copy = _make_copy(rng, parent.article, times[parent.id], rng.choice(SYNDICATORS),
                              other.body[-1].text, f"{index}/copy-{n}")
            copy_id = f"{source_id}c{n}"
            times[copy_id] = copy.published
            family.append(CrawlArticle(copy_id, copy, source_id, parent.id, False))
        out.extend(family)
    rng.shuffle(out)
    return out


def write_crawls(out_dir: Path, data_dir: Path = DATA, seed: int = 1) -> dict[str, Path]:
    """Write ``crawl-<split>.jsonl`` for each split under ``out_dir``; return their paths."""
    sources = load_sources(data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for split in SPLITS:
        crawl = build_crawl([s for s in sources if split_of(s.url or "") == split], seed)
        path = out_dir / f"crawl-{split}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for item in crawl:
                handle.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        paths[split] = path
    return paths


def read_crawl(path: Path) -> list[CrawlArticle]:
    """The crawl written by :func:`write_crawls`."""
    with path.open(encoding="utf-8") as handle:
        return [CrawlArticle.from_dict(json.loads(line)) for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Command line: build the crawls."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/connect_dup"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for split, path in write_crawls(args.out, seed=args.seed).items():
        crawl = read_crawl(path)
        groups = {a.group for a in crawl if a.group}
        print(f"{split}: {len(crawl)} articles, {len(groups)} groups, {sum(1 for a in crawl if a.parent)} copies "
              f"-> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
