"""How fast the web app answers on a large network, with a few clients at once.

Run:  .venv/bin/python bench/web.py [--people 100000] [--db FILE] [--requests 120] [--clients 4]

It fills a SQLite database with the demo network (`goodword demo`, 100,000 people unless told
otherwise; `/tmp/web100k.db` unless `--db` names another file, filled only if it is new),
starts `goodword serve` on a free port of 127.0.0.1 (and nothing else), asks each page once so
the graph snapshot and caches exist, then for each page sends `--requests` requests from
`--clients` threads at once (a bounded loop, at most 60 s a page) and prints the median (p50)
and 95th percentile (p95) of the time to the full answer, each p95's ratio to the goal
(p95 ≤ 150 ms), and writes the figures to bench/RESULTS-web.md. Pages: Today `/`, People search
`/people?q=…`, a Person page (the top advocate's), Advocates and Paths (to the ideal clients).
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
from pathlib import Path

GOAL_MS = 150.0
BUDGET_S = 60.0
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


@contextmanager
def serving(db: Path, people: int) -> Iterator[str]:
    """`goodword serve` over `db` (filled with a demo of `people` first if it is new) on a free
    port of 127.0.0.1, answering; yields its URL and stops it after."""
    command = [*goodword(), "--db", str(db)]
    if not db.exists():
        subprocess.run([*command, "demo", "--people", str(people)], check=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}
    server = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/web100k.db"))
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    with serving(args.db, args.people) as url:
        rows = []
        for name, path in pages(url).items():
            first = timed(url + path)  # builds the snapshot or caches it needs
            found = measure(url + path, args.requests, args.clients)
            p50, p95 = statistics.median(found), percentile(found, 0.95)
            rows.append((name, len(found), first, p50, p95))
            print(
                f"{name:32} n={len(found):4}  first {first:7.0f} ms  p50 {p50:6.0f} ms  "
                f"p95 {p95:6.0f} ms  p95/goal {p95 / GOAL_MS:5.2f}",
                flush=True,
            )
    write(rows, args)


def write(rows: list[tuple[str, int, float, float, float]], args: argparse.Namespace) -> None:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "# Web app latency (bench/web.py)",
        "",
        f"`goodword serve` over the {args.people:,}-person demo (SQLite), {args.clients} clients "
        f"at once, up to {args.requests} requests a page, on 127.0.0.1; {os.cpu_count()} cores, "
        f"load average {load} at the end. Goal: p95 ≤ {GOAL_MS:.0f} ms.",
        "",
        "| page | requests | first | p50 | p95 | p95 ÷ goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, n, first, p50, p95 in rows:
        lines.append(
            f"| {name} | {n} | {first:.0f} ms | {p50:.0f} ms | {p95:.0f} ms | {p95 / GOAL_MS:.2f} |"
        )
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"Wrote {RESULTS}")


if __name__ == "__main__":
    main()
