"""``newsdesk ingest`` then ``search``, ``show``, ``stats`` and ``export``, as a user runs them.

Commands run through ``newsdesk.cli.main`` (output read with capsys), and once as a real process.
The pages are small hand-written articles from two invented outlets, one in French.
"""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsdesk.cli import main

FERRY_URL = "https://harbour-gazette.example/port/2025/09/30/electric-ferries"
TRAM_URL = "https://harbour-gazette.example/city/2025/10/02/tram-airport"
RECORD_URL = "https://courrier-du-port.example/economie/2025/10/05/record-trafic"

FERRY = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry operator orders two electric ships | Harbour Gazette</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Ferry operator orders two electric ships">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2025-09-30T08:15:00+01:00">
<meta property="article:section" content="Port">
<meta name="author" content="Maren Holt">
<link rel="canonical" href="{FERRY_URL}">
</head><body>
<nav><a href="/">Home</a> <a href="/port">Port</a> <a href="/city">City</a></nav>
<article>
<h1>Ferry operator orders two electric ships</h1>
<p class="byline">By Maren Holt</p>
<p>The island ferry operator has ordered two battery-powered ships from a yard in the north, its chief
executive said on Tuesday, in a deal worth 84 million crowns that will replace the diesel vessels on the
busiest crossing by the summer of 2027.</p>
<p>"Charging will take eleven minutes at each end, which is the time it already takes to load the cars,"
she said. The harbour authority will build the charging towers on both quays.</p>
<p>Crew unions welcomed the order but asked for training to begin well before the first ship arrives.</p>
</article>
<footer>© 2025 Harbour Gazette</footer>
</body></html>
"""

TRAM = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves tram extension to the airport | Harbour Gazette</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Council approves tram extension to the airport">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2025-10-02T17:40:00+01:00">
<meta property="article:section" content="City">
<meta name="author" content="Idris Calloway">
<link rel="canonical" href="{TRAM_URL}">
</head><body>
<nav><a href="/">Home</a> <a href="/port">Port</a> <a href="/city">City</a></nav>
<article>
<h1>Council approves tram extension to the airport</h1>
<p class="byline">By Idris Calloway</p>
<p>The city council voted 31 to 14 on Thursday evening to extend the number 4 tram line by six kilometres
to the airport terminal, ending a debate that has run for more than a decade and outlasted three mayors.</p>
<p>Construction is expected to start next spring. The line will stop at the new hospital and at the
business park, and trams will run every eight minutes at peak times, the transport committee said.</p>
<p>Opposition councillors said the 290 million crown budget left nothing for the bus routes in the east.</p>
</article>
<footer>© 2025 Harbour Gazette</footer>
</body></html>
"""

RECORD = f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Le port de commerce bat son record de trafic | Le Courrier du Port</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Le port de commerce bat son record de trafic">
<meta property="og:site_name" content="Le Courrier du Port">
<meta property="article:published_time" content="2025-10-05T10:00:00+02:00">
<meta property="article:section" content="Économie">
<meta name="author" content="Claire Dubois">
<link rel="canonical" href="{RECORD_URL}">
</head><body>
<article>
<h1>Le port de commerce bat son record de trafic</h1>
<p class="byline">Par Claire Dubois</p>
<p>Le port de commerce a traité 41 millions de tonnes de marchandises au cours des neuf premiers mois de
l'année, un record depuis sa création, a annoncé dimanche la direction lors d'une conférence de presse.</p>
<p>La hausse tient surtout aux conteneurs venus d'Asie et au retour des céréales, a précisé le directeur,
qui prévoit d'agrandir le terminal nord et d'embaucher une centaine de dockers supplémentaires.</p>
<p>Les riverains s'inquiètent toutefois du bruit des grues la nuit et demandent une étude indépendante.</p>
</article>
</body></html>
"""

FRONT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Port | Harbour Gazette</title></head><body>
<h1>Port</h1>
<ul>
<li><a href="/port/2025/09/30/electric-ferries">Ferry operator orders two electric ships</a></li>
<li><a href="/port/2025/09/12/dredging">Dredging to start in the outer basin</a></li>
<li><a href="/port/2025/09/03/pilots">Harbour pilots win pay deal</a></li>
<li><a href="/port/2025/08/28/cruise">Cruise calls down by a fifth</a></li>
</ul>
</body></html>
"""

CLI = "import sys; from newsdesk.cli import main; sys.exit(main())"


def _saved_by_a_browser(html: str, url: str) -> str:
    # Browsers put the page's address in a comment when they save it; without it a file has no URL.
    return html.replace("<!doctype html>\n", f"<!doctype html>\n<!-- saved from url=({len(url):04d}){url} -->\n", 1)


