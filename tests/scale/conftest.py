"""One local Ray cluster for the whole test session: 2 CPUs, loopback only, gone without a trace at the end."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

from newsdesk.scale.cluster import connect, process_tree


def _ray_processes() -> list[int]:
    return [pid for pid in process_tree(os.getpid()) if pid != os.getpid()]


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[Any]:
    """The ``ray`` module, connected to a local cluster this fixture starts and stops."""
    pytest.importorskip("ray")
    # A small object store: the tests move a few MiB, and CI gives the whole module 2 GB.
    with connect(num_cpus=2, object_store_memory=128 * 1024 * 1024) as ray:
        yield ray
    # ray.shutdown() stops every process it started; give them a moment to exit, then insist.
    deadline = time.monotonic() + 20
    while _ray_processes() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _ray_processes()
    assert not left, f"Ray processes left behind: {left}"
