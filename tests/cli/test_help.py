"""Every command documents itself: help text on each command, group and parameter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

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
        ("person", "merge"), ("person", "delete"),
        ("note", "add"), ("note", "list"), ("note", "edit"), ("note", "delete"), ("knows",),
        ("event", "add"), ("event", "list"), ("event", "edit"), ("event", "delete"),
        ("met",), ("log",),
        ("interaction", "list"), ("interaction", "edit"), ("interaction", "delete"),
        ("give",), ("got",), ("ledger",),
        ("ledger", "show"), ("ledger", "edit"), ("ledger", "delete"),
        ("referral", "add"), ("referral", "give"), ("referral", "move"), ("referral", "list"),
        ("referral", "edit"), ("referral", "delete"),
        ("followup", "add"), ("followup", "done"), ("followup", "snooze"), ("followup", "list"),
        ("followup", "edit"), ("followup", "delete"),
        ("advocates",), ("prospects",), ("path",), ("who-knows",),
        ("suggest-intros",), ("introduce",),
        ("brief",),
        ("report", "roi"),
        ("agenda",), ("tier",), ("settings", "list"), ("settings", "set"),
        ("serve",),
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


# Help is read as a user sees it, whichever Typer is installed: Rich's table borders and padding
# are dropped, colour codes too, and the terminal is wide enough that no row wraps (Typer's own
# TERMINAL_WIDTH, if exported in the shell, is read once per process and still wins).
BORDERS = " │╭╮╰╯─"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
WIDTH = 200


def help_rows(path: tuple[str, ...]) -> list[str]:
    result = CliRunner().invoke(
        app,
        [*path, "--help"],
        prog_name="goodword",
        env={"COLUMNS": str(WIDTH)},
        terminal_width=WIDTH,
    )
    assert result.exit_code == 0, describe(result)
    lines = (
        " ".join(ANSI.sub("", line).strip(BORDERS).split()) for line in result.stdout.splitlines()
    )
    return [line.removeprefix("* ") for line in lines if line]


def options_of(path: tuple[str, ...]) -> list[Any]:
    return [p for p in getattr(COMMANDS[path], "params", []) if p.param_type_name == "option"]


def test_person_add_help_names_each_value_and_shows_flags_bare() -> None:
    rows = help_rows(("person", "add"))

    assert "Usage: goodword person add [OPTIONS] NAME" in rows
    assert any(row.startswith("NAME ") and "Their full name." in row for row in rows)
    assert "--email EMAIL E-mail (repeatable)." in rows
    assert "--phone PHONE Phone number (repeatable)." in rows
    assert "--tag TAG Tag (repeatable)." in rows
    assert "--org ORG Organisation they work for." in rows
    assert "--birthday DATE Birthday as YYYY-MM-DD, or --MM-DD without the year." in rows
    assert "--introduced-by REF Who introduced you." in rows
    assert any(row.startswith("--organisation An organisation's own contact") for row in rows)
    assert "--json Print JSON on stdout and nothing else." in rows
    assert "--help Show this message and exit." in rows


def test_import_help_names_format_and_file_and_shows_flags_bare() -> None:
    rows = help_rows(("import",))

    assert "Usage: goodword import [OPTIONS] [FORMAT] FILE" in rows
    assert any(row.startswith("[FORMAT] FILE ") and "The file" in row for row in rows)
    assert any(row.startswith("--since DATE ics, mbox: only meetings and mail") for row in rows)
    assert "--dry-run Report what would change; change nothing." in rows
    assert "--json Print JSON on stdout and nothing else." in rows


@pytest.mark.parametrize("path", COMMANDS, ids=IDS)
def test_help_shows_no_python_types_or_braced_names(path: tuple[str, ...]) -> None:
    text = "\n".join(help_rows(path))

    assert not re.search(r"<(str|int|float|bool|path|file|list\[.*?\])>|\{\w+\}", text), text


@pytest.mark.parametrize("path", COMMANDS, ids=IDS)
def test_flags_are_shown_without_a_value(path: tuple[str, ...]) -> None:
    rows = help_rows(path)
    flags = [p for p in options_of(path) if p.is_flag and not p.hidden]

    for flag in flags:  # an on/off pair (`--organisation/--person`) shows both names
        names = " ".join([flag.opts[0], *flag.secondary_opts])
        expected = f"{names} {flag.help.split()[0]}"
        assert any(row.startswith(expected) for row in rows), (expected, rows)


@pytest.mark.parametrize("path", COMMANDS, ids=IDS)
def test_every_value_is_named_and_repeatable_options_say_so(path: tuple[str, ...]) -> None:
    params = getattr(COMMANDS[path], "params", [])
    valued = [p for p in params if p.param_type_name == "argument" or not p.is_flag]

    unnamed = [p.name for p in valued if not p.metavar or p.metavar != p.metavar.upper()]
    unmarked = [
        p.name
        for p in valued
        if getattr(p, "multiple", False) and "(repeatable)" not in (p.help or "")
    ]

    assert unnamed == [], f"`goodword {' '.join(path)}`: give {unnamed} an upper-case metavar"
    assert unmarked == [], f"`goodword {' '.join(path)}`: say '(repeatable)' in {unmarked}"
