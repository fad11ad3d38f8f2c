"""Enrichment, measured: cost per article, and each annotation beside the baseline a user would reach for.

One run does all of it and prints one table of the issue's bars:

* **speed**: ``enrich_text`` over the bodies of shared news pages (extracted with newsdesk first, outside
  the timed region), CPU time per article (``time.process_time``), with the fast pattern recogniser and
  with spaCy's statistical pipeline, and each module's share; it says which recognisers ran compiled
  (``newsdesk.enrich.native``: the mypyc build when one is fresh; ``NEWSDESK_NATIVE=0`` for the .py sources);
* **quotes**: PolNeAR dev (``benchmarks/enrich_quotes.py``; textacy's direct quotations beside it);
* **times**: TempEval-3 (``benchmarks/enrich_times.py``; dateparser's ``search_dates`` beside it);
* **entities**: spaCy's raw entities beside ours, and a hand-annotated gold set
  (``benchmarks/enrich_entities.py``);
* **quantities**: the hand-annotated gold set (``benchmarks/enrich_quantities.py``).

Baselines run where their package imports (``make bench`` installs them); otherwise they are reported as
skipped. Usage::

    .venv/bin/python benchmarks/enrich.py [--pages N] [--out FILE] [--only speed,quotes,times,entities,quantities]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.machine import cpu_model  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
#: The extraction sets whose pages serve as bodies for the speed run: news from many outlets.
SPEED_SETS = ("wcxb-dev-articles", "scrapinghub-aeb", "fundus-news")
PARTS = ("speed", "quotes", "times", "entities", "quantities")


def _bodies(limit: int) -> list[tuple[str, str | None]]:
    """(text, published) of up to ``limit`` extracted articles, spread over the speed sets."""
    from newsdesk import extract

    files: list[Path] = []
    for name in SPEED_SETS:
        files += sorted((DATA / name / "html").glob("*.html.gz"))
    step = max(1, len(files) // max(1, limit))
    out: list[tuple[str, str | None]] = []
    for path in files[::step][:limit]:
        try:
            article = extract(gzip.decompress(path.read_bytes()), source=path.name)
        except Exception:  # A page the extractor refuses is not a body to enrich.
            continue
        if article.text:
            out.append((article.text, article.published))
    return out


def _cpu_ms(fn: Callable[[], Any]) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median_ms": round(statistics.median(ordered), 3),
            "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 3),
            "mean_ms": round(statistics.fmean(ordered), 3)}


def run_speed(pages: int) -> dict[str, Any]:
    """CPU milliseconds per article of the whole enrichment and of each module, both recognisers."""
    from newsdesk.enrich import entities, native, quantities, quotes, times

    bodies = _bodies(pages)
    result: dict[str, Any] = {"articles": len(bodies),
                              "median_chars": int(statistics.median(len(t) for t, _ in bodies))}
    for recognizer in ("patterns", "spacy"):
        found, _ = entities.find_entities("Warm up the recogniser in Paris.", recognizer=recognizer)  # untimed load
        per_module: dict[str, list[float]] = {"entities": [], "quotes": [], "times": [], "quantities": []}
        total: list[float] = []
        for text, published in bodies:
            start = time.process_time()
            t0 = time.process_time()
            found, _ = entities.find_entities(text, recognizer=recognizer)
            t1 = time.process_time()
            quotes.find_quotes(text, found)
            t2 = time.process_time()
            times.find_times(text, published)
            t3 = time.process_time()
            quantities.find_quantities(text)
            t4 = time.process_time()
            for name, (a, b) in zip(per_module, ((t0, t1), (t1, t2), (t2, t3), (t3, t4)), strict=True):
                per_module[name].append((b - a) * 1000)
            total.append((time.process_time() - start) * 1000)
        result[recognizer] = {"total": _stats(total), **{name: _stats(v) for name, v in per_module.items()}}
    result["compiled"] = native.compiled_in_use()
    return result


def _sub(module: str, argv: list[str]) -> dict[str, Any]:
    """Run a sub-benchmark's ``main`` with ``--out`` to a temporary file and read its JSON back."""
    import importlib

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.json"
        code = importlib.import_module(f"benchmarks.{module}").main([*argv, "--out", str(out)])
        data = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    data["exit_code"] = code
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="shared pages for the speed run (default 300)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {', '.join(PARTS)}")
    parser.add_argument("--out", type=Path, help="write every figure as JSON here")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    if not DATA.exists():
        print(f"no data at {DATA}: the shared data sets are needed", file=sys.stderr)
        return 2
    os.environ.pop("NEWSDESK_NER", None)
    report: dict[str, Any] = {"machine": cpu_model(), "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    began = time.monotonic()
    if "speed" in parts:
        report["speed"] = run_speed(args.pages)
        print(json.dumps(report["speed"], indent=1))
    if "quotes" in parts:
        report["quotes"] = _sub("enrich_quotes", ["--splits", "dev,heldout"])
    if "times" in parts:
        report["times"] = _sub("enrich_times", [])
    if "entities" in parts:
        report["entities"] = _sub("enrich_entities", [])
    if "quantities" in parts:
        report["quantities"] = _sub("enrich_quantities", ["--sample", "0"])
    report["wall_s"] = round(time.monotonic() - began, 1)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if "speed" in report:
        speed = report["speed"]
        print(f"\nspeed over {speed['articles']} articles (median {speed['median_chars']} characters), CPU ms;"
              f" compiled: {', '.join(speed.get('compiled') or []) or 'none (the .py sources ran)'}")
        for recognizer in ("patterns", "spacy"):
            row = speed[recognizer]
            modules = ", ".join(f"{name} {row[name]['median_ms']}" for name in ("entities", "quotes", "times",
                                                                               "quantities"))
            print(f"  {recognizer:<8} median {row['total']['median_ms']:>7} p90 {row['total']['p90_ms']:>7}"
                  f"   ({modules})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