def _write_pages(folder: Path) -> Path:
    """The two English articles and the front as saved pages, the French one as a JSON line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ferry.html").write_text(_saved_by_a_browser(FERRY, FERRY_URL), encoding="utf-8")
    (folder / "tram.htm").write_text(_saved_by_a_browser(TRAM, TRAM_URL), encoding="utf-8")
    (folder / "port.html").write_text(FRONT, encoding="utf-8")
    line = json.dumps({"url": RECORD_URL, "html": RECORD, "fetched_at": "2025-10-05T09:00:00+00:00"})
    (folder / "courrier.jsonl").write_text(line + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store holding the three articles and the section front, ingested through the CLI.

    Without the connect stage: these tests read what extraction stored (keyword search, show, export);
    ``test_ingest_connects_unless_told_not_to`` covers connect through the CLI.
    """
    path = tmp_path / "news.db"
    pages = _write_pages(tmp_path / "pages")
    assert main(["ingest", str(pages), "--db", str(path), "--workers", "1", "--quiet", "--no-connect"]) == 0
    summary = capsys.readouterr().err
    assert "articles stored 3" in summary and "not articles 1" in summary and "failures 0" in summary
    return path


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------- search


def test_search_table_marks_the_matched_words(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "ferry", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "[Ferry] operator orders two electric ships" in out
    assert "2025-09-30" in out and "Harbour Gazette" in out
    assert "tram" not in out.lower()
    assert "1-1 of 1 articles" in err


def test_search_json_gives_one_object_per_hit(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "port", "OR", "tram", "--db", str(db), "--format", "json"]) == 0
    hits = _json_lines(capsys.readouterr().out)
    assert {hit["url"] for hit in hits} == {TRAM_URL, RECORD_URL}
    tram = next(hit for hit in hits if hit["url"] == TRAM_URL)
    assert tram["headline"] == "Council approves tram extension to the airport"
    assert tram["authors"] == ["Idris Calloway"]
    assert "<mark>" in str(tram["title_html"])


@pytest.mark.parametrize(("options", "expected"), [
    (["--lang", "fr"], {RECORD_URL}),
    (["--section", "city"], {TRAM_URL}),
    (["--author", "holt"], {FERRY_URL}),
    (["--source", "Harbour Gazette"], {FERRY_URL, TRAM_URL}),
    (["--since", "2025-10-01", "--until", "2025-10-03"], {TRAM_URL}),
    (["--until", "2025-09-30"], {FERRY_URL}),
])
def test_search_filters_alone_and_with_a_query(db: Path, capsys: pytest.CaptureFixture[str],
                                               options: list[str], expected: set[str]) -> None:
    assert main(["search", "--db", str(db), "--format", "json", *options]) == 0
    assert {hit["url"] for hit in _json_lines(capsys.readouterr().out)} == expected
    assert main(["search", "ferry", "--db", str(db), "--format", "json", *options]) == 0
    assert {hit["url"] for hit in _json_lines(capsys.readouterr().out)} == expected & {FERRY_URL}


def test_search_bad_date_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "ferry", "--db", str(db), "--since", "2025-13-01"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "--since" in err and "2025-13-01" in err


def test_bad_option_value_exits_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["search", "ferry", "--db", str(db), "--limit", "ten"])
    assert stopped.value.code == 2
    assert "--limit" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------- show


