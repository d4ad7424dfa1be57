"""The read model of one person with everything around them."""

from __future__ import annotations

from pydantic import BaseModel

from goodword.people.schemas import AddressView, PersonSummary


class TimelineItem(BaseModel):
    """One dated thing in a person's history; `type` is the kind within the domain."""

    on: str
    domain: str
    type: str
    id: int
    summary: str
    people: list[int] = []


class TieView(BaseModel):
    """`kind` is the role the other person plays for this one (mentor, introduced by …)."""

    person: PersonSummary
    strength: float
    kind: str
    source: str
    evidence: str
    since: str | None = None
    note: str | None = None


class PhoneView(BaseModel):
    """A phone with its label (mobile, work, fax) and as people write it in the workspace's
    country; `value` stays the stored E.164 form scripts match on."""

    value: str
    label: str | None
    display: str


class PersonDetail(PersonSummary):
    birthday: str | None = None
    addresses: list[AddressView] = []
    phone_numbers: list[PhoneView] = []
    notes: list[str] = []
    timeline: list[TimelineItem] = []
    ties: list[TieView] = []
