"""Reach into the ICP only grows with more ties to ICP people. Pure, no database."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from goodword.relationships.graph import Graph, reach

N = 8

edges = st.lists(
    st.tuples(st.integers(0, N - 1), st.integers(0, N - 1), st.floats(0.05, 1.0, allow_nan=False)),
    max_size=20,
)


def graph_of(found: list[tuple[int, int, float]]) -> Graph:
    a, b, w = zip(*found, strict=True) if found else ((), (), ())
    return Graph.from_edges(N, np.array(a, np.int64), np.array(b, np.int64), np.array(w))


@given(
    ties=edges,
    new=st.tuples(st.integers(0, N - 1), st.integers(0, N - 1), st.floats(0.05, 1.0)),
    icp=st.lists(st.floats(0.0, 1.0), min_size=N, max_size=N),
)
def test_a_new_tie_never_lowers_anyones_reach(
    ties: list[tuple[int, int, float]], new: tuple[int, int, float], icp: list[float]
) -> None:
    value = np.array(icp)
    blocked = np.zeros(N, np.bool_)
    blocked[0] = True  # the owner
    sources = np.arange(1, N, dtype=np.int32)

    before = reach(graph_of(ties), sources, value, hops=2, blocked=blocked)
    after = reach(graph_of([*ties, new]), sources, value, hops=2, blocked=blocked)

    assert np.all(after >= before - 1e-9)


@given(
    ties=edges, icp=st.lists(st.floats(0.0, 1.0), min_size=N, max_size=N), who=st.integers(1, N - 1)
)
def test_someone_becoming_an_icp_match_never_lowers_reach(
    ties: list[tuple[int, int, float]], icp: list[float], who: int
) -> None:
    value = np.array(icp)
    more = value.copy()
    more[who] = 1.0
    sources = np.arange(N, dtype=np.int32)
    graph = graph_of(ties)

    assert np.all(
        reach(graph, sources, more, hops=2) >= reach(graph, sources, value, hops=2) - 1e-9
    )
