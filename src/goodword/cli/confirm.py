"""One rule for every command that deletes: say what goes with it, and ask before it goes."""

from __future__ import annotations

import sys

import typer

from goodword.cli import render
from goodword.errors import InvalidInput


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def confirm_delete(what: str, *, yes: bool) -> None:
    """Returns when the deletion may go ahead; `what` names it and what goes with it.

    A script has nobody to answer a prompt, so without a terminal it is told to pass --yes
    instead of waiting for an answer.

    Raises: InvalidInput without --yes and without a terminal.
    """
    if yes:
        return
    if not stdin_is_terminal():
        raise InvalidInput(f"{what} Pass --yes to confirm.")
    if not typer.confirm(f"{what} Delete?", default=False):
        render.warn("Nothing deleted.")
        raise typer.Exit(1)
