"""How fast goodword loads the network from its database, and answers from it, as whole commands.

Run:  .venv/bin/python bench/network.py [--sizes 10000,100000,1000000] [--folder /tmp/gw-bench]
          [--postgres URL --pg-sizes 100000] [--e2e-people 200000] [--runs 5] [--e2e-runs 7]

The database half of the graph benchmark (bench/graph.py measures the engine on synthetic
arrays). For each size it fills a SQLite demo database once (`goodword demo --people N`, kept
in `--folder` and reused: a million people take minutes) and, in a child process of its own so
that its peak memory is its alone, measures one function each:
- rebuild: `load_network`, every row read from the database into the engine's arrays;
- cold start: `network.load` of the snapshot `network.save` wrote (the file is in the page
  cache, as it is for a command run again);
- memory: the loaded network's arrays, and the child's peak resident memory (Python, the
  driver and SQLAlchemy included) after rebuilding;
- Q1: the best path to every ICP match from the owner within 3 hops (`best_paths` and the
  strengths of the matches, as `path --icp` finds them before naming people);
- Q2: scoring every direct contact of the owner (`score_contacts`);
and, where the network is small enough (below `--skip-baseline-at`), the same Q1 and Q2 as a
hand loop over a NetworkX Graph of the same ties (bench/graph.py's `nx_best`), with the
check that both find the same strengths. With `--postgres URL` the rebuild is measured from
PostgreSQL too, in a schema of its own (`gw_bench_network`) that is dropped afterwards.
Then, end to end, `goodword advocates` and `goodword path --icp` on a `--e2e-people` demo
as whole processes: the first run builds the snapshot, the next `--e2e-runs` reuse it.
Goals at a million people: rebuild ≤ 30 s from SQLite, cold start ≤ 3 s, engine ≤ 500 MB,
Q1 ≤ 2 ms and ≥ 30× the NetworkX loop, Q2 ≤ 2 ms; each command ≤ 3 s at 200,000 people.
Wall times on a shared machine grow with its load, so the CPU time is printed beside them.
Measured numbers are kept in bench/RESULTS-graph.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from processes import ENV, elapsed, goodword

GOALS = {"rebuild": 30.0, "cold start": 3.0, "process peak": 500.0, "Q1": 2.0, "Q2": 2.0}
E2E_GOAL = 3.0
SCHEMA = "gw_bench_network"


def demo_db(folder: Path, people: int) -> Path:
    """A SQLite demo of `people`, made once and reused."""
    db = folder / f"demo-{people}.db"
    if not db.exists():
        print(f"filling {db} (once)…", flush=True)
        subprocess.run([*goodword(), "--db", str(db), "demo", "--people", str(people)], check=True)
    return db


def pg_url(base: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{SCHEMA}"


def pg_demo(base: str, people: int) -> str:
    """A fresh demo of `people` in the benchmark's own schema of `base`."""
    drop_schema(base)
    subprocess.run(["psql", psql_url(base), "-qc", f"CREATE SCHEMA {SCHEMA}"], check=True)
    url = pg_url(base)
    print(f"filling PostgreSQL schema {SCHEMA} with {people:,} people…", flush=True)
    subprocess.run([*goodword(), "--db", url, "init"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*goodword(), "--db", url, "demo", "--people", str(people)], check=True)
    return url


def psql_url(base: str) -> str:
    return base.replace("postgresql+psycopg://", "postgresql://")


def drop_schema(base: str) -> None:
    command = ["psql", psql_url(base), "-qc", f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"]
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)


# --- measured in a child process, one per database -------------------------------------


