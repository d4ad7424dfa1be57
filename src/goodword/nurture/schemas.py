"""Read models of nurture: the agenda, and what `person show` adds (tier and ladder)."""

from __future__ import annotations

from pydantic import BaseModel

from goodword.advocates.schemas import PersonCard
from goodword.people.schemas import PersonSummary


class AgendaReason(BaseModel):
    """One reason to contact someone; `followup_id` names the follow-up that answers it."""

    kind: str
    action: str
    reason: str
    priority: float
    due_on: str
    followup_id: int | None = None


class AgendaItem(BaseModel):
    """One person's entry: the most urgent reason, the others under `also`."""

    person: PersonSummary
    action: str
    reason: str
    priority: float
    due_on: str
    kind: str
    followup_id: int | None = None
    also: list[AgendaReason] = []


class LaterItem(BaseModel):
    """What waits for another day, named briefly: `--all` shows each in full."""

    person_id: int
    name: str
    kind: str
    action: str
    priority: float
    due_on: str


class Agenda(BaseModel):
    """Today's `items` (at most `limit`), and what waits for `later`."""

    date: str
    limit: int
    items: list[AgendaItem]
    later: list[LaterItem]


class TierView(BaseModel):
    """`value` is the tier in force: the one set by you, else the suggested one."""

    value: str
    suggested: str
    set_by_you: bool
    cadence_days: int | None
    reason: str


class TierCount(BaseModel):
    """How many people a tier holds (`set_by_you` of them by hand, the rest as suggested)."""

    tier: str
    people: int
    set_by_you: int
    cadence_days: int | None


class TierSuggestion(BaseModel):
    """A contact whose tier is not yet the suggested one set by you; `rank` is their place
    among your contacts by advocate score."""

    person: PersonSummary
    score: float
    rank: int
    current: str
    set_by_you: bool
    suggested: str


class TierOverview(BaseModel):
    counts: list[TierCount]
    suggestions: list[TierSuggestion]


class LadderView(BaseModel):
    """Where the relationship stands, derived from the data; `rung` None: never met."""

    rung: str | None
    next: str | None
    next_step: str | None
    rungs: list[str]


class NurtureCard(PersonCard):
    """`person show`, with the stay-in-touch tier and the rung on the ladder."""

    tier: TierView
    ladder: LadderView
