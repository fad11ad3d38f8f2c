"""Render the shared article pages to their visible text, as a reader's select-all and copy gives it.

The text mode (``newsdesk.extract.text``) reads text copied off a page; its development set is the
shared sets' pages with gold title and body, turned into that text here. Each page is loaded into
Debian's Chromium (``/usr/bin/chromium``, driven by Playwright, which the ``dev`` extra already
installs for the browser tests) and ``document.body.innerText`` is read back.

Why Chromium's ``innerText`` and not an HTML-to-text library (html-text, say): ``innerText`` is the
browser's own answer to "what text does this page show", the same rendering a copy takes its text
from. It drops what the page's inline styles and the ``hidden`` attribute hide, breaks lines where
the layout breaks them (one newline after a block, a blank line around paragraphs and headings, a
tab between table cells) and joins inline elements the way copying glues them ("RelatedTRT World -
..."). A library guesses that layout from tag names and ignores CSS; it would also need a new
dependency.

How a page is loaded, and why:

- JavaScript is off, and every request but the page itself is refused: no network, the same text on
  every run, and no script rewriting the page or navigating away. ``<noscript>`` blocks are removed
  first, since a reader with scripts on never sees them.
- The HTML is served from an ``https://render.invalid/`` address as UTF-8 (the benchmark has already
  decoded it), so a wrong ``<meta charset>`` cannot garble it.
- The viewport is a laptop's (1280 x 900): ``innerText`` does not depend on scrolling, but media
  queries in inline styles do depend on the width.
- External style sheets are not in the saved pages, so anything they alone hid (a collapsed menu, a
  modal) is visible here; the text is a little noisier than a real copy, never cleaner.

The texts are cached under ``/tmp/newsdesk-text-render/<dataset>/<id>.txt`` (``--cache``), never in
the repository; a page already rendered is not rendered again. ``manifest.json`` there records the
browser's version, the settings, every set rendered so far and the pages that failed (a run of one set keeps
what earlier runs recorded of the others).

Usage::

    python benchmarks/render_text.py                          # the four sets
    python benchmarks/render_text.py --dataset fundus --limit 20
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.extraction import (
    DATASET_FOLDERS,
    DEFAULT_DATA,
    Page,
    load_article_set,
    load_scrapinghub,
    load_wcxb,
)

CHROMIUM = Path("/usr/bin/chromium")
DEFAULT_CACHE = Path("/tmp/newsdesk-text-render")
#: The shared sets with a gold body (scrapinghub) or a gold body and title (the others).
TEXT_DATASETS = ("fundus", "readability", "wcxb", "scrapinghub")
PAGE_URL = "https://render.invalid/page"
VIEWPORT = {"width": 1280, "height": 900}
_TIMEOUT_MS = 30_000
_READ_TEXT = """() => {
    for (const element of document.querySelectorAll('noscript')) element.remove();
    return document.body ? document.body.innerText : '';
}"""
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def cache_path(cache: Path, dataset: str, page_id: str) -> Path:
    """Where the rendered text of one page is kept.

    >>> cache_path(Path("/tmp/r"), "fundus", "at-ORF_2024_11_22").as_posix()
    '/tmp/r/fundus/at-ORF_2024_11_22.txt'
    >>> cache_path(Path("/tmp/r"), "x", "a/b c").name
    'a_b_c.txt'
    """
    return cache / dataset / f"{_SAFE_ID.sub('_', page_id)}.txt"


def load_pages(data: Path, dataset: str, limit: int | None = None) -> list[Page]:
    """The pages of one shared set, with their ground truth, by the extraction benchmark's loaders.

    >>> load_pages(Path("/nonexistent"), "fundus")
    Traceback (most recent call last):
    ...
    FileNotFoundError: /nonexistent/fundus-news/ground-truth.json
    """
    loader = load_scrapinghub if dataset == "scrapinghub" else load_wcxb if dataset == "wcxb" else load_article_set
    return loader(data / DATASET_FOLDERS[dataset], limit)


def render(pages: Sequence[tuple[str, Page]], cache: Path, progress: bool = True) -> dict[str, Any]:
    """Render every ``(dataset, page)`` not yet in ``cache``; returns counts and per-page failures."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import Route, ViewportSize, sync_playwright

    todo = [(dataset, page) for dataset, page in pages if not cache_path(cache, dataset, page.id).is_file()]
    failures: dict[str, str] = {}
    if not todo:
        return {"rendered": 0, "cached": len(pages), "failures": failures}
    current: dict[str, bytes] = {}

    def answer(route: Route) -> None:
        # Only the page itself is served; images, style sheets and scripts are refused.
        if route.request.url == PAGE_URL:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=current["html"])
        else:
            route.abort()

    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-gpu", "--disable-extensions"])
        viewport = ViewportSize(width=VIEWPORT["width"], height=VIEWPORT["height"])
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        tab = context.new_page()
        tab.route("**/*", answer)
        for done, (dataset, page) in enumerate(todo, 1):
            current["html"] = page.html.encode("utf-8", errors="replace")
            target = cache_path(cache, dataset, page.id)
            try:
                tab.goto(PAGE_URL, wait_until="domcontentloaded", timeout=_TIMEOUT_MS)
                text = tab.evaluate(_READ_TEXT)
            except PlaywrightError as exc:
                failures[f"{dataset}/{page.id}"] = str(exc).splitlines()[0][:200]
                # A page that hung the tab must not hang the next one.
                tab.close()
                tab = context.new_page()
                tab.route("**/*", answer)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            if progress and done % 50 == 0:
                rate = done / (time.monotonic() - started)
                print(f"  {done}/{len(todo)} pages, {rate:.2f} pages/s", file=sys.stderr, flush=True)
        version = browser.version
        browser.close()
    return {"rendered": len(todo) - len(failures), "cached": len(pages) - len(todo), "failures": failures,
            "browser": version}


