"""Exact and near-duplicate copies of articles, and the syndication chain: who copied from whom.

A wire story is republished trimmed, re-headlined, with a paragraph added, on other hosts. Bodies are
compared by MinHash signatures of their 5-word shingles (:mod:`newsdesk.connect.minhash`), paragraph by
paragraph so that each host's boilerplate (:mod:`newsdesk.connect.boilerplate`) can be left out after
the fact: a signature of a set of paragraphs is the element-wise minimum of theirs, so the stage
computes per-paragraph signatures once and whoever knows the boilerplate (the batch, or the store)
combines the rest. Candidates come from LSH bands of :data:`LSH_ROWS` rows (42 bands of 3: a pair at
Jaccard 0.45 shares a band 98% of the time, at 0.3 68%, at 0.02 0.03%), since a trimmed copy has a low
Jaccard similarity to its original (a copy of 40% of a text is at 0.4 at best); a pair is a copy when the
smaller body lies mostly inside the larger (**containment** ``|A∩B| / |A|`` of the smaller A, at least
:data:`MIN_CONTAINMENT`), which a trimmed copy has and two reports of one event in their own words do not.

Each group names its **original** and each copy its **parent**, by rules meant to hold for any outlet:

1. the wire prior: a member published on the host of the agency that the group's articles credit
   (``wire_source``) is where the story comes from;
2. hosts that republish others' stories (:func:`is_copier`: they follow others' originals in several
   groups and almost never lead one) rank after the rest: an aggregator's time stamp is the least
   trustworthy of a group's;
3. otherwise the earliest publication (members without a date after dated ones: an unknown time is
   no evidence of being first);
4. equal times: the member that contains most of the others (copies trim, so the complete text is the
   source), then the article key, so that the result never depends on input order;
5. a copy's parent is the member ranked before it that contains most of it; near ties (within
   :data:`PARENT_TIE`) go to the one that kept its headline, then to the most similar (a copy of a trimmed
   copy is closer to the trimmed copy than to the full original).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from newsdesk.connect.boilerplate import paragraph_hash, recurring_paragraphs
from newsdesk.connect.minhash import EMPTY, NUM_PERM, SHINGLE_WORDS, signatures
from newsdesk.model import Article
from newsdesk.store.base import article_key, body_fingerprint, parse_instant
from newsdesk.store.search import host_of

__all__ = ["AGENCY_HOSTS", "COPIER_FIRST_SHARE", "COPIER_GROUPS", "LSH_BANDS", "LSH_ROWS", "MIN_CONTAINMENT",
           "MIN_SHINGLES", "PARENT_TIE", "CopyFeatures", "CopyMember", "DuplicateGroup", "copier_hosts",
           "copy_features", "host_roles", "is_copier", "linked_components", "lsh_keys", "near_duplicates", "pair_stats",
           "rank_group"]

#: Rows per band of the LSH index and bands (the first LSH_BANDS * LSH_ROWS positions of a signature are used).
LSH_ROWS = 3
LSH_BANDS = NUM_PERM // LSH_ROWS
#: Least share of the smaller body's shingles found in the larger for the two to be copies.
MIN_CONTAINMENT = 0.5
#: Bodies with fewer shingles (left after boilerplate) are not compared: a one-line brief is "contained" in
#: too many texts by chance of phrasing, and its signature is too coarse to tell.
MIN_SHINGLES = 12
#: Groups a host must follow another's original in, never leading one, to be taken for a republisher.
COPIER_GROUPS = 3
#: Largest share of its groups a republisher may come first in (by time, before this prior is applied). One in
#: five: a republisher seen in a dozen groups that one wrong clock (a zone misread, the feed's time kept) put first
#: is still one (0.1 lost it; chosen on the tune crawl cut in four held-out-sized parts: original 0.960 -> 0.984).
COPIER_FIRST_SHARE = 0.2
#: Containments this close count as equal when choosing a parent.
PARENT_TIE = 0.06
#: The hosts of the agencies most widely syndicated, by the code :mod:`newsdesk.extract.wire` gives them.
AGENCY_HOSTS: dict[str, tuple[str, ...]] = {
    "Reuters": ("reuters.com",), "AP": ("apnews.com", "ap.org"), "AFP": ("afp.com",), "AA": ("aa.com.tr",),
    "dpa": ("dpa.com", "dpa-international.com"), "EFE": ("efe.com",), "ANSA": ("ansa.it",),
    "Xinhua": ("xinhuanet.com", "news.cn"), "Kyodo": ("kyodonews.net",), "Yonhap": ("yna.co.kr",),
    "PA": ("pa.media",), "UPI": ("upi.com",), "IANS": ("ianslive.in",), "PTI": ("ptinews.com",),
    "TASS": ("tass.com", "tass.ru"), "RIA": ("ria.ru",), "ANI": ("aninews.in",), "Bernama": ("bernama.com",),
    "Jiji": ("jiji.com",), "AAP": ("aap.com.au",), "CP": ("thecanadianpress.com",), "Interfax": ("interfax.com",
    "interfax.ru"), "Ukrinform": ("ukrinform.net", "ukrinform.ua"), "Antara": ("antaranews.com",),
    "Europa Press": ("europapress.es",), "Bloomberg": ("bloomberg.com",),
}

_WORD = re.compile(r"\w+")
_FNV_PRIME = np.uint64(0x100000001B3)
with np.errstate(over="ignore"):
    _BAND_SALT = np.arange(1, LSH_BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True, eq=False)
class CopyFeatures:
    """What duplicate detection needs of one article, computed once by the stage (picklable).

    ``paragraph_signatures`` holds one MinHash signature per body paragraph (``uint32``, shape
    (paragraphs, NUM_PERM)) and ``paragraph_shingles`` their shingle counts, so that any subset of
    paragraphs can be compared without the text (see :meth:`combined`).

    >>> [features] = copy_features([Article(url="https://a.example/1", body=[])])
    >>> features.host, features.combined()[1]
    ('a.example', 0)
    """

    key: str
    host: str | None
    published_utc: str | None
    wire: str | None
    headline: str | None
    fingerprint: str | None
    paragraph_hashes: tuple[int, ...]
    paragraph_signatures: np.ndarray
    paragraph_shingles: np.ndarray

    def combined(self, boilerplate: frozenset[int] = frozenset()) -> tuple[np.ndarray, int]:
        """The signature and shingle count of the body less the paragraphs whose hash is in ``boilerplate``."""
        if boilerplate.isdisjoint(self.paragraph_hashes):  # The usual case: nothing to leave out, no copy to make.
            if not self.paragraph_hashes:
                return np.full(NUM_PERM, EMPTY, dtype=np.uint32), 0
            return self.paragraph_signatures.min(axis=0), int(self.paragraph_shingles.sum())
        keep = [i for i, value in enumerate(self.paragraph_hashes) if value not in boilerplate]
        if not keep:
            return np.full(NUM_PERM, EMPTY, dtype=np.uint32), 0
        return self.paragraph_signatures[keep].min(axis=0), int(self.paragraph_shingles[keep].sum())


@dataclass(slots=True)
class CopyMember:
    """One article of a candidate group, as :func:`rank_group` needs it; ``ref`` is an index or an article id.

    >>> CopyMember(3, "k", None, None, None, None, np.zeros(NUM_PERM, dtype=np.uint32), 40).ref
    3
    """

    ref: int
    key: str
    host: str | None
    published_utc: str | None
    wire: str | None
    headline: str | None
    signature: np.ndarray
    shingles: int
    fingerprint: str | None = None


@dataclass(slots=True)
class DuplicateGroup:
    """A group of copies of one text: its members, its original, and each copy's parent.

    Members are indices into the list given to :func:`near_duplicates`. ``similarity[m]`` is the
    estimated Jaccard similarity of copy ``m`` to its parent, ``containment[m]`` the share of ``m``
    found in its parent, ``kinds[m]`` ``exact`` (the same normalised body as its parent) or ``near``.

    >>> g = DuplicateGroup(members=(0, 2), original=0, parents={2: 0})
    >>> g.chain(2)
    [0, 2]
    """

    members: tuple[int, ...]
    original: int
    parents: dict[int, int]
    similarity: dict[int, float] = field(default_factory=dict)
    containment: dict[int, float] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)

    def chain(self, member: int) -> list[int]:
        """The syndication chain from the original down to ``member``."""
        path = [member]
        while path[-1] in self.parents and len(path) <= len(self.members):
            path.append(self.parents[path[-1]])
        return path[::-1]


def _paragraph_texts(article: Article) -> list[str]:
    texts: list[str] = []
    for block in article.body or []:
        text = getattr(block, "text", None)
        if isinstance(text, str) and text.strip():
            texts.append(text)
    return texts


def copy_features(articles: list[Article]) -> list[CopyFeatures]:
    """The stage: :class:`CopyFeatures` of each article, in order (one vectorised MinHash pass for the batch).

    A body that cannot be read (no blocks, blocks without text) gives features with no paragraphs,
    which match nothing; the batch goes on.

    >>> from newsdesk.model import Block
    >>> f = copy_features([Article(url="https://www.a.example/x", published="2025-10-01T10:00:00+02:00",
    ...                            body=[Block("paragraph", "The coalition will leave Iraq by September.")])])[0]
    >>> f.host, f.published_utc, f.paragraph_signatures.shape, int(f.paragraph_shingles[0])
    ('a.example', '2025-10-01T08:00:00Z', (1, 128), 3)
    """
    paragraphs = [_paragraph_texts(article) for article in articles]
    flat = [text for texts in paragraphs for text in texts]
    sigs = signatures(flat)
    counts = np.array([_shingle_count(text) for text in flat], dtype=np.int64)
    out: list[CopyFeatures] = []
    start = 0
    for article, texts in zip(articles, paragraphs, strict=True):
        end = start + len(texts)
        wire = article.wire_source.code if article.wire_source is not None else None
        out.append(CopyFeatures(
            key=article_key(article), host=host_of(article.canonical_url or article.url),
            published_utc=parse_instant(article.published) if isinstance(article.published, str) else None,
            wire=wire, headline=article.headline, fingerprint=body_fingerprint("\n\n".join(texts)),
            paragraph_hashes=tuple(paragraph_hash(text) or 0 for text in texts),
            paragraph_signatures=sigs[start:end], paragraph_shingles=counts[start:end]))
        start = end
    return out


def _shingle_count(text: str) -> int:
    # Shingles of a paragraph, counted rather than hashed a second time (repeated shingles inside a paragraph
    # are rare enough not to matter for containment).
    words = len(_WORD.findall(text))
    return max(1, words - SHINGLE_WORDS + 1) if words else 0


def lsh_keys(signature: np.ndarray) -> list[int]:
    """The signature's LSH keys, one per band, each mixed with its band number into one signed 64-bit integer.

    Mixing the band in lets a store index one column: a key means the same rows in the same band.

    >>> keys = lsh_keys(signatures(["storm hits the coast tonight, officials say"])[0])
    >>> len(keys) == len(set(keys)) == LSH_BANDS, all(-2**63 <= k < 2**63 for k in keys)
    (True, True)
    """
    rows = signature[: LSH_BANDS * LSH_ROWS].astype(np.uint64).reshape(LSH_BANDS, LSH_ROWS)
    keys = _BAND_SALT.copy()
    for j in range(LSH_ROWS):
        # FNV-style, as minhash.band_keys, started from a different value per band (array arithmetic wraps).
        keys = keys * _FNV_PRIME + rows[:, j]
    return keys.view(np.int64).tolist()


def pair_stats(sig_a: np.ndarray, size_a: int, sig_b: np.ndarray, size_b: int) -> tuple[float, float, float]:
    """Estimated (Jaccard, containment of A in B, containment of B in A) of two bodies from their signatures.

    >>> a, b = signatures(["one two three four five six seven eight nine ten eleven twelve",
    ...                    "one two three four five six seven eight"])
    >>> j, a_in_b, b_in_a = pair_stats(a, 8, b, 4)
    >>> b_in_a > a_in_b
    True
    """
    if size_a <= 0 or size_b <= 0:
        return 0.0, 0.0, 0.0
    jac = float(np.count_nonzero(sig_a == sig_b)) / sig_a.size
    shared = jac * (size_a + size_b) / (1.0 + jac)
    return jac, min(1.0, shared / size_a), min(1.0, shared / size_b)


def is_copy(size_a: int, size_b: int, a_in_b: float, b_in_a: float) -> bool:
    """Whether two bodies are copies: the smaller lies mostly inside the larger, and both are long enough.

    >>> is_copy(100, 60, 0.55, 0.95), is_copy(100, 100, 0.2, 0.2), is_copy(8, 8, 1.0, 1.0)
    (True, False, False)
    """
    if min(size_a, size_b) < MIN_SHINGLES:
        return False
    smaller_inside = a_in_b if size_a <= size_b else b_in_a
    return smaller_inside >= MIN_CONTAINMENT


def _on_agency_host(member: CopyMember, wires: set[str]) -> bool:
    if not member.host:
        return False
    for code in wires:
        for host in AGENCY_HOSTS.get(code, ()):
            if member.host == host or member.host.endswith("." + host):
                return True
    return False


def rank_group(members: list[CopyMember], copiers: frozenset[str] = frozenset()
               ) -> tuple[list[CopyMember], dict[int, tuple[int, float, float]]]:
    """Members from original to latest, and each copy's ``ref -> (parent ref, similarity, containment)``.

    See the module docstring for the rules; ``copiers`` are hosts known to republish (:func:`copier_hosts`).

    >>> text = " ".join(f"w{i}" for i in range(60))
    >>> full, trimmed = signatures([text, " ".join(text.split()[:40])])
    >>> a = CopyMember(1, "a", "x.example", "2025-10-01T09:00:00Z", None, "H", full, 56)
    >>> b = CopyMember(2, "b", "y.example", "2025-10-01T08:00:00Z", None, "H", trimmed, 36)
    >>> c = CopyMember(3, "c", "z.example", None, None, "H", trimmed, 36)
    >>> order, parents = rank_group([a, c, b])
    >>> [m.ref for m in order], {ref: parent for ref, (parent, _, _) in parents.items()}
    ([2, 1, 3], {1: 2, 3: 2})
    """
    n = len(members)
    if not n:
        return [], {}
    sigs = np.array([m.signature for m in members])  # (n, NUM_PERM); np.array is the quickest to build it
    sizes = [float(m.shingles) for m in members]
    # jac[i][j] from equal positions (all pairs in one comparison); inside[i][j] = share of i found in j. The
    # group is small and this runs for every stored copy found, so the rest is plain floats: the same IEEE
    # operations in the same order as the array expressions they replace, hence the same values.
    jac_rows = ((sigs[:, None, :] == sigs[None, :, :]).sum(axis=2) / sigs.shape[1]).tolist()
    inside_rows = [[0.0 if i == j or sizes[i] <= 0 else min(1.0, jac * (sizes[i] + sizes[j]) / (1.0 + jac) / sizes[i])
                    for j, jac in enumerate(jac_row)] for i, jac_row in enumerate(jac_rows)]
    holds = list(inside_rows[0])  # how much of the others each member contains: summed down, row by row
    for row in inside_rows[1:]:
        for j, value in enumerate(row):
            holds[j] += value
    wires = {m.wire for m in members if m.wire}

    def rank_key(i: int) -> tuple[int, int, int, str, float, str]:
        member = members[i]
        return (0 if _on_agency_host(member, wires) else 1, 1 if member.host in copiers else 0,
                0 if member.published_utc else 1, member.published_utc or "", -round(holds[i], 6), member.key)

    order = sorted(range(n), key=rank_key)
    parents: dict[int, tuple[int, float, float]] = {}
    for position, i in enumerate(order[1:], start=1):
        earlier = order[:position]
        row, jac_row = inside_rows[i], jac_rows[i]
        best = max(row[j] for j in earlier)
        tied = [j for j in earlier if row[j] >= best - PARENT_TIE]
        same_headline = [j for j in tied if members[j].headline and members[j].headline == members[i].headline]
        pool = same_headline or tied
        parent = max(pool, key=lambda j: (round(jac_row[j], 6), -earlier.index(j)))
        parents[members[i].ref] = (members[parent].ref, jac_row[parent], row[parent])
    return [members[i] for i in order], parents


def host_roles(hosts: list[str | None]) -> dict[tuple[str, str], int]:
    """What one group says of its hosts, original's first: ``(host, "led")``, and ``(host, "followed")`` for the rest.

    A host counts once per group, at its first place.

    >>> sorted(host_roles(["w.example", "agg.example", "w.example", None]).items())
    [(('agg.example', 'followed'), 1), (('w.example', 'led'), 1)]
    """
    roles: dict[tuple[str, str], int] = {}
    for position, host in enumerate(dict.fromkeys(hosts)):
        if host:
            role = (host, "followed" if position else "led")
            roles[role] = roles.get(role, 0) + 1
    return roles


def is_copier(led: int, followed: int) -> bool:
    """Whether a host republishes others' stories: after another's original in :data:`COPIER_GROUPS` or more
    groups, and first in at most :data:`COPIER_FIRST_SHARE` of its groups (time stamps err now and then).

    An aggregator's clock is the least trustworthy part of a copy (it may carry the agency's time, or
    the time it read the feed in another zone), so such hosts rank after the others whatever their
    times say.

    >>> is_copier(0, 3), is_copier(1, 3), is_copier(1, 12), is_copier(0, 2)
    (True, False, True, False)
    """
    return followed >= COPIER_GROUPS and led <= COPIER_FIRST_SHARE * (led + followed)


def copier_hosts(groups: list[list[str | None]]) -> frozenset[str]:
    """The hosts :func:`is_copier` says republish, from each group's hosts listed original first.

    >>> sorted(copier_hosts([["w.example", "agg.example"]] * 3 + [["x.example", "agg.example", "w.example"]]))
    ['agg.example']
    """
    counts: dict[tuple[str, str], int] = {}
    for hosts in groups:
        for role, n in host_roles(hosts).items():
            counts[role] = counts.get(role, 0) + n
    named = {host for host, _ in counts}
    return frozenset(host for host in named if is_copier(counts.get((host, "led"), 0),
                                                         counts.get((host, "followed"), 0)))


def linked_components(members: list[CopyMember], *, verify: Callable[[int, int], bool] | None = None
                      ) -> list[list[int]]:
    """Positions in ``members`` grouped into copy groups: the same normalised body, or a pair sharing an LSH
    key that :func:`is_copy` (or ``verify(i, j)``) accepts; groups by first position, singletons included.

    >>> text = " ".join(f"w{i}" for i in range(60))
    >>> full, half, other = signatures([text, " ".join(text.split()[:30]), "z " * 40])
    >>> linked_components([CopyMember(0, "a", None, None, None, None, full, 56),
    ...                    CopyMember(1, "b", None, None, None, None, other, 36),
    ...                    CopyMember(2, "c", None, None, None, None, half, 26)])
    [[0, 2], [1]]
    """
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_fingerprint: dict[str, int] = {}
    for i, member in enumerate(members):
        if member.fingerprint is not None:
            union(by_fingerprint.setdefault(member.fingerprint, i), i)
    buckets: dict[int, list[int]] = {}
    for i, member in enumerate(members):
        if member.shingles >= MIN_SHINGLES:
            for key in lsh_keys(member.signature):
                buckets.setdefault(key, []).append(i)
    checked: set[tuple[int, int]] = set()
    for refs in buckets.values():
        for position, i in enumerate(refs):
            for j in refs[position + 1:]:
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                if verify is not None:
                    if verify(i, j):
                        union(i, j)
                    continue
                a, b = members[i], members[j]
                _, a_in_b, b_in_a = pair_stats(a.signature, a.shingles, b.signature, b.shingles)
                if is_copy(a.shingles, b.shingles, a_in_b, b_in_a):
                    union(i, j)
    components: dict[int, list[int]] = {}
    for i in range(len(members)):
        components.setdefault(find(i), []).append(i)
    return sorted(components.values())


def near_duplicates(articles: list[Article]) -> list[DuplicateGroup]:
    """Groups of copies among ``articles``: exact ones by normalised body, near ones by MinHash and containment.

    Each host's boilerplate paragraphs, learnt from this batch, are left out first. Groups come in
    the order of their first member; the result does not depend on the input order beyond the indices.

    >>> from newsdesk.model import Block
    >>> story = [Block("paragraph", " ".join(f"word{i}" for i in range(j * 30, j * 30 + 30))) for j in range(6)]
    >>> wire = Article(url="https://a.example/1", published="2025-10-01T08:00:00Z", body=story)
    >>> trimmed = Article(url="https://b.example/2", published="2025-10-01T09:00:00Z", body=story[:3])
    >>> other = Article(url="https://c.example/3", body=[Block("paragraph", "Rain flooded the old town.")])
    >>> [group] = near_duplicates([other, trimmed, wire])
    >>> group.members, group.original, group.parents
    ((1, 2), 2, {1: 2})
    """
    features = copy_features(articles)
    return groups_of(features)


def groups_of(features: list[CopyFeatures], *, verify: Callable[[int, int], bool] | None = None,
              boilerplate: bool = True) -> list[DuplicateGroup]:
    """:func:`near_duplicates` over features already computed (the benchmark times the two apart).

    ``verify(i, j)`` replaces the containment test of a candidate pair from the LSH bands, and
    ``boilerplate=False`` keeps every paragraph: the benchmark measures the alternatives with them.

    >>> groups_of([])
    []
    """
    learnt = recurring_paragraphs((f.host, f.paragraph_hashes) for f in features) if boilerplate else {}
    combined = [f.combined(learnt.get(f.host or "", frozenset())) for f in features]
    members = [CopyMember(i, f.key, f.host, f.published_utc, f.wire, f.headline, sig, size, f.fingerprint)
               for i, (f, (sig, size)) in enumerate(zip(features, combined, strict=True))]
    components = linked_components(members, verify=verify)
    shared = [[members[i] for i in refs] for refs in components if len(refs) > 1]
    # Two passes: who comes first by time alone tells which hosts republish; then those rank last.
    copiers = copier_hosts([[m.host for m in rank_group(group)[0]] for group in shared])
    groups = []
    for group in shared:
        refs = [m.ref for m in group]
        order, parents = rank_group(group, copiers)
        groups.append(DuplicateGroup(
            members=tuple(refs), original=order[0].ref,
            parents={ref: p for ref, (p, _, _) in parents.items()},
            similarity={ref: round(s, 4) for ref, (_, s, _) in parents.items()},
            containment={ref: round(c, 4) for ref, (_, _, c) in parents.items()},
            kinds={ref: "exact" if members[ref].fingerprint is not None
                   and members[ref].fingerprint == members[p].fingerprint else "near"
                   for ref, (p, _, _) in parents.items()}))
    return groups
