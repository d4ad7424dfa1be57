"""Errors about people, with messages that say what to do next."""

from __future__ import annotations

from collections.abc import Sequence

from goodword.errors import Ambiguous, Conflict, NotFound


def candidates_text(people: Sequence[tuple[int, str]]) -> str:
    return ", ".join(f"{name} (#{pid})" for pid, name in people)


def person_not_found(ref: str, near: Sequence[tuple[int, str]]) -> NotFound:
    if near:
        listed = " or ".join(f"{name} (#{pid})" for pid, name in near)
        return NotFound(f"No person matches '{ref}'. Did you mean {listed}?", hint="Pass the id.")
    return NotFound(
        f"No person matches '{ref}'.", hint="See `goodword person list --query …` for names."
    )


def person_ambiguous(ref: str, matches: Sequence[tuple[int, str]], *, shown: int = 10) -> Ambiguous:
    """Lists at most `shown` candidates; more than that are only counted as "more than"."""
    count = f"more than {shown}" if len(matches) > shown else str(len(matches))
    return Ambiguous(
        f"'{ref}' matches {count} people: {candidates_text(matches[:shown])}.",
        hint="Pass the id or e-mail to choose.",
    )


def handle_taken(value: str, owner: tuple[int, str]) -> Conflict:
    return Conflict(
        f"{value} already belongs to {owner[1]} (#{owner[0]}).",
        hint="Use `goodword person merge` if they are the same person.",
    )
