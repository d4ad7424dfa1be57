"""Writing a parsed batch: match known people, merge or create, link, all in one transaction.

Rows are written with bulk inserts (one statement per table, not one ORM object per row),
so a 100,000-contact file imports in seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.io.addresses import AddressParts, address_key, clean_address
from goodword.io.links import write_interactions, write_ties
from goodword.io.matching import PeopleIndex
from goodword.io.records import ADDRESS_PARTS, ME, AddressRecord, Batch, PersonRecord, paused_gc
from goodword.io.report import ImportReport, MergeView
from goodword.people.handles import handle_normaliser
from goodword.people.models import (
    Address,
    Employment,
    Handle,
    HandleKind,
    Note,
    Organisation,
    Person,
    PersonTag,
    Tag,
)
from goodword.people.service import ensure_names, get_owner
from goodword.storage.base import WorkspaceRow
from goodword.storage.bulk import insert_values, reserve_ids
from goodword.storage.session import workspace_id
from goodword.text import clean_name

NormalHandle = tuple[str, str, str | None, bool]  # kind, normalised value, label, preferred
_FIELDS = ("city", "country", "industry", "nickname")


@dataclass(slots=True)
class Plan:
    """One person's share of the batch: a new row (pid < 0 until inserted) or additions."""

    pid: int
    name: str
    line: int
    handles: list[NormalHandle] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    job: tuple[str, str | None] | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    addresses: list[tuple[AddressParts, bool]] = field(default_factory=list)  # (parts, preferred)


def import_batch(session: Session, *, batch: Batch, report: ImportReport) -> ImportReport:
    """Writes `batch` into the session's workspace and fills `report`.

    Raises: InvalidInput (MalformedFile) when a tie or meeting names nobody; nothing is kept.
    """
    writer = _PeopleWriter(session, report)
    with paused_gc():
        for record in batch.people:
            writer.plan(record)
        keys = writer.write()
    if batch.orgs:
        names = [clean_name(o.name) for o in batch.orgs if clean_name(o.name)]
        created = ensure_names(session, names, model=Organisation)
        report.organisations_created += created.created
    write_ties(session, batch.ties, keys, report)
    write_interactions(session, batch.interactions, keys, report)
    for skip in batch.skipped:
        report.skip(skip.line, skip.reason)
    session.flush()
    return report


