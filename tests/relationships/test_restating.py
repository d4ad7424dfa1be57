"""Stating a known tie again: what changes and what is kept, without a database."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.restating import restate_tie


@dataclass
class Tie:
    kind: TieKind = TieKind.COLLEAGUE
    reversed: bool = False
    strength: float | None = 0.4
    note: str | None = "Met at the summit"
    source: TieSource = TieSource.STATED
    since: date | None = date(2020, 5, 1)


def restated(
    tie: Tie,
    *,
    kind: TieKind = TieKind.KNOWS,
    reversed_: bool = False,
    strength: float | None = None,
    note: str | None = None,
    source: TieSource = TieSource.STATED,
    since: date | None = None,
) -> Tie:
    changed = replace(tie)
    restate_tie(
        changed,
        kind=kind,
        reversed_=reversed_,
        strength=strength,
        note=note,
        source=source,
        since=since,
    )
    return changed


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ({}, Tie()),
        ({"kind": TieKind.MENTOR, "reversed_": True}, Tie(kind=TieKind.MENTOR, reversed=True)),
        ({"reversed_": True}, Tie()),  # plain "knows" never replaces a kind, nor its direction
        ({"strength": 0.9}, Tie(strength=0.9)),
        ({"note": "Signed in March"}, Tie(note="Met at the summit\nSigned in March")),
        ({"note": "Met at the summit"}, Tie()),
        ({"note": "the summit"}, Tie()),  # already there: the rest of the note stays
        ({"since": date(2018, 1, 1)}, Tie(since=date(2018, 1, 1))),
        ({"since": date(2024, 1, 1)}, Tie()),
    ],
)
def test_a_stated_tie_updates_what_was_stated_and_keeps_the_rest(
    stated: dict[str, Any], expected: Tie
) -> None:
    assert restated(Tie(), **stated) == expected


def test_restating_one_of_several_notes_keeps_them_all() -> None:
    """A list imported again after `knows --note` added a line must not cut the note back."""
    tie = Tie(note="Met at the summit\nSigned in March")
    assert restated(tie, note="Met at the summit") == tie


def test_plain_knows_takes_a_direction_only_from_another_knows() -> None:
    assert restated(Tie(kind=TieKind.KNOWS), reversed_=True) == Tie(
        kind=TieKind.KNOWS, reversed=True
    )


def test_an_inferred_tie_never_touches_a_stated_one() -> None:
    tie = Tie()
    assert restated(tie, kind=TieKind.FRIEND, strength=0.1, source=TieSource.INFERRED) == tie


def test_a_stated_tie_takes_over_an_inferred_one() -> None:
    inferred = Tie(kind=TieKind.KNOWS, strength=None, note=None, source=TieSource.INFERRED)
    assert restated(inferred, kind=TieKind.FRIEND, strength=0.8) == Tie(
        kind=TieKind.FRIEND, strength=0.8, note=None
    )
