"""Timing goodword as a user runs it: whole processes, wall and CPU time, against a baseline.

Shared by the benchmarks that run commands (`cli_start.py`, `agenda.py`, `network.py`).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

# Bare Python importing what every command needs: the floor a command can start in.
BASELINE = [sys.executable, "-c", "import sqlalchemy.orm, typer, rich"]
# Commands keep compiled bytecode as an installed goodword does, even where the environment
# says not to write it (recompiling every module would time the compiler, not the command).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def goodword() -> list[str]:
    """The installed command, as a user runs it; `python -m goodword` where it is missing."""
    script = Path(sys.executable).with_name("goodword")
    return [str(script)] if script.exists() else [sys.executable, "-m", "goodword"]


def cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def elapsed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    cpu, started = cpu_seconds(), time.perf_counter()
    subprocess.run(
        command, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started, cpu_seconds() - cpu


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, list[tuple[float, float]]]:
    """Each command `runs` times, taken in turn, so a change in the machine's load falls on
    all of them alike."""
    for command in commands.values():  # warm the file cache and write bytecode first
        elapsed(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(elapsed(command))
    return times
