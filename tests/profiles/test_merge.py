"""Merging two records of one person keeps everything either of them had."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.events.models import Attendance
from goodword.events.service import add_event, record_met
from goodword.followups.models import Followup
from goodword.followups.service import schedule_followup
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.interactions.service import log_interaction
from goodword.people.models import ContactKind, Handle, Note, Person
from goodword.people.schemas import PersonSummary
from goodword.people.service import (
    PersonFields,
    add_address,
    add_note,
    create_person,
    edit_person,
    get_owner,
)
from goodword.profiles.merge import merge_people
from goodword.profiles.queries import person_detail
from goodword.referrals.models import LedgerEntry, LedgerKind, Referral
from goodword.referrals.service import add_referral, record_give
from goodword.relationships.kinds import TieKind
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people, find_tie
from goodword.workspace import Workspace, open_workspace

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TAGS = ["founder", "cfo", "chamber", "golf", "board"]
PHONES = {"a": ["+14155550100", "+14155550101"], "b": ["+14155550200", "+14155550201"]}


def add(session: Session, name: str, **fields: object) -> Person:
    return create_person(session, fields=PersonFields(name=name, **fields))  # type: ignore[arg-type]


def ties_of(session: Session, person_id: int) -> dict[int, Relationship]:
    found = session.scalars(
        select(Relationship).where(
            or_(Relationship.person_a_id == person_id, Relationship.person_b_id == person_id)
        )
    )
    return {tie.other(person_id): tie for tie in found}


def participants(session: Session, interaction_id: int) -> set[int]:
    return set(
        session.scalars(
            select(Participant.person_id).where(Participant.interaction_id == interaction_id)
        )
    )


# --- the property: a random pair of records with random surroundings ----------------------------


@dataclass
class Side:
    """What one of the two records has, drawn before anything is written."""

    emails: list[str]
    phones: list[str]
    tags: list[str]
    city: str | None
    ties: dict[int, tuple[TieKind, float | None, bool]]  # pool index -> (kind, strength, first)
    followups: int
    notes: int


@dataclass
class World:
    keep: Side
    other: Side
    keep_is_owner: bool
    pool_size: int
    interactions: list[list[int]]  # participants as indices into the people list
    ledger: list[tuple[int, int]]
    referrals: list[tuple[int, int, int, list[int]]]
    events: list[list[int]]
    tie_between_them: bool


@dataclass
class Before:
    handles: set[str]
    tags: set[str]
    ties: dict[int, list[Relationship]] = field(default_factory=dict)
    interactions: set[int] = field(default_factory=set)
    ledger: dict[int, tuple[int, int]] = field(default_factory=dict)
    referrals: dict[int, tuple[int, int, int, list[int]]] = field(default_factory=dict)
    events: set[int] = field(default_factory=set)
    followups: set[int] = field(default_factory=set)
    notes: set[int] = field(default_factory=set)


def sides(prefix: str) -> st.SearchStrategy[Side]:
    def build(draw: st.DrawFn) -> Side:
        emails = draw(st.lists(st.sampled_from(["work", "home", "old"]), unique=True, max_size=3))
        phones = draw(st.lists(st.sampled_from(PHONES[prefix]), unique=True, max_size=2))
        ties = draw(
            st.dictionaries(
                st.integers(0, 4),
                st.tuples(
                    st.sampled_from(list(TieKind)),
                    st.none() | st.floats(0, 1),
                    st.booleans(),
                ),
                max_size=5,
            )
        )
        return Side(
            emails=[f"{prefix}.{e}@example.com" for e in emails],
            phones=phones,
            tags=draw(st.lists(st.sampled_from(TAGS), unique=True, max_size=3)),
            city=draw(st.sampled_from([None, "Paris", "Lyon"])),
            ties=ties,
            followups=draw(st.integers(0, 2)),
            notes=draw(st.integers(0, 2)),
        )

    return st.composite(build)()


@st.composite
def worlds(draw: st.DrawFn) -> World:
    pool_size = draw(st.integers(0, 4))
    keep_is_owner = draw(st.booleans())
    # people: 0 = owner, 1 = keep (the owner again when keep_is_owner), 2 = other, 3.. = pool
    everyone = st.integers(0, 2 + pool_size)

    def group(min_size: int) -> st.SearchStrategy[list[int]]:
        return st.lists(everyone, min_size=min_size, max_size=4, unique=True)

    pairs = st.tuples(everyone, everyone).filter(lambda p: p[0] != p[1])
    referral = st.lists(everyone, min_size=3, max_size=5, unique=True).map(
        lambda ids: (ids[0], ids[1], ids[2], ids[3:])
    )
    return World(
        keep=draw(sides("a")),
        other=draw(sides("b")),
        keep_is_owner=keep_is_owner,
        pool_size=pool_size,
        interactions=draw(st.lists(group(2), max_size=4)),
        ledger=draw(st.lists(pairs, max_size=4)),
        referrals=draw(st.lists(referral, max_size=3)),
        events=draw(st.lists(group(0), max_size=2)),
        tie_between_them=draw(st.booleans()),
    )


def build_world(session: Session, world: World) -> tuple[Person, Person, list[Person]]:
    owner = get_owner(session)
    keep = owner if world.keep_is_owner else add(session, "Ann Lee")
    other = add(session, "Ann B. Lee")
    pool = [add(session, f"Pool {i}") for i in range(world.pool_size)]
    people = [owner, keep, other, *pool]
    for person, side in ((keep, world.keep), (other, world.other)):
        edit = PersonFields(emails=side.emails, phones=side.phones, tags=side.tags, city=side.city)
        edit_person(session, person=person, fields=edit)
        for target, (kind, strength, first) in side.ties.items():
            friend = [owner, *pool][target % (len(pool) + 1)]
            if friend.id != person.id:
                a, b = (person, friend) if first else (friend, person)
                connect_people(session, a=a, b=b, kind=kind, strength=strength)
        for i in range(side.followups):
            if not person.is_me:
                schedule_followup(session, person=person, due_on=date(2026, 4, 1 + i))
        for i in range(side.notes):
            add_note(session, person=person, body=f"note {i} about {person.name}")
    if world.tie_between_them and keep.id != other.id:
        connect_people(session, a=keep, b=other, kind=TieKind.FRIEND, strength=0.9)
    for i, group in enumerate(world.interactions):
        members = {people[p].id: people[p] for p in group}
        if len(members) >= 2:
            at = AT - timedelta(days=i)
            log_interaction(
                session, people=list(members.values()), kind=InteractionKind.CALL, at=at
            )
    for giver, receiver in world.ledger:
        if people[giver].id != people[receiver].id:
            record_give(
                session,
                giver=people[giver],
                receiver=people[receiver],
                kind=LedgerKind.HELP,
                on=AT.date(),
            )
    for referrer, prospect, receiver, via in world.referrals:
        roles = [people[i] for i in (referrer, prospect, receiver, *via)]
        if len({p.id for p in roles}) == len(roles):
            add_referral(
                session,
                referrer=roles[0],
                prospect=roles[1],
                receiver=roles[2],
                via=roles[3:],
                currency="USD",
                value=Decimal("100.00"),
                at=AT,
            )
    for i, group in enumerate(world.events):
        event = add_event(session, name=f"Mixer {i}", starts_on=AT.date())
        record_met(session, event=event, people=[people[p] for p in group])
    return keep, other, people


def snapshot(session: Session, workspace_id: int, ids: set[int]) -> Before:
    handles = set(session.scalars(select(Handle.value).where(Handle.person_id.in_(ids))))
    tags = {t for pid in ids for t in PersonSummary.of(session.get_one(Person, pid)).tags}
    before = Before(handles=handles, tags=tags)
    for pid in ids:
        for friend, tie in ties_of(session, pid).items():
            if friend not in ids:
                before.ties.setdefault(friend, []).append(tie)
    before.interactions = set(
        session.scalars(select(Participant.interaction_id).where(Participant.person_id.in_(ids)))
    )
    before.ledger = {
        e.id: (e.giver_id, e.receiver_id)
        for e in session.scalars(
            select(LedgerEntry).where(LedgerEntry.workspace_id == workspace_id)
        )
    }
    for r in session.scalars(select(Referral).where(Referral.workspace_id == workspace_id)):
        via = [v.person_id for v in r.via]
        before.referrals[r.id] = (r.referrer_id, r.prospect_id, r.receiver_id, via)
    before.events = set(
        session.scalars(select(Attendance.event_id).where(Attendance.person_id.in_(ids)))
    )
    before.followups = set(session.scalars(select(Followup.id).where(Followup.person_id.in_(ids))))
    before.notes = set(session.scalars(select(Note.id).where(Note.person_id.in_(ids))))
    return before


def expected_tie(
    ties: Sequence[Relationship], keep_id: int, friend: int
) -> tuple[str, float | None]:
    """The role the friend plays for keep, and the strength, after the two ties are combined."""
    kept = ties[0] if len(ties) == 1 or ties[0].other(friend) == keep_id else ties[1]
    dropped = [t for t in ties if t is not kept]
    label = kept.label_for(friend)
    if dropped and kept.kind == TieKind.KNOWS and dropped[0].kind != TieKind.KNOWS:
        label = dropped[0].label_for(friend)
    strengths = [t.strength for t in ties if t.strength is not None]
    return label, max(strengths) if strengths else None


def moved(person_id: int, keep_id: int, other_id: int) -> int:
    return keep_id if person_id == other_id else person_id


MERGE_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


@MERGE_SETTINGS
@given(world=worlds())
def test_merging_keeps_every_handle_tag_tie_and_record_of_both(
    workspace: Workspace, world: World
) -> None:
    # One fresh workspace per example: the fixture's rollback cleans them all up at the end.
    fresh = open_workspace(bind=workspace.bind, name=f"merge-{uuid.uuid4().hex[:12]}")
    with fresh.transaction() as session:
        keep, other, _ = build_world(session, world)
        kid, oid = keep.id, other.id
        before = snapshot(session, fresh.id, {kid, oid})
        labels = {
            friend: expected_tie(ties, kid, friend)
            for friend, ties in before.ties.items()
            if friend != kid
        }
        # what `snapshot` read is about to change under us; keep plain values only
        ledger_count = len(before.ledger)
        pair = {kid, oid}
        linked = any({g, r} == pair for g, r in before.ledger.values()) or any(
            pair <= {a, b, c, *via} for a, b, c, via in before.referrals.values()
        )
        if linked:
            # A gift or referral between the two would become one to oneself: refused.
            with pytest.raises(InvalidInput, match="linked by"):
                merge_people(session, keep=keep, other=other)
            assert session.get(Person, oid) is not None
            return

        merge_people(session, keep=keep, other=other)
        session.expire_all()

        assert session.get(Person, oid) is None
        after = snapshot(session, fresh.id, {kid})
        assert after.handles == before.handles
        handles = session.scalars(select(Handle).where(Handle.person_id == kid)).all()
        for kind in {h.kind for h in handles}:
            primary = [h.value for h in handles if h.kind == kind and h.is_primary]
            assert len(primary) == 1, f"one primary {kind}, not {primary}"
        assert after.tags == before.tags
        assert after.interactions == before.interactions
        assert after.events == before.events
        assert after.followups == before.followups
        assert after.notes >= before.notes
        now_ties = ties_of(session, kid)
        assert set(now_ties) == set(labels)
        for friend, (label, strength) in labels.items():
            assert now_ties[friend].label_for(friend) == label, f"role of #{friend}"
            assert now_ties[friend].strength == strength, f"strength of tie to #{friend}"
        assert len(after.ledger) == ledger_count
        for entry_id, (giver, receiver) in before.ledger.items():
            assert after.ledger[entry_id] == (moved(giver, kid, oid), moved(receiver, kid, oid))
        assert set(after.referrals) == set(before.referrals)
        for referral_id, (referrer, prospect, receiver, via) in before.referrals.items():
            assert after.referrals[referral_id] == (
                moved(referrer, kid, oid),
                moved(prospect, kid, oid),
                moved(receiver, kid, oid),
                [moved(p, kid, oid) for p in via],
            )


# --- examples -------------------------------------------------------------------------------


def test_merging_someone_into_themselves_is_invalid(session: Session) -> None:
    ann = add(session, "Ann Lee")
    with pytest.raises(InvalidInput, match="merged with themselves"):
        merge_people(session, keep=ann, other=ann)


def test_the_owner_cannot_be_merged_away(session: Session) -> None:
    ann = add(session, "Ann Lee")
    with pytest.raises(InvalidInput, match="owner cannot be merged away"):
        merge_people(session, keep=ann, other=get_owner(session))
    assert session.get(Person, get_owner(session).id) is not None


def test_the_kept_records_primary_email_stays_primary(session: Session) -> None:
    ann = add(session, "Ann Lee", emails=["ann@acme.example", "ann@home.example"])
    dup = add(session, "Ann L.", emails=["ann@globex.example"], phones=["+14155550100"])
    merge_people(session, keep=ann, other=dup)
    primary = session.scalars(
        select(Handle.value).where(Handle.person_id == ann.id, Handle.is_primary)
    ).all()
    assert sorted(primary) == ["+14155550100", "ann@acme.example"]


@pytest.mark.parametrize("keep_has_address", [True, False])
def test_every_address_moves_and_only_one_stays_primary(
    session: Session, keep_has_address: bool
) -> None:
    ann = add(session, "Ann Lee")
    dup = add(session, "Ann L.", nickname="Annie", ims=["skype:ann.lee"])
    if keep_has_address:
        add_address(session, person=ann, label="work", street="1 Quai Perrache", city="Lyon")
    add_address(session, person=dup, label="home", street="9 Rue Neuve", city="Paris")
    add_address(session, person=dup, po_box="PO Box 12", city="Paris")
    merge_people(session, keep=ann, other=dup)
    detail = person_detail(session, person=ann, now=AT)
    assert (detail.nickname, detail.ims) == ("Annie", ["skype:ann.lee"])
    streets = [(a.street, a.is_primary) for a in detail.addresses]
    if keep_has_address:
        assert streets == [("1 Quai Perrache", True), ("9 Rue Neuve", False), (None, False)]
    else:
        assert streets == [("9 Rue Neuve", True), (None, False)]


def test_an_address_both_records_have_is_kept_once(session: Session) -> None:
    ann, dup = add(session, "Ann Lee"), add(session, "Ann L.")
    add_address(session, person=ann, street="1 Quai Perrache", city="Lyon")
    add_address(session, person=dup, label="work", street="1 quai perrache", city="LYON")
    merge_people(session, keep=ann, other=dup)
    detail = person_detail(session, person=ann, now=AT)
    assert [(a.street, a.label, a.is_primary) for a in detail.addresses] == [
        ("1 Quai Perrache", "work", True)  # the label only the duplicate had is kept
    ]


def test_someone_can_be_merged_into_the_owner(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee", emails=["me@work.example"])
    merge_people(session, keep=me, other=ann)
    assert PersonSummary.of(get_owner(session)).emails == ["me@work.example"]


@pytest.mark.parametrize(
    ("keep_city", "other_city", "city", "note"),
    [
        ("Paris", "Lyon", "Paris", "city: Lyon"),
        (None, "Lyon", "Lyon", None),
        ("Paris", None, "Paris", None),
        ("Paris", "Paris", "Paris", None),
    ],
)
def test_a_differing_field_is_kept_in_a_note_and_a_missing_one_is_filled(
    session: Session, keep_city: str | None, other_city: str | None, city: str, note: str | None
) -> None:
    ann = add(session, "Ann Lee", city=keep_city)
    dup = add(session, "Ann Lee", city=other_city)
    merge_people(session, keep=ann, other=dup)
    assert ann.city == city
    notes = list(session.scalars(select(Note.body).where(Note.person_id == ann.id)))
    if note is None:
        assert notes == []
    else:
        assert len(notes) == 1
        assert f"Merged from #{dup.id}" in notes[0]
        assert note in notes[0]


def test_a_different_name_is_kept_in_the_merge_note(session: Session) -> None:
    ann, dup = add(session, "Ann Lee"), add(session, "Annie Lee")
    merge_people(session, keep=ann, other=dup)
    notes = list(session.scalars(select(Note.body).where(Note.person_id == ann.id)))
    assert ann.name == "Ann Lee"
    assert any("name: Annie Lee" in n for n in notes)


@pytest.mark.parametrize(
    ("keep_strength", "other_strength", "merged"),
    [(0.3, 0.8, 0.8), (0.8, 0.3, 0.8), (None, 0.4, 0.4), (0.4, None, 0.4), (None, None, None)],
)
def test_two_ties_to_the_same_person_become_one_with_the_stronger_strength(
    session: Session,
    keep_strength: float | None,
    other_strength: float | None,
    merged: float | None,
) -> None:
    ann, dup, bob = add(session, "Ann Lee"), add(session, "Ann L."), add(session, "Bob Stone")
    connect_people(session, a=ann, b=bob, strength=keep_strength)
    connect_people(session, a=bob, b=dup, strength=other_strength)
    merge_people(session, keep=ann, other=dup)
    ties = session.scalars(
        select(Relationship).where(
            or_(Relationship.person_a_id == bob.id, Relationship.person_b_id == bob.id)
        )
    ).all()
    assert len(ties) == 1
    assert ties[0].other(bob.id) == ann.id
    assert ties[0].strength == merged


def test_a_specific_kind_survives_a_merge_with_a_plain_knows_tie(session: Session) -> None:
    ann, dup, bob = add(session, "Ann Lee"), add(session, "Ann L."), add(session, "Bob Stone")
    connect_people(session, a=ann, b=bob)
    connect_people(session, a=bob, b=dup, kind=TieKind.MENTOR)
    merge_people(session, keep=ann, other=dup)
    tie = find_tie(session, ann.id, bob.id)
    assert tie is not None
    assert (tie.label_for(bob.id), tie.label_for(ann.id)) == ("mentor", "mentee")


def test_the_tie_between_the_two_records_disappears(session: Session) -> None:
    ann, dup = add(session, "Ann Lee"), add(session, "Ann L.")
    connect_people(session, a=ann, b=dup, strength=1.0)
    merge_people(session, keep=ann, other=dup)
    assert ties_of(session, ann.id) == {}


def test_an_interaction_both_records_took_part_in_lists_the_merged_person_once(
    session: Session,
) -> None:
    me, ann, dup = get_owner(session), add(session, "Ann Lee"), add(session, "Ann L.")
    call = log_interaction(session, people=[me, ann, dup], kind=InteractionKind.CALL, at=AT)
    merge_people(session, keep=ann, other=dup)
    assert participants(session, call.id) == {me.id, ann.id}
    assert session.get(Interaction, call.id) is not None


def test_the_kept_records_current_job_stays_current(session: Session) -> None:
    # The other record's job is newer in the database, but the kept record's values win.
    ann = add(session, "Ann Lee", org="Acme", title="CFO")
    dup = add(session, "Ann Lee", org="Globex", title="CEO")
    merge_people(session, keep=ann, other=dup)
    session.expire_all()
    summary = PersonSummary.of(session.get_one(Person, ann.id))
    assert (summary.org, summary.title) == ("Acme", "CFO")
    jobs = session.get_one(Person, ann.id).employments
    assert sorted(e.org.name for e in jobs) == ["Acme", "Globex"]


def test_a_person_merged_into_an_organisation_card_makes_it_theirs(session: Session) -> None:
    acme = add(session, "Acme Ltd", kind=ContactKind.ORGANISATION, emails=["info@acme.example"])
    ann = add(session, "Ann Lee", org="Acme Ltd", title="CFO", emails=["ann@acme.example"])
    merge_people(session, keep=acme, other=ann)
    session.expire_all()
    kept = session.get_one(Person, acme.id)
    summary = PersonSummary.of(kept)
    assert (summary.name, summary.kind) == ("Ann Lee", ContactKind.PERSON)
    assert (summary.org, summary.title) == ("Acme Ltd", "CFO")
    assert summary.emails == ["info@acme.example", "ann@acme.example"]
    assert session.scalars(select(Note.body).where(Note.person_id == acme.id)).all() == [
        f"Merged from #{ann.id}; name: Acme Ltd"
    ]


def test_an_organisation_card_merged_into_a_person_keeps_the_person(session: Session) -> None:
    ann = add(session, "Ann Lee", org="Acme Ltd", title="CFO")
    acme = add(session, "Acme Ltd", kind=ContactKind.ORGANISATION, phones=["+442079460000"])
    merge_people(session, keep=ann, other=acme)
    session.expire_all()
    summary = PersonSummary.of(session.get_one(Person, ann.id))
    assert (summary.name, summary.kind, summary.org, summary.title) == (
        "Ann Lee",
        ContactKind.PERSON,
        "Acme Ltd",
        "CFO",
    )
    assert summary.phones == ["+442079460000"]


def test_a_title_held_at_no_organisation_is_noted_when_it_stops_being_current(
    session: Session,
) -> None:
    ann = add(session, "Ann Lee", org="Acme", title="CFO")
    dup = add(session, "Ann Lee", title="Board Adviser")
    merge_people(session, keep=ann, other=dup)
    notes = session.scalars(select(Note.body).where(Note.person_id == ann.id)).all()
    assert notes == [f"Merged from #{dup.id}; title: Board Adviser"]


def test_a_gift_between_the_two_refuses_the_merge(session: Session) -> None:
    a = create_person(session, fields=PersonFields(name="Ann Lee"))
    b = create_person(session, fields=PersonFields(name="Ann L."))
    record_give(session, giver=a, receiver=b, kind=LedgerKind.HELP, on=date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="1 ledger entries"):
        merge_people(session, keep=a, other=b)
