"""The demo network: counts that match the tables, a realistic shape, and determinism."""

from __future__ import annotations

import statistics
import uuid
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from goodword.demo import DemoSummary, fill_demo
from goodword.demo.plan import direct_count
from goodword.errors import Conflict
from goodword.events.models import Attendance, Event
from goodword.followups.models import Followup
from goodword.followups.recurrence import parse_rule
from goodword.interactions.models import Interaction, Participant
from goodword.models import metadata
from goodword.offering.models import IcpCriterion, Offering
from goodword.people.models import Handle, HandleKind, Organisation, Person
from goodword.people.service import PersonFields, create_person
from goodword.referrals.models import (
    LedgerEntry,
    LedgerKind,
    Referral,
    ReferralStatus,
    ReferralStep,
    ReferralVia,
)
from goodword.relationships.inference import met_together, pair, referral_pairs
from goodword.relationships.kinds import TieSource
from goodword.relationships.models import Relationship
from goodword.text import normalize_email, normalize_linkedin, normalize_phone
from goodword.workspace import Workspace, open_workspace

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PEOPLE = 600


@pytest.fixture
def demo(workspace: Workspace) -> DemoSummary:
    return fill_demo(workspace, people=PEOPLE, seed=7, now=NOW)


def count(session: Session, table: type[object], wid: int) -> int:
    column = table.workspace_id  # type: ignore[attr-defined]
    return session.scalar(select(func.count()).select_from(table).where(column == wid)) or 0


def owner_id(session: Session, wid: int) -> int:
    query = select(Person.id).where(Person.workspace_id == wid, Person.is_me)
    return session.scalars(query).one()


def degrees(session: Session, wid: int) -> Counter[int]:
    ties = session.execute(
        select(Relationship.person_a_id, Relationship.person_b_id).where(
            Relationship.workspace_id == wid
        )
    )
    degree: Counter[int] = Counter()
    for a, b in ties:
        degree[a] += 1
        degree[b] += 1
    return degree


def test_the_summary_counts_what_is_in_the_tables(workspace: Workspace, demo: DemoSummary) -> None:
    wid = workspace.id
    with workspace.transaction() as session:
        me = owner_id(session, wid)
        owner_ties = session.scalar(select(func.count()).where(Relationship.person_a_id == me))
        won = session.scalar(
            select(func.count()).where(
                Referral.workspace_id == wid, Referral.status == ReferralStatus.WON
            )
        )
        assert count(session, Person, wid) - 1 == demo.people == PEOPLE
        assert owner_ties == demo.direct_contacts >= direct_count(PEOPLE)
        assert count(session, Organisation, wid) == demo.organisations
        assert count(session, Relationship, wid) == demo.ties
        assert count(session, Interaction, wid) == demo.interactions
        assert count(session, Event, wid) == demo.events
        assert count(session, Referral, wid) == demo.referrals
        assert won == demo.referrals_won
        assert count(session, LedgerEntry, wid) == demo.ledger_entries
        assert count(session, Followup, wid) == demo.followups
        assert session.get_one(Person, me).name == demo.owner == "Dana Whitfield"


def test_everyone_the_owner_met_or_was_referred_by_is_tied_to_the_owner(
    workspace: Workspace, demo: DemoSummary
) -> None:
    wid = workspace.id
    with workspace.transaction() as session:
        me = owner_id(session, wid)
        tied = set(
            session.scalars(select(Relationship.person_b_id).where(Relationship.person_a_id == me))
        )
        met = set(
            session.scalars(select(Attendance.person_id).where(Attendance.workspace_id == wid))
        )
        referrers = set(
            session.scalars(select(Referral.referrer_id).where(Referral.workspace_id == wid))
        )
        in_person = set(
            session.scalars(
                select(Participant.person_id)
                .join(Interaction)
                .where(Interaction.workspace_id == wid, Interaction.kind.in_(("coffee", "event")))
            )
        )
    assert met
    assert referrers
    assert (met | referrers | in_person) - {me} <= tied


