"""What the API's JSON bodies and the pages' forms carry, and the write each one makes.

Both edges parse into the same models and call the same use case below, so a form and a
JSON request can never do different things.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from goodword.events.queries import resolve_event
from goodword.events.service import add_event
from goodword.followups.queries import followup_views
from goodword.followups.schemas import FollowupView
from goodword.interactions.models import InteractionKind
from goodword.interactions.queries import views_of
from goodword.interactions.schemas import InteractionView
from goodword.nurture.service import snooze_entry
from goodword.people.models import Person
from goodword.people.queries import summary_of
from goodword.people.schemas import PersonSummary
from goodword.people.service import PersonFields, edit_person
from goodword.profiles.service import add_contact, log_my_interaction
from goodword.text import parse_when

_SHORT = 200
_NOTE = 4000


def _blank_is_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


class PersonEdit(BaseModel):
    """Basic fields; a field left out (or blank) stays as it is."""

    name: str | None = Field(default=None, max_length=_SHORT)
    email: str | None = Field(default=None, max_length=_SHORT, description="An e-mail to add.")
    org: str | None = Field(default=None, max_length=_SHORT)
    title: str | None = Field(default=None, max_length=_SHORT)
    industry: str | None = Field(default=None, max_length=_SHORT)
    city: str | None = Field(default=None, max_length=_SHORT)
    country: str | None = Field(default=None, max_length=_SHORT)

    def fields(self) -> PersonFields:
        email = _blank_is_none(self.email)
        return PersonFields(
            name=_blank_is_none(self.name),
            emails=(email,) if email else (),
            org=_blank_is_none(self.org),
            title=_blank_is_none(self.title),
            industry=_blank_is_none(self.industry),
            city=_blank_is_none(self.city),
            country=_blank_is_none(self.country),
        )


class InteractionInput(BaseModel):
    kind: InteractionKind = InteractionKind.COFFEE
    at: str | None = Field(
        default=None, max_length=40, description="YYYY-MM-DD or YYYY-MM-DDTHH:MM; default now."
    )
    note: str | None = Field(default=None, max_length=_NOTE)
    they_initiated: bool = False


class SnoozeInput(BaseModel):
    """Put a person's agenda entry off: the entry's follow-ups are snoozed; without any, the
    entry returns on `until` as a follow-up carrying `reason`."""

    until: date = Field(description="The day it comes back, YYYY-MM-DD; after today.")
    followup_id: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        default=[], max_length=100, description="The entry's follow-ups (its `followup_id`s)."
    )
    reason: str | None = Field(default=None, max_length=_NOTE)


class CaptureInput(BaseModel):
    """Someone met at an event: the event by id, or a new one by name (held today)."""

    name: str = Field(min_length=1, max_length=_SHORT)
    event_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    new_event: str | None = Field(default=None, max_length=_SHORT)
    org: str | None = Field(default=None, max_length=_SHORT)
    email: str | None = Field(default=None, max_length=_SHORT)
    note: str | None = Field(default=None, max_length=_NOTE)

    @field_validator("event_id", mode="before")
    @classmethod
    def _no_event(cls, value: object) -> object:
        # A form's "— none —" option sends an empty string.
        return None if isinstance(value, str) and not value.strip() else value


class CaptureResult(BaseModel):
    person: PersonSummary
    event_id: int | None
    event_name: str | None


def edit_basics(session: Session, *, person: Person, edit: PersonEdit) -> PersonSummary:
    """Raises: InvalidInput or Conflict for a bad or taken value."""
    edit_person(session, person=person, fields=edit.fields())
    return summary_of(session, person.id)


def log_with(
    session: Session, *, person: Person, entry: InteractionInput, now: datetime
) -> InteractionView:
    """Raises: InvalidInput for a bad date, or when the person is you."""
    at = parse_when(entry.at, what="interaction date") if entry.at else now
    interaction, _ = log_my_interaction(
        session,
        refs=[str(person.id)],
        kind=entry.kind,
        at=at,
        note=_blank_is_none(entry.note),
        they_initiated=entry.they_initiated,
    )
    (view,) = views_of(session, [interaction])
    return view


def snooze_with(
    session: Session, *, person: Person, entry: SnoozeInput, today: date
) -> list[FollowupView]:
    """Raises: InvalidInput for a day not after today or a follow-up not theirs; NotFound;
    Conflict for a follow-up already done."""
    held = snooze_entry(
        session,
        person=person,
        until=entry.until,
        today=today,
        followup_ids=entry.followup_id,
        reason=_blank_is_none(entry.reason),
    )
    return followup_views(session, held, today=today)


def capture(session: Session, *, entry: CaptureInput, today: date) -> CaptureResult:
    """Raises: NotFound for an unknown event; InvalidInput or Conflict for bad fields."""
    event = None
    if new_event := _blank_is_none(entry.new_event):
        event = add_event(session, name=new_event, starts_on=today)
    elif entry.event_id is not None:
        event = resolve_event(session, str(entry.event_id))
    email = _blank_is_none(entry.email)
    person = add_contact(
        session,
        fields=PersonFields(
            name=entry.name, org=_blank_is_none(entry.org), emails=(email,) if email else ()
        ),
        note=_blank_is_none(entry.note),
        met_at=str(event.id) if event is not None else None,
    )
    return CaptureResult(
        person=summary_of(session, person.id),
        event_id=event.id if event is not None else None,
        event_name=event.name if event is not None else None,
    )
