"""One person's share of an import batch, and trimming it to what a known person lacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.io.records import PERSON
from goodword.io.report import ImportReport
from goodword.people.addresses import AddressParts, address_key, key_of
from goodword.people.models import Address, Employment, Handle, Note, Person, PersonTag, Tag

NormalHandle = tuple[str, str, str | None, bool]  # kind, normalised value, label, preferred
FIELDS = ("city", "country", "industry", "nickname")


@dataclass(slots=True)
class Plan:
    """One person's share of the batch: a new row (pid < 0 until inserted) or additions."""

    pid: int
    name: str
    line: int
    kind: str = PERSON  # of a new contact; an import never changes a known one's
    handles: list[NormalHandle] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    job: tuple[str | None, str | None] | None = None  # (organisation, title), either may be None
    job_id: int | None = None  # a known role at no organisation that the import's one completes
    fields: dict[str, Any] = field(default_factory=dict)
    addresses: list[tuple[AddressParts, bool]] = field(default_factory=list)  # (parts, preferred)


def trim_known(session: Session, plans: list[Plan], report: ImportReport) -> set[tuple[int, str]]:
    """Drops what known people already have, fills their empty fields, counts the outcome.

    Returns the (person, handle kind or "address") pairs that already have a primary one.
    """
    if not plans:
        return set()
    facts = _KnownFacts.load(session, [p.pid for p in plans])
    people = {
        person.id: person
        for start in range(0, len(plans), 1000)
        for person in session.scalars(
            select(Person).where(Person.id.in_([p.pid for p in plans[start : start + 1000]]))
        )
    }
    merged: set[int] = set()
    for plan in plans:
        plan.tags -= facts.tags.get(plan.pid, set())
        plan.notes = [n for n in plan.notes if not _known_note(n, facts.notes.get(plan.pid))]
        if plan.job is not None and plan.pid in facts.jobs:
            _trim_job(plan, *facts.jobs[plan.pid])
        if plan.addresses:
            # A bare city and country is what an export writes for someone with no address row.
            person = people[plan.pid]
            place = (None, None, None, person.city, None, None, person.country)
            known = facts.addresses.get(plan.pid, set()) | {address_key(place)}
            plan.addresses = [a for a in plan.addresses if address_key(a[0]) not in known]
        filled = _fill_fields(people[plan.pid], plan.fields)
        added = plan.handles or plan.tags or plan.notes or plan.job or plan.addresses or filled
        if added:
            report.merged += 1
            merged.add(plan.pid)
        else:
            report.unchanged += 1
    report.merges = [m for m in report.merges if m.person_id in merged]
    return facts.primary


def _trim_job(plan: Plan, job_id: int, has_org: bool) -> None:
    """A known current role stays; the import's organisation completes one at none."""
    if has_org or plan.job is None or plan.job[0] is None:
        plan.job = None
    else:
        plan.job_id = job_id


def _known_note(note: str, known: set[str] | None) -> bool:
    """A note made of known notes adds nothing: a CSV export joins them all in one cell."""
    if not known:
        return False
    if note in known:
        return True
    rest = note
    for body in sorted(known, key=len, reverse=True):
        rest = rest.replace(body, "")
    return not rest.strip()


def _fill_fields(person: Person, fields: dict[str, Any]) -> bool:
    """Sets the fields the person lacks; a merge never overwrites what is known."""
    changed = False
    for attr in FIELDS:
        if fields.get(attr) and getattr(person, attr) is None:
            setattr(person, attr, fields[attr])
            changed = True
    birthday = fields.get("birthday")
    if birthday and person.birthday_month is None:
        person.birthday_year, person.birthday_month, person.birthday_day = birthday
        changed = True
    return changed


@dataclass
class _KnownFacts:
    tags: dict[int, set[str]]
    notes: dict[int, set[str]]
    jobs: dict[int, tuple[int, bool]]  # current role's id, and whether it names an organisation
    primary: set[tuple[int, str]]
    addresses: dict[int, set[tuple[str, ...]]]

    @classmethod
    def load(cls, session: Session, pids: list[int]) -> _KnownFacts:
        facts = cls(tags={}, notes={}, jobs={}, primary=set(), addresses={})
        for start in range(0, len(pids), 1000):
            chunk = pids[start : start + 1000]
            facts.load_addresses(session, chunk)
            for pid, tag in session.execute(
                select(PersonTag.person_id, Tag.name)
                .join(Tag, Tag.id == PersonTag.tag_id)
                .where(PersonTag.person_id.in_(chunk))
            ).all():
                facts.tags.setdefault(pid, set()).add(tag)
            for pid, body in session.execute(
                select(Note.person_id, Note.body).where(Note.person_id.in_(chunk))
            ).all():
                facts.notes.setdefault(pid, set()).add(body)
            facts.jobs.update(
                (pid, (job_id, org_id is not None))
                for pid, job_id, org_id in session.execute(
                    select(Employment.person_id, Employment.id, Employment.org_id)
                    .where(Employment.person_id.in_(chunk), Employment.ended_on.is_(None))
                    .order_by(Employment.id)
                ).all()
            )
            facts.primary.update(
                (pid, kind.value)
                for pid, kind in session.execute(
                    select(Handle.person_id, Handle.kind).where(
                        Handle.person_id.in_(chunk), Handle.is_primary
                    )
                ).all()
            )
        return facts

    def load_addresses(self, session: Session, pids: list[int]) -> None:
        query = select(Address.__table__).where(Address.person_id.in_(pids))
        for row in session.execute(query):
            self.addresses.setdefault(row.person_id, set()).add(key_of(row))
            if row.is_primary:
                self.primary.add((row.person_id, "address"))
