"""Writing the demo network into a workspace in one transaction, fast enough for a million.

Rows are plain dicts inserted with Core executemany in chunks: no ORM object per row. Rows
that others link to get explicit ids counted up from the first free one, so linking needs
no RETURNING; on PostgreSQL the id sequence is moved past the claimed range at once, so
later inserts through the sequence never collide with the demo's ids.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, func, insert, select, text, update

from goodword.demo.activity import Diary
from goodword.demo.generate import Batch, Ids, Network, Row
from goodword.demo.plan import OWNER_ORG, make_plan
from goodword.demo.referrals import ActivityIds, write_referrals
from goodword.demo.stories import (
    ICP_CRITERIA,
    OFFERING,
    OWNER_EMAIL,
    OWNER_INDUSTRY,
    OWNER_NAME,
    OWNER_TITLE,
)
from goodword.demo.vocabulary import CITIES, OWNER_CITY, TAGS
from goodword.errors import Conflict, InvalidInput
from goodword.models import metadata
from goodword.people.models import HandleKind
from goodword.people.service import get_owner
from goodword.workspace import Workspace

CHUNK = 25_000
TABLES = metadata.tables


@dataclass(frozen=True)
class DemoSummary:
    """What `fill_demo` wrote, so the CLI can report it and tests can check it."""

    owner: str
    people: int
    direct_contacts: int
    organisations: int
    ties: int
    interactions: int
    events: int
    referrals: int
    referrals_won: int
    ledger_entries: int
    followups: int


def fill_demo(
    workspace: Workspace, *, people: int = 5000, seed: int = 42, now: datetime
) -> DemoSummary:
    """Fills an empty workspace with a realistic network; the same arguments give the same data.

    Raises: Conflict when the workspace already holds people; InvalidInput for a negative size.
    """
    if people < 0:
        raise InvalidInput(f"A demo needs zero or more people, not {people}.")
    now = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    rng = random.Random(seed)
    with workspace.transaction() as session:
        owner = get_owner(session).id
        connection = session.connection()
        _ensure_empty(connection, workspace.id)
        writer = _Writer(connection)
        _write_profile(writer, workspace.id, owner, now)
        tags = _tag_ids(writer, workspace.id)
        plan = make_plan(people, rng)
        person = writer.claim("person", people)
        org = writer.first_free("organisation")
        network = Network(
            plan,
            Ids(workspace.id, owner, person, org, tags),
            rng,
            now,
            taken_orgs=_existing(connection, workspace.id, "organisation", "name"),
            taken_handles=_existing(connection, workspace.id, "handle", "value"),
        )
        organisations = network.organisation_rows()
        writer.claim("organisation", len(organisations))
        writer.insert("organisation", organisations)
        _write_owner_job(writer, workspace.id, owner, org + OWNER_ORG)
        for batch in network.people_batches(CHUNK):
            writer.write(batch)
        ids = ActivityIds(
            workspace.id,
            owner,
            person,
            writer.first_free("event"),
            writer.first_free("interaction"),
            writer.first_free("referral"),
        )
        won, owner_ties = _write_activity(writer, network, ids, rng, now)
    counts = writer.counts
    return DemoSummary(
        owner=OWNER_NAME,
        people=people,
        direct_contacts=owner_ties,
        organisations=len(organisations),
        ties=counts["relationship"],
        interactions=counts["interaction"],
        events=counts["event"],
        referrals=counts["referral"],
        referrals_won=won,
        ledger_entries=counts["ledger_entry"],
        followups=counts["followup"],
    )


def _write_activity(
    writer: _Writer, network: Network, ids: ActivityIds, rng: random.Random, now: datetime
) -> tuple[int, int]:
    """Returns (referrals won, ties with the owner)."""
    diary = Diary(network.plan, network.sketches, network.ties.direct_neighbours, ids, rng, now)
    diary.write_events()
    diary.write_contacts()
    book = write_referrals(network.plan, network.sketches, ids, rng, now)
    diary.write_prospects(book.touches, book.met)
    diary.write_notes()
    diary.write_followups()
    diary.write_ledger()
    for table in ("event", "interaction", "referral"):
        rows = diary.rows if table != "referral" else book.rows
        writer.claim(table, len(rows[table]), first=getattr(ids, table))
    order = (
        "event",
        "attendance",
        "interaction",
        "participant",
        "relationship",
        "referral",
        "referral_step",
        "referral_via",
        "ledger_entry",
        "followup",
        "note",
    )
    for table in order:
        writer.insert(table, [*diary.rows.get(table, []), *book.rows.get(table, [])])
    return book.won, len(diary.rows["relationship"])


def _ensure_empty(connection: Connection, workspace_id: int) -> None:
    """Raises: Conflict when anyone but the owner is already there."""
    person = TABLES["person"]
    count = connection.scalar(
        select(func.count()).where(person.c.workspace_id == workspace_id, ~person.c.is_me)
    )
    if count:
        raise Conflict(
            f"The workspace already holds {count} people; demo fills an empty one.",
            hint="Use a new --db file.",
        )


def _existing(connection: Connection, workspace_id: int, table: str, column: str) -> set[str]:
    rows = TABLES[table]
    query = select(rows.c[column]).where(rows.c.workspace_id == workspace_id)
    return set(connection.scalars(query))


def _write_profile(writer: _Writer, workspace_id: int, owner: int, now: datetime) -> None:
    """The owner, their offering and ideal client profile: what the advocate brief shows."""
    connection, city = writer.connection, CITIES[OWNER_CITY]
    person, handle, offering = TABLES["person"], TABLES["handle"], TABLES["offering"]
    connection.execute(
        update(person)
        .where(person.c.id == owner)
        .values(
            name=OWNER_NAME,
            city=city.name,
            country=city.country,
            industry=OWNER_INDUSTRY,
            updated_at=now,
        )
    )
    emails = _existing(writer.connection, workspace_id, "handle", "value")
    if OWNER_EMAIL not in emails:
        has_email = connection.scalar(
            select(func.count()).where(
                handle.c.person_id == owner, handle.c.kind == HandleKind.EMAIL
            )
        )
        writer.insert(
            "handle",
            [
                {
                    "workspace_id": workspace_id,
                    "person_id": owner,
                    "kind": HandleKind.EMAIL,
                    "value": OWNER_EMAIL,
                    "label": "work",
                    "is_primary": not has_email,
                }
            ],
        )
    values = {**OFFERING, "updated_at": now}
    changed = connection.execute(
        update(offering).where(offering.c.workspace_id == workspace_id).values(**values)
    )
    if not changed.rowcount:
        writer.insert("offering", [{"workspace_id": workspace_id, **values}])
    criteria = TABLES["icp_criterion"]
    if not connection.scalar(select(func.count()).where(criteria.c.workspace_id == workspace_id)):
        # Criteria the owner already set are theirs; the demo only fills a blank profile.
        writer.insert(
            "icp_criterion",
            [
                {
                    "workspace_id": workspace_id,
                    "field": field,
                    "operator": operator,
                    "value": value,
                    "weight": weight,
                }
                for field, operator, value, weight in ICP_CRITERIA
            ],
        )


def _write_owner_job(writer: _Writer, workspace_id: int, owner: int, org_id: int) -> None:
    employment = TABLES["employment"]
    current = writer.connection.scalar(
        select(func.count()).where(employment.c.person_id == owner, employment.c.ended_on.is_(None))
    )
    if not current:
        writer.insert(
            "employment",
            [
                {
                    "workspace_id": workspace_id,
                    "person_id": owner,
                    "org_id": org_id,
                    "title": OWNER_TITLE,
                    "started_on": None,
                    "ended_on": None,
                }
            ],
        )


def _tag_ids(writer: _Writer, workspace_id: int) -> dict[str, int]:
    """Reuses tags the workspace already has, so their names stay unique."""
    tag = TABLES["tag"]
    rows = writer.connection.execute(
        select(tag.c.name, tag.c.id).where(tag.c.workspace_id == workspace_id)
    )
    ids = {str(name): int(tag_id) for name, tag_id in rows}
    missing = [name for name in TAGS if name not in ids]
    first = writer.claim("tag", len(missing))
    ids.update({name: first + k for k, name in enumerate(missing)})
    writer.insert("tag", [{"id": ids[n], "workspace_id": workspace_id, "name": n} for n in missing])
    return ids


class _Writer:
    """Inserts rows in chunks, counts them, and hands out ids nobody else will take."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.counts: Counter[str] = Counter()
        self.postgres = connection.dialect.name == "postgresql"

    def write(self, batch: Batch) -> None:
        for table, rows in batch.items():
            self.insert(table, rows)

    def insert(self, table: str, rows: list[Row]) -> None:
        target: Table = TABLES[table]
        for start in range(0, len(rows), CHUNK):
            self.connection.execute(insert(target), rows[start : start + CHUNK])
        self.counts[table] += len(rows)

    def first_free(self, table: str) -> int:
        """Above the highest id and, on PostgreSQL, above anything the sequence handed out."""
        top = self.connection.scalar(select(func.coalesce(func.max(TABLES[table].c.id), 0)))
        issued = 0
        if self.postgres:
            issued = self.connection.scalar(
                text(
                    "SELECT coalesce(pg_sequence_last_value("
                    "pg_get_serial_sequence(:table, 'id')::regclass), 0)"
                ),
                {"table": table},
            )
        return max(int(top or 0), int(issued or 0)) + 1

    def claim(self, table: str, count: int, *, first: int | None = None) -> int:
        """Returns the first of `count` ids; moves the sequence past them at once.

        setval is not undone by a rollback, which only leaves a harmless gap in the ids.
        """
        start = self.first_free(table) if first is None else first
        if self.postgres and count:
            self.connection.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
                {"table": table, "last": start + count - 1},
            )
        return start
