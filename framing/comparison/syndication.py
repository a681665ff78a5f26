"""Find syndicated copies and rewrites of one report, so they are not counted as many voices.

Two kinds of near-duplicates, each found with MinHash signatures and LSH (datasketch):

**Reprints** (the same wire copy, trimmed or lightly edited). Signature: the set of word
5-shingles. Outlets cut wire stories from the end, so the measure is *containment* of the
shorter text in the longer, ``|A & B| / min(|A|, |B|)``, estimated from the MinHash Jaccard
and the two set sizes (``|A & B| = J (|A| + |B|) / (1 + J)``). Threshold 0.5: a copy edited at
a rate of ``e`` words in every hundred keeps about ``(1 - e)^5`` of its 5-shingles, so 0.5
still holds at ~13 edited words in 100, while independent articles on the same story share
a few percent of their 5-shingles at most (a 5-word run repeats only in quotes and names).

**Rewrites** (the same report paraphrased: a content site rewording an AP story). A paraphrase
changes every phrase, so shingles no longer match; what it cannot change are the report's
*facts*: the people quoted, the places, the figures. Signature: the set of "specifics" --
capitalised words not at the start of a sentence, numbers, hashtags and handles (headline
lines in title case and stop words excluded). Two rewrites of one report keep most of its
specifics; independent reports on the same story share only the story's few main entities.
Threshold: Jaccard >= 0.5 over sets of at least ``MIN_FACTS`` specifics. Chosen on data that is
not the seeds (scripts/calibrate_syndication.py, numbers in docs/compare.md): among 552 pairs of
articles by different outlets on the same topic within a week (AllSides wire subset: Reuters,
AP, Bloomberg, BBC, Al Jazeera -- often one event, reported independently) the largest
specifics Jaccard was 0.41 (99th percentile 0.29); 0.5 sits above that by three MinHash
standard errors (256 permutations: ~0.03), and still links 93% of synthetic rewrite pairs
that each keep three quarters of the sentences (65% at three fifths).

Only the signatures (uint32 hash values: 128 for shingles, 256 for specifics) and the set
sizes are kept, never the text, and only for the articles indexed for look-up (at most
``MAX_INDEXED`` per cluster). Clusters are the connected components of the linked pairs,
joined as the articles stream by (union-find); memory is O(n) and time near-linear even when
most of a corpus is reprints of a few stories (``benchmarks/syndication.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from framing.text import split_sentences, words

SHINGLE_SIZE = 5
NUM_PERM = 128
NUM_PERM_FACTS = 256
REPRINT_CONTAINMENT = 0.5
REWRITE_JACCARD = 0.5
MIN_FACTS = 10
#: LSH finds candidates at a lower Jaccard than the final test, so that pairs near the
#: threshold are not missed by the banding (they are verified on the estimate afterwards).
_LSH_REPRINT = 0.1
_LSH_REWRITE = 0.3
_SEED = 1
#: Members of one cluster put in the LSH index; later copies find the cluster through them.
MAX_INDEXED = 50
#: Links a cluster keeps beyond one per member (then only those that join it to more).
MAX_EXTRA_LINKS = 50
#: 32-bit hash values: half the memory of 64-bit, and ample for Jaccard estimates.
_SCHEME = "affine32"

_SPECIFIC = re.compile(r"[#@]?[^\W_][\w'’.\-,]*[^\W_]|[^\W_]")


@cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"i", "mr", "mrs", "ms", "dr"}


def _headline(sentence: str, tokens: list[str]) -> bool:
    """A title-case headline line: no final punctuation, most content words capitalised."""
    if sentence.rstrip().endswith((".", "!", "?", '"', "”", "'", "’", ":")):
        return False
    stop = _stop_words()
    content = [t for t in tokens if t[0].isalpha() and t.lower() not in stop]
    return len(content) >= 3 and sum(t[0].isupper() for t in content) / len(content) >= 0.75


def specifics(text: str) -> set[str]:
    """The report's facts as tokens: names, places, figures, hashtags (lower-cased)."""
    stop = _stop_words()
    found: set[str] = set()
    for sentence in split_sentences(text):
        tokens = [m.group() for m in _SPECIFIC.finditer(sentence)]
        if _headline(sentence, tokens):
            continue
        for i, tok in enumerate(tokens):
            norm = tok.lower().replace("’", "'").rstrip(".,")
            if norm.endswith("'s"):
                norm = norm[:-2]
            if not norm or norm in stop:
                continue
            if tok[0] in "#@" or any(c.isdigit() for c in tok) or (i > 0 and tok[0].isupper()):
                found.add(norm)
    return found


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """Word ``size``-shingles (the whole text as one shingle when it is shorter)."""
    toks = words(text)
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1)}


