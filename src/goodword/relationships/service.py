"""Stating who knows whom. A pair has one tie; stating it again updates it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.people.models import Person
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.restating import restate_tie
from goodword.storage.session import workspace_id
from goodword.text import nfc, parse_strength


def find_tie(session: Session, a_id: int, b_id: int) -> Relationship | None:
    low, high = sorted((a_id, b_id))
    return session.scalar(
        select(Relationship).where(
            Relationship.workspace_id == workspace_id(session),
            Relationship.person_a_id == low,
            Relationship.person_b_id == high,
        )
    )


def connect_people(
    session: Session,
    *,
    a: Person,
    b: Person,
    kind: TieKind = TieKind.KNOWS,
    strength: float | None = None,
    note: str | None = None,
    source: TieSource = TieSource.STATED,
    since: date | None = None,
) -> Relationship:
    """`a` plays the kind's first role (a mentor of b, a introduced b …).

    A stated tie overrides an inferred one; an inferred one never weakens a stated one.

    Raises: InvalidInput for a tie to oneself or a strength outside 0..1.
    """
    if a.id == b.id:
        raise InvalidInput(f"{a.name} cannot have a tie with themselves.")
    strength = parse_strength(strength)
    note = note and nfc(note)
    tie = find_tie(session, a.id, b.id)
    if tie is None:
        low, high = sorted((a.id, b.id))
        tie = Relationship(
            workspace_id=workspace_id(session),
            person_a_id=low,
            person_b_id=high,
            kind=kind,
            reversed=a.id != low,
            strength=strength,
            note=note,
            source=source,
            since=since,
        )
        session.add(tie)
    else:
        restate_tie(
            tie,
            kind=kind,
            reversed_=a.id != tie.person_a_id,
            strength=strength,
            note=note,
            source=source,
            since=since,
        )
    session.flush()
    return tie


def infer_ties(session: Session, *, pairs: Iterable[tuple[int, int]], since: date) -> int:
    """A plain `knows` tie, source inferred, for each pair of person ids that has none yet;
    returns how many were created. `since` is the day of the evidence that implied them.

    A pair already tied is left exactly as it is: what happened adds no new fact about a
    tie someone stated or imported, and its strength is computed from the interactions anyway.
    The rule for which pairs an event implies is in `relationships.inference`.
    """
    wanted = {(a, b) if a < b else (b, a) for a, b in pairs if a != b}
    if not wanted:
        return 0
    wid = workspace_id(session)
    lows = sorted({a for a, _ in wanted})
    stored = session.execute(
        select(Relationship.person_a_id, Relationship.person_b_id).where(
            Relationship.workspace_id == wid, Relationship.person_a_id.in_(lows)
        )
    )
    missing = wanted - {(a, b) for a, b in stored}
    session.add_all(
        Relationship(
            workspace_id=wid,
            person_a_id=a,
            person_b_id=b,
            kind=TieKind.KNOWS,
            reversed=False,
            source=TieSource.INFERRED,
            since=since,
        )
        for a, b in sorted(missing)
    )
    session.flush()
    return len(missing)
