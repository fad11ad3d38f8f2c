"""One local Ray cluster for the whole test session: 1 CPU, loopback only, gone without a trace at the end.

One CPU, so one worker process: each worker loads the statistical NER and embedding models the first time
it enriches, and a second worker would load them again for a 16-page crawl (the CI bar is 60 s and 2 GB).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.scale.cluster import connect, process_tree


def _alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting to be reaped is not)."""
    alive = []
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2:].split()[0] != "Z":
            alive.append(pid)
    return alive


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[Any]:
    """The ``ray`` module, connected to a local cluster this fixture starts and stops."""
    pytest.importorskip("ray")
    # A small object store: the tests move a few MiB, and CI gives the whole module 2 GB.
    with connect(num_cpus=1, object_store_memory=128 * 1024 * 1024) as ray:
        yield ray
        # Every process the cluster runs descends from this one (GCS, raylet, workers...).
        started = [pid for pid in process_tree(os.getpid()) if pid != os.getpid()]
    assert started, "the local cluster started no process of its own"
    deadline = time.monotonic() + 20
    while _alive(started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(started), f"Ray processes left behind: {_alive(started)}"
