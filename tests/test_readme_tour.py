"""The README's five-minute tour works, command by command, on the demo network."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goodword.cli.main import app

README = (Path(__file__).parents[1] / "README.md").read_text()
TOUR = README.split("## A five-minute tour", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
COMMANDS = [
    shlex.split(re.sub(r"\s+#.*$", "", line))[1:]
    for line in TOUR.splitlines()
    if line.startswith("goodword ")
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The network `make run` fills: the default demo."""
    path = str(tmp_path_factory.mktemp("tour") / "goodword.db")
    result = CliRunner().invoke(app, ["--db", path, "demo"])
    assert result.exit_code == 0, result.output
    return path


def test_the_tour_has_commands() -> None:
    assert len(COMMANDS) >= 8


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_each_tour_command_works_on_the_demo(demo_db: str, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", demo_db, *args])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert (
        "(0" not in result.stdout.splitlines()[0]
    )  # e.g. "People (0)": the example finds something


RECORDING = README.split("Record your own networking as it happens", 1)[1]
RECORDING = RECORDING.split("```sh", 1)[1].split("```", 1)[0]
STEPS = [
    shlex.split(re.sub(r"\s+#.*$", "", line))[1:]
    for line in RECORDING.splitlines()
    if line.startswith("goodword ")
]


def test_recording_your_own_networking_works_step_by_step(tmp_path: Path) -> None:
    db = str(tmp_path / "mine.db")
    assert len(STEPS) >= 10
    for args in STEPS:
        result = CliRunner().invoke(app, ["--db", db, *args])
        assert result.exit_code == 0, f"{' '.join(args)}: {result.output}"