def test_everyone_the_activity_links_has_a_tie_as_the_commands_would_infer(
    workspace: Workspace, demo: DemoSummary
) -> None:
    wid = workspace.id
    with workspace.transaction() as session:
        me = owner_id(session, wid)
        stored = select(Relationship.person_a_id, Relationship.person_b_id).where(
            Relationship.workspace_id == wid
        )
        tied = {(a, b) for a, b in session.execute(stored)}
        implied = {
            pair(me, p)
            for p in session.scalars(
                select(Attendance.person_id).where(Attendance.workspace_id == wid)
            )
        }
        ledger = select(LedgerEntry.giver_id, LedgerEntry.receiver_id).where(
            LedgerEntry.workspace_id == wid
        )
        implied |= {pair(a, b) for a, b in session.execute(ledger)}
        groups: dict[int, list[int]] = {}
        participants = select(Participant.interaction_id, Participant.person_id).where(
            Participant.workspace_id == wid
        )
        for iid, pid in session.execute(participants):
            groups.setdefault(iid, []).append(pid)
        for people in groups.values():
            implied.update(met_together(people, host=me))
        for referral in session.scalars(select(Referral).where(Referral.workspace_id == wid)):
            implied.update(
                referral_pairs(
                    referrer=referral.referrer_id,
                    receiver=referral.receiver_id,
                    prospect=referral.prospect_id,
                    via=[v.person_id for v in referral.via],
                )
            )
        inferred = session.scalar(
            select(func.count()).where(
                Relationship.workspace_id == wid, Relationship.source == TieSource.INFERRED
            )
        )
    assert implied - tied == set()
    assert inferred


def test_a_few_connectors_know_far_more_people_than_most(
    workspace: Workspace, demo: DemoSummary
) -> None:
    with workspace.transaction() as session:
        degree = degrees(session, workspace.id)
    median = statistics.median(degree.values())
    connectors = [p for p, d in degree.items() if d >= 5 * median]
    assert 2 <= len(connectors) <= PEOPLE // 20
    assert len(degree) == PEOPLE + 1  # nobody is left without a tie
    assert 3 <= 2 * demo.ties / (PEOPLE + 1) <= 9


def test_referrals_move_through_the_pipeline_in_order(
    workspace: Workspace, demo: DemoSummary
) -> None:
    wid = workspace.id
    with workspace.transaction() as session:
        referrals = session.scalars(select(Referral).where(Referral.workspace_id == wid)).all()
        statuses = Counter(r.status for r in referrals)
        assert any(r.status == ReferralStatus.WON and r.value for r in referrals)
        assert statuses[ReferralStatus.LOST] >= 1
        assert len(statuses) == len(ReferralStatus)  # every stage has at least one
        for referral in referrals:
            times = [step.at for step in referral.steps]
            assert times == sorted(times)
            assert times[-1] < NOW
            assert referral.steps[0].status == ReferralStatus.RECEIVED
            assert referral.steps[-1].status == referral.status
            assert times[0].date() == referral.received_on
        gifts = session.execute(
            select(LedgerEntry.referral_id, LedgerEntry.giver_id).where(
                LedgerEntry.workspace_id == wid,
                LedgerEntry.kind == LedgerKind.REFERRAL,
                LedgerEntry.referral_id.is_not(None),
            )
        ).all()
        assert sorted(gifts) == sorted((r.id, r.referrer_id) for r in referrals)
        assert count(session, ReferralVia, wid) >= 1
        assert count(session, ReferralStep, wid) > len(referrals)


def test_the_owner_profile_and_offering_are_filled(workspace: Workspace, demo: DemoSummary) -> None:
    wid = workspace.id
    with workspace.transaction() as session:
        offering = session.scalars(select(Offering).where(Offering.workspace_id == wid)).one()
        criteria = session.scalars(select(IcpCriterion).where(IcpCriterion.workspace_id == wid))
        texts = (offering.one_liner, offering.problems, offering.for_whom, offering.results)
        assert all(texts)
        assert {c.field.value for c in criteria} >= {"industry", "title", "city", "tag"}
        rules = session.scalars(select(Followup.rule).where(Followup.workspace_id == wid)).all()
        recurring = [rule for rule in rules if rule is not None]
        assert recurring
        for rule in recurring:
            parse_rule(rule)  # the demo's cadences are ones goodword can schedule


