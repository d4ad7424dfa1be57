"""What stating a known tie again changes: pure, shared by `knows` and imported lists."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from goodword.relationships.kinds import TieKind, TieSource


class TieFields(Protocol):
    """The stored tie's changeable fields (a `Relationship` row has them)."""

    kind: TieKind
    reversed: bool
    strength: float | None
    note: str | None
    source: TieSource
    since: date | None


def restate_tie(
    tie: TieFields,
    *,
    kind: TieKind,
    reversed_: bool,
    strength: float | None,
    note: str | None,
    source: TieSource,
    since: date | None,
) -> None:
    """Updates `tie` in place with what was stated again (`reversed_`: the new first person
    is the tie's person B).

    A stated tie overrides an inferred one; an inferred one never weakens a stated one. A
    specific kind is never replaced by plain "knows", a missing strength keeps the stored
    one, a new note is appended, and the earliest known start is kept.
    """
    if source != TieSource.STATED and tie.source == TieSource.STATED:
        return
    if kind != TieKind.KNOWS or tie.kind == TieKind.KNOWS:
        tie.kind, tie.reversed = kind, reversed_
    if strength is not None:
        tie.strength = strength
    if note and not (tie.note and note in tie.note):
        tie.note = f"{tie.note}\n{note}" if tie.note else note
    tie.since = min(d for d in (tie.since, since) if d) if (tie.since or since) else None
    if source == TieSource.STATED:
        tie.source = source
