"""Logging interactions: one row per touch, with everyone who took part."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.people.models import Person
from goodword.people.service import get_owner
from goodword.storage.session import workspace_id
from goodword.text import clean_text, nfc


def log_interaction(
    session: Session,
    *,
    people: Sequence[Person],
    kind: InteractionKind,
    at: datetime,
    note: str | None = None,
    initiated_by: Person | None = None,
    external_id: str | None = None,
) -> Interaction:
    """Everyone in `people` took part (include the owner when they were there).

    Raises: InvalidInput when fewer than two distinct people took part.
    """
    unique = {p.id: p for p in people}
    if len(unique) < 2:
        raise InvalidInput("An interaction needs at least two people.")
    if initiated_by is not None and initiated_by.id not in unique:
        raise InvalidInput(f"{initiated_by.name} did not take part, so cannot have initiated it.")
    wid = workspace_id(session)
    interaction = Interaction(
        workspace_id=wid,
        kind=kind,
        at=at,
        note=clean_text(note or "") or None,
        initiated_by_id=initiated_by.id if initiated_by else None,
        external_id=external_id and nfc(external_id),
        participants=[Participant(workspace_id=wid, person_id=pid) for pid in unique],
    )
    session.add(interaction)
    session.flush()
    return interaction


def edit_interaction(
    session: Session,
    *,
    interaction: Interaction,
    kind: InteractionKind | None = None,
    at: datetime | None = None,
    note: str | None = None,
    they_initiated: bool | None = None,
) -> Interaction:
    """Changes what is given; an empty note clears it. "They" initiated it means the first
    other person who took part, unless someone other than you is already recorded.

    Raises: InvalidInput when you did not take part but are said to have reached out.
    """
    if kind is not None:
        interaction.kind = kind
    if at is not None:
        interaction.at = at
    if note is not None:
        interaction.note = clean_text(note) or None
    if they_initiated is not None:
        me = get_owner(session)
        taking_part = [p.person_id for p in interaction.participants]
        if not they_initiated:
            if me.id not in taking_part:
                raise InvalidInput(
                    f"You did not take part in interaction #{interaction.id}, "
                    "so cannot have initiated it."
                )
            interaction.initiated_by_id = me.id
        elif interaction.initiated_by_id in (None, me.id):
            interaction.initiated_by_id = next(pid for pid in taking_part if pid != me.id)
    session.flush()
    return interaction


def delete_interaction(session: Session, *, interaction: Interaction) -> None:
    """Removes the interaction from everyone's timeline; the people who took part stay."""
    session.delete(interaction)
    session.flush()
