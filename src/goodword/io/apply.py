"""Writing a parsed batch: match known people, merge or create, link, all in one transaction.

Rows are written with bulk inserts (one statement per table, not one ORM object per row),
so a 100,000-contact file imports in seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.io.addresses import clean_address
from goodword.io.links import write_interactions, write_ties
from goodword.io.matching import PeopleIndex
from goodword.io.plans import FIELDS, NormalHandle, Plan, trim_known
from goodword.io.records import ME, AddressRecord, Batch, PersonRecord, paused_gc
from goodword.io.report import ImportReport, MergeView
from goodword.people.addresses import (
    LIMITS,
    PARTS,
    address_key,
    cut_to_fit,
    too_long,
)
from goodword.people.handles import handle_normaliser, keep_as_typed
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
from goodword.people.search import refresh_search
from goodword.people.service import ensure_names, get_owner
from goodword.storage.base import column_length
from goodword.storage.bulk import insert_values, reserve_ids
from goodword.storage.session import phone_region, workspace_id
from goodword.text import clean_name, clean_text, lowered


def import_batch(session: Session, *, batch: Batch, report: ImportReport) -> ImportReport:
    """Writes `batch` into the session's workspace and fills `report`.

    The batch's people are consumed: each record is let go once planned, so a large file's
    records and the rows made from them are not all in memory at once.

    Raises: InvalidInput (MalformedFile) when a tie or meeting names nobody; nothing is kept.
    """
    people, batch.people = batch.people, []
    keys = {ME: get_owner(session).id}
    if people:  # a list of ties names only people already known: no index of them is needed
        writer = _PeopleWriter(session, report)
        people.reverse()
        with paused_gc():
            while people:
                writer.plan(people.pop())
            keys = writer.write()
            refresh_search(session, writer.people())
    with paused_gc():
        write_ties(session, batch.ties, keys, report)
    write_interactions(session, batch.interactions, keys, report)
    for skip in batch.skipped:
        report.skip(skip.line, skip.reason)
    report.photos_not_kept += len(batch.photos)
    session.flush()
    return report


class _PeopleWriter:
    def __init__(self, session: Session, report: ImportReport) -> None:
        self.session = session
        self.report = report
        self.wid = workspace_id(session)
        self.region = phone_region(session)
        self.owner = get_owner(session).id
        self.index = load_index(session)
        self.plans: dict[int, Plan] = {}
        self.keys: dict[str, int] = {ME: self.owner}
        self.next_new = -1
        self.normalisers = {k.value: handle_normaliser(k, region=self.region) for k in HandleKind}
        self.tag_names: dict[str, str] = {}  # raw tag → cleaned; tags repeat from record to record
        self.as_typed: set[tuple[str, str]] = set()  # (kind, value) kept as typed, not normalised
        self.created = 0  # counted here, not on the report model, for the per-record cost

    def plan(self, record: PersonRecord) -> None:
        handles = self._normalise(record)
        name = self._fit(clean_name(record.name), "name", record.line)
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
        plan = self.plans.get(pid)
        if plan is None:  # the first record names a new contact and says what kind it is
            plan = self.plans[pid] = Plan(pid=pid, name=name, line=record.line, kind=record.kind)
        self._absorb(plan, record, handles)

    def _absorb(self, plan: Plan, record: PersonRecord, handles: list[NormalHandle]) -> None:
        for kind, value, label, preferred in handles:
            if (kind, value) not in self.index.handles:
                self.index.handles[(kind, value)] = plan.pid
                plan.handles.append((kind, value, label, preferred))
                if self.as_typed and (kind, value) in self.as_typed:
                    self.report.keep_as_typed(record.line, kind, value)
        # Each step is guarded: most records leave most fields empty.
        line = record.line
        if record.tags:
            plan.tags.update(self._fit(self._tag_name(t), "tag", line) for t in record.tags)
            plan.tags.discard("")
        if record.notes:
            notes = (clean_text(note) for note in record.notes)
            plan.notes.extend(note for note in notes if note and note not in plan.notes)
        if (record.org or record.title) and (plan.job is None or plan.job[0] is None):
            self._absorb_job(plan, record, line)
        if record.addresses:
            self._absorb_addresses(plan, record.addresses, line)
        if record.city or record.country or record.industry or record.nickname:
            for attr in FIELDS:
                raw = getattr(record, attr)
                if raw and attr not in plan.fields and (value := clean_name(raw)):
                    plan.fields[attr] = self._fit(value, attr, line)
        if record.birthday is not None:
            plan.fields.setdefault("birthday", record.birthday)

    def _absorb_job(self, plan: Plan, record: PersonRecord, line: int) -> None:
        """The first organisation named wins; a title at none (a freelancer's) is kept until
        a record names one."""
        org = self._fit(clean_name(record.org or ""), "org", line) or None
        title = self._fit(clean_name(record.title or ""), "title", line) or None
        if plan.job is None and (org or title):
            plan.job = (org, title)
        elif plan.job is not None and org:
            plan.job = (org, title or plan.job[1])

    def _absorb_addresses(self, plan: Plan, addresses: list[AddressRecord], line: int) -> None:
        known = {address_key(parts) for parts, _ in plan.addresses}
        for address in addresses:
            if (parts := clean_address(address)) and (key := address_key(parts)) not in known:
                known.add(key)
                for part in too_long(parts):
                    self._cut(part, LIMITS[part], line)
                plan.addresses.append((cut_to_fit(parts), address.preferred))

    def _fit(self, text: str, what: str, line: int) -> str:
        """Text longer than its column holds is cut to fit (on every database), and reported."""
        limit = _LIMITS[what]
        return text if len(text) <= limit else self._cut(what, limit, line, text)

    def _cut(self, what: str, limit: int, line: int, text: str = "") -> str:
        self.report.skip(line, f"{what.replace('_', ' ')} longer than {limit} characters, cut")
        return text[:limit]

    def _tag_name(self, raw: str) -> str:
        name = self.tag_names.get(raw)
        if name is None:
            name = self.tag_names[raw] = lowered(clean_name(raw))
        return name

    def _normalise(self, record: PersonRecord) -> list[NormalHandle]:
        found: list[NormalHandle] = []
        for handle in record.handles:
            try:
                value = self.normalisers[handle.kind](handle.value)
            except (KeyError, InvalidInput):
                value = keep_as_typed(handle.kind, handle.value) or ""
                if value:
                    self.as_typed.add((handle.kind, value))
            if not value or len(value) > _LIMITS["handle"]:
                self.report.skip(record.line, f"{handle.kind} '{handle.value}' is not valid")
                continue
            label = self._fit(clean_name(handle.label or ""), "label", record.line) or None
            found.append((handle.kind, value, label, handle.preferred))
        return found

    def people(self) -> list[int]:
        """Everyone the batch added or added to, whose search text must be rewritten."""
        return [p.pid for p in self.plans.values()]

    def write(self) -> dict[str, int]:
        """Inserts new people, adds to known ones; returns batch key → real person id."""
        self.report.created += self.created
        new = [p for p in self.plans.values() if p.pid < 0]
        known = [p for p in self.plans.values() if p.pid > 0]
        primary = trim_known(self.session, known, self.report)
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
        rows = _handle_rows(wid, plans, primary, self.as_typed)
        insert_values(session, Handle, _HANDLE_COLUMNS, rows)
        insert_values(session, Address, _ADDRESS_COLUMNS, _address_rows(wid, plans, primary))
        self._write_jobs(plans)
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

    def _write_jobs(self, plans: list[Plan]) -> None:
        """New roles are inserted; a known title at no organisation gains the one imported."""
        jobs = [(p, p.job) for p in plans if p.job]
        names = {org for _, (org, _) in jobs if org}
        orgs = ensure_names(self.session, names, model=Organisation)
        self.report.organisations_created += orgs.created
        insert_values(
            self.session,
            Employment,
            ("workspace_id", "person_id", "org_id", "title"),
            (
                (self.wid, p.pid, orgs.ids[org] if org else None, title)
                for p, (org, title) in jobs
                if p.job_id is None
            ),
        )
        for p, (org, title) in jobs:
            if p.job_id is not None and org:
                self.session.execute(
                    update(Employment)
                    .where(Employment.id == p.job_id)
                    .values(org_id=orgs.ids[org], title=func.coalesce(Employment.title, title))
                )


# The sizes of the columns imported text goes into.
_LIMITS = {
    **{attr: column_length(Person, attr) for attr in ("name", *FIELDS)},
    "tag": column_length(Tag, "name"),
    "org": column_length(Organisation, "name"),
    "title": column_length(Employment, "title"),
    "handle": column_length(Handle, "value"),
    "label": column_length(Handle, "label"),
}
_HANDLE_COLUMNS = (
    *("workspace_id", "person_id", "kind", "value", "label", "is_primary", "is_normalised"),
)
_ADDRESS_COLUMNS = ("workspace_id", "person_id", *PARTS, "is_primary")
_PERSON_COLUMNS = (
    *("id", "workspace_id", "name", "kind", "is_me", *FIELDS),
    *("birthday_year", "birthday_month", "birthday_day"),
)


def _handle_rows(
    wid: int, plans: list[Plan], primary: set[tuple[int, str]], as_typed: set[tuple[str, str]]
) -> Iterator[tuple[Any, ...]]:
    """A person's first handle of a kind is primary, the preferred one first."""
    for plan in plans:
        handles = plan.handles if len(plan.handles) < 2 else sorted(plan.handles, key=_unpreferred)
        for kind, value, label, _ in handles:
            is_primary = (plan.pid, kind) not in primary
            primary.add((plan.pid, kind))
            yield wid, plan.pid, kind, value, label, is_primary, (kind, value) not in as_typed


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
        plan.kind,
        False,
        *(fields.get(attr) for attr in FIELDS),
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
