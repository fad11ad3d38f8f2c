"""A small crawl for the scale tests, built from the project's own example pages (no ../shared needed).

Three .warc.gz files hold 15 responses: each of 5 pages as published, a copy of each on another
host with every paragraph changed a little (a near duplicate), and a copy with the same body (an
exact duplicate), dealt round-robin so copies land in other files than their originals. A saved
.html page comes last, so one input keeps its raw bytes in the store rather than in a WARC.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.make_warc import SourcePage, gzipped_records, iter_copies  # noqa: E402

_CANONICAL = re.compile(rb'<link[^>]+rel="canonical"[^>]+href="([^"]+)"')


def example_pages() -> list[SourcePage]:
    """The example pages, each published at its canonical URL (or a made-up one)."""
    paths = sorted((ROOT / "examples" / "pages").glob("*.html")) + sorted(
        (ROOT / "tests" / "ingest" / "fixtures").glob("article_*.html"))
    pages = []
    for path in paths:
        html = path.read_bytes()
        found = _CANONICAL.search(html)
        url = found.group(1).decode() if found else f"https://news.example/{path.stem}"
        pages.append(SourcePage("examples", url, html))
    return pages


def build_crawl(folder: Path, files: int = 3) -> list[Path]:
    """Write the crawl under ``folder``; return its inputs in load order (WARCs, then the saved page)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = example_pages()
    records = list(iter_copies(pages, 2 * len(pages), "distinct"))
    records += list(iter_copies(pages, 3 * len(pages), "identical"))[2 * len(pages):]
    paths = []
    for index in range(files):
        path = folder / f"crawl-{index}.warc.gz"
        with open(path, "wb") as out:
            for url, html in records[index::files]:
                out.write(gzipped_records(url, html))
        paths.append(path)
    saved = folder / "saved-page.html"
    shutil.copyfile(ROOT / "examples" / "pages" / "mosel-weinlese.html", saved)
    return [*paths, saved]


def corrupt_warc(path: Path, good: Path) -> Path:
    """A copy of ``good`` with garbage in the middle of its second record and a truncated end."""
    data = bytearray(good.read_bytes())
    middle = len(data) // 2
    data[middle: middle + 64] = b"\x00garbage" * 8
    path.write_bytes(bytes(data[: len(data) - 100]))
    return path