def test_handles_are_stored_normalised_and_dates_lie_before_now(
    workspace: Workspace, demo: DemoSummary
) -> None:
    normalise = {
        HandleKind.EMAIL: normalize_email,
        HandleKind.PHONE: normalize_phone,
        HandleKind.LINKEDIN: normalize_linkedin,
    }
    with workspace.transaction() as session:
        handles = session.scalars(select(Handle).where(Handle.workspace_id == workspace.id))
        kinds = Counter(h.kind for h in handles if normalise[h.kind](h.value) == h.value)
        latest = session.scalar(
            select(func.max(Interaction.at)).where(Interaction.workspace_id == workspace.id)
        )
        last_step = session.scalar(
            select(func.max(ReferralStep.at)).where(ReferralStep.workspace_id == workspace.id)
        )
    assert set(kinds) == set(normalise)
    assert count_handles(workspace) == sum(kinds.values())
    assert latest is not None
    assert latest < NOW
    assert last_step is not None
    assert last_step < NOW


def count_handles(workspace: Workspace) -> int:
    with workspace.transaction() as session:
        return count(session, Handle, workspace.id)


def table_sizes(workspace: Workspace, *, own: bool) -> dict[str, int]:
    """Rows per table: all of them, or only the workspace's own."""
    sizes = {}
    with workspace.transaction() as session:
        for table in metadata.sorted_tables:
            query = select(func.count()).select_from(table)
            if own and "workspace_id" in table.c:
                query = query.where(table.c.workspace_id == workspace.id)
            sizes[table.name] = session.scalar(query) or 0
    return sizes


def test_every_row_written_belongs_to_the_workspace(workspace: Workspace) -> None:
    before = table_sizes(workspace, own=False), table_sizes(workspace, own=True)
    fill_demo(workspace, people=PEOPLE, now=NOW)
    after = table_sizes(workspace, own=False), table_sizes(workspace, own=True)
    grown = {name: after[0][name] - before[0][name] for name in before[0]}
    own = {name: after[1][name] - before[1][name] for name in before[1]}
    assert grown == own
    assert all(grown[name] for name in grown if name != "workspace")


def fingerprint(workspace: Workspace) -> tuple[object, ...]:
    """Ids differ between workspaces, so people are named by their rank in id order."""
    with workspace.transaction() as session:
        people = session.execute(
            select(Person.id, Person.name, Person.city)
            .where(Person.workspace_id == workspace.id)
            .order_by(Person.id)
        ).all()
        rank = {pid: k for k, (pid, _, _) in enumerate(people)}
        ties = session.execute(
            select(
                Relationship.person_a_id,
                Relationship.person_b_id,
                Relationship.kind,
                Relationship.reversed,
                Relationship.strength,
            ).where(Relationship.workspace_id == workspace.id)
        ).all()
        touches = session.scalars(
            select(Interaction.at)
            .where(Interaction.workspace_id == workspace.id)
            .order_by(Interaction.id)
        ).all()
    return (
        [(name, city) for _, name, city in people],
        sorted((rank[a], rank[b], kind, rev, strength) for a, b, kind, rev, strength in ties),
        touches,
    )


def test_the_same_seed_gives_the_same_network(workspace: Workspace, demo: DemoSummary) -> None:
    bind = workspace.bind
    assert isinstance(bind, Connection)
    twin = open_workspace(bind=bind, name=f"twin-{uuid.uuid4().hex[:8]}")
    other = open_workspace(bind=bind, name=f"other-{uuid.uuid4().hex[:8]}")
    assert fill_demo(twin, people=PEOPLE, seed=7, now=NOW) == demo
    fill_demo(other, people=PEOPLE, seed=8, now=NOW)
    assert fingerprint(twin) == fingerprint(workspace)
    assert fingerprint(other) != fingerprint(workspace)


def test_a_second_fill_is_a_conflict_and_changes_nothing(
    workspace: Workspace, demo: DemoSummary
) -> None:
    before = table_sizes(workspace, own=False)
    with pytest.raises(Conflict, match=f"already holds {PEOPLE} people"):
        fill_demo(workspace, people=10, now=NOW)
    assert table_sizes(workspace, own=False) == before


def test_new_people_after_the_demo_get_fresh_ids(workspace: Workspace, demo: DemoSummary) -> None:
    with workspace.transaction() as session:
        highest = session.scalar(select(func.max(Person.id)))
        person = create_person(session, fields=PersonFields(name="Ann Newcomer"))
    assert highest is not None
    assert person.id > highest


@pytest.mark.parametrize("people", [0, 1, 9, 40])
def test_tiny_networks_still_hold_together(workspace: Workspace, people: int) -> None:
    summary = fill_demo(workspace, people=people, now=NOW)
    assert summary.people == people
    assert summary.direct_contacts >= min(people, 10)
    with workspace.transaction() as session:
        assert count(session, Person, workspace.id) == people + 1
