"""Everyday commands start without loading what they do not use (bench/cli_start.py times it)."""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from cli.support import Cli, Database
from goodword.cli.main import app

# Each costs start-up time that these commands would pay for nothing: Alembic a fifth of a
# second (the schema is read without it unless it must change), the importers and exporters
# their parsers and calendar libraries, phonenumbers and email_validator a tenth between them
# (needed only to normalise what is typed), rapidfuzz only for a name that matches nobody.
NOT_AT_START = (
    "alembic",
    "goodword.io",
    "goodword.demo",
    "icalendar",
    "recurring_ical_events",
    "vobject",
    "phonenumbers",
    "email_validator",
    "rapidfuzz",
)

EVERYDAY = {
    "summary": ["summary", "--json"],
    "person show": ["person", "show", "Ann Lee", "--json"],
    "log": ["log", "Ann Lee", "--kind", "coffee"],
    "agenda": ["agenda", "--json"],
}


def imported_by(target: str, args: list[str]) -> set[str]:
    """Every module the real command imports, from Python's own import log."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}
    command = [sys.executable, "-X", "importtime", "-m", "goodword", "--db", target, *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize("args", EVERYDAY.values(), ids=EVERYDAY.keys())
def test_an_everyday_command_loads_no_migrations_importers_or_parsers(
    args: list[str], sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "goodword.db"
    shutil.copyfile(sqlite_template, path)
    Cli(Database("sqlite", str(path), None)).ok("person", "add", "Ann Lee")

    loaded = imported_by(str(path), args)

    assert "goodword.workspace" in loaded  # the log is read right
    unused = [p for p in NOT_AT_START if any(m == p or m.startswith(f"{p}.") for m in loaded)]
    assert not unused, f"`goodword {' '.join(args)}` imported {', '.join(unused)}"


@pytest.mark.parametrize("command", ["summary", "log"])
def test_an_everyday_command_without_tie_strengths_loads_no_numpy(
    command: str, sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "goodword.db"
    shutil.copyfile(sqlite_template, path)
    Cli(Database("sqlite", str(path), None)).ok("person", "add", "Ann Lee")

    assert "numpy" not in imported_by(str(path), EVERYDAY[command])


def callbacks(group: typer.Typer) -> Iterator[Callable[..., Any]]:
    if group.registered_callback and group.registered_callback.callback:
        yield group.registered_callback.callback
    for command in group.registered_commands:
        if command.callback:
            yield command.callback
    for sub in group.registered_groups:
        if sub.typer_instance:
            yield from callbacks(sub.typer_instance)


def test_typer_reads_commands_whose_annotations_are_already_evaluated() -> None:
    # String annotations (`from __future__ import annotations`) are evaluated anew at every
    # start; see goodword/cli/__init__.py.
    found = list(callbacks(app))
    as_text = [
        f"{f.__module__}.{f.__name__}"
        for f in found
        if any(isinstance(a, str) for a in inspect.get_annotations(f).values())
    ]
    assert len(found) > 30  # every command, not a few
    assert not as_text, f"string annotations in {as_text}"
