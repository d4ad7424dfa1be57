"""Who knows whom as compact arrays: warm-introduction paths and reach, a million people deep.

Pure numpy, no SQL: the loader maps person ids to nodes 0..n-1 and back. A path's strength is
the product of its ties' strengths, so a long chain of weak ties counts for less than one good
friend; because every strength is at most 1, the best walk is always a simple path. Searches
expand a whole hop at once (gather the frontier's rows, keep the best candidate per node), never
one tie at a time in Python. A search keeps to arrays the size of what it reached until that is
a good part of the network (see `reached`), so asking about one person costs milliseconds.

Equal strengths break deterministically: fewer hops first, then lower node ids along the path.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from goodword.relationships.reached import Reached, Slots, Sparse, lookup

Nodes = NDArray[np.int32]
Mask = NDArray[np.bool_]
Real = TypeVar("Real", np.float32, np.float64)
# A search switches to person-indexed arrays once a hop would follow more ties than this
# fraction of the people: sorting that many candidates then costs more than a full array.
DENSE_AT = 1 / 32


@dataclass(frozen=True)
class Graph:
    """Undirected ties in CSR form: row `u` is `indices[indptr[u]:indptr[u+1]]`, sorted."""

    indptr: NDArray[np.int64]
    indices: NDArray[np.int32]
    weights: NDArray[np.float32]

    @property
    def n(self) -> int:
        return len(self.indptr) - 1

    @classmethod
    def from_edges(cls, n: int, a: ArrayLike, b: ArrayLike, w: ArrayLike) -> Graph:
        """Each tie once, either way round. A pair stated twice keeps its strongest strength;
        self-ties and strengths ≤ 0 (or NaN) are no ties; strengths above 1 count as 1.

        Raises:
            ValueError: when the arrays differ in length or a node is outside 0..n-1.
        """
        a, b = np.asarray(a, np.int64).ravel(), np.asarray(b, np.int64).ravel()
        w = np.asarray(w, np.float32).ravel()
        if not len(a) == len(b) == len(w):
            raise ValueError(f"a, b and w differ in length: {len(a)}, {len(b)}, {len(w)}")
        if len(a) and (min(a.min(), b.min()) < 0 or max(a.max(), b.max()) >= n):
            raise ValueError(f"a node is outside 0..{n - 1}")
        keep = (a != b) & (w > 0)
        lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
        pair, strength = _strongest_per_pair(lo * n + hi, np.minimum(w[keep], 1.0))
        del a, b, w, keep, lo, hi
        return cls._from_pairs(n, pair, strength)

    @classmethod
    def _from_pairs(cls, n: int, pair: NDArray[np.int64], strength: NDArray[np.float32]) -> Graph:
        """The CSR arrays of unique ties keyed lo * n + hi, ascending. A row lists its lower
        neighbours (from ties where it is the higher end) before its higher ones, so each end
        of the ties fills its part of every row in order with a single sort."""
        lo, hi = (pair // n).astype(np.int32), (pair % n).astype(np.int32)
        lower, higher = np.bincount(hi, minlength=n), np.bincount(lo, minlength=n)
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(lower + higher, out=indptr[1:])
        indices, weights = np.empty(2 * len(pair), np.int32), np.empty(2 * len(pair), np.float32)
        # Higher neighbours: the ties in their given order, lo ascending, then hi.
        at = np.arange(len(pair)) + (indptr[:-1] + lower - np.cumsum(higher) + higher)[lo]
        indices[at], weights[at] = hi, strength
        # Lower neighbours: the ties ordered by hi, then lo.
        order = np.argsort(hi.astype(np.int64) * n + lo)
        hi, lo, strength = hi[order], lo[order], strength[order]
        at = np.arange(len(pair)) + (indptr[:-1] - np.cumsum(lower) + lower)[hi]
        indices[at], weights[at] = lo, strength
        return cls(indptr=indptr, indices=indices, weights=weights)

    def degree(self) -> NDArray[np.int64]:
        return np.diff(self.indptr)

    def neighbours(self, node: int) -> tuple[Nodes, NDArray[np.float32]]:
        start, end = self.indptr[node], self.indptr[node + 1]
        return self.indices[start:end], self.weights[start:end]

    def weight(self, u: int, v: int) -> float:
        """The strength of the tie between u and v; 0.0 when they are not tied."""
        row, strengths = self.neighbours(u)
        at = int(np.searchsorted(row, v))
        return float(strengths[at]) if at < len(row) and row[at] == v else 0.0


def _strongest_per_pair(
    pair: NDArray[np.int64], strength: NDArray[Real]
) -> tuple[NDArray[np.int64], NDArray[Real]]:
    """Unique sorted pair keys and the highest strength stated for each."""
    if not len(pair) or bool(np.all(pair[1:] > pair[:-1])):
        return pair, strength  # a loader that reads the ties in order saves the sort
    order = np.argsort(pair)
    pair, strength = pair[order], strength[order]
    starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
    return pair[starts], np.maximum.reduceat(strength, starts)


@dataclass(frozen=True)
class Path:
    """nodes[0] is the source, nodes[-1] the target; strength is the product along it."""

    nodes: tuple[int, ...]
    strength: float

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1


def _expand(
    graph: Graph, nodes: Nodes, strength: NDArray[np.float64]
) -> tuple[Nodes, Slots, NDArray[np.float64]]:
    """Every tie out of `nodes` at once: (neighbour, position of the node it came from,
    strength so far × the tie's), in the order of `nodes`, each row ascending."""
    starts = graph.indptr[nodes]
    lengths = graph.indptr[nodes + 1] - starts
    came_from = np.repeat(np.arange(len(nodes), dtype=np.int32), lengths)
    # Where each tie sits in the CSR arrays: the row's start plus the place in the row.
    kind = np.int32 if len(graph.indices) < 2**31 else np.int64
    ends = np.cumsum(lengths)
    at = np.arange(ends[-1] if len(ends) else 0, dtype=kind)
    at += np.repeat((starts - ends + lengths).astype(kind), lengths)
    return graph.indices[at], came_from, np.repeat(strength, lengths) * graph.weights[at]


@dataclass(frozen=True)
class _Level:
    """The paths that became best at one hop count, in the order of their node sequences."""

    nodes: Nodes
    parent: Slots  # position in the previous level
    first: Nodes  # the first hop along the path


@dataclass(frozen=True)
class PathTree:
    """The best path from one source to everyone it reaches; built by `best_paths`."""

    source: int
    _best: Reached
    _levels: tuple[_Level, ...]

    def reached(self) -> Nodes:
        """Everyone reached, ascending; the source is not one of them."""
        everyone = self._best.everyone()
        others: Nodes = everyone[everyone != self.source]
        return others

    def strength_of(self, nodes: ArrayLike) -> NDArray[np.float64]:
        """The best path strength to each node: 0.0 where unreached, 1.0 for the source."""
        return self._best.locate(nodes).strength

    def hops_of(self, nodes: ArrayLike) -> NDArray[np.int64]:
        """The hops along each node's best path; -1 where unreached."""
        return self._best.locate(nodes).hops

    def first_hop_of(self, nodes: ArrayLike) -> Nodes:
        """The person to ask for each node (the first hop of its path); -1 where unreached."""
        located = self._best.locate(nodes)
        out = np.full(located.hops.shape, -1, np.int32)
        for hop, level in enumerate(self._levels[1:], start=1):
            mine = located.hops == hop
            out[mine] = level.first[located.slot[mine]]
        return out

    def path(self, target: int) -> Path | None:
        """The best path to `target`, or None when it is not reached."""
        located = self._best.locate([target])
        if not located.found[0]:
            return None
        slot, nodes = int(located.slot[0]), []
        for level in reversed(self._levels[: int(located.hops[0]) + 1]):
            nodes.append(int(level.nodes[slot]))
            slot = int(level.parent[slot])
        return Path(tuple(reversed(nodes)), float(located.strength[0]))


def _check(graph: Graph, node: int, hops: int, blocked: Mask | None = None) -> None:
    if not 0 <= node < graph.n:
        raise ValueError(f"node {node} is outside 0..{graph.n - 1}")
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    if blocked is not None and np.shape(blocked) != (graph.n,):
        raise ValueError(f"blocked has shape {np.shape(blocked)}, not one flag per node")


def best_paths(
    graph: Graph,
    source: int,
    *,
    max_hops: int = 3,
    blocked: Mask | None = None,
    dense_at: float = DENSE_AT,
) -> PathTree:
    """The best path of at most `max_hops` hops from `source` to everyone it reaches.
    Blocked people are neither reached nor passed through (the source always starts).
    `dense_at` only tunes speed (see DENSE_AT); the paths found do not depend on it.

    Raises:
        ValueError: when `source` is not a node, `max_hops` is negative or `blocked` does not
            have one flag per node.
    """
    _check(graph, source, max_hops, blocked)
    start = np.array([source], np.int32)
    levels = [_Level(start, np.array([-1], np.int32), np.array([-1], np.int32))]
    best: Reached = Sparse.start(source)
    strength = np.ones(1)
    for hop in range(1, max_hops + 1):
        frontier = levels[-1].nodes
        if not len(frontier):
            break
        ties = int((graph.indptr[frontier + 1] - graph.indptr[frontier]).sum())
        if isinstance(best, Sparse) and ties > graph.n * dense_at:
            best = best.densify(graph.n)
        level, strength = _next_level(graph, levels[-1], strength, best, blocked, hop)
        levels.append(level)
    return PathTree(source, best, tuple(levels))


def _next_level(
    graph: Graph,
    previous: _Level,
    strength: NDArray[np.float64],
    best: Reached,
    blocked: Mask | None,
    hop: int,
) -> tuple[_Level, NDArray[np.float64]]:
    """The paths one hop longer that beat every shorter one, one per node, ordered by their
    node sequences (the parent's place, then the node), by which the next level breaks ties."""
    nodes, came_from, reached = _expand(graph, previous.nodes, strength)
    won = best.advance(nodes, came_from, reached, blocked, hop)  # in node-sequence order
    nodes, came_from, reached = nodes[won], came_from[won], reached[won]
    firsts = nodes if previous.parent[0] < 0 else previous.first[came_from]  # after the source
    return _Level(nodes, came_from, firsts), reached


def alternatives(
    graph: Graph,
    source: int,
    target: int,
    *,
    max_hops: int = 3,
    top: int = 3,
    blocked: Mask | None = None,
) -> list[Path]:
    """The best path to `target` through each of the source's ties, best first, at most `top`:
    several people who could each make the introduction.

    Raises:
        ValueError: when `source` or `target` is not a node, `max_hops` is negative or
            `blocked` does not have one flag per node.
    """
    _check(graph, source, max_hops, blocked)
    _check(graph, target, max_hops)
    avoid = np.zeros(graph.n, np.bool_) if blocked is None else blocked.copy()
    if source == target or max_hops < 1 or avoid[target]:
        return []
    avoid[source] = True
    # Searching back from the target finds the best way on from every possible first hop.
    back = best_paths(graph, target, max_hops=max_hops - 1, blocked=avoid)
    firsts, ties = graph.neighbours(source)
    rough = ties * back.strength_of(firsts) * ~avoid[firsts]
    keep = rough > 0
    if keep.sum() > top:  # a margin, as the exact products may differ in the last bit
        keep &= rough >= np.sort(rough[keep])[-top] * (1 - 1e-9)
    paths = []
    for first in firsts[keep]:
        way_back = back.path(int(first))
        assert way_back is not None
        paths.append(_along(graph, (source, *reversed(way_back.nodes))))
    paths.sort(key=lambda path: (-path.strength, path.hops, path.nodes))
    return paths[:top]


def _along(graph: Graph, nodes: tuple[int, ...]) -> Path:
    """The path with its strength multiplied out from the source, as `best_paths` does."""
    strength = 1.0
    for u, v in itertools.pairwise(nodes):
        strength *= graph.weight(u, v)
    return Path(nodes, strength)


def reach(
    graph: Graph,
    sources: ArrayLike,
    value: ArrayLike,
    *,
    hops: int = 2,
    blocked: Mask | None = None,
) -> NDArray[np.float64]:
    """For each source, Σ value[t] × (best path strength to t) over the others t it reaches
    within `hops` with value[t] > 0: how much of what matters a person can get to.
    All sources are searched together, as one set of (source, person) pairs.

    Raises:
        ValueError: when a source is not a node, `hops` is negative, or `value` or `blocked`
            does not have one entry per node.
    """
    n, sources, value = graph.n, np.asarray(sources, np.int32), np.asarray(value, np.float64)
    for source in (sources.min(), sources.max()) if len(sources) else ():
        _check(graph, int(source), hops, blocked)
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    if value.shape != (n,):
        raise ValueError(f"value has shape {value.shape}, not one value per node")
    keys = np.arange(len(sources), dtype=np.int64) * n + sources
    best = np.ones(len(sources))
    owner, nodes, strength = np.arange(len(sources)), sources, best.copy()
    for hop in range(1, hops + 1):
        found, came_from, reached = _expand(graph, nodes, strength)
        keep = value[found] > 0 if hop == hops else np.ones(len(found), np.bool_)
        if blocked is not None:
            keep &= ~blocked[found]
        pair = owner[came_from[keep]] * n + found[keep]
        at = lookup(keys, pair)
        reached = reached[keep]
        better = reached > np.where(at >= 0, best[np.maximum(at, 0)], 0.0)
        pair, reached = _strongest_per_pair(pair[better], reached[better])
        keys, best = _merge_pairs(keys, best, pair, reached)
        owner, nodes, strength = pair // n, (pair % n).astype(np.int32), reached
    owner, nodes = keys // n, keys % n
    counted = (nodes != sources[owner]) & (value[nodes] > 0)
    weighted = value[nodes[counted]] * best[counted]
    return np.bincount(owner[counted], weights=weighted, minlength=len(sources)).astype(
        np.float64, copy=False
    )


def _merge_pairs(
    keys: NDArray[np.int64],
    best: NDArray[np.float64],
    pair: NDArray[np.int64],
    strength: NDArray[np.float64],
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The sorted pair table with better strengths written in and new pairs inserted."""
    at = lookup(keys, pair)
    old = at >= 0
    best[at[old]] = strength[old]
    where = np.searchsorted(keys, pair[~old])
    return np.insert(keys, where, pair[~old]), np.insert(best, where, strength[~old])


def distinct_labels(graph: Graph, nodes: ArrayLike, labels: ArrayLike) -> NDArray[np.int64]:
    """How many distinct groups each node's ties fall in (labels < 0 belong to none): a
    person whose ties span many groups bridges between them."""
    nodes, labels = np.asarray(nodes, np.int32), np.asarray(labels, np.int64)
    found, came_from, _ = _expand(graph, nodes, np.ones(len(nodes)))
    label = labels[found]
    keep = label >= 0
    span = int(labels.max(initial=0)) + 1
    pair = np.unique(came_from[keep].astype(np.int64) * span + label[keep])
    return np.bincount(pair // span, minlength=len(nodes))