@cache
def _permutations(num_perm: int) -> Any:
    """The MinHash permutations, made once (datasketch makes them anew for every MinHash)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def _minhash(items: Iterable[str], num_perm: int) -> np.ndarray:
    from datasketch import MinHash

    mh = MinHash(
        num_perm=num_perm, seed=_SEED, permutations=_permutations(num_perm), scheme=_SCHEME
    )
    mh.update_batch([s.encode("utf-8") for s in items])
    return np.asarray(mh.hashvalues, dtype=np.uint32)


@dataclass(frozen=True)
class Signature:
    """What is kept of an article for near-duplicate detection (no text)."""

    id: str
    shingles: np.ndarray
    n_shingles: int
    facts: np.ndarray
    n_facts: int


def signature(article_id: str, text: str) -> Signature:
    """MinHash signatures of an article's 5-shingles and of its specifics."""
    sh, fa = shingles(text), specifics(text)
    return Signature(
        article_id, _minhash(sh, NUM_PERM), len(sh), _minhash(fa, NUM_PERM_FACTS), len(fa)
    )


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of Jaccard similarity: the share of equal hash values."""
    return float(np.mean(a == b))


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """``|A & B| / min(|A|, |B|)`` from a Jaccard similarity and the two set sizes."""
    small = min(size_a, size_b)
    if small == 0:
        return 0.0
    inter = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, inter / small)


@dataclass(frozen=True)
class Link:
    """Two articles found to be copies of one report, and the evidence."""

    a: str
    b: str
    kind: str  # "reprint" or "rewrite"
    shingle_jaccard: float
    containment: float
    fact_jaccard: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "shingle_jaccard": round(self.shingle_jaccard, 4),
            "containment": round(self.containment, 4),
            "fact_jaccard": round(self.fact_jaccard, 4),
        }


@dataclass(frozen=True)
class Cluster:
    """A set of articles that are one report and the links found.

    ``ids`` are in input order; ``members`` are the same articles' positions in the input.
    """

    id: int
    ids: tuple[str, ...]
    links: tuple[Link, ...]
    members: tuple[int, ...] = ()


class _Components:
    """Union-find over article positions, with each component's size, how many of its members
    are indexed for look-up, and how many links it keeps."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.size: list[int] = []
        self.indexed: list[int] = []
        self.n_links: list[int] = []

    def add(self) -> int:
        i = len(self.parent)
        self.parent.append(i)
        self.size.append(1)
        self.indexed.append(0)
        self.n_links.append(0)
        return i

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> int:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return ri
        root, other = min(ri, rj), max(ri, rj)
        self.parent[other] = root
        self.size[root] += self.size[other]
        self.indexed[root] += self.indexed[other]
        self.n_links[root] += self.n_links[other]
        return root


@cache
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """datasketch's LSH banding for ``threshold``: (start, end) of each band."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


class _BandIndex:
    """MinHash LSH buckets (the bands datasketch's ``MinHashLSH`` would use, so the same
    candidates), queried with one set update per band rather than one per key."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands = _bands(threshold, num_perm)
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in self.bands]

    def query(self, values: np.ndarray, into: set[int]) -> None:
        for (start, end), table in zip(self.bands, self.tables, strict=True):
            found = table.get(values[start:end].tobytes())
            if found:
                into.update(found)

    def insert(self, key: int, values: np.ndarray) -> None:
        for (start, end), table in zip(self.bands, self.tables, strict=True):
            table.setdefault(values[start:end].tobytes(), []).append(key)


