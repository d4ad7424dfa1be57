"""How long `goodword demo` takes, and how much memory it needs, as the network grows.

Run:  .venv/bin/python bench/demo_scale.py [--people 100000 1000000] [--seed 42]

Each size runs in its own subprocess on a fresh temporary SQLite file, so the peak memory
reported is that run's alone. Ratios compare against the named targets: a million people
within 300 s (TARGET_SECONDS) and 4096 MB (LIMIT_MB); below 1.0 is within target.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

TARGET_SECONDS = 300.0
LIMIT_MB = 4096.0
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def child(people: int, seed: int, path: str) -> None:
    """Runs one fill and prints its numbers as JSON on stdout (the parent parses them)."""
    from sqlalchemy import func, select

    from goodword.demo import fill_demo
    from goodword.models import metadata
    from goodword.workspace import open_workspace

    workspace = open_workspace(path)
    started = time.perf_counter()
    summary = fill_demo(workspace, people=people, seed=seed, now=NOW)
    seconds = time.perf_counter() - started
    with workspace.engine.connect() as connection:
        counts = [select(func.count()).select_from(t) for t in metadata.sorted_tables]
        rows = sum(connection.scalar(query) or 0 for query in counts)
    workspace.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb,
                "rows": rows,
                "ties": summary.ties,
                "size_mb": Path(path).stat().st_size / 2**20,
            }
        )
    )


def measure(people: int, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="goodword-bench-") as folder:
        path = str(Path(folder) / "demo.db")
        command = [sys.executable, __file__, "--child", str(people), "--seed", str(seed), path]
        result = subprocess.run(command, check=True, capture_output=True, text=True)
    numbers: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[100_000])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.seed, args.path)
        return
    print(f"targets: {TARGET_SECONDS:.0f} s and {LIMIT_MB:.0f} MB peak for any size")
    header = ("people", "seconds", "peak MB", "db MB", "ties", "rows/s", "time/target", "mem/limit")
    print("{:>9} {:>8} {:>8} {:>7} {:>9} {:>8} {:>11} {:>9}".format(*header))
    for people in args.people:
        n = measure(people, args.seed)
        print(
            f"{people:>9} {n['seconds']:>8.1f} {n['peak_mb']:>8.0f} {n['size_mb']:>7.0f}"
            f" {n['ties']:>9.0f} {n['rows'] / n['seconds']:>8.0f}"
            f" {n['seconds'] / TARGET_SECONDS:>11.2f} {n['peak_mb'] / LIMIT_MB:>9.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