class _PeopleWriter:
    def __init__(self, session: Session, report: ImportReport) -> None:
        self.session = session
        self.report = report
        self.wid = workspace_id(session)
        self.region = session.get_one(WorkspaceRow, self.wid).phone_region
        self.owner = get_owner(session).id
        self.index = load_index(session)
        self.plans: dict[int, Plan] = {}
        self.keys: dict[str, int] = {ME: self.owner}
        self.next_new = -1
        self.normalisers = {k.value: handle_normaliser(k, region=self.region) for k in HandleKind}
        self.tag_names: dict[str, str] = {}  # raw tag → cleaned; tags repeat from record to record
        self.created = 0  # counted here, not on the report model, for the per-record cost

    def plan(self, record: PersonRecord) -> None:
        handles = self._normalise(record)
        name = clean_name(record.name)
        if not name:
            self.report.skip(record.line, "no name")
            return
        pid, how = self.index.match([(k, v) for k, v, _, _ in handles], name, record.org)
        if pid == self.owner:
            self.keys[record.key] = pid
            self.report.unchanged += 1
            return
        if pid is None:
            pid, self.next_new = self.next_new, self.next_new - 1
            self.index.add_person(pid, name, record.org)
            self.created += 1
        elif pid < 0:
            self.report.merged += 1  # a second record of someone new this file already named
        elif pid not in self.plans:
            self.report.merges.append(
                MergeView(line=record.line, name=name, person_id=pid, how=how)
            )
        self.keys[record.key] = pid
        plan = self.plans.setdefault(pid, Plan(pid=pid, name=name, line=record.line))
        self._absorb(plan, record, handles)

    def _absorb(self, plan: Plan, record: PersonRecord, handles: list[NormalHandle]) -> None:
        for kind, value, label, preferred in handles:
            if (kind, value) not in self.index.handles:
                self.index.handles[(kind, value)] = plan.pid
                plan.handles.append((kind, value, label, preferred))
        # Each step is guarded: most records leave most fields empty.
        if record.tags:
            plan.tags.update(self._tag_name(t) for t in record.tags)
            plan.tags.discard("")
        if record.notes:
            plan.notes.extend(n.strip() for n in record.notes if n.strip() not in plan.notes)
        if record.org and plan.job is None and (org := clean_name(record.org)):
            plan.job = (org, clean_name(record.title or "") or None)
        if record.addresses:
            self._absorb_addresses(plan, record.addresses)
        if record.city or record.country or record.industry or record.nickname:
            for attr in _FIELDS:
                raw = getattr(record, attr)
                if raw and attr not in plan.fields and (value := clean_name(raw)):
                    plan.fields[attr] = value
        if record.birthday is not None:
            plan.fields.setdefault("birthday", record.birthday)

    @staticmethod
    def _absorb_addresses(plan: Plan, addresses: list[AddressRecord]) -> None:
        known = {address_key(parts) for parts, _ in plan.addresses}
        for address in addresses:
            if (parts := clean_address(address)) and (key := address_key(parts)) not in known:
                known.add(key)
                plan.addresses.append((parts, address.preferred))

    def _tag_name(self, raw: str) -> str:
        name = self.tag_names.get(raw)
        if name is None:
            name = self.tag_names[raw] = clean_name(raw).lower()
        return name

    def _normalise(self, record: PersonRecord) -> list[NormalHandle]:
        found: list[NormalHandle] = []
        for handle in record.handles:
            try:
                value = self.normalisers[handle.kind](handle.value)
            except (KeyError, InvalidInput):
                self.report.skip(record.line, f"{handle.kind} '{handle.value}' is not valid")
                continue
            found.append((handle.kind, value, handle.label, handle.preferred))
        return found

    def write(self) -> dict[str, int]:
        """Inserts new people, adds to known ones; returns batch key → real person id."""
        self.report.created += self.created
        new = [p for p in self.plans.values() if p.pid < 0]
        known = [p for p in self.plans.values() if p.pid > 0]
        primary = _trim_known(self.session, known, self.report)
        ids = reserve_ids(self.session, Person, len(new))
        real = {plan.pid: pid for plan, pid in zip(new, ids, strict=True)}
        for plan in new:
            plan.pid = real[plan.pid]
        insert_values(
            self.session, Person, _PERSON_COLUMNS, (_person_row(self.wid, p) for p in new)
        )
        self._write_details(list(self.plans.values()), primary)
        return {key: real.get(pid, pid) for key, pid in self.keys.items()}

    def _write_details(self, plans: list[Plan], primary: set[tuple[int, str]]) -> None:
        # Generators, not lists: rows are built a chunk at a time as they are inserted.
        session, wid = self.session, self.wid
        insert_values(session, Handle, _HANDLE_COLUMNS, _handle_rows(wid, plans, primary))
        insert_values(session, Address, _ADDRESS_COLUMNS, _address_rows(wid, plans, primary))
        orgs = ensure_names(session, {p.job[0] for p in plans if p.job}, model=Organisation)
        self.report.organisations_created += orgs.created
        insert_values(
            session,
            Employment,
            ("workspace_id", "person_id", "org_id", "title"),
            ((wid, p.pid, orgs.ids[p.job[0]], p.job[1]) for p in plans if p.job),
        )
        tags = ensure_names(session, {t for p in plans for t in p.tags}, model=Tag)
        insert_values(
            session,
            PersonTag,
            ("workspace_id", "person_id", "tag_id"),
            ((wid, p.pid, tags.ids[t]) for p in plans for t in sorted(p.tags)),
        )
        insert_values(
            session,
            Note,
            ("workspace_id", "person_id", "body"),
            ((wid, p.pid, n) for p in plans for n in p.notes),
        )