class SyndicationDetector:
    """Links near-duplicates while a corpus streams by; ``clusters()`` reports them at the end.

    Each article is compared, as it arrives, with the earlier articles that share an LSH
    bucket with it; linked articles are joined at once (union-find). What keeps memory O(n)
    and time near-linear when one wire story is reprinted thousands of times:

    * only ``MAX_INDEXED`` members of a cluster are put in the LSH index (and keep their
      signatures): a new copy finds the cluster through them, so a bucket holds at most
      that many copies of one story, however many there are;
    * a cluster keeps every link until it has ``size + MAX_EXTRA_LINKS`` of them, then only
      the links that join it to another article (a spanning tree): the others are not
      even verified.

    Clusters of up to ``MAX_INDEXED`` articles (all of those in normal corpora) are found
    exactly as by comparing every candidate pair; a larger one can miss a copy that is close
    only to its unindexed members.

    Args:
        reprint_containment: 5-shingle containment at or above which two texts are one copy.
        rewrite_jaccard: specifics Jaccard at or above which two texts are one report rewritten.
        min_facts: fewer specifics than this and an article is never linked as a rewrite
            (a brief with three names is not evidence of a common source).
    """

    def __init__(
        self,
        *,
        reprint_containment: float = REPRINT_CONTAINMENT,
        rewrite_jaccard: float = REWRITE_JACCARD,
        min_facts: int = MIN_FACTS,
    ) -> None:
        self.reprint_containment = reprint_containment
        self.rewrite_jaccard = rewrite_jaccard
        self.min_facts = min_facts
        self.ids: list[str] = []
        #: Signatures of the indexed articles only (by position): the others are not kept.
        self.signatures: dict[int, Signature] = {}
        self._components = _Components()
        self._links: list[tuple[int, int, Link]] = []
        self._reprints = _BandIndex(_LSH_REPRINT, NUM_PERM)
        self._rewrites = _BandIndex(_LSH_REWRITE, NUM_PERM_FACTS)

    def add(self, article_id: str, text: str) -> Signature:
        sig = signature(article_id, text)
        self.add_signature(sig)
        return sig

    def add_signature(self, sig: Signature) -> None:
        comps = self._components
        i = comps.add()
        self.ids.append(sig.id)
        candidates: set[int] = set()
        if sig.n_shingles:
            self._reprints.query(sig.shingles, candidates)
        if sig.n_facts >= self.min_facts:
            self._rewrites.query(sig.facts, candidates)
        for j in sorted(candidates):
            rj, ri = comps.find(j), comps.find(i)
            if rj == ri and comps.n_links[ri] >= comps.size[ri] + MAX_EXTRA_LINKS:
                continue  # already one cluster, and it has links enough to show
            link = self._verify(self.signatures[j], sig)
            if link is None:
                continue
            root = comps.union(i, j)
            comps.n_links[root] += 1
            self._links.append((j, i, link))
        root = comps.find(i)
        if comps.indexed[root] < MAX_INDEXED:
            comps.indexed[root] += 1
            self.signatures[i] = sig
            if sig.n_shingles:
                self._reprints.insert(i, sig.shingles)
            if sig.n_facts >= self.min_facts:
                self._rewrites.insert(i, sig.facts)

    def _verify(self, a: Signature, b: Signature) -> Link | None:
        sj = estimated_jaccard(a.shingles, b.shingles)
        cont = containment(sj, a.n_shingles, b.n_shingles)
        fj = estimated_jaccard(a.facts, b.facts)
        if cont >= self.reprint_containment:
            kind = "reprint"
        elif min(a.n_facts, b.n_facts) >= self.min_facts and fj >= self.rewrite_jaccard:
            kind = "rewrite"
        else:
            return None
        return Link(a.id, b.id, kind, sj, cont, fj)

    def links(self) -> list[Link]:
        """Every link kept (a before b in input order)."""
        return [link for _, _, link in sorted(self._links, key=lambda t: (t[0], t[1]))]

    def clusters(self) -> list[Cluster]:
        """Connected components of the links with two or more articles, in input order."""
        comps = self._components
        members: dict[int, list[int]] = {}
        for i in range(len(self.ids)):
            root = comps.find(i)
            if comps.size[root] > 1:
                members.setdefault(root, []).append(i)
        links: dict[int, list[Link]] = {}
        for j, _i, link in sorted(self._links, key=lambda t: (t[0], t[1])):
            links.setdefault(comps.find(j), []).append(link)
        out: list[Cluster] = []
        for root in sorted(members):
            ids = tuple(self.ids[i] for i in members[root])
            out.append(Cluster(len(out) + 1, ids, tuple(links[root]), tuple(members[root])))
        return out


def find_clusters(articles: Iterable[tuple[str, str]], **kwargs: Any) -> list[Cluster]:
    """Clusters among ``(id, text)`` pairs (a convenience over ``SyndicationDetector``)."""
    detector = SyndicationDetector(**kwargs)
    for article_id, text in articles:
        detector.add(article_id, text)
    return detector.clusters()
