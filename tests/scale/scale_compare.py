"""What the scale tests compare between a local run and a sharded one: stats and the sorted JSON Lines export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsdesk.cli import main
from newsdesk.scale.load import near_duplicates_of_store
from newsdesk.store import open_store


def local_run(inputs: list[Path], db: Path) -> int:
    """``newsdesk ingest`` of ``inputs`` (in that order) into ``db``, then the local near-duplicate pass."""
    code = main(["ingest", *map(str, inputs), "--db", str(db), "--workers", "1", "--quiet"])
    with open_store(db) as store:
        near_duplicates_of_store(store)
    return code


def snapshot(db: Path, drop: tuple[str, ...] = ("ingested_at",)) -> tuple[dict[str, Any], list[str]]:
    """``newsdesk stats`` as a dict, and ``newsdesk export --format jsonl`` sorted, without the ``drop`` keys."""
    with open_store(db) as store:
        stats = store.stats().to_dict()
    out = db.with_suffix(".jsonl")
    assert main(["export", "--format", "jsonl", "--out", str(out), "--db", str(db)]) == 0
    lines = []
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for key in drop:
            record.pop(key, None)
        lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
    return stats, sorted(lines)
