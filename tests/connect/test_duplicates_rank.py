"""rank_group computed with all pairs at once gives exactly what the pair-by-pair reference gives."""

from __future__ import annotations

import random

import numpy as np

from newsdesk.connect.duplicates import PARENT_TIE, CopyMember, _on_agency_host, rank_group
from newsdesk.connect.minhash import NUM_PERM


def _reference(members: list[CopyMember], copiers: frozenset[str]
               ) -> tuple[list[int], dict[int, tuple[int, float, float]]]:
    """The rules of rank_group written plainly, one member pair and one numpy scalar at a time."""
    n = len(members)
    sigs = np.stack([m.signature for m in members])
    sizes = np.array([m.shingles for m in members], dtype=np.float64)
    jac = np.stack([(sigs == sigs[i]).mean(axis=1) for i in range(n)])
    with np.errstate(divide="ignore", invalid="ignore"):
        shared = jac * (sizes[:, None] + sizes[None, :]) / (1.0 + jac)
        inside = np.where(sizes[:, None] > 0, np.minimum(1.0, shared / sizes[:, None]), 0.0)
    np.fill_diagonal(inside, 0.0)
    holds = inside.sum(axis=0)
    wires = {m.wire for m in members if m.wire}
    order = sorted(range(n), key=lambda i: (
        0 if _on_agency_host(members[i], wires) else 1, 1 if members[i].host in copiers else 0,
        0 if members[i].published_utc else 1, members[i].published_utc or "", -round(float(holds[i]), 6),
        members[i].key))
    parents = {}
    for position, i in enumerate(order[1:], start=1):
        earlier = order[:position]
        best = max(float(inside[i, j]) for j in earlier)
        tied = [j for j in earlier if inside[i, j] >= best - PARENT_TIE]
        pool = [j for j in tied if members[j].headline and members[j].headline == members[i].headline] or tied
        parent = max(pool, key=lambda j: (round(float(jac[i, j]), 6), -earlier.index(j)))
        parents[members[i].ref] = (members[parent].ref, float(jac[i, parent]), float(inside[i, parent]))
    return [members[i].ref for i in order], parents


def _group(rng: random.Random, size: int) -> list[CopyMember]:
    """A text and copies of it: each keeps a random share of the positions, some keep all (exact ties)."""
    base = np.array([rng.getrandbits(32) for _ in range(NUM_PERM)], dtype=np.uint32)
    members = []
    for ref in range(size):
        sig = base.copy()
        keep = rng.choice([1.0, 1.0, 0.8, 0.5, 0.3])
        for position in range(NUM_PERM):
            if rng.random() > keep:
                sig[position] = rng.getrandbits(32)
        members.append(CopyMember(
            ref * 10, f"https://h{ref}.example/{ref}", rng.choice(["a.example", "b.example", "apnews.com", None]),
            rng.choice([None, "2025-10-01T08:00:00Z", "2025-10-01T09:00:00Z"]), rng.choice([None, "AP"]),
            rng.choice(["Headline", "Other", None]), sig, rng.choice([0, 12, 40, 40, 120])))
    return members


def test_rank_group_equals_the_pairwise_reference_on_random_groups() -> None:
    rng = random.Random(8)
    for trial in range(300):
        members = _group(rng, 2 + trial % 12)
        copiers = frozenset(rng.sample(["a.example", "b.example", "c.example"], k=trial % 3))
        order, parents = rank_group(members, copiers)
        # Equal floats, not close ones: the store keeps what this returns and compares it again later.
        assert ([m.ref for m in order], parents) == _reference(members, copiers)
        assert all(type(value) is float for _, sim, inside in parents.values() for value in (sim, inside))


def test_rank_group_of_nothing_is_empty() -> None:
    assert rank_group([]) == ([], {})
