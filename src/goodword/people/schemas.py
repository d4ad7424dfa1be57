"""Read models for people: what the CLI prints as JSON and the web app renders."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict

from goodword.people.models import Address, ContactKind, HandleKind, Note, Person
from goodword.people.postal import envelope_lines


class Birthday(BaseModel):
    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        """ISO 8601, with `--MM-DD` when the year is unknown (as vCard writes it)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


class TypedHandle(BaseModel):
    """A phone, URL or IM handle kept as typed because it did not normalise (`pager 1234`)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    value: str
    label: str | None = None


class PersonSummary(BaseModel):
    """The stable JSON shape of a person: id, name, emails, org, title, tags (and a few more).

    `kind` tells an organisation's own card (a switchboard, `info@`) from a person's.
    """

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    kind: ContactKind = ContactKind.PERSON
    emails: list[str]
    org: str | None
    title: str | None
    tags: list[str]
    phones: list[str] = []
    links: list[str] = []
    ims: list[str] = []
    nickname: str | None = None
    city: str | None = None
    country: str | None = None
    industry: str | None = None
    is_me: bool = False
    # Also among phones, links and ims: those values there that match only their exact text.
    as_typed: list[TypedHandle] = []

    @classmethod
    def of(cls, person: Person) -> Self:
        current = next((e for e in reversed(person.employments) if e.ended_on is None), None)
        return cls(
            id=person.id,
            name=person.name,
            kind=person.kind,
            emails=[h.value for h in person.handles if h.kind == HandleKind.EMAIL],
            phones=[h.value for h in person.handles if h.kind == HandleKind.PHONE],
            links=[
                h.value for h in person.handles if h.kind in (HandleKind.URL, HandleKind.LINKEDIN)
            ],
            ims=[h.value for h in person.handles if h.kind == HandleKind.IM],
            nickname=person.nickname,
            org=current.org.name if current and current.org else None,
            title=current.title if current else None,
            tags=[t.name for t in person.tags],
            city=person.city,
            country=person.country,
            industry=person.industry,
            is_me=person.is_me,
            as_typed=[
                TypedHandle(kind=h.kind.value, value=h.value, label=h.label)
                for h in person.handles
                if not h.is_normalised
            ],
        )


class AddressView(BaseModel):
    """A postal address; `text` is how it reads on an envelope, in its country's order."""

    label: str | None
    po_box: str | None
    street: str | None
    city: str | None
    region: str | None
    postcode: str | None
    country: str | None
    is_primary: bool
    text: str

    @classmethod
    def of(cls, address: Address) -> AddressView:
        lines = envelope_lines(
            po_box=address.po_box,
            street=address.street,
            city=address.city,
            region=address.region,
            postcode=address.postcode,
            country=address.country,
        )
        return cls(
            label=address.label,
            po_box=address.po_box,
            street=address.street,
            city=address.city,
            region=address.region,
            postcode=address.postcode,
            country=address.country,
            is_primary=address.is_primary,
            text="\n".join(lines),
        )


class NoteView(BaseModel):
    id: int
    person_id: int
    body: str
    created_at: str

    @classmethod
    def of(cls, note: Note) -> NoteView:
        return cls(
            id=note.id,
            person_id=note.person_id,
            body=note.body,
            created_at=note.created_at.isoformat(),
        )
