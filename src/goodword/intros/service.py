"""Making an introduction: a give to both people, a tie between them and the interaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.interactions.models import Interaction, InteractionKind
from goodword.interactions.service import log_interaction
from goodword.people.models import Person
from goodword.people.queries import resolve_person
from goodword.people.service import get_owner
from goodword.referrals.models import LedgerEntry, LedgerKind
from goodword.referrals.service import record_give
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people, find_tie


@dataclass(frozen=True)
class Introduction:
    people: tuple[Person, Person]
    gives: tuple[LedgerEntry, LedgerEntry]
    tie: Relationship
    tie_was_new: bool
    interaction: Interaction


def introduce_people(
    session: Session, *, a_ref: str, b_ref: str, at: datetime, note: str | None = None
) -> Introduction:
    """You introduced the people `a_ref` and `b_ref` name to each other.

    Recorded as an introduction you gave each of them (two ledger entries), an `introduced`
    tie between them that you stated, and one e-mail between the three of you: an
    introduction is most often the e-mail that puts two people in touch. A tie they already
    had is never weakened: a specific kind (colleague, friend …) stays, only a plain `knows`
    becomes `introduced`; its strength, source and start are kept, the note is added.

    Raises: NotFound or Ambiguous for a REF; InvalidInput when a REF names you or both
    name the same person.
    """
    me = get_owner(session)
    a, b = resolve_person(session, a_ref), resolve_person(session, b_ref)
    if me.id in (a.id, b.id):
        raise InvalidInput("An introduction is between two of your contacts; name two others.")
    if a.id == b.id:
        raise InvalidInput(f"Both REFs name {a.name} (#{a.id}); name two different people.")
    text = f"{me.name} introduced {a.name} and {b.name}" + (f": {note}" if note else "")
    gives = (
        record_give(session, giver=me, receiver=a, kind=LedgerKind.INTRODUCTION, on=at.date(),
                    note=f"Introduced to {b.name}" + (f": {note}" if note else "")),
        record_give(session, giver=me, receiver=b, kind=LedgerKind.INTRODUCTION, on=at.date(),
                    note=f"Introduced to {a.name}" + (f": {note}" if note else "")),
    )  # fmt: skip
    before = find_tie(session, a.id, b.id)
    keep_kind = before is not None and before.kind != TieKind.KNOWS
    tie = connect_people(
        session,
        a=a,
        b=b,
        kind=TieKind.KNOWS if keep_kind else TieKind.INTRODUCED,
        note=f"Introduced by {me.name} on {at.date().isoformat()}",
        source=TieSource.STATED if before is None else before.source,
        since=at.date() if before is None else None,
    )
    interaction = log_interaction(
        session, people=[me, a, b], kind=InteractionKind.EMAIL, at=at, note=text, initiated_by=me
    )
    return Introduction(
        people=(a, b), gives=gives, tie=tie, tie_was_new=before is None, interaction=interaction
    )
