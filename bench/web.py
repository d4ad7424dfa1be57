"""How fast the web app answers on a large network, with a few clients at once.

Run:  .venv/bin/python bench/web.py [--people 100000] [--db FILE] [--requests 120] [--clients 4]
                                    [--workers N] [--runs 3] [--only WORD ...]

It fills a SQLite database with the demo network (`goodword demo`, 100,000 people unless told
otherwise; `/tmp/web100k.db` unless `--db` names another file, filled only if it is new),
starts `goodword serve` on a free port of 127.0.0.1 (and nothing else; `--workers` as given,
else serve's default), asks each page once so the graph snapshot and caches exist, then, for
each page and each of `--runs` rounds (taken in turn, so a change in the machine's load falls
on every page alike):
- times 10 requests one at a time ("alone": what one user waits on an idle server),
- sends `--requests` requests from `--clients` threads at once (a bounded loop, at most 60 s
  a page) and takes the median (p50) and 95th percentile (p95) of the time to the full answer,
- reads the CPU time the server's processes used meanwhile (Linux /proc), per request: on a
  machine shared with other work the wall times grow with the load, the CPU time far less.
It prints every round and a summary (the median over rounds, and the range), with each p95's
ratio to the goal (p95 ≤ 150 ms), and writes the summary to bench/RESULTS-web.md. Pages:
Today `/`, People search `/people?q=…`, a Person page (the top advocate's), Advocates and
Paths (to the ideal clients).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

GOAL_MS = 150.0
BUDGET_S = 60.0
ALONE = 10
RESULTS = Path(__file__).with_name("RESULTS-web.md")


def goodword() -> list[str]:
    """The installed command, as a user runs it; `python -m goodword` where it is missing."""
    script = Path(sys.executable).with_name("goodword")
    return [str(script)] if script.exists() else [sys.executable, "-m", "goodword"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        body: bytes = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"{url} answered {answer.status}")
        return body


def wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"goodword serve exited {server.returncode}")
        try:
            get(url + "/api/v1/session")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"goodword serve did not answer at {url} within 60 s")


def pages(url: str) -> dict[str, str]:
    """The pages to time; the person is the top advocate, the search a word of their name."""
    top = json.loads(get(url + "/api/v1/advocates?top=1"))[0]["person"]
    word = top["name"].split()[-1]
    return {
        "Today /": "/",
        f"People search ?q={word}": f"/people?q={urllib.request.quote(word)}",
        "Person page": f"/people/{top['id']}",
        "Advocates": "/advocates",
        "Paths (ideal clients)": "/paths",
    }


def timed(url: str) -> float:
    start = time.perf_counter()
    get(url)
    return (time.perf_counter() - start) * 1000


def measure(url: str, requests: int, clients: int) -> list[float]:
    """Up to `requests` timings from `clients` threads, stopping early past the time budget."""
    deadline = time.monotonic() + BUDGET_S

    def one(_: int) -> float | None:
        return timed(url) if time.monotonic() < deadline else None

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return [t for t in pool.map(one, range(requests)) if t is not None]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def server_cpu_ms(pid: int) -> float | None:
    """CPU time (user + system) of the server and its worker processes so far; None off Linux."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    try:
        while todo:
            current = todo.pop()
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) * 1000 / tick
            todo += Path(f"/proc/{current}/task/{current}/children").read_text().split()
    except (OSError, ValueError):
        return None
    return total


@dataclass
class Round:
    alone: float  # median of requests one at a time, ms
    n: int
    p50: float
    p95: float
    cpu: float | None  # server CPU ms per request under load


def one_round(url: str, pid: int, args: argparse.Namespace) -> Round:
    alone = statistics.median(timed(url) for _ in range(ALONE))
    before = server_cpu_ms(pid)
    found = measure(url, args.requests, args.clients)
    after = server_cpu_ms(pid)
    cpu = None if before is None or after is None else (after - before) / len(found)
    return Round(alone, len(found), statistics.median(found), percentile(found, 0.95), cpu)


