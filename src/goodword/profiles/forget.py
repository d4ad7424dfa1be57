"""Deleting a person completely: their data leaves every table (the right to be forgotten)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.followups.models import Followup
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Note, Person
from goodword.referrals.models import LedgerEntry, Referral, ReferralVia
from goodword.relationships.models import Relationship


@dataclass(frozen=True)
class Footprint:
    """How much about a person a delete takes with them, for the question asked first."""

    ties: int
    interactions: int
    ledger_entries: int
    referrals: int
    followups: int
    notes: int


def person_footprint(session: Session, *, person: Person) -> Footprint:
    """Raises: InvalidInput for the owner, before anyone is asked to confirm."""
    _not_the_owner(person)
    pid = person.id
    via = select(ReferralVia.referral_id).where(ReferralVia.person_id == pid)

    def count(query: Select[Any]) -> int:
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0

    return Footprint(
        ties=count(
            select(Relationship.id).where(
                or_(Relationship.person_a_id == pid, Relationship.person_b_id == pid)
            )
        ),
        interactions=count(select(Participant.interaction_id).where(Participant.person_id == pid)),
        ledger_entries=count(
            select(LedgerEntry.id).where(
                or_(LedgerEntry.giver_id == pid, LedgerEntry.receiver_id == pid)
            )
        ),
        referrals=count(
            select(Referral.id).where(
                or_(
                    Referral.referrer_id == pid,
                    Referral.prospect_id == pid,
                    Referral.receiver_id == pid,
                    Referral.id.in_(via),
                )
            )
        ),
        followups=count(select(Followup.id).where(Followup.person_id == pid)),
        notes=count(select(Note.id).where(Note.person_id == pid)),
    )


def delete_person(session: Session, *, person: Person) -> None:
    """Removes the person and every row about them.

    Referrals they took part in go too (the schema cascades), and interactions left with
    only one person, because what remains would still describe them.

    Raises: InvalidInput for the owner.
    """
    _not_the_owner(person)
    pid = person.id
    touched = select(Participant.interaction_id).where(Participant.person_id == pid)
    interaction_ids = list(session.scalars(touched))
    # Every column that names a person cascades (initiated_by is set to NULL), so deleting
    # the person deletes their rows; what the database cannot know is which interactions
    # are left describing them alone.
    session.expire_all()
    session.execute(delete(Person).where(Person.id == pid))
    if interaction_ids:
        alone = (
            select(Participant.interaction_id)
            .where(Participant.interaction_id.in_(interaction_ids))
            .group_by(Participant.interaction_id)
            .having(func.count() >= 2)
        )
        session.execute(
            delete(Interaction)
            .where(Interaction.id.in_(interaction_ids), Interaction.id.not_in(alone))
            .execution_options(synchronize_session=False)
        )
    session.flush()


def _not_the_owner(person: Person) -> None:
    if person.is_me:
        raise InvalidInput("The owner cannot be deleted.", hint="Delete the database instead.")
