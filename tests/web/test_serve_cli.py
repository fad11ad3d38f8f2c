"""``newsdesk serve``: its options, its refusals, and a real server process answering on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from newsdesk.cli import serve
from newsdesk.cli.common import EXIT_USAGE


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="newsdesk")
    serve.add_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["serve", *argv])


def test_defaults_listen_on_this_machine_only() -> None:
    args = parse([])
    assert (args.host, args.port, args.token_env, args.db) == ("127.0.0.1", 8080, None, None)


def test_unset_token_variable_is_a_usage_error(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NEWSDESK_TEST_WRITE_TOKEN", raising=False)
    assert serve.run(parse(["--token-env", "NEWSDESK_TEST_WRITE_TOKEN"])) == EXIT_USAGE
    assert "NEWSDESK_TEST_WRITE_TOKEN" in capsys.readouterr().err


def test_port_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.run(parse(["--port", "70000"])) == EXIT_USAGE
    assert "--port 70000" in capsys.readouterr().err


def test_server_process_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = tmp_path / "served.db"
    code = ("import sys; from newsdesk.cli.serve import serve; "
            "serve(sys.argv[1], port=int(sys.argv[2]), token='t0ken', log_level='warning')")
    process = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["articles"] == 0
        assert "server" not in response.headers
        posted = httpx.post(f"http://127.0.0.1:{port}/api/v1/ingest", headers={"Authorization": "Bearer t0ken"},
                            json={"html": "<html><body><article><h1>Ferry sailings resume</h1>"
                                          + "<p>Ferries to the islands sailed again on Monday after the storm, "
                                            "the operator said, with extra crossings added.</p>" * 6
                                          + "</article></body></html>", "url": "https://news.example/ferries"},
                            # The first write loads the enrichment models in the server process: seconds, not ms.
                            timeout=120)
        assert posted.status_code == 201, posted.text
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    # uvicorn shuts down cleanly, then lets the signal end the process, as process managers expect.
    assert process.returncode in (0, -signal.SIGTERM), err
    assert f"http://127.0.0.1:{port}/" in err and "writing enabled" in err
    assert "clear text" not in err  # this machine only: no warning


def run_serve(argv: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``newsdesk serve`` in a process of its own, for the cases where it must exit at once."""
    return subprocess.run([sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(tmp_path / "served.db"), *argv],
                          capture_output=True, text=True, timeout=120, env=env)


def test_a_busy_port_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_serve(["--port", str(port)], tmp_path)
    assert done.returncode == EXIT_USAGE, done.stderr
    assert f"cannot listen on 127.0.0.1:{port}: the port is in use" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_proxy_settings_exit_2_naming_the_option(tmp_path: Path) -> None:
    for argv, named in ((["--base-url", "news.example"], "--base-url"),
                        (["--allowed-hosts", "news.example:80"], "--allowed-hosts"),
                        (["--cors-origin", "app.example"], "--cors-origin")):
        done = run_serve(argv, tmp_path)
        assert done.returncode == EXIT_USAGE and named in done.stderr, done.stderr


def test_proxy_options_are_parsed() -> None:
    args = parse(["--base-url", "https://news.example", "--allowed-hosts", "news.example,*.news.example",
                  "--cors-origin", "https://a.example", "--cors-origin", "https://b.example"])
    assert args.base_url == "https://news.example" and args.allowed_hosts == "news.example,*.news.example"
    assert args.cors_origin == ["https://a.example", "https://b.example"]


def test_a_token_over_plain_http_beyond_this_machine_is_warned_about(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NEWSDESK_TOKEN": "t0ken"}
    process = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(tmp_path / "served.db"),
                                "--host", "0.0.0.0", "--port", str(port), "--log-level", "warning"],
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_until_serving(process, port)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert "writing is enabled and 0.0.0.0 is reachable" in err and "token travels in clear text" in err
    assert serve.exposure_warning("127.0.0.1", True, None) is None
    assert serve.exposure_warning("0.0.0.0", True, "https://news.example") is None


def wait_until_serving(process: subprocess.Popen[str], port: int) -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2)
        except httpx.TransportError:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
