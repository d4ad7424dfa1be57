"""Writing the demo network into a workspace in one transaction, fast enough for a million.

Rows are plain dicts inserted with Core executemany in chunks (no ORM object per row), and
people are generated chunk by chunk, so memory stays flat however large the network.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from goodword.demo.activity import Diary
from goodword.demo.generate import Ids, Network
from goodword.demo.inferred import implied_ties
from goodword.demo.plan import OWNER_ORG, make_plan
from goodword.demo.profile import (
    write_offering,
    write_owner,
    write_owner_job,
    write_preferences,
    write_tags,
)
from goodword.demo.referrals import ActivityIds, write_referrals
from goodword.demo.stories import OWNER_NAME
from goodword.demo.writer import CHUNK, TABLES, TableWriter
from goodword.errors import Conflict, InvalidInput
from goodword.people.search import refresh_search
from goodword.people.service import get_owner
from goodword.workspace import Workspace

# Foreign keys decide the order: people and interactions before what points at them.
ACTIVITY_TABLES = (
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
        writer = TableWriter(session.connection(), workspace.id)
        _ensure_empty(writer)
        write_owner(writer, owner=owner, now=now)
        write_offering(writer, now=now)
        with writer.large_cache():
            network = _write_network(writer, owner, people, rng, now)
            won, owner_ties = _write_activity(writer, network, rng, now)
        write_preferences(writer, owner=owner)
        refresh_search(session)  # written in bulk, past the session's own bookkeeping
    counts = writer.counts
    return DemoSummary(
        owner=OWNER_NAME,
        people=people,
        direct_contacts=owner_ties,
        organisations=counts["organisation"],
        ties=counts["relationship"],
        interactions=counts["interaction"],
        events=counts["event"],
        referrals=counts["referral"],
        referrals_won=won,
        ledger_entries=counts["ledger_entry"],
        followups=counts["followup"],
    )


def require_empty(workspace: Workspace) -> None:
    """Raises: Conflict when anyone but the owner is already there (fill_demo checks too)."""
    with workspace.transaction() as session:
        _ensure_empty(TableWriter(session.connection(), workspace.id))


def _ensure_empty(writer: TableWriter) -> None:
    """Raises: Conflict when anyone but the owner is already there."""
    person = TABLES["person"]
    count = writer.connection.scalar(
        select(func.count()).where(person.c.workspace_id == writer.workspace_id, ~person.c.is_me)
    )
    if count:
        raise Conflict(
            f"The workspace already holds {count} {'person' if count == 1 else 'people'}; "
            "demo fills an empty one.",
            hint="Use a new --db file or another GOODWORD_WORKSPACE.",
        )


def _write_network(
    writer: TableWriter, owner: int, people: int, rng: random.Random, now: datetime
) -> Network:
    """Organisations, then people with their handles, jobs, tags and ties, chunk by chunk."""
    tags = write_tags(writer)
    plan = make_plan(people, rng)
    first_person = writer.claim("person", people)
    first_org = writer.first_free("organisation")
    ids = Ids(writer.workspace_id, owner, first_person, first_org, tags)
    network = Network(
        plan,
        ids,
        rng,
        now,
        taken_orgs=writer.existing("organisation", "name"),
        taken_handles=writer.existing("handle", "value"),
    )
    organisations = network.organisation_rows()
    writer.claim("organisation", len(organisations), first=first_org)
    writer.insert("organisation", organisations)
    write_owner_job(writer, owner=owner, org_id=first_org + OWNER_ORG)
    for batch in network.people_batches(CHUNK):
        writer.write(batch)
    return network


def _write_activity(
    writer: TableWriter, network: Network, rng: random.Random, now: datetime
) -> tuple[int, int]:
    """Two years of events, touches, referrals and follow-ups, and the ties they imply where
    the network has none; returns (won, owner's ties)."""
    first = {table: writer.first_free(table) for table in ("event", "interaction", "referral")}
    ids = ActivityIds(
        network.ids.workspace,
        network.ids.owner,
        network.ids.person,
        first["event"],
        first["interaction"],
        first["referral"],
    )
    diary = Diary(network.plan, network.sketches, network.ties.direct_neighbours, ids, rng, now)
    diary.write_events()
    diary.write_contacts()
    book = write_referrals(network.plan, network.sketches, ids, rng, now)
    diary.write_prospects(book.touches, book.met)
    diary.write_notes()
    diary.write_followups()
    diary.write_ledger()
    rows = {t: [*diary.rows.get(t, []), *book.rows.get(t, [])] for t in ACTIVITY_TABLES}
    inferred = implied_ties(writer, rows, owner=ids.owner, now=now)
    rows["relationship"] += inferred
    for table, start in first.items():
        writer.claim(table, len(rows[table]), first=start)
    writer.write(rows)
    owner_ties = len(diary.rows["relationship"]) + sum(
        t["person_a_id"] == ids.owner for t in inferred
    )
    return book.won, owner_ties
