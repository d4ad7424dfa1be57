"""Reading interactions: one by id, and a person's (or everyone's) newest first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword.interactions.models import Interaction, Participant
from goodword.interactions.schemas import InteractionView
from goodword.people.models import Person
from goodword.people.queries import summaries_by_id
from goodword.storage.session import get_scoped, workspace_id


def get_interaction(session: Session, interaction_id: int) -> Interaction:
    """Raises: NotFound naming the id."""
    return get_scoped(
        session,
        Interaction,
        interaction_id,
        what="interaction",
        hint="See `goodword interaction list`.",
    )


def list_interactions(
    session: Session, *, person: Person | None = None, limit: int | None = 100
) -> list[InteractionView]:
    """Newest first; only those `person` took part in when one is given."""
    stmt = (
        select(Interaction)
        .where(Interaction.workspace_id == workspace_id(session))
        .options(selectinload(Interaction.participants))
        .order_by(Interaction.at.desc(), Interaction.id.desc())
    )
    if person is not None:
        stmt = stmt.where(
            Interaction.id.in_(
                select(Participant.interaction_id).where(Participant.person_id == person.id)
            )
        )
    found = list(session.scalars(stmt.limit(limit) if limit else stmt))
    return views_of(session, found)


def views_of(session: Session, interactions: list[Interaction]) -> list[InteractionView]:
    """The read models, naming everyone who took part in a fixed number of queries."""
    ids = {p.person_id for i in interactions for p in i.participants}
    people = summaries_by_id(session, ids)
    return [InteractionView.of(i, people) for i in interactions]
