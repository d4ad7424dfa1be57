"""Read models of the advocate layer: every score carries its components and reasons."""

from __future__ import annotations

from pydantic import BaseModel

from goodword.people.schemas import PersonSummary
from goodword.profiles.schemas import PersonDetail


class AdvocateRow(BaseModel):
    person: PersonSummary
    score: float
    components: dict[str, float]
    reasons: list[str]
    roles: list[str]


class PersonScores(BaseModel):
    """What `person show` adds: how this person stands in the owner's network."""

    strength_to_me: float | None
    fit: float
    matched: list[str]
    advocate_score: float | None
    components: dict[str, float]
    roles: list[str]
    reasons: list[str]


class PersonCard(PersonDetail):
    """`person show`: the person's whole story and where they stand in your network."""

    scores: PersonScores