@contextmanager
def serving(db: Path, people: int) -> Iterator[str]:
    """`goodword serve` over `db` (filled with a demo of `people` first if it is new) on a free
    port of 127.0.0.1, answering; yields its URL and stops it after."""
    with server_process(db, people, workers=None) as (url, _):
        yield url


@contextmanager
def server_process(db: Path, people: int, *, workers: int | None) -> Iterator[tuple[str, int]]:
    """As `serving`, with `--workers` when given; yields the URL and the server's process id."""
    command = [*goodword(), "--db", str(db)]
    if not db.exists():
        subprocess.run([*command, "demo", "--people", str(people)], check=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}
    chosen = [] if workers is None else ["--workers", str(workers)]
    server = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), *chosen],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, server)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/web100k.db"))
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only", nargs="+", metavar="WORD", help="time only the pages whose name has a WORD"
    )
    args = parser.parse_args()
    loads = [os.getloadavg()[0]]
    with server_process(args.db, args.people, workers=args.workers) as (url, pid):
        targets = {
            name: path
            for name, path in pages(url).items()
            if not args.only or any(word.lower() in name.lower() for word in args.only)
        }
        first = {name: timed(url + path) for name, path in targets.items()}
        for path in targets.values():  # every worker process builds what it keeps
            measure(url + path, 2 * args.clients, args.clients)
        rounds: dict[str, list[Round]] = {name: [] for name in targets}
        for run in range(args.runs):
            for name, path in targets.items():
                got = one_round(url + path, pid, args)
                rounds[name].append(got)
                cpu = "n/a" if got.cpu is None else f"{got.cpu:.0f} ms"
                print(
                    f"run {run + 1} {name:30} alone {got.alone:5.0f} ms  n={got.n:4}  "
                    f"p50 {got.p50:6.0f} ms  p95 {got.p95:6.0f} ms  cpu/req {cpu}",
                    flush=True,
                )
            loads.append(os.getloadavg()[0])
    write(first, rounds, loads, args)


def spread(values: list[float], unit: str = " ms") -> str:
    """The median over rounds, and the range when there were several."""
    middle = f"{statistics.median(values):.0f}{unit}"
    if len(values) < 2:
        return middle
    return f"{middle} ({min(values):.0f}–{max(values):.0f})"


def write(
    first: dict[str, float],
    rounds: dict[str, list[Round]],
    loads: list[float],
    args: argparse.Namespace,
) -> None:
    workers = args.workers or f"{min(2, os.cpu_count() or 1)} (the default)"
    lines = [
        "# Web app latency (bench/web.py)",
        "",
        f"`goodword serve --workers {workers}` over the {args.people:,}-person demo (SQLite), "
        f"{args.clients} clients at once, up to {args.requests} requests a page, {args.runs} "
        f"rounds, on 127.0.0.1; {os.cpu_count()} cores, one-minute load average "
        f"{min(loads):.1f}–{max(loads):.1f} during the run. Goal: p95 ≤ {GOAL_MS:.0f} ms. "
        'Each cell: the median over rounds (the range). "alone": one request at a time; '
        '"CPU/request": CPU time of the server\'s processes per request under load.',
        "",
        "| page | first | alone | p50 | p95 | p95 ÷ goal | CPU/request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, found in rounds.items():
        p95s = [r.p95 for r in found]
        cpus = [r.cpu for r in found if r.cpu is not None]
        lines.append(
            f"| {name} | {first[name]:.0f} ms | {spread([r.alone for r in found])} "
            f"| {spread([r.p50 for r in found])} | {spread(p95s)} "
            f"| {statistics.median(p95s) / GOAL_MS:.2f} | {spread(cpus) if cpus else 'n/a'} |"
        )
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"Wrote {RESULTS}")


if __name__ == "__main__":
    main()
