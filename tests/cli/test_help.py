"""Every command documents itself: help text on each command, group and parameter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer.main
from typer.testing import CliRunner

from cli.support import describe
from goodword.cli.main import app

ROOT = typer.main.get_command(app)


def walk(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


COMMANDS = dict(walk(ROOT))
IDS = [" ".join(path) or "goodword" for path in COMMANDS]


def test_the_tree_holds_every_documented_command() -> None:
    expected = {
        ("init",), ("db", "upgrade"), ("db", "current"), ("demo",), ("summary",),
        ("me",), ("me", "show"), ("me", "set"), ("icp", "add"), ("icp", "list"), ("icp", "remove"),
        ("person", "add"), ("person", "list"), ("person", "show"), ("person", "edit"),
        ("person", "merge"), ("person", "delete"), ("knows",), ("event", "add"), ("event", "list"),
        ("met",), ("log",), ("give",), ("got",), ("ledger",),
        ("referral", "add"), ("referral", "move"), ("referral", "list"),
        ("followup", "add"), ("followup", "done"), ("followup", "snooze"), ("followup", "list"),
    }  # fmt: skip

    assert expected <= COMMANDS.keys()


@pytest.mark.parametrize("path", COMMANDS, ids=IDS)
def test_every_command_has_help_text(path: tuple[str, ...]) -> None:
    command = COMMANDS[path]

    text = getattr(command, "help", None) or getattr(command, "short_help", None)

    assert text, f"`goodword {' '.join(path)}` has no help text"
    assert str(text).strip()


@pytest.mark.parametrize("path", COMMANDS, ids=IDS)
def test_help_option_exits_0_and_shows_usage(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])

    assert result.exit_code == 0, describe(result)
    assert "Usage:" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("path", COMMANDS, ids=IDS)
def test_every_option_and_argument_has_help_text(path: tuple[str, ...]) -> None:
    params = getattr(COMMANDS[path], "params", [])

    undocumented = [p.name for p in params if not (getattr(p, "help", None) or "").strip()]

    assert undocumented == [], f"`goodword {' '.join(path)}`: no help for {undocumented}"
