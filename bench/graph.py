"""How fast the graph engine finds warm-introduction paths and ICP reach, against NetworkX.

Run:  .venv/bin/python bench/graph.py [--sizes 10000,100000,1000000] [--runs 20]
          [--baseline-runs 3] [--skip-baseline-at 1000000] [--seed 42]

For each size it generates a seeded synthetic network with numpy (`synthetic_network`):
people in groups of 40–400 (a firm, a town, a club) with three in four ties inside the group
and the rest to anyone, well-connected people more likely; degrees log-normal around 16, so
most people have 5–30 ties, one in a thousand is a hub with 200–3,000, and one planted person
has exactly 5,000; about ten ties per person (a million people ≈ 9.5 million ties). It then
measures, one function each:
- build: `Graph.from_edges` on the ties; the baseline `nx.Graph().add_weighted_edges_from`;
- memory: the graph's arrays and the peak traced while building (tracemalloc), for both;
- Q1: the best paths within 3 hops from a person of median degree (`best_paths`), and from
  the 5,000-tie person;
- Q2: the reach of each of the median person's ties into a random 2 % "ICP" within 2 hops,
  not through the median person (`reach`, all ties at once).
The baseline answers Q1 and Q2 with the same hop-by-hop max-product search as a hand loop over
the NetworkX Graph's dict of dicts, and the run checks that both find the same strengths.
It prints per measurement the median, fastest and slowest of the runs, the ratio baseline /
engine (how many times the engine is faster or smaller), and the goal, set for a million
people: Q1 ≤ 2 ms from the median person and ≤ 100 ms from the 5,000-tie one, Q2 ≤ 2 ms,
build ≤ 10 s, graph ≤ 250 MB. NetworkX needs minutes and gigabytes at a million people, so
the baseline is skipped from `--skip-baseline-at` people up (default 1,000,000; the whole run
then takes about five minutes). Measured numbers are kept in bench/RESULTS-graph.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from goodword.relationships.graph import Graph, best_paths, reach

HUB_TIES = 5_000
ICP_SHARE = 0.02
MS, S, MB = "ms", "s", "MB"


@dataclass(frozen=True)
class Network:
    people: int
    a: np.ndarray  # each tie once, no duplicates, no self-ties
    b: np.ndarray
    w: np.ndarray  # float32 strengths, as the engine keeps them
    hub: int  # the planted person with HUB_TIES ties
    median: int  # a person of median degree
    icp: np.ndarray  # 1.0 for the people matching the ICP, else 0.0


@dataclass
class Row:
    """One measurement at one size: samples of the engine and (maybe) of the baseline."""

    people: int
    name: str
    unit: str
    engine: list[float]
    goal: float | None = None  # the engine's median must be at most this
    cpu: list[float] | None = None  # the engine's CPU time per run, where timed
    baseline: list[float] | None = None


def synthetic_network(people: int, seed: int) -> Network:
    """A seeded network shaped like a real one: groups, a heavy tail, one planted hub."""
    rng = np.random.default_rng(seed)
    degree = np.clip(rng.lognormal(np.log(16), 0.6, people), 3, None)
    hubs = rng.random(people) < 0.001
    degree[hubs] = np.minimum(200 + 200 * rng.pareto(1.2, hubs.sum()), 3_000)
    sizes = rng.integers(40, 400, people // 40 + 2)
    starts = np.concatenate(([0], np.cumsum(sizes)))
    starts = starts[starts < people]
    group = np.searchsorted(starts, np.arange(people), side="right") - 1
    first, size = starts[group], np.diff(np.append(starts, people))[group]
    # Each person starts half their ties; the other half come from others starting theirs.
    a = np.repeat(np.arange(people), np.maximum(np.rint(degree / 2).astype(np.int64), 1))
    local = rng.random(len(a)) < 0.75
    b = np.empty_like(a)
    b[local] = first[a[local]] + (rng.random(local.sum()) * size[a[local]]).astype(np.int64)
    weight = np.cumsum(degree)
    b[~local] = np.searchsorted(weight, rng.random((~local).sum()) * weight[-1], side="right")
    hub = int(rng.integers(people))
    keep = (a != b) & (a != hub) & (b != hub)
    others = rng.choice(np.delete(np.arange(people), hub), HUB_TIES, replace=False)
    a = np.concatenate((a[keep], np.full(HUB_TIES, hub)))
    b = np.concatenate((b[keep], others))
    pair = np.unique(np.minimum(a, b) * people + np.maximum(a, b))
    strength = np.round(np.clip(rng.beta(2, 4, len(pair)), 0.05, 1.0), 3).astype(np.float32)
    a, b = pair // people, pair % people
    # In the order a database returns them: any, either way round.
    mixed, swap = rng.permutation(len(pair)), rng.random(len(pair)) < 0.5
    a, b, strength = np.where(swap, b, a)[mixed], np.where(swap, a, b)[mixed], strength[mixed]
    degrees = np.bincount(a, minlength=people) + np.bincount(b, minlength=people)
    typical = np.flatnonzero(degrees == int(np.median(degrees)))
    icp = (rng.random(people) < ICP_SHARE).astype(np.float64)
    return Network(people, a, b, strength, hub, int(typical[0]), icp)


def timed(run: Callable[[], object], runs: int, unit: str = MS) -> tuple[list[float], list[float]]:
    """(wall, CPU) times of `runs` runs. On a machine shared with other work the wall time
    grows with the load, while the CPU time stays near what an idle machine's wall time
    would be (the engine is single-threaded and waits for nothing but memory)."""
    scale = 1_000 if unit == MS else 1
    walls, cpus = [], []
    for _ in range(runs):
        cpu, started = time.process_time(), time.perf_counter()
        run()
        walls.append((time.perf_counter() - started) * scale)
        cpus.append((time.process_time() - cpu) * scale)
    return walls, cpus


def build_engine(net: Network) -> Graph:
    return Graph.from_edges(net.people, net.a, net.b, net.w)


def build_baseline(net: Network) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(net.people))
    graph.add_weighted_edges_from(zip(net.a.tolist(), net.b.tolist(), net.w.tolist(), strict=True))
    return graph


def traced_peak_mb(build: Callable[[], object]) -> tuple[float, float]:
    """(MB still held by what `build` returns, peak MB while building), as traced."""
    tracemalloc.start()
    built = build()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del built
    return held / 2**20, peak / 2**20


def nx_best(
    graph: nx.Graph, source: int, hops: int, blocked: frozenset[int] = frozenset()
) -> dict[int, float]:
    """The baseline search: max-product strengths within `hops`, a hop at a time."""
    adjacency = graph.adj
    best, frontier = {source: 1.0}, {source: 1.0}
    for _ in range(hops):
        found: dict[int, float] = {}
        for u, strength in frontier.items():
            for v, tie in adjacency[u].items():
                reached = strength * tie["weight"]
                better = reached > best.get(v, 0.0) and reached > found.get(v, 0.0)
                if better and v not in blocked:
                    found[v] = reached
        best.update(found)
        frontier = found
    return best


def nx_reach(graph: nx.Graph, sources: list[int], icp: set[int], owner: int) -> list[float]:
    totals = []
    for source in sources:
        best = nx_best(graph, source, 2, frozenset((owner,)))
        totals.append(sum(s for t, s in best.items() if t in icp and t != source))
    return totals


def measure_build(net: Network, runs: int, baseline: bool) -> list[Row]:
    walls, cpus = timed(lambda: build_engine(net), runs, S)
    row = Row(net.people, "build", S, walls, goal=10.0, cpu=cpus)
    if baseline:
        row.baseline = timed(lambda: build_baseline(net), max(1, runs // 2), S)[0]
    return [row]


def measure_memory(net: Network, graph: Graph, baseline: bool) -> list[Row]:
    arrays = (graph.indptr.nbytes + graph.indices.nbytes + graph.weights.nbytes) / 2**20
    _, peak = traced_peak_mb(lambda: build_engine(net))
    held = Row(net.people, "graph memory", MB, [arrays], goal=250.0)
    building = Row(net.people, "build peak memory", MB, [peak])
    if baseline:
        nx_held, nx_peak = traced_peak_mb(lambda: build_baseline(net))
        held.baseline, building.baseline = [nx_held], [nx_peak]
    return [held, building]


def measure_paths(
    net: Network, graph: Graph, nxg: nx.Graph | None, runs: int, bruns: int
) -> list[Row]:
    rows = []
    for name, source, goal in (
        (f"Q1 paths ≤3 hops, {graph.degree()[net.median]} ties", net.median, 2.0),
        (f"Q1 paths ≤3 hops, {HUB_TIES:,} ties", net.hub, 100.0),
    ):
        tree = best_paths(graph, source, max_hops=3)
        walls, cpus = timed(lambda s=source: best_paths(graph, s), runs)
        row = Row(net.people, name, MS, walls, goal=goal, cpu=cpus)
        if nxg is not None:
            expected = nx_best(nxg, source, 3)
            found = tree.strength_of(np.array(list(expected)))
            assert np.allclose(found, list(expected.values()), rtol=1e-12), name
            assert len(tree.reached()) == len(expected) - 1, name
            row.baseline = timed(lambda s=source: nx_best(nxg, s, 3), bruns)[0]
        rows.append(row)
    return rows


def measure_reach(
    net: Network, graph: Graph, nxg: nx.Graph | None, runs: int, bruns: int
) -> list[Row]:
    sources = graph.neighbours(net.median)[0]
    blocked = np.zeros(net.people, np.bool_)
    blocked[net.median] = True

    def engine() -> np.ndarray:
        return reach(graph, sources, net.icp, hops=2, blocked=blocked)

    walls, cpus = timed(engine, runs)
    row = Row(net.people, f"Q2 reach of {len(sources)} ties, 2 hops", MS, walls, 2.0, cpus)
    if nxg is not None:
        icp, owner = set(np.flatnonzero(net.icp).tolist()), net.median
        assert np.allclose(engine(), nx_reach(nxg, sources.tolist(), icp, owner), rtol=1e-9)
        row.baseline = timed(lambda: nx_reach(nxg, sources.tolist(), icp, owner), bruns)[0]
    return [row]


def measure_size(people: int, args: argparse.Namespace) -> list[Row]:
    net = synthetic_network(people, args.seed)
    baseline = people < args.skip_baseline_at
    graph = build_engine(net)
    nxg = build_baseline(net) if baseline else None
    print(f"{people:,} people, {len(net.a):,} ties; baseline {'on' if baseline else 'skipped'}")
    rows = measure_build(net, args.build_runs, baseline)
    rows += measure_memory(net, graph, baseline)
    rows += measure_paths(net, graph, nxg, args.runs, args.baseline_runs)
    rows += measure_reach(net, graph, nxg, args.runs, args.baseline_runs)
    return rows


def report(rows: list[Row]) -> None:
    print(
        f"{'people':>9} {'measurement':<30} {'unit':<4} {'median':>9} {'min':>9} {'max':>9} "
        f"{'cpu':>9} {'baseline':>10} {'min':>9} {'max':>9} {'base/eng':>9}  goal"
    )
    for row in rows:
        median = statistics.median(row.engine)
        cpu = statistics.median(row.cpu) if row.cpu else None
        line = (
            f"{row.people:>9,} {row.name:<30} {row.unit:<4} {median:>9.3f} "
            f"{min(row.engine):>9.3f} {max(row.engine):>9.3f} "
            + (f"{cpu:>9.3f}" if cpu is not None else f"{'':>9}")
        )
        if row.baseline:
            base = statistics.median(row.baseline)
            line += (
                f" {base:>10.3f} {min(row.baseline):>9.3f} {max(row.baseline):>9.3f} "
                f"{base / median:>9.1f}"
            )
        else:
            line += f" {'—':>10} {'':>9} {'':>9} {'':>9}"
        if row.goal is not None:
            line += f"  ≤ {row.goal:g}: {'met' if median <= row.goal else 'MISSED'}"
            if median > row.goal and cpu is not None and cpu <= row.goal:
                line += " (met in CPU time)"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="people, comma-separated")
    parser.add_argument("--runs", type=int, default=20, help="of each engine query")
    parser.add_argument("--baseline-runs", type=int, default=3, help="of each baseline query")
    parser.add_argument("--build-runs", type=int, default=3)
    parser.add_argument("--skip-baseline-at", type=int, default=1_000_000, help="people")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rows: list[Row] = []
    for people in (int(size) for size in args.sizes.split(",")):
        rows += measure_size(people, args)
    report(rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak resident memory of the whole run: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
