"""How long a command takes as a whole process, against bare Python importing its libraries.

Run:  .venv/bin/python bench/cli_start.py [--runs 10] [--people 5000] [--db FILE]

It fills a SQLite database with the demo network (`goodword demo`, 5,000 people unless
told otherwise; in a temporary folder unless `--db` names a file, which is filled only if
it is new), then runs, each `--runs` times in turn so that a change in the machine's load
falls on all of them alike:
- the baseline: `python -c "import sqlalchemy.orm, typer, rich"`, the libraries every
  command needs, so its time is the floor a command can start in;
- `goodword summary --json`, `goodword person show REF --json` and
  `goodword log REF --kind coffee` (REF: a person of the demo, by name).
It prints, per command, the median, fastest and slowest wall time and the ratio of the
median to the baseline's, and checks the goal: each command's median ≤ 0.5 s. It prints the
median CPU time (user + system) and its ratio too: on a machine shared with other work the
wall time grows with the load, while the CPU time stays near what an idle machine's wall
time would be (the commands wait for nothing but the CPU). The runs keep
compiled bytecode as an installed goodword does, even where PYTHONDONTWRITEBYTECODE is set
(recompiling every module would time the compiler, not the start).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

from processes import BASELINE, goodword, measure

GOAL_SECONDS = 0.5


def prepare(db: Path, people: int) -> str:
    """Fills `db` with the demo if it is new; returns the name of a person in it."""
    command = [*goodword(), "--db", str(db)]
    if not db.exists():
        subprocess.run([*command, "demo", "--people", str(people)], check=True)
    listed = subprocess.run(
        [*command, "person", "list", "--limit", "1", "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return str(json.loads(listed.stdout)[0]["name"])


def report(times: dict[str, list[tuple[float, float]]]) -> None:
    floor = statistics.median(wall for wall, _ in times["baseline"])
    cpu_floor = statistics.median(cpu for _, cpu in times["baseline"])
    print(
        f"{'command':<24} {'median s':>9} {'min s':>6} {'max s':>6} {'/ base':>7} "
        f"{'cpu s':>6} {'/ base':>7}  goal"
    )
    for name, samples in times.items():
        walls = [wall for wall, _ in samples]
        median, cpu = statistics.median(walls), statistics.median(c for _, c in samples)
        goal = ""
        if name != "baseline":
            goal = f"≤ {GOAL_SECONDS} s: {'met' if median <= GOAL_SECONDS else 'MISSED'}"
        print(
            f"{name:<24} {median:>9.3f} {min(walls):>6.3f} {max(walls):>6.3f} "
            f"{median / floor:>7.2f} {cpu:>6.3f} {cpu / cpu_floor:>7.2f}  {goal}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--db", type=Path, help="SQLite file to use (filled if new)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.db"
        ref = prepare(db, args.people)
        base = [*goodword(), "--db", str(db)]
        commands = {
            "baseline": BASELINE,
            "summary --json": [*base, "summary", "--json"],
            "person show REF --json": [*base, "person", "show", ref, "--json"],
            "log REF --kind coffee": [*base, "log", ref, "--kind", "coffee"],
        }
        print(f"{args.runs} runs each on {db} (REF: {ref})")
        report(measure(commands, args.runs))


if __name__ == "__main__":
    main()
