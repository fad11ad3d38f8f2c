"""Issue 10's command-line, ingest and store defects, each as the user met it.

Failure reasons shown, broken sources files, locked and read-only databases, numeric options,
unsupported files named on the command line, workers that outlive a killed ingest, and the
rough edges (empty folders, canonical URLs, human dates, Parquet timestamps, resumed runs).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsdesk.cli import main
from newsdesk.store import open_store

NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]


def _story(n: int) -> str:
    prose = (f"The harbour board met on Tuesday to settle dispute number {n}, its chair said, after weeks of "
             "talks with the ferry crews and the port's neighbours about noise and traffic on the quay. ") * 5
    return (f"<!doctype html><html lang='en'><head><title>Harbour dispute {n} settled | Harbour Gazette</title>"
            f"<link rel='canonical' href='https://harbour-gazette.example/port/2025/10/01/dispute-{n}'>"
            "<meta property='article:published_time' content='2025-10-01T08:15:00+01:00'>"
            f"</head><body><article><h1>Harbour dispute {n} settled</h1><p>{prose}</p><p>{prose}</p>"
            "</article></body></html>")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"story{n}.html").write_text(_story(n))
    return folder


# 1. failure reasons -------------------------------------------------------------------------------


def test_failed_inputs_are_listed_with_their_reasons_at_the_end_of_a_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.html").write_text("")
    code = main(["ingest", "--quiet", "--workers", "1", "--db", str(tmp_path / "x.db"), str(tmp_path / "empty.html"),
                 str(tmp_path / "gone.html")])
    err = capsys.readouterr().err
    assert code == 1
    assert "empty.html: extract: empty input" in err
    assert "gone.html: read: no such file or folder" in err


def test_a_long_list_of_failures_is_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = [str(tmp_path / f"gone{n:02}.html") for n in range(25)]
    code = main(["ingest", "--quiet", "--workers", "1", "--db", str(tmp_path / "x.db"), *missing])
    err = capsys.readouterr().err
    assert code == 1
    assert sum("no such file or folder" in line for line in err.splitlines()) == 10
    assert "and 15 more" in err and "newsdesk failures" in err


def test_failures_command_lists_reasons_as_a_table_and_as_json(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    (tmp_path / "empty.html").write_text("")
    main(["ingest", "--quiet", "--workers", "1", "--db", db, str(tmp_path / "empty.html")])
    capsys.readouterr()
    assert main(["failures", "--db", db]) == 0
    assert "empty input" in capsys.readouterr().out
    assert main(["failures", "--db", db, "--format", "json", "--since", "2000-01-01"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["stage"], r["reason"]) for r in records] == [("extract", "empty input")]
    assert records[0]["input"].endswith("empty.html")
    assert main(["failures", "--db", db, "--since", "2999-01-01", "--format", "json"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["failures", "--db", db, "--since", "someday"]) == 2


# 2. sources files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [None, "[[outlet]\nname = 'x'\n"])
def test_ingest_refuses_a_missing_or_broken_sources_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         content: str | None) -> None:
    sources = tmp_path / "sources.toml"
    if content is not None:
        sources.write_text(content)
    code = main(["ingest", "--quiet", "--db", str(tmp_path / "x.db"), str(sources)])
    err = capsys.readouterr().err
    assert code == 2
    assert "sources.toml" in err and "failures" not in err


# 3. locked database -------------------------------------------------------------------------------


def test_a_locked_database_is_said_in_words_with_exit_2(pages: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "x.db"
    open_store(db).close()
    monkeypatch.setenv("NEWSDESK_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["ingest", "--quiet", "--workers", "1", "--db", str(db), str(pages)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert "database is locked by another process" in capsys.readouterr().err


def test_a_database_in_a_folder_that_does_not_exist_yet_gets_the_folder(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "news" / "2025" / "october.db"
    assert main(["ingest", "--quiet", "--workers", "1", "--db", str(db), str(pages)]) == 0
    with open_store(db, read_only=True) as store:
        assert store.stats().articles == 3


def test_a_database_under_a_file_is_refused_with_the_reason(pages: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    db = tmp_path / "notes.txt" / "news.db"
    assert main(["ingest", "--quiet", "--workers", "1", "--db", str(db), str(pages)]) == 2
    err = capsys.readouterr().err
    assert str(db) in err and "cannot create its folder" in err
    assert (tmp_path / "notes.txt").read_text() == "not a folder"


# 4. read-only databases ---------------------------------------------------------------------------


def _as_another_user(command: list[str]) -> list[str]:
    """Root ignores file permissions: run as nobody then, so that they apply."""
    if os.geteuid() != 0:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]


def test_read_commands_work_in_a_read_only_folder_and_writes_are_refused_clearly(pages: Path,
                                                                                 tmp_path: Path) -> None:
    # Outside pytest's own folder, which only its owner may enter.
    outer = Path(tempfile.mkdtemp(prefix="newsdesk-ro-"))
    outer.chmod(0o755)
    folder = outer / "locked"
    folder.mkdir()
    db = folder / "news.db"
    assert main(["ingest", "--quiet", "--workers", "1", "--db", str(db), str(pages)]) == 0
    shutil.copytree(pages, outer / "pages")
    pages = outer / "pages"
    pages.chmod(0o755)
    db.chmod(0o444)
    folder.chmod(0o555)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    try:
        for command in (["stats"], ["search", "harbour"], ["failures"]):
            done = subprocess.run(_as_another_user([*NEWSDESK, *command, "--db", str(db)]), capture_output=True,
                                  text=True, env=env, timeout=120)
            assert done.returncode == 0, done.stderr
        done = subprocess.run(_as_another_user([*NEWSDESK, "ingest", "--quiet", "--db", str(db), str(pages)]),
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 2
        assert "read-only" in done.stderr and "Traceback" not in done.stderr
    finally:
        folder.chmod(0o755)
        shutil.rmtree(outer)


# 5. numeric options -------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["ingest", "--batch-size", "0", "x.html"],
    ["ingest", "--workers", "0", "x.html"],
    ["ingest", "--workers", "-3", "x.html"],
    ["search", "--limit", "-1", "x"],
    ["search", "--limit", "0", "x"],
    ["search", "--offset", "-5", "x"],
    ["watch", "--every", "0", "s.toml"],
    ["watch", "--rounds", "-1", "s.toml"],
    ["watch", "--workers", "0", "s.toml"],
    ["reprocess", "--workers", "0"],
    ["extract", "--indent", "-2", "x.html"],
    ["failures", "--limit", "0"],
])
def test_numeric_options_out_of_range_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert "usage:" in capsys.readouterr().err


# 6. unsupported files named on the command line ---------------------------------------------------


@pytest.mark.parametrize("name,content", [
    ("data.json", '{"headline": "not a page"}'),
    ("Makefile", "all:\n\techo hello\n"),
    ("README.md", "# Notes\n\nSome words about the project, long enough to look like an article body.\n"),
])
def test_a_named_file_of_an_unsupported_type_is_refused_with_its_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str) -> None:
    (tmp_path / name).write_text(content)
    code = main(["ingest", "--quiet", "--workers", "1", "--db", str(tmp_path / "x.db"), str(tmp_path / name)])
    assert code == 1
    assert "not a file type newsdesk reads" in capsys.readouterr().err
    with open_store(tmp_path / "x.db", read_only=True) as store:
        assert store.count() == 0


def test_a_named_page_saved_under_another_suffix_is_still_read(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story.php").write_text(_story(7))
    db = str(tmp_path / "x.db")
    assert main(["ingest", "--quiet", "--workers", "1", "--db", db, str(tmp_path / "story.php")]) == 0
    with open_store(tmp_path / "x.db", read_only=True) as store:
        assert store.count() == 1


# 8. workers die with their parent -----------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_workers_exit_when_their_ingest_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(400):
        (folder / f"story{n:03}.html").write_text(_story(n))
    process = subprocess.Popen([*NEWSDESK, "ingest", "--quiet", "--workers", "2", "--batch-size", "5", "--db",
                                str(tmp_path / "x.db"), str(folder)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and process.poll() is None:
            workers = _children(process.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the ingest never started its workers"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        for pid in _children(process.pid) if process.poll() is None else set():
            os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()


def test_progress_is_measured_in_bytes_of_the_files_a_folder_walk_reads(pages: Path) -> None:
    from newsdesk.cli.progress import ByteMeter, input_sizes
    from newsdesk.ingest.files import read_path

    (pages / "logo.png").write_bytes(b"\x89PNG" * 100)
    sizes = input_sizes([str(pages)])
    assert sizes is not None and sorted(Path(name).name for name in sizes) == [f"story{n}.html" for n in range(3)]
    meter = ByteMeter(sizes)
    seen = []
    for item in read_path(pages):
        meter.observe(item)
        seen.append(meter.done)
    assert seen == sorted(seen) and seen[-1] == meter.total == sum(p.stat().st_size for p in pages.glob("*.html"))
    assert input_sizes([str(pages), "https://news.example/rss"]) is None


# rough edges --------------------------------------------------------------------------------------


def test_an_empty_folder_says_there_is_nothing_to_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["ingest", "--workers", "1", "--db", str(tmp_path / "x.db"), str(tmp_path / "empty")]) == 0
    assert "nothing to ingest" in capsys.readouterr().err


def test_extract_without_url_takes_the_canonical_url(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(pages / "story1.html")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["url"] == "https://harbour-gazette.example/port/2025/10/01/dispute-1"


def test_markdown_shows_human_dates(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "markdown", str(pages / "story1.html")]) == 0
    out = capsys.readouterr().out
    assert "1 October 2025, 08:15 (UTC+01:00)" in out
    assert "2025-10-01T08:15" not in out


def test_parquet_export_stores_dates_as_timestamps(pages: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    assert main(["ingest", "--quiet", "--workers", "1", "--db", db, str(pages)]) == 0
    out = tmp_path / "news.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "--out", str(out)]) == 0
    table = pq.read_table(out)
    assert str(table.schema.field("published").type).startswith("timestamp")
    assert str(table.schema.field("published").type).endswith("tz=UTC]")
    first = table.column("published")[0].as_py()
    assert first.isoformat() == "2025-10-01T07:15:00+00:00"


def test_a_rerun_skips_inputs_already_recorded_before_extracting_them(
        pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "x.db")
    assert main(["ingest", "--quiet", "--workers", "1", "--db", db, str(pages)]) == 0
    capsys.readouterr()
    (pages / "story9.html").write_text(_story(9))
    extracted: list[str] = []
    import newsdesk.pipeline as pipeline

    real = pipeline.extract

    def counting(data: bytes | str, **kwargs: object):  # type: ignore[no-untyped-def]
        extracted.append(str(kwargs.get("source")))
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract", counting)
    assert main(["ingest", "--quiet", "--workers", "1", "--db", db, str(pages)]) == 0
    assert [Path(name).name for name in extracted] == ["story9.html"]
    err = capsys.readouterr().err
    assert "already recorded 3" in err and "articles stored 1" in err
