"""How long the daily agenda takes as a whole process on a large network, against bare Python
importing the libraries every command needs.

Run:  .venv/bin/python bench/agenda.py [--runs 10] [--people 100000] [--db FILE]

It fills a SQLite database with the demo network (`goodword demo`, 100,000 people unless told
otherwise; in a temporary folder unless `--db` names a file, which is filled only if it is
new), runs `goodword agenda --json` once so the graph snapshot beside the database exists
(the agenda scores every contact of the owner on it, as `advocates` does), then runs, each
`--runs` times in turn so that a change in the machine's load falls on all of them alike:
- the baseline: `python -c "import sqlalchemy.orm, typer, rich"`, the floor a command can
  start in;
- `goodword agenda --json` (today's items in full, the rest as names),
  `goodword agenda` (the table) and `goodword agenda --all --json` (every item in full);
- `goodword advocates --json`, the ranking that reads the same snapshot, for comparison.
It prints, per command, the median, fastest and slowest wall time and CPU time (user +
system), each median's ratio to the baseline's, and checks the goal: the agenda's median
≤ 1 s. On a machine shared with other work the wall time grows with the load while the CPU
time stays near what an idle machine's wall time would be. The runs keep compiled bytecode,
as an installed goodword does.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
from pathlib import Path

from processes import BASELINE, goodword, measure

GOAL_SECONDS = 1.0


def prepare(db: Path, people: int) -> None:
    """Fills `db` with the demo if it is new, and builds the graph snapshot."""
    command = [*goodword(), "--db", str(db)]
    if not db.exists():
        subprocess.run([*command, "demo", "--people", str(people)], check=True)
    subprocess.run([*command, "agenda", "--json"], check=True, stdout=subprocess.DEVNULL)


def report(times: dict[str, list[tuple[float, float]]]) -> None:
    floor = statistics.median(wall for wall, _ in times["baseline"])
    cpu_floor = statistics.median(cpu for _, cpu in times["baseline"])
    print(
        f"{'command':<22} {'median s':>9} {'min s':>6} {'max s':>6} {'/ base':>7} "
        f"{'cpu s':>6} {'min':>6} {'max':>6} {'/ base':>7}  goal"
    )
    for name, samples in times.items():
        walls, cpus = [w for w, _ in samples], [c for _, c in samples]
        median, cpu = statistics.median(walls), statistics.median(cpus)
        goal = ""
        if name.startswith("agenda"):
            goal = f"≤ {GOAL_SECONDS} s: {'met' if median <= GOAL_SECONDS else 'MISSED'}"
        print(
            f"{name:<22} {median:>9.3f} {min(walls):>6.3f} {max(walls):>6.3f} "
            f"{median / floor:>7.2f} {cpu:>6.3f} {min(cpus):>6.3f} {max(cpus):>6.3f} "
            f"{cpu / cpu_floor:>7.2f}  {goal}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="SQLite file to use (filled if new)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.db"
        prepare(db, args.people)
        base = [*goodword(), "--db", str(db)]
        commands = {
            "baseline": BASELINE,
            "agenda --json": [*base, "agenda", "--json"],
            "agenda": [*base, "agenda"],
            "agenda --all --json": [*base, "agenda", "--all", "--json"],
            "advocates --json": [*base, "advocates", "--json"],
        }
        print(f"{args.runs} runs each on {db}")
        report(measure(commands, args.runs))


if __name__ == "__main__":
    main()