def read_manifest(cache: Path) -> dict[str, Any]:
    """The cache's manifest as the last run left it, or an empty one.

    >>> read_manifest(Path("/nonexistent"))
    {}
    """
    try:
        loaded = json.loads((cache / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def merged_manifest(previous: dict[str, Any], datasets: Sequence[str], attempted: set[str],
                    outcome: dict[str, Any]) -> dict[str, Any]:
    """The manifest after rendering the ``attempted`` pages (``dataset/id``) of ``datasets``.

    Rendering one set must not make the cache look as if it held only that set: the sets rendered before
    stay listed with their failures, and only a page tried again loses or renews its failure.

    >>> before = {"datasets": ["fundus"], "failures": {"fundus/1": "timeout", "wcxb/2": "timeout"}}
    >>> done = {"rendered": 1, "cached": 0, "failures": {}, "browser": "x"}
    >>> after = merged_manifest(before, ["wcxb"], {"wcxb/2"}, done)
    >>> after["datasets"], after["failures"]
    (['fundus', 'wcxb'], {'fundus/1': 'timeout'})
    """
    failures = {page: reason for page, reason in dict(previous.get("failures") or {}).items()
                if page not in attempted}
    failures.update(outcome["failures"])
    listed = [name for name in previous.get("datasets") or [] if isinstance(name, str)]
    return {
        "renderer": "Chromium document.body.innerText via Playwright, JavaScript off, requests refused, "
                    "<noscript> removed",
        "viewport": VIEWPORT,
        "datasets": sorted({*listed, *datasets}),
        **outcome,
        "failures": failures,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--dataset", choices=TEXT_DATASETS, action="append",
                        help="a set to render (repeatable); all four by default")
    parser.add_argument("--limit", type=int, default=None, help="at most this many pages of each set")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium (make browser)", file=sys.stderr)
        return 2
    datasets = args.dataset or list(TEXT_DATASETS)
    pages = [(dataset, page) for dataset in datasets for page in load_pages(args.data, dataset, args.limit)]
    outcome = render(pages, args.cache)
    attempted = {f"{dataset}/{page.id}" for dataset, page in pages}
    manifest = merged_manifest(read_manifest(args.cache), datasets, attempted, outcome)
    args.cache.mkdir(parents=True, exist_ok=True)
    (args.cache / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in manifest.items() if k != "failures"} | {"failures": len(outcome["failures"])}))
    for name, reason in list(outcome["failures"].items())[:10]:
        print(f"  failed {name}: {reason}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
