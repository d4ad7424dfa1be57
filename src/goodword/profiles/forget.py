"""Deleting a person completely: their data leaves every table (the right to be forgotten)."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.interactions.models import Interaction, Participant
from goodword.people.models import Person


def delete_person(session: Session, *, person: Person) -> None:
    """Removes the person and every row about them.

    Referrals they took part in go too (the schema cascades), and interactions left with
    only one person, because what remains would still describe them.

    Raises: InvalidInput for the owner.
    """
    if person.is_me:
        raise InvalidInput("The owner cannot be deleted.", hint="Delete the database instead.")
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
