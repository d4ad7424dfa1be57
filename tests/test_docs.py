"""Docs are checked: every command is in the README, every error has an exit code and status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main

from goodword.cli.main import app
from goodword.errors import ERROR_CLASSES, GoodwordError

README = (Path(__file__).parents[1] / "README.md").read_text()


def command_paths(command: Any, prefix: str = "goodword") -> list[str]:
    # Typer ships its own copy of click, so groups are recognised by their sub-commands.
    if hasattr(command, "commands"):
        paths = []
        for name, sub in command.commands.items():
            paths += command_paths(sub, f"{prefix} {name}")
        return paths
    return [prefix]


COMMANDS = command_paths(typer.main.get_command(app))


def test_every_command_is_found() -> None:
    assert "goodword person add" in COMMANDS
    assert len(COMMANDS) > 25


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_is_in_the_readme(path: str) -> None:
    *groups, leaf = path.split()
    group = " ".join(groups)
    assert f"`{path}" in README or (f"`{group} " in README and f"{leaf}" in README), path


@pytest.mark.parametrize("error", ERROR_CLASSES)
def test_every_error_has_an_exit_code_and_http_status(error: type[GoodwordError]) -> None:
    assert error.exit_code == 1
    assert 400 <= error.http_status < 600


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```")[1]
    assert "make run" in first_block
    assert "make test" in first_block
