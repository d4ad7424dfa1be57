"""Logging interactions: one row per touch, with everyone who took part."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.people.models import Person
from goodword.storage.session import workspace_id


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
        note=note.strip() if note else None,
        initiated_by_id=initiated_by.id if initiated_by else None,
        external_id=external_id,
        participants=[Participant(workspace_id=wid, person_id=pid) for pid in unique],
    )
    session.add(interaction)
    session.flush()
    return interaction
