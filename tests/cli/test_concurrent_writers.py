"""Sixteen real `goodword` processes writing to one database at once all succeed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

from cli.support import Cli, Database

WRITERS = 16
EVENT = "Chamber breakfast"


def command(n: int) -> list[str]:
    """Four write paths in turn: each reads before it writes, and two create shared names."""
    return [
        ["log", "ann@example.com", "--kind", "coffee", "--note", f"coffee {n}"],
        ["give", "ann@example.com", "--kind", "help", "--note", f"help {n}"],
        ["person", "add", f"Writer {n}", "--org", "Same Org", "--tag", "same-tag"],
        ["met", EVENT, f"Guest {n}"],
    ][n % 4]


def environment(database: Database) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GOODWORD_DB", "GOODWORD_DATABASE_URL", "GOODWORD_WORKSPACE")
    }
    if database.workspace:
        env["GOODWORD_WORKSPACE"] = database.workspace
    return env


def run_at_once(database: Database) -> list[subprocess.CompletedProcess[str]]:
    base = [sys.executable, "-m", "goodword", "--db", database.target]
    env = environment(database)
    started = [
        (
            args,
            subprocess.Popen(
                [*base, *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for args in map(command, range(WRITERS))
    ]
    finished = []
    for args, process in started:
        stdout, stderr = process.communicate(timeout=300)
        finished.append(subprocess.CompletedProcess(args, process.returncode, stdout, stderr))
    return finished


def test_sixteen_concurrent_writers_all_succeed_and_every_write_is_kept(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--email", "ann@example.com")
    cli.ok("event", "add", EVENT, "--on", "2026-01-10")

    finished = run_at_once(cli.database)

    failed = [
        f"{' '.join(p.args)}: exit {p.returncode}: {p.stderr}" for p in finished if p.returncode
    ]
    assert not failed, "\n".join(failed)
    summary = cli.json("summary", "--json")
    assert summary["interactions"] == WRITERS // 4
    assert summary["ledger_entries"] == WRITERS // 4
    assert summary["organisations"] == 1
    # Ann, the writers and the guests (`people` leaves you out).
    assert summary["people"] == 1 + 2 * WRITERS // 4
    tagged = cli.json("person", "list", "--tag", "same-tag", "--json")
    assert sorted(p["name"] for p in tagged) == sorted(
        f"Writer {n}" for n in range(WRITERS) if n % 4 == 2
    )
    assert {p["org"] for p in tagged} == {"Same Org"}
    events = cli.json("event", "list", "--json")
    assert Counter({e["name"]: e["met"] for e in events}) == Counter({EVENT: WRITERS // 4})
    notes = {entry["note"] for entry in cli.json("ledger", "--json")["entries"]}
    assert notes == {f"help {n}" for n in range(WRITERS) if n % 4 == 1}