def timed(run: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """(wall, CPU) seconds of each of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, started = time.process_time(), time.perf_counter()
        run()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def network_mb(network: Any) -> float:
    arrays = [network.person_ids, network.fits.score, network.fits.matched, network.industry]
    arrays += [network.connector, network.graph.indptr, network.graph.indices]
    arrays += [network.graph.weights]
    arrays += [getattr(network.owner_ties, name) for name in vars(network.owner_ties)]
    return sum(a.nbytes for a in arrays) / 2**20


def measure_rebuild(target: str, runs: int) -> tuple[dict[str, Any], Any]:
    from datetime import UTC, datetime

    from goodword.advocates.signals import load_network
    from goodword.workspace import open_workspace

    workspace = open_workspace(target)
    now = datetime.now(UTC)
    before = rss_mb()
    built: list[Any] = []

    def rebuild() -> None:
        built.clear()  # the previous network is freed before the next is read
        with workspace.read() as session:
            built.append(load_network(session, now=now))

    walls, cpus = timed(rebuild, runs)
    network = built[0]
    found = {
        "people": network.n,
        "ties": len(network.graph.indices) // 2,
        "owner ties": int(network.graph.degree()[network.owner]),
        "rebuild": [walls, cpus],
        "network MB": network_mb(network),
        "process before MB": before,
        "process peak MB": rss_mb(),
    }
    return found, network


def measure_snapshot(network: Any, runs: int) -> dict[str, Any]:
    from goodword.advocates import network as snapshot

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.npz"
        save = timed(lambda: snapshot.save(network, path), 1)
        load = timed(lambda: snapshot.load(path), runs)
        size = path.stat().st_size / 2**20
    return {"save": list(save), "cold start": list(load), "snapshot MB": size}


def icp_targets(network: Any) -> Any:
    import numpy as np

    from goodword.advocates.scoring import ICP_MATCH

    targets = np.flatnonzero(network.fits.score >= ICP_MATCH)
    return targets[targets != network.owner]


def measure_queries(network: Any, runs: int, baseline: bool) -> dict[str, Any]:
    from goodword.advocates.scoring import score_contacts
    from goodword.relationships.graph import best_paths

    targets = icp_targets(network)

    def q1() -> Any:
        return best_paths(network.graph, network.owner, max_hops=3).strength_of(targets)

    def q2() -> Any:
        return score_contacts(network)

    found: dict[str, Any] = {"ICP matches": len(targets)}
    found["Q1"] = [[t * 1e3 for t in ts] for ts in timed(q1, runs * 10)]
    found["Q2"] = [[t * 1e3 for t in ts] for ts in timed(q2, runs * 10)]
    if baseline:
        found |= measure_baseline(network, q1(), q2().reach_raw, runs)
    return found


def measure_baseline(network: Any, q1: Any, reach: Any, runs: int) -> dict[str, Any]:
    """The same answers from a hand loop over NetworkX, checked against the engine's."""
    import networkx as nx
    import numpy as np

    sys.path.insert(0, str(Path(__file__).parent))
    from goodword.advocates.scoring import ICP_MATCH, Weights
    from graph import nx_best

    g = network.graph
    rows = np.repeat(np.arange(g.n), np.diff(g.indptr))
    upper = rows < g.indices
    nxg = nx.Graph()
    nxg.add_nodes_from(range(g.n))
    edges = zip(
        rows[upper].tolist(), g.indices[upper].tolist(), g.weights[upper].tolist(), strict=True
    )
    nxg.add_weighted_edges_from(edges)
    targets, owner = icp_targets(network).tolist(), network.owner
    contacts = g.neighbours(owner)[0].tolist()
    fit = network.fits.score
    icp = {int(i) for i in np.flatnonzero(fit >= ICP_MATCH)} - {owner}

    def b1() -> list[float]:
        best = nx_best(nxg, owner, 3)
        return [best.get(t, 0.0) for t in targets]

    def reached(source: int, hops: int) -> float:
        best = nx_best(nxg, source, hops, frozenset((owner,)))
        return float(sum(s * fit[t] for t, s in best.items() if t in icp and t != source))

    def b2() -> list[float]:
        # Reach weighs each ICP person by their fit, and those only a friend of the contact
        # knows at `second_hop`, as the engine does.
        totals = []
        for source in contacts:
            direct = reached(source, 1)
            totals.append(direct + Weights().second_hop * (reached(source, 2) - direct))
        return totals

    assert np.allclose(b1(), q1, rtol=1e-6), "Q1 differs from the NetworkX loop"
    assert np.allclose(b2(), reach, rtol=1e-6), "Q2 reach differs from the NetworkX loop"
    return {
        "Q1 baseline": [[t * 1e3 for t in ts] for ts in timed(b1, runs)],
        "Q2 baseline": [[t * 1e3 for t in ts] for ts in timed(b2, runs)],
    }


def child(target: str, runs: int, queries: bool, baseline: bool) -> None:
    """Runs in its own process; prints its numbers as JSON on its last line."""
    found, network = measure_rebuild(target, runs)
    found |= measure_snapshot(network, runs)
    if queries:
        found |= measure_queries(network, runs, baseline)
    print(json.dumps(found))


def run_child(target: str, runs: int, *, queries: bool, baseline: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", target, "--runs", str(runs)]
    command += ["--child-queries"] * queries + ["--child-baseline"] * baseline
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=ENV)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- end to end --------------------------------------------------------------------------


def end_to_end(db: Path, runs: int) -> dict[str, dict[str, list[float]]]:
    """Each command as a whole process: once building the snapshot, then `runs` times warm."""
    commands = {
        "goodword advocates": [*goodword(), "--db", str(db), "advocates", "--json"],
        "goodword path --icp": [*goodword(), "--db", str(db), "path", "--icp", "--json"],
    }
    results: dict[str, dict[str, list[float]]] = {}
    real = db.resolve()  # goodword keeps the snapshot beside the file a link points to
    for name, command in commands.items():
        for snapshot in real.parent.glob(f"{real.name}.graph-*.npz"):
            snapshot.unlink()
        first = elapsed(command)
        warm = [elapsed(command) for _ in range(runs)]
        results[name] = {
            "first": list(first),
            "warm": [w for w, _ in warm],
            "warm cpu": [c for _, c in warm],
        }
    return results


# --- report ------------------------------------------------------------------------------


def line(label: str, unit: str, samples: list[float], cpu: list[float] | None, goal: str) -> str:
    median = statistics.median(samples)
    text = f"  {label:<34} {unit:<3} {median:>9.3f} {min(samples):>9.3f} {max(samples):>9.3f}"
    text += f" {statistics.median(cpu):>9.3f}" if cpu else f" {'':>9}"
    return f"{text}  {goal}"


def verdict(value: float, goal: float, cpu: float | None = None) -> str:
    if value <= goal:
        return f"≤ {goal:g}: met ({value / goal:.2f} of the goal)"
    if cpu is not None and cpu <= goal:
        return f"≤ {goal:g}: missed on the wall clock ({value / goal:.2f}×), met in CPU time"
    return f"≤ {goal:g}: MISSED ({value / goal:.2f}× the goal)"


def report(name: str, found: dict[str, Any]) -> None:
    matches = f", {found['ICP matches']:,} ICP matches" if "ICP matches" in found else ""
    print(
        f"{name}: {found['people']:,} people, {found['ties']:,} ties, the owner has "
        f"{found['owner ties']:,}{matches}"
    )
    print(f"  {'measurement':<34} {'':<3} {'median':>9} {'min':>9} {'max':>9} {'cpu':>9}  goal")
    walls, cpus = found["rebuild"]
    cpu = statistics.median(cpus)
    print(line("rebuild", "s", walls, cpus, verdict(statistics.median(walls), 30.0, cpu)))
    walls, cpus = found["cold start"]
    print(
        line("cold start (snapshot load)", "s", walls, cpus, verdict(statistics.median(walls), 3.0))
    )
    print(line("snapshot save", "s", *found["save"], f"{found['snapshot MB']:.0f} MB on disk"))
    print(line("network arrays", "MB", [found["network MB"]], None, ""))
    peak = found["process peak MB"]
    print(
        line("process peak after rebuild", "MB", [peak], None, verdict(peak, 500.0))
        + f" (at start {found['process before MB']:.0f} MB)"
    )
    for q in ("Q1", "Q2"):
        if q not in found:
            continue
        walls, cpus = found[q]
        median = statistics.median(walls)
        goal = verdict(median, 2.0, statistics.median(cpus))
        if f"{q} baseline" in found:
            base = statistics.median(found[f"{q} baseline"][0])
            goal += f"; NetworkX {base:,.1f} ms, {base / median:,.0f}× slower"
        label = "Q1 paths to every ICP match" if q == "Q1" else "Q2 score every contact"
        print(line(label, "ms", walls, cpus, goal))


def report_e2e(people: int, results: dict[str, dict[str, list[float]]]) -> None:
    print(f"end to end on {people:,} people (whole processes, SQLite)")
    for name, found in results.items():
        first_wall, first_cpu = found["first"]
        print(line(f"{name}, first (builds)", "s", [first_wall], [first_cpu], ""))
        warm = found["warm"]
        median = statistics.median(warm)
        cpu = statistics.median(found["warm cpu"])
        print(line(f"{name}, warm", "s", warm, found["warm cpu"], verdict(median, E2E_GOAL, cpu)))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="people, comma-separated")
    parser.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "gw-bench"))
    parser.add_argument("--postgres", help="a PostgreSQL URL to measure the rebuild from too")
    parser.add_argument("--pg-sizes", default="100000", help="people, comma-separated")
    parser.add_argument("--e2e-people", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5, help="rebuilds and snapshot loads")
    parser.add_argument("--e2e-runs", type=int, default=7)
    parser.add_argument("--skip-baseline-at", type=int, default=1_000_000, help="people")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs, args.child_queries, args.child_baseline)
        return
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    for people in sizes:
        db = demo_db(folder, people)
        runs = 1 if people >= 1_000_000 else args.runs
        baseline = people < args.skip_baseline_at
        report(f"SQLite, {people:,}", run_child(str(db), runs, queries=True, baseline=baseline))
    if args.postgres:
        try:
            for people in (int(size) for size in args.pg_sizes.split(",") if size):
                url = pg_demo(args.postgres, people)
                runs = 1 if people >= 1_000_000 else args.runs
                report(
                    f"PostgreSQL, {people:,}", run_child(url, runs, queries=False, baseline=False)
                )
        finally:
            drop_schema(args.postgres)
    if args.e2e_people:
        report_e2e(args.e2e_people, end_to_end(demo_db(folder, args.e2e_people), args.e2e_runs))


if __name__ == "__main__":
    main()
