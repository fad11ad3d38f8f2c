"""Fixtures for the web tests: a store filled through the real pipeline, and clients over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_samples import TOKEN, fill_store

from newsdesk.web import create_app


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store filled once for every read-only test."""
    path = tmp_path_factory.mktemp("web") / "news.db"
    fill_store(path)
    return path


@pytest.fixture(scope="session")
def client(seeded_db: Path) -> Iterator[TestClient]:
    """A client over the seeded store, with writing enabled (tests that read must not write)."""
    with TestClient(create_app(str(seeded_db), token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    """A seeded store of this test's own, for tests that write."""
    path = tmp_path / "news.db"
    fill_store(path)
    return path


@pytest.fixture
def writer_client(fresh_db: Path) -> Iterator[TestClient]:
    """A client over a store of this test's own, with the write token configured."""
    with TestClient(create_app(str(fresh_db), token=TOKEN, allow_private_urls=True)) as test_client:
        yield test_client
