"""One rule for every command that deletes: say what goes with it, and ask before it goes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from goodword.cli import render

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from goodword.workspace import Workspace


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def confirm_delete(workspace: Workspace, *, yes: bool, describe: Callable[[Session], str]) -> None:
    """Returns when the deletion may go ahead; otherwise exits 1 with nothing changed.

    `describe` names the thing and what goes with it ("Deleting event … also removes …").
    It only reads, without the write lock, and the prompt waits outside any transaction,
    so a user thinking it over never holds up anyone else. A script has nobody to answer
    a prompt, so without a terminal it is told to pass --yes instead of waiting.
    """
    if yes:
        return
    with workspace.read() as session:
        question = describe(session)
    ask_to_delete(question, yes=False)


def ask_to_delete(question: str, *, yes: bool) -> None:
    """`confirm_delete` for a caller that has already read what it will say."""
    if yes:
        return
    if not stdin_is_terminal():
        render.error(f"{question} Pass --yes to confirm.")
        raise typer.Exit(1)
    if not render.ask(f"{question} Delete?"):
        render.warn("Nothing deleted.")
        raise typer.Exit(1)


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 tie`, `2 ties`, `3 ledger entries`: how a deletion message counts what goes."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
