"""Deleting a person completely: their data leaves every table (the right to be forgotten)."""

from __future__ import annotations

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.events.models import Attendance
from goodword.followups.models import Followup
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Employment, Handle, Note, Person, PersonTag
from goodword.referrals.models import LedgerEntry, Referral, ReferralVia
from goodword.relationships.models import Relationship


def delete_person(session: Session, *, person: Person) -> None:
    """Removes the person and every row about them.

    Referrals they took part in go too, and interactions left with only one person,
    because what remains would still describe them.

    Raises: InvalidInput for the owner.
    """
    if person.is_me:
        raise InvalidInput("The owner cannot be deleted.", hint="Delete the database instead.")
    pid = person.id
    touched = select(Participant.interaction_id).where(Participant.person_id == pid)
    interaction_ids = list(session.scalars(touched))
    statements = [
        delete(Referral).where(
            or_(
                Referral.referrer_id == pid,
                Referral.prospect_id == pid,
                Referral.receiver_id == pid,
            )
        ),
        delete(ReferralVia).where(ReferralVia.person_id == pid),
        delete(LedgerEntry).where(or_(LedgerEntry.giver_id == pid, LedgerEntry.receiver_id == pid)),
        delete(Participant).where(Participant.person_id == pid),
        update(Interaction).where(Interaction.initiated_by_id == pid).values(initiated_by_id=None),
        delete(Attendance).where(Attendance.person_id == pid),
        delete(Relationship).where(
            or_(Relationship.person_a_id == pid, Relationship.person_b_id == pid)
        ),
        delete(Followup).where(Followup.person_id == pid),
        delete(Note).where(Note.person_id == pid),
        delete(PersonTag).where(PersonTag.person_id == pid),
        delete(Employment).where(Employment.person_id == pid),
        delete(Handle).where(Handle.person_id == pid),
    ]
    for statement in statements:
        session.execute(statement.execution_options(synchronize_session=False))
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
    session.expire_all()
    session.execute(delete(Person).where(Person.id == pid))
    session.flush()