def test_show_by_id_and_by_url(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "tram", "--db", str(db), "--format", "json"]) == 0
    tram_id = _json_lines(capsys.readouterr().out)[0]["id"]
    assert main(["show", str(tram_id), "--db", str(db)]) == 0
    by_id = capsys.readouterr().out
    assert by_id.startswith("# Council approves tram extension to the airport")
    assert "31 to 14" in by_id
    assert main(["show", TRAM_URL, "--db", str(db), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == tram_id
    assert record["section"] == "City" and record["language"] == "en"
    assert record["published"].startswith("2025-10-02")
    assert "every eight minutes" in record["text"]


def test_show_missing_article_exits_1(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "https://harbour-gazette.example/never-published", "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "no such article" in err
    assert main(["show", "9999", "--db", str(db)]) == 1


def test_show_without_a_database_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "1", "--db", str(tmp_path / "absent.db")]) == 2
    assert "no such database" in capsys.readouterr().err


# -------------------------------------------------------------------------------------------- stats


def test_stats_table_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(db)]) == 0
    table = capsys.readouterr().out
    assert table.startswith("articles 3 ")
    assert "Harbour Gazette" in table and "Le Courrier du Port" in table and "not articles" in table
    assert main(["stats", "--db", str(db), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 3
    assert stats["by_source"] == {"Harbour Gazette": 2, "Le Courrier du Port": 1}
    assert stats["by_language"] == {"en": 2, "fr": 1}
    assert sum(stats["not_articles"].values()) == 1
    assert stats["quarantined"] == {} and stats["runs"] == 1
    assert (stats["near_copies"], stats["stories"], stats["vectors"]) == (0, 0, 0)  # Ingested --no-connect.


def test_ingest_connects_unless_told_not_to(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    connected = tmp_path / "connected.db"
    assert main(["ingest", str(tmp_path / "pages"), "--db", str(connected), "--workers", "1", "--quiet"]) == 0
    assert "articles stored 3" in capsys.readouterr().err
    assert main(["stats", "--db", str(connected), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    # A ferry order, a tram extension and a French port's traffic record: three articles, three stories.
    assert (stats["vectors"], stats["stories"], stats["near_copies"]) == (3, 3, 0)
    # reprocess connects what an ingest --no-connect left out, and keeps the rest.
    assert main(["reprocess", "--db", str(db), "--workers", "1"]) == 0
    assert "unchanged 3" in capsys.readouterr().err
    assert main(["stats", "--db", str(db), "--format", "json"]) == 0
    backfilled = json.loads(capsys.readouterr().out)
    assert (backfilled["vectors"], backfilled["stories"]) == (3, 3)


# ------------------------------------------------------------------------------------------- export


def test_export_jsonl_csv_and_parquet_hold_the_same_articles(db: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    outputs = {fmt: tmp_path / f"news.{fmt}" for fmt in ("jsonl", "csv", "parquet")}
    for fmt, out in outputs.items():
        assert main(["export", "--format", fmt, "--out", str(out), "--db", str(db)]) == 0
        assert "exported 3 articles" in capsys.readouterr().err
    records = _json_lines(outputs["jsonl"].read_text(encoding="utf-8"))
    with open(outputs["csv"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    table = pq.read_table(outputs["parquet"]).to_pylist()
    expected = {FERRY_URL: "Ferry operator orders two electric ships",
                TRAM_URL: "Council approves tram extension to the airport",
                RECORD_URL: "Le port de commerce bat son record de trafic"}
    for exported in (records, rows, table):
        assert {str(r["url"]): r["headline"] for r in exported} == expected
    ferry = next(r for r in table if r["url"] == FERRY_URL)
    assert ferry["authors"] == ["Maren Holt"] and ferry["section"] == "Port"
    assert ferry["body"][0]["type"] == "paragraph" and "battery-powered" in ferry["text"]
    assert next(r for r in rows if r["url"] == FERRY_URL)["authors"] == "Maren Holt"
    assert list(records[0])[:3] == ["id", "url", "canonical_url"]


def test_export_with_filters(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "french.jsonl"
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db), "--lang", "fr"]) == 0
    assert [r["url"] for r in _json_lines(out.read_text(encoding="utf-8"))] == [RECORD_URL]
    assert "exported 1 articles" in capsys.readouterr().err


# -------------------------------------------------------------------------------------- exit codes


def test_ingest_with_failed_inputs_exits_1_and_keeps_the_rest(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    pages = _write_pages(tmp_path / "pages")
    whole = gzip.compress(FERRY.encode())
    (pages / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    db = tmp_path / "news.db"
    assert main(["ingest", str(pages), str(tmp_path / "missing-folder"), "--db", str(db), "--workers", "2",
                 "--quiet"]) == 1
    assert "articles stored 3" in capsys.readouterr().err
    assert main(["stats", "--db", str(db), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 3 and stats["quarantined"] == {"read": 2}


def test_ingest_again_stores_nothing_new(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "pages"), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    err = capsys.readouterr().err
    # Every input was recorded by the first run: none is extracted again.
    assert "articles stored 0 · updated 0 · unchanged 0" in err and "already recorded 4" in err


def test_ingest_without_sources_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["ingest"])
    assert stopped.value.code == 2


def test_real_process_ingest_then_search(tmp_path: Path) -> None:
    pages = _write_pages(tmp_path / "pages")
    db = tmp_path / "news.db"
    ingested = subprocess.run([sys.executable, "-c", CLI, "ingest", str(pages), "--db", str(db), "--workers", "2"],
                              capture_output=True, text=True, timeout=120)
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout == ""
    assert "articles stored 3" in ingested.stderr.splitlines()[-1]
    found = subprocess.run([sys.executable, "-c", CLI, "search", "record", "--db", str(db), "--format", "json"],
                           capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert [hit["url"] for hit in _json_lines(found.stdout)] == [RECORD_URL]
    bad = subprocess.run([sys.executable, "-c", CLI, "search", "--db", str(db), "--since", "2025-13-01"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "2025-13-01" in bad.stderr
