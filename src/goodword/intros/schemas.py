"""Read models of warm-introduction paths, prospects and who-knows answers."""

from __future__ import annotations

from pydantic import BaseModel

from goodword.people.schemas import PersonSummary


class PathView(BaseModel):
    """`ask` is the contact to ask for the introduction (the target itself when you know
    them directly); `via` the people between `ask` and `target`."""

    target: PersonSummary
    ask: PersonSummary
    via: list[PersonSummary]
    strength: float
    hops: int
    reason: str


class ProspectRow(BaseModel):
    person: PersonSummary
    fit: float
    matched: list[str]
    best_path: PathView | None
    reasons: list[str]


class KnownTarget(BaseModel):
    target: PersonSummary
    strength: float
    hops: int


class WhoKnowsRow(BaseModel):
    """A contact of yours and the people matching the query they can reach."""

    person: PersonSummary
    strength: float
    knows: list[KnownTarget]
    reason: str


class IntroSuggestion(BaseModel):
    """Two of your contacts worth introducing: `reason` joins `reasons`, each naming the
    tags or industries that matched; `score` adds up what each match is worth."""

    people: list[PersonSummary]
    reason: str
    reasons: list[str]
    score: float


class IntroductionView(BaseModel):
    """What `introduce` recorded: a ledger entry to each person, their tie (`tie_kind` as
    stored: `introduced`, or the specific kind they already had) and the interaction."""

    people: list[PersonSummary]
    ledger_entry_ids: list[int]
    tie_kind: str
    tie_was_new: bool
    interaction_id: int
