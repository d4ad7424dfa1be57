"""A command line that guides: the command meant, and where the data went."""

from __future__ import annotations

import pytest

from cli.support import Cli, describe
from goodword.cli.main import near_command

COMMANDS = ["person", "event", "referral", "followup", "log", "knows", "import", "export"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("people", "person"),
        ("contacts", "person"),
        ("events", "event"),
        ("refferal", "referral"),
        ("follow-up", "followup"),
        ("imprt", "import"),
    ],
)
def test_a_mistyped_command_names_the_one_meant(typed: str, meant: str) -> None:
    assert near_command(typed, COMMANDS) == meant


def test_a_word_like_no_command_suggests_nothing() -> None:
    assert near_command("xyzzy", COMMANDS) is None


def test_an_unknown_command_is_a_usage_error_suggesting_the_near_one(cli: Cli) -> None:
    result = cli("people", "list")
    assert result.exit_code == 2, describe(result)
    assert result.stdout == ""
    assert "No such command 'people'. Did you mean 'person'?" in result.stderr
