"""Warm-introduction paths and reach on the array graph, checked against brute force."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.relationships.graph import (
    Graph,
    Path,
    alternatives,
    best_paths,
    distinct_labels,
    reach,
)

Edge = tuple[int, int, float]
# Equal strengths (and 1.0, which makes longer walks as strong as shorter ones) are where a
# search most easily goes wrong, so they are drawn often.
STRENGTHS = st.one_of(st.sampled_from([0.25, 0.5, 1.0]), st.floats(0.0625, 1.0, width=32))
DYADIC = st.sampled_from([0.25, 0.5, 1.0])  # products are exact, so ties are truly ties
# Searches keep what they reached in sorted arrays or, past a threshold, in full-length ones;
# both must find the same paths.
DENSE_AT = st.sampled_from([0.0, math.inf])


@st.composite
def graphs(draw: st.DrawFn, strengths: st.SearchStrategy[float] = STRENGTHS) -> Graph:
    n = draw(st.integers(1, 9))
    edges = draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), strengths), max_size=24)
    )
    a, b, w = (list(column) for column in zip(*edges, strict=True)) if edges else ([], [], [])
    return Graph.from_edges(n, np.array(a, np.int64), np.array(b, np.int64), np.array(w))


@st.composite
def masks(draw: st.DrawFn, n: int) -> np.ndarray:
    return np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), np.bool_)


def simple_paths(
    graph: Graph, source: int, max_hops: int, blocked: np.ndarray | None = None
) -> Iterator[Path]:
    """Every simple path from source of 1..max_hops hops avoiding blocked nodes, with its
    strength multiplied out from the source."""
    stack: list[tuple[tuple[int, ...], float]] = [((source,), 1.0)]
    while stack:
        nodes, strength = stack.pop()
        if len(nodes) > 1:
            yield Path(nodes, strength)
        if len(nodes) > max_hops:
            continue
        row, weights = graph.neighbours(nodes[-1])
        for v, w in zip(row.tolist(), weights.tolist(), strict=True):
            if v not in nodes and (blocked is None or not blocked[v]):
                stack.append(((*nodes, v), strength * w))


def brute_best(
    graph: Graph, source: int, max_hops: int, blocked: np.ndarray | None = None
) -> dict[int, Path]:
    """The best path to each node: strongest, then fewest hops, then lowest ids along it."""
    best: dict[int, Path] = {}
    for path in simple_paths(graph, source, max_hops, blocked):
        known = best.get(path.nodes[-1])
        rank = (-path.strength, path.hops, path.nodes)
        if known is None or rank < (-known.strength, known.hops, known.nodes):
            best[path.nodes[-1]] = path
    return best


def product_along(graph: Graph, nodes: tuple[int, ...]) -> float:
    strength = 1.0
    for u, v in itertools.pairwise(nodes):
        assert graph.weight(u, v) > 0, f"{u} and {v} are not tied"
        strength *= graph.weight(u, v)
    return strength


def line(n: int, edges: list[Edge]) -> Graph:
    a, b, w = zip(*edges, strict=True)
    return Graph.from_edges(n, np.array(a), np.array(b), np.array(w))


@given(graph=graphs(), max_hops=st.integers(1, 4), data=st.data())
def test_best_path_strengths_equal_the_best_simple_path(
    graph: Graph, max_hops: int, data: st.DataObject
) -> None:
    source = data.draw(st.integers(0, graph.n - 1))
    tree = best_paths(graph, source, max_hops=max_hops, dense_at=data.draw(DENSE_AT))
    expected = brute_best(graph, source, max_hops)
    assert tree.reached().tolist() == sorted(expected)
    everyone = np.arange(graph.n)
    strengths = [expected[t].strength if t in expected else 0.0 for t in everyone.tolist()]
    strengths[source] = 1.0
    assert tree.strength_of(everyone).tolist() == strengths


@given(graph=graphs(), max_hops=st.integers(1, 4), data=st.data())
def test_each_path_is_simple_and_as_strong_as_reported(
    graph: Graph, max_hops: int, data: st.DataObject
) -> None:
    source = data.draw(st.integers(0, graph.n - 1))
    tree = best_paths(graph, source, max_hops=max_hops, dense_at=data.draw(DENSE_AT))
    for target in tree.reached().tolist():
        path = tree.path(target)
        assert path is not None
        assert (path.nodes[0], path.nodes[-1]) == (source, target)
        assert len(set(path.nodes)) == len(path.nodes) <= max_hops + 1
        assert product_along(graph, path.nodes) == path.strength
        assert tree.strength_of([target])[0] == path.strength
        assert tree.hops_of([target])[0] == path.hops
        assert tree.first_hop_of([target])[0] == path.nodes[1]


@given(graph=graphs(DYADIC), max_hops=st.integers(1, 4), data=st.data())
def test_equal_paths_prefer_fewer_hops_then_lower_ids(
    graph: Graph, max_hops: int, data: st.DataObject
) -> None:
    source = data.draw(st.integers(0, graph.n - 1))
    tree = best_paths(graph, source, max_hops=max_hops, dense_at=data.draw(DENSE_AT))
    for target, path in brute_best(graph, source, max_hops).items():
        assert tree.path(target) == path


@given(graph=graphs(), max_hops=st.integers(1, 4), data=st.data())
def test_blocked_people_are_never_reached_nor_passed_through(
    graph: Graph, max_hops: int, data: st.DataObject
) -> None:
    source = data.draw(st.integers(0, graph.n - 1))
    blocked = data.draw(masks(graph.n))
    tree = best_paths(
        graph, source, max_hops=max_hops, blocked=blocked, dense_at=data.draw(DENSE_AT)
    )
    expected = brute_best(graph, source, max_hops, blocked)
    assert tree.reached().tolist() == sorted(expected)
    assert tree.strength_of(sorted(expected)).tolist() == [
        expected[t].strength for t in sorted(expected)
    ]
    for target in tree.reached().tolist():
        path = tree.path(target)
        assert path is not None
        assert not blocked[list(path.nodes[1:])].any()


@given(graph=graphs(), max_hops=st.integers(1, 4), top=st.integers(1, 4), data=st.data())
def test_alternatives_are_the_best_path_through_each_first_hop(
    graph: Graph, max_hops: int, top: int, data: st.DataObject
) -> None:
    source = data.draw(st.integers(0, graph.n - 1))
    target = data.draw(st.integers(0, graph.n - 1))
    blocked = data.draw(st.none() | masks(graph.n))
    found = alternatives(graph, source, target, max_hops=max_hops, top=top, blocked=blocked)
    by_first: dict[int, float] = {}
    for path in simple_paths(graph, source, max_hops, blocked):
        if path.nodes[-1] == target:
            by_first[path.nodes[1]] = max(by_first.get(path.nodes[1], 0.0), path.strength)
    assert len(found) == min(top, len(by_first))
    assert len({path.nodes[1] for path in found}) == len(found)
    for path in found:
        assert (path.nodes[0], path.nodes[-1]) == (source, target)
        assert len(set(path.nodes)) == len(path.nodes) <= max_hops + 1
        assert product_along(graph, path.nodes) == path.strength
        assert math.isclose(path.strength, by_first[path.nodes[1]], rel_tol=1e-12)
    strengths = [path.strength for path in found]
    assert strengths == sorted(strengths, reverse=True)
    ranked = sorted(by_first.values(), reverse=True)[:top]
    assert all(math.isclose(s, e, rel_tol=1e-12) for s, e in zip(strengths, ranked, strict=True))


@given(graph=graphs(), hops=st.integers(1, 4), data=st.data())
def test_reach_sums_value_times_best_strength_to_everyone_else(
    graph: Graph, hops: int, data: st.DataObject
) -> None:
    sources = data.draw(st.lists(st.integers(0, graph.n - 1), max_size=5))
    value = np.array(
        data.draw(
            st.lists(st.sampled_from([0.0, 0.5, 1.0, 3.0]), min_size=graph.n, max_size=graph.n)
        )
    )
    blocked = data.draw(st.none() | masks(graph.n))
    found = reach(graph, np.array(sources, np.int32), value, hops=hops, blocked=blocked)
    for source, total in zip(sources, found.tolist(), strict=True):
        best = brute_best(graph, source, hops, blocked)
        expected = sum(value[t] * path.strength for t, path in best.items() if t != source)
        assert math.isclose(total, expected, rel_tol=1e-9, abs_tol=1e-12)


@given(
    n=st.integers(1, 9),
    edges=st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 8), st.floats(-1, 2, width=32)), max_size=30
    ),
)
def test_a_tie_stated_twice_keeps_its_strongest_strength(n: int, edges: list[Edge]) -> None:
    edges = [(a % n, b % n, w) for a, b, w in edges]
    a, b, w = (np.array(c) for c in zip(*edges, strict=True)) if edges else ([], [], [])
    graph = Graph.from_edges(n, a, b, w)
    expected: dict[tuple[int, int], float] = {}
    for u, v, s in edges:
        if u != v and s > 0:
            key = (min(u, v), max(u, v))
            expected[key] = max(expected.get(key, 0.0), min(float(np.float32(s)), 1.0))
    for u in range(n):
        row, weights = graph.neighbours(u)
        assert row.tolist() == sorted(v for v in range(n) if (min(u, v), max(u, v)) in expected)
        for v, s in zip(row.tolist(), weights.tolist(), strict=True):
            assert s == expected[min(u, v), max(u, v)] == graph.weight(v, u)
    assert graph.degree().sum() == 2 * len(expected)
    assert graph.weight(0, n - 1) == expected.get((0, n - 1), 0.0)


def test_a_chain_is_reached_hop_by_hop_until_the_limit() -> None:
    graph = line(5, [(0, 1, 0.5), (1, 2, 0.5), (2, 3, 0.5), (3, 4, 0.5)])
    tree = best_paths(graph, 0, max_hops=3)
    assert tree.reached().tolist() == [1, 2, 3]
    assert tree.strength_of([1, 2, 3, 4]).tolist() == [0.5, 0.25, 0.125, 0.0]
    assert tree.path(3) == Path((0, 1, 2, 3), 0.125)
    assert tree.path(4) is None


def test_two_good_ties_beat_a_weak_direct_one() -> None:
    graph = line(3, [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.3)])
    assert best_paths(graph, 0).path(2) == Path((0, 1, 2), float(np.float32(0.9)) ** 2)
    assert best_paths(graph, 0, max_hops=1).path(2) == Path((0, 2), float(np.float32(0.3)))
    assert [path.nodes for path in alternatives(graph, 0, 2)] == [(0, 1, 2), (0, 2)]


def test_an_equally_strong_longer_path_loses_to_the_shorter() -> None:
    graph = line(3, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)])
    assert best_paths(graph, 0).path(2) == Path((0, 2), 1.0)


def test_someone_without_ties_is_not_reached() -> None:
    graph = line(4, [(0, 1, 0.8), (1, 2, 0.8)])
    assert 3 not in best_paths(graph, 0).reached().tolist()
    assert best_paths(graph, 3).reached().tolist() == []
    assert alternatives(graph, 0, 3) == []
    assert reach(graph, np.array([3, 1]), np.ones(4)).tolist() == pytest.approx([0.0, 1.6])


def test_a_person_whose_ties_span_groups_counts_each_group_once() -> None:
    graph = line(5, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0), (1, 2, 1.0)])
    labels = np.array([0, 7, 7, 2, -1])
    assert distinct_labels(graph, np.array([0, 1, 4]), labels).tolist() == [2, 2, 1]


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [([0, 5], [1, 2], "outside 0..4"), ([0, -1], [1, 2], "outside 0..4"), ([0], [1, 2], "length")],
)
def test_ties_to_unknown_nodes_are_refused(a: list[int], b: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Graph.from_edges(5, np.array(a), np.array(b), np.ones(2))


def test_a_search_from_an_unknown_node_is_refused() -> None:
    graph = line(2, [(0, 1, 1.0)])
    with pytest.raises(ValueError, match=r"outside 0\.\.1"):
        best_paths(graph, 2)
    with pytest.raises(ValueError, match="hops must be 0 or more"):
        best_paths(graph, 0, max_hops=-1)


def test_a_mask_or_values_not_one_per_node_are_refused() -> None:
    graph = line(3, [(0, 1, 1.0), (1, 2, 1.0)])
    with pytest.raises(ValueError, match="one flag per node"):
        best_paths(graph, 0, blocked=np.zeros(2, np.bool_))
    with pytest.raises(ValueError, match="one flag per node"):
        alternatives(graph, 0, 2, blocked=np.zeros(4, np.bool_))
    with pytest.raises(ValueError, match="one value per node"):
        reach(graph, np.array([0]), np.ones(2))


def test_sorted_and_person_indexed_searches_find_the_same_paths_in_a_larger_network() -> None:
    rng = np.random.default_rng(7)
    n, ties = 3_000, 15_000
    strengths = rng.choice([0.25, 0.5, 1.0, 0.3, 0.7], ties)  # many equal products
    graph = Graph.from_edges(n, rng.integers(0, n, ties), rng.integers(0, n, ties), strengths)
    blocked = rng.random(n) < 0.05
    for source in rng.integers(0, n, 5).tolist():
        sparse = best_paths(graph, source, max_hops=4, blocked=blocked, dense_at=math.inf)
        dense = best_paths(graph, source, max_hops=4, blocked=blocked, dense_at=0.0)
        reached = sparse.reached()
        assert reached.tolist() == dense.reached().tolist()
        assert len(reached) > n // 4
        assert sparse.strength_of(reached).tolist() == dense.strength_of(reached).tolist()
        assert sparse.first_hop_of(reached).tolist() == dense.first_hop_of(reached).tolist()
        assert [sparse.path(t) for t in reached.tolist()] == [
            dense.path(t) for t in reached.tolist()
        ]