_HANDLE_COLUMNS = ("workspace_id", "person_id", "kind", "value", "label", "is_primary")
_ADDRESS_COLUMNS = ("workspace_id", "person_id", *ADDRESS_PARTS, "is_primary")
_PERSON_COLUMNS = (
    *("id", "workspace_id", "name", "is_me", *_FIELDS),
    *("birthday_year", "birthday_month", "birthday_day"),
)


def _handle_rows(
    wid: int, plans: list[Plan], primary: set[tuple[int, str]]
) -> Iterator[tuple[Any, ...]]:
    """A person's first handle of a kind is primary, the preferred one first."""
    for plan in plans:
        handles = plan.handles if len(plan.handles) < 2 else sorted(plan.handles, key=_unpreferred)
        for kind, value, label, _ in handles:
            is_primary = (plan.pid, kind) not in primary
            primary.add((plan.pid, kind))
            yield wid, plan.pid, kind, value, label, is_primary


def _unpreferred(handle: NormalHandle) -> bool:
    return not handle[3]


def _address_rows(
    wid: int, plans: list[Plan], primary: set[tuple[int, str]]
) -> Iterator[tuple[Any, ...]]:
    """The preferred address comes first and is primary, unless the person already has one."""
    for plan in plans:
        if not plan.addresses:
            continue
        for parts, _ in sorted(plan.addresses, key=lambda address: not address[1]):
            is_primary = (plan.pid, "address") not in primary
            primary.add((plan.pid, "address"))
            yield wid, plan.pid, *parts, is_primary


def _person_row(wid: int, plan: Plan) -> tuple[Any, ...]:
    fields = plan.fields
    year, month, day = fields.get("birthday") or (None, None, None)
    return (
        plan.pid,
        wid,
        plan.name,
        False,
        *(fields.get(attr) for attr in _FIELDS),
        year,
        month,
        day,
    )


def load_index(session: Session) -> PeopleIndex:
    """Every handle, name and current organisation of the workspace, in three queries."""
    wid = workspace_id(session)
    index = PeopleIndex()
    for kind, value, pid in session.execute(
        select(Handle.kind, Handle.value, Handle.person_id).where(Handle.workspace_id == wid)
    ):
        index.handles[(kind.value, value)] = pid
    jobs = dict(
        session.execute(
            select(Employment.person_id, Organisation.name)
            .join(Organisation, Organisation.id == Employment.org_id)
            .where(Employment.workspace_id == wid, Employment.ended_on.is_(None))
        ).all()
    )
    for pid, name in session.execute(
        select(Person.id, Person.name).where(Person.workspace_id == wid)
    ).all():
        index.add_person(pid, name, jobs.get(pid))
    return index


def _trim_known(session: Session, plans: list[Plan], report: ImportReport) -> set[tuple[int, str]]:
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
        plan.notes = [n for n in plan.notes if n not in facts.notes.get(plan.pid, set())]
        if plan.pid in facts.employed:
            plan.job = None
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


def _fill_fields(person: Person, fields: dict[str, Any]) -> bool:
    """Sets the fields the person lacks; a merge never overwrites what is known."""
    changed = False
    for attr in _FIELDS:
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
    employed: set[int]
    primary: set[tuple[int, str]]
    addresses: dict[int, set[tuple[str, ...]]]

    @classmethod
    def load(cls, session: Session, pids: list[int]) -> _KnownFacts:
        facts = cls(tags={}, notes={}, employed=set(), primary=set(), addresses={})
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
            facts.employed.update(
                session.scalars(
                    select(Employment.person_id).where(
                        Employment.person_id.in_(chunk), Employment.ended_on.is_(None)
                    )
                )
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
            parts = tuple(getattr(row, part) for part in ADDRESS_PARTS)
            self.addresses.setdefault(row.person_id, set()).add(address_key(parts))
            if row.is_primary:
                self.primary.add((row.person_id, "address"))
