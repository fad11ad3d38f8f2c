"""Fixtures for the store tests: a fresh store on disk, empty or filled with the sample articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_samples import all_articles, outcome_for

from newsdesk.store import SQLiteStore, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    opened = open_store(db_path)
    assert isinstance(opened, SQLiteStore)
    with opened:
        yield opened


@pytest.fixture
def filled(store: SQLiteStore) -> SQLiteStore:
    store.write_batch([outcome_for(a) for a in all_articles()])
    return store
