"""``newsdesk extract``: files, folders and standard input in; JSON, text or Markdown out; failures named.

Most tests call ``newsdesk.cli.main`` in process (fast, output captured by capsys); one runs the
installed ``newsdesk`` command in a child process, as a user would.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "extract" / "fixtures"
SEED_TEXT = ROOT / "examples" / "trtworld-iraq-coalition.txt"
EXAMPLE_PAGES = sorted((ROOT / "examples" / "pages").glob("*.html"))

WORDPRESS_HEADLINE = "Council approves Mill Lane flood barrier after six years of delay"
WIRE_HEADLINE = "Windstorm leaves 210,000 without power across western Washington"
TABLE_HEADLINE = "State pension to rise 4.1% in April: what it means for you"
SEED_HEADLINE = "US-led coalition to scale back Iraq mission"


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """One input of each kind the command reads: .html, .html.gz and .txt."""
    html = tmp_path / "flood-barrier.html"
    html.write_bytes((FIXTURES / "page_wordpress_post.html").read_bytes())
    gzipped = tmp_path / "windstorm.html.gz"
    gzipped.write_bytes(gzip.compress((FIXTURES / "page_wire_ap.html").read_bytes()))
    text = tmp_path / "iraq-coalition.txt"
    text.write_bytes(SEED_TEXT.read_bytes())
    return {"html": html, "gz": gzipped, "txt": text}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


# --------------------------------------------------------------------------- inputs


def test_html_file(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(inputs["html"])], capsys)
    assert (code, err) == (0, "")
    [record] = json_records(out)
    assert record["source"] == str(inputs["html"])
    assert record["headline"] == WORDPRESS_HEADLINE
    assert record["is_article"] is True


def test_gzipped_html_file(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(inputs["gz"])], capsys)
    assert code == 0
    [record] = json_records(out)
    assert record["headline"] == WIRE_HEADLINE
    assert record["wire_source"] == {"code": "AP", "name": "Associated Press"}


def test_text_file_is_read_as_scraped_text(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(inputs["txt"])], capsys)
    assert code == 0
    [record] = json_records(out)
    assert record["headline"] == SEED_HEADLINE
    assert record["wire_source"] == {"code": "AA", "name": "Anadolu Agency"}


def test_several_files_give_one_record_each_in_order(inputs: dict[str, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(inputs["html"]), str(inputs["gz"]), str(inputs["txt"])], capsys)
    assert code == 0
    assert [record["headline"] for record in json_records(out)] == [WORDPRESS_HEADLINE, WIRE_HEADLINE, SEED_HEADLINE]


def test_folder_is_walked_for_pages_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "saved"
    (folder / "money").mkdir(parents=True)
    (folder / "a-flood.html").write_bytes((FIXTURES / "page_wordpress_post.html").read_bytes())
    (folder / "money" / "pension.htm").write_bytes((FIXTURES / "page_table_quote_lists.html").read_bytes())
    (folder / "b-iraq.txt").write_bytes(SEED_TEXT.read_bytes())
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "style.css").write_text("body { color: black; }")
    (folder / ".hidden.html").write_text("<html><body><p>A hidden draft, not for the reader.</p></body></html>")
    code, out, err = run(["extract", str(folder)], capsys)
    assert (code, err) == (0, "")
    records = json_records(out)
    assert sorted(str(record["headline"]) for record in records) == sorted(
        [WORDPRESS_HEADLINE, TABLE_HEADLINE, SEED_HEADLINE])
    assert all(str(record["source"]).startswith(str(folder)) for record in records)


def test_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = (FIXTURES / "page_french.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    code, out, _ = run(["extract", "-"], capsys)
    assert code == 0
    [record] = json_records(out)
    assert record["source"] == "<stdin>"
    assert record["headline"] == "À Lyon, la ligne de tramway T10 ouvrira finalement en juin 2026"
    assert record["language"] == "fr"


def test_standard_input_of_scraped_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_TEXT.read_bytes())))
    code, out, _ = run(["extract", "--format", "text", "-"], capsys)
    assert code == 0
    assert out.startswith(SEED_HEADLINE + "\n\n")


def test_url_option_resolves_relative_links(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://riversidecourier.example/2025/03/14/council-approves-mill-lane-flood-barrier/"
    code, out, _ = run(["extract", "--url", url, str(inputs["html"])], capsys)
    assert code == 0
    [record] = json_records(out)
    assert record["url"] == url
    related = record["related"]
    assert isinstance(related, list)
    assert related[1]["url"] == "https://riversidecourier.example/2024/06/21/insurers-refuse-cover-riverside-homes/"


def test_kind_option_forces_scraped_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A .html name on text copied off a page: --kind text overrides the file name.
    misnamed = tmp_path / "copied.html"
    misnamed.write_bytes(SEED_TEXT.read_bytes())
    code, out, _ = run(["extract", "--kind", "text", str(misnamed)], capsys)
    assert code == 0
    assert json_records(out)[0]["headline"] == SEED_HEADLINE


# --------------------------------------------------------------------------- formats


def test_json_format_has_every_documented_key(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["extract", "--format", "json", str(inputs["html"])], capsys)
    [record] = json_records(out)
    assert {"source", "url", "canonical_url", "site_name", "language", "headline", "standfirst", "authors",
            "published", "updated", "section", "tags", "image", "body", "wire_source", "related",
            "reading_time_minutes", "word_count", "is_article"} <= set(record)


def test_json_format_is_one_line_per_input(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["extract", str(inputs["html"]), str(inputs["txt"])], capsys)
    assert len(out.splitlines()) == 2


def test_json_indent_pretty_prints(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["extract", "--indent", "2", str(inputs["html"])], capsys)
    assert out.startswith('{\n  "source": ')
    assert json.loads(out)["headline"] == WORDPRESS_HEADLINE


def test_json_keeps_non_ascii_characters(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["extract", str(inputs["html"])], capsys)
    assert "£4.2 million" in out


def test_text_format_is_headline_then_body(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", "--format", "text", str(inputs["html"])], capsys)
    assert code == 0
    paragraphs = out.rstrip("\n").split("\n\n")
    assert paragraphs[0] == WORDPRESS_HEADLINE
    assert paragraphs[1].startswith("Riverside council has approved a £4.2 million flood barrier")
    assert paragraphs[4] == "Work to start in May"
    assert "Share on Facebook" not in out and "Related" not in out


def test_markdown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "pension.html"
    page.write_bytes((FIXTURES / "page_table_quote_lists.html").read_bytes())
    code, out, _ = run(["extract", "--format", "markdown", str(page)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"# {TABLE_HEADLINE}"
    assert "By Hannah Reid" in lines
    assert "## How much will I get?" in lines
    assert "| Pension | Weekly now | Weekly from April | Yearly from April |" in lines
    assert "- at least 35 qualifying years on your National Insurance record;" in lines
    assert any(line.startswith("> “The triple lock has done what it was meant to do") for line in lines)


def test_markdown_format_shows_wire_source_and_related(inputs: dict[str, Path],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["extract", "--format", "markdown", str(inputs["gz"])], capsys)
    assert "Source: Associated Press (AP)" in out
    title = "Atmospheric river brings flood watch to Skagit and Whatcom counties"
    assert f"- [{title}](https://cascadedaily.example/news/national/atmospheric-river-flood-watch/" in out


def test_text_formats_separate_articles(inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["extract", "--format", "markdown", str(inputs["html"]), str(inputs["txt"])], capsys)
    first, second = out.split("\n" + "-" * 72 + "\n")
    assert first.startswith(f"# {WORDPRESS_HEADLINE}")
    assert second.lstrip().startswith(f"# {SEED_HEADLINE}")


# --------------------------------------------------------------------------- failures


def test_missing_file_is_reported_and_the_rest_still_printed(inputs: dict[str, Path], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-page.html"
    code, out, err = run(["extract", str(inputs["html"]), str(missing), str(inputs["txt"])], capsys)
    assert code == 1
    assert str(missing) in err
    assert err.startswith("newsdesk: ")
    assert [record["headline"] for record in json_records(out)] == [WORDPRESS_HEADLINE, SEED_HEADLINE]


@pytest.mark.parametrize("name, data, reason", [
    ("empty.html", b"", "empty"),
    ("cut.html.gz", gzip.compress(b"<html><body><p>text</p></body></html>" * 50)[:40], "truncated"),
    ("scan.html", b"%PDF-1.7\n%binary", "pdf"),
], ids=["empty", "truncated-gzip", "pdf"])
def test_bad_file_is_named_with_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                           data: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    code, out, err = run(["extract", str(bad)], capsys)
    assert code == 1
    assert out == ""
    assert str(bad) in err and reason in err.lower()


def test_failures_leave_standard_output_valid_json(inputs: dict[str, Path], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    _, out, _ = run(["extract", str(empty), str(inputs["html"]), str(tmp_path / "gone.txt")], capsys)
    assert [record["headline"] for record in json_records(out)] == [WORDPRESS_HEADLINE]


@pytest.mark.parametrize("argv", [
    [],
    ["extract"],
    ["extract", "--format", "pdf", "page.html"],
    ["extract", "--kind", "image", "page.html"],
    ["extract", "--indent", "two", "page.html"],
    ["no-such-command"],
], ids=["no-command", "no-path", "bad-format", "bad-kind", "bad-indent", "unknown-command"])
def test_bad_usage_exits_with_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


# --------------------------------------------------------------------------- the installed command


def _installed_command() -> str:
    beside_python = Path(sys.executable).parent / "newsdesk"
    found = str(beside_python) if beside_python.exists() else shutil.which("newsdesk")
    if found is None:
        pytest.skip("the newsdesk command is not installed in this environment")
    return found


def test_installed_command_in_a_child_process(inputs: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = subprocess.run([_installed_command(), "extract", "--format", "text", str(inputs["html"]), str(missing)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith(WORDPRESS_HEADLINE + "\n\n")
    assert str(missing) in result.stderr


def test_installed_command_reads_standard_input(inputs: dict[str, Path]) -> None:
    result = subprocess.run([_installed_command(), "extract", "-"], input=inputs["html"].read_bytes(),
                            capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["headline"] == WORDPRESS_HEADLINE


def test_installed_command_usage_error(inputs: dict[str, Path]) -> None:
    result = subprocess.run([_installed_command(), "extract", "--format", "yaml", str(inputs["html"])],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--format" in result.stderr


# --------------------------------------------------------------------------- the demo


def test_demo_examples_exist() -> None:
    assert SEED_TEXT.exists()
    assert 2 <= len(EXAMPLE_PAGES) <= 4


def test_demo_command_extracts_every_example(capsys: pytest.CaptureFixture[str]) -> None:
    # What `make demo` runs.
    code, out, err = run(["extract", "--format", "markdown", str(SEED_TEXT), *map(str, EXAMPLE_PAGES)], capsys)
    assert (code, err) == (0, "")
    headlines = [line for line in out.splitlines() if line.startswith("# ")]
    assert headlines[0] == f"# {SEED_HEADLINE}"
    assert len(headlines) == 1 + len(EXAMPLE_PAGES)


@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=lambda path: path.name)
def test_each_demo_page_is_a_full_article(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(page)], capsys)
    assert code == 0
    [record] = json_records(out)
    assert record["is_article"] is True
    assert record["headline"] and record["published"] and record["authors"] and record["section"]
    body = record["body"]
    assert isinstance(body, list) and len(body) >= 5
    text = str(record["text"])
    for furniture in ("cookie", "Cookies", "Advertisement", "Share on", "teilen", "Most read", "©", "Sign up"):
        assert furniture not in text
