"""Read models for interactions."""

from __future__ import annotations

from pydantic import BaseModel

from goodword.interactions.models import Interaction
from goodword.people.schemas import PersonSummary


class InteractionView(BaseModel):
    """One touch; `people` is everyone who took part (you among them when you were there),
    `initiated_by` the id of whoever reached out, when known."""

    id: int
    kind: str
    at: str
    note: str | None
    people: list[PersonSummary]
    initiated_by: int | None

    @classmethod
    def of(cls, interaction: Interaction, people: dict[int, PersonSummary]) -> InteractionView:
        return cls(
            id=interaction.id,
            kind=interaction.kind.value,
            at=interaction.at.isoformat(),
            note=interaction.note,
            people=[people[p.person_id] for p in interaction.participants],
            initiated_by=interaction.initiated_by_id,
        )
