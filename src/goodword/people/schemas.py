"""Read models for people: what the CLI prints as JSON and the web app renders."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from goodword.people.models import HandleKind, Person


class Birthday(BaseModel):
    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        """ISO 8601, with `--MM-DD` when the year is unknown (as vCard writes it)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


class PersonSummary(BaseModel):
    """The stable JSON shape of a person: id, name, emails, org, title, tags (and a few more)."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    emails: list[str]
    org: str | None
    title: str | None
    tags: list[str]
    phones: list[str] = []
    links: list[str] = []
    city: str | None = None
    country: str | None = None
    industry: str | None = None
    is_me: bool = False

    @classmethod
    def of(cls, person: Person) -> PersonSummary:
        current = next((e for e in reversed(person.employments) if e.ended_on is None), None)
        return cls(
            id=person.id,
            name=person.name,
            emails=[h.value for h in person.handles if h.kind == HandleKind.EMAIL],
            phones=[h.value for h in person.handles if h.kind == HandleKind.PHONE],
            links=[
                h.value for h in person.handles if h.kind in (HandleKind.URL, HandleKind.LINKEDIN)
            ],
            org=current.org.name if current else None,
            title=current.title if current else None,
            tags=[t.name for t in person.tags],
            city=person.city,
            country=person.country,
            industry=person.industry,
            is_me=person.is_me,
        )
