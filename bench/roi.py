"""How long `goodword report roi` takes as a whole process on a large demo network.

Run:  .venv/bin/python bench/roi.py [--runs 5] [--people 1000000] [--db FILE]

It fills a SQLite database with the demo network (`goodword demo`, a million people unless
told otherwise — about three minutes; in a temporary folder unless `--db` names a file, which
is filled only if it is new), then runs, each `--runs` times in turn so that a change in the
machine's load falls on all of them alike:
- the baseline: `python -c "import sqlalchemy.orm, typer, rich"`, the floor any command
  starts in;
- `goodword report roi --json` (last touch), `--model linear --json`, and the Rich tables;
- `goodword summary --json`, an everyday command, for reference.
It prints per command the median, fastest and slowest wall time, the median CPU time
(user + system; on a shared machine the wall time grows with the load, the CPU time much
less) and the ratios to the baseline, and checks the goal: a median wall time ≤ 2 s.
Results: bench/RESULTS-roi.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
from pathlib import Path

from cli_start import BASELINE, goodword, measure

GOAL_SECONDS = 2.0


def report(times: dict[str, list[tuple[float, float]]]) -> None:
    floor = statistics.median(wall for wall, _ in times["baseline"])
    cpu_floor = statistics.median(cpu for _, cpu in times["baseline"])
    print(
        f"{'command':<28} {'median s':>9} {'min s':>6} {'max s':>6} {'/ base':>7} "
        f"{'cpu s':>6} {'/ base':>7}  goal"
    )
    for name, samples in times.items():
        walls = [wall for wall, _ in samples]
        median, cpu = statistics.median(walls), statistics.median(c for _, c in samples)
        goal = ""
        if name.startswith("report"):
            goal = f"≤ {GOAL_SECONDS} s: {'met' if median <= GOAL_SECONDS else 'MISSED'}"
        print(
            f"{name:<28} {median:>9.3f} {min(walls):>6.3f} {max(walls):>6.3f} "
            f"{median / floor:>7.2f} {cpu:>6.3f} {cpu / cpu_floor:>7.2f}  {goal}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="SQLite file to use (filled if new)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.db"
        base = [*goodword(), "--db", str(db)]
        if not db.exists():
            subprocess.run([*base, "demo", "--people", str(args.people)], check=True)
        commands = {
            "baseline": BASELINE,
            "report roi --json": [*base, "report", "roi", "--json"],
            "report roi --model linear": [*base, "report", "roi", "--model", "linear", "--json"],
            "report roi (tables)": [*base, "report", "roi"],
            # A reference on the same file: every command opens the workspace the same way.
            "summary --json": [*base, "summary", "--json"],
        }
        print(f"{args.runs} runs each on {db}")
        report(measure(commands, args.runs))


if __name__ == "__main__":
    main()
