"""Fixtures for the ingest tests: a local HTTP server (no test touches the internet)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ingest_server import NewsServer


@pytest.fixture
def server() -> Iterator[NewsServer]:
    with NewsServer() as running:
        yield running
