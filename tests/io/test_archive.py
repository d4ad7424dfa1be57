"""The JSON archive: export then import into an empty workspace reproduces every row."""

from __future__ import annotations

import io
import json
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from conftest import typed_text
from goodword.errors import Conflict, InvalidInput
from goodword.events.service import add_event, record_met
from goodword.followups.service import complete_followup, schedule_followup, snooze_followup
from goodword.interactions.models import InteractionKind
from goodword.interactions.service import log_interaction
from goodword.io.archive import (
    FORMAT,
    VERSION,
    archived_tables,
    export_archive,
    import_archive,
    write_archive,
)
from goodword.models import metadata
from goodword.nurture.service import set_tier
from goodword.offering.models import IcpField, IcpOperator
from goodword.offering.service import add_criterion, get_offering, set_offering
from goodword.people.models import ContactKind, Person
from goodword.people.queries import search_people
from goodword.people.schemas import PersonSummary
from goodword.people.service import (
    PersonFields,
    add_address,
    add_note,
    create_person,
    edit_person,
    get_owner,
)
from goodword.people.tier import Tier
from goodword.referrals.models import LedgerKind, ReferralStatus
from goodword.referrals.pipeline import can_move
from goodword.referrals.service import add_referral, move_referral, record_give
from goodword.relationships.kinds import TieKind
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people
from goodword.settings.service import set_setting
from goodword.storage.base import WorkspaceRow
from goodword.workspace import Workspace, open_workspace

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TODAY = NOW.date()
TAGS = ("founder", "cfo", "chamber", "golf")
ORGS = ("Acme", "Globex", "Initech")
# Text of any script, often in a form NFC changes: every row must come back exactly as stored.
TEXT = typed_text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
NAME = TEXT.filter(lambda text: bool(text.strip()))
WORD = (
    typed_text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8)
    .map(lambda text: "".join(c for c in text if not c.isspace()))  # also a valid IM handle
    .filter(bool)
)


def fits(limit: int) -> st.SearchStrategy[str]:
    """A `WORD` that fits a column of `limit` characters once NFC (which may lengthen it)."""
    return WORD.filter(lambda text: len(unicodedata.normalize("NFC", text)) <= limit)


# --- a network described before anything is written -----------------------------------------

# A person's nickname, industry, country, IM handle, e-mail label, address label, street,
# region and postcode.
Words = tuple[str, str, str, str, str, str, str, str, str]
PLAIN_WORDS: Words = ("Annie", "Accounting", "UK", "ann.lee", "work", "home", "High St", "Kent",
                      "CT1")  # fmt: skip


@dataclass(frozen=True)
class PersonSpec:
    name: str
    emails: int
    phones: int
    linkedin: bool
    org: str | None
    past_org: str | None
    title: str | None
    city: str | None
    tags: tuple[str, ...]
    birthday: tuple[int | None, int, int] | None
    # Free text in every other field a person has.
    words: Words = PLAIN_WORDS


@dataclass(frozen=True)
class Network:
    """People are numbered from 1; 0 is the owner."""

    people: list[PersonSpec]
    ties: list[tuple[int, int, TieKind, float | None]]
    interactions: list[tuple[frozenset[int], InteractionKind, datetime, bool, str]]
    events: list[tuple[str, date, time | None, Decimal | None, frozenset[int]]]
    gives: list[tuple[int, int, LedgerKind, Decimal | None]]
    referrals: list[tuple[tuple[int, ...], tuple[ReferralStatus, ...], Decimal | None]]
    followups: list[tuple[int, date, str | None, bool, bool]]  # person, due, rule, done, snooze
    notes: list[tuple[int, str]]
    offering: tuple[str, str] | None
    criteria: list[tuple[IcpField, IcpOperator, str, float]]
    currency: str


MONEY = st.none() | st.decimals(min_value=0, max_value=99999, places=2).map(Decimal)
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))
CLOCK = st.none() | st.times().map(lambda moment: moment.replace(microsecond=0))
MOMENTS = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


def person_specs() -> st.SearchStrategy[PersonSpec]:
    birthday = st.tuples(
        st.none() | st.integers(1940, 2005), st.integers(1, 12), st.integers(1, 28)
    )
    return st.builds(
        PersonSpec,
        name=NAME,
        emails=st.integers(0, 2),
        phones=st.integers(0, 2),
        linkedin=st.booleans(),
        org=st.none() | st.sampled_from(ORGS) | NAME,
        past_org=st.none() | st.sampled_from(ORGS) | NAME,
        title=st.none() | NAME,
        city=st.none() | st.sampled_from(("Leeds", "Lyon", "Zürich")) | WORD,
        tags=st.lists(st.sampled_from(TAGS) | WORD, unique=True).map(tuple),
        birthday=st.none() | birthday,
        words=st.tuples(WORD, WORD, WORD, WORD, fits(50), fits(50), WORD, WORD, fits(20)),
    )


@st.composite
def networks(draw: st.DrawFn) -> Network:
    people = draw(st.lists(person_specs(), min_size=1, max_size=6))
    anyone = st.integers(0, len(people))
    others = st.integers(1, len(people))
    group = st.frozensets(anyone, min_size=2, max_size=4)
    roles = st.permutations(range(1, len(people) + 1)).map(lambda p: tuple(p[:4]))
    statuses = st.lists(st.sampled_from(list(ReferralStatus)[1:]), max_size=3).map(tuple)
    rules = st.none() | st.sampled_from(("every 2 weeks", "monthly", "every 10 days"))
    ties = st.tuples(anyone, anyone, st.sampled_from(TieKind), st.none() | st.floats(0, 1))
    touches = st.tuples(group, st.sampled_from(InteractionKind), MOMENTS, st.booleans(), TEXT)
    gives = st.tuples(anyone, anyone, st.sampled_from(LedgerKind), MONEY)
    followups = st.tuples(others, DAYS, rules, st.booleans(), st.booleans())
    criteria = st.tuples(
        st.sampled_from(IcpField), st.sampled_from(IcpOperator), NAME, st.floats(0.1, 5)
    )
    return Network(
        people=people,
        ties=draw(st.lists(ties)),
        interactions=draw(st.lists(touches)),
        events=draw(
            st.lists(st.tuples(NAME, DAYS, CLOCK, MONEY, st.frozensets(anyone)), max_size=3)
        ),
        gives=draw(st.lists(gives, max_size=4)),
        referrals=draw(st.lists(st.tuples(roles, statuses, MONEY), max_size=3))
        if len(people) > 1
        else [],
        followups=draw(st.lists(followups, max_size=4)),
        notes=draw(st.lists(st.tuples(others, NAME), max_size=4)),
        offering=draw(st.none() | st.tuples(NAME, NAME)),
        criteria=draw(st.lists(criteria, max_size=3)),
        currency=draw(st.sampled_from(("USD", "EUR", "GBP"))),
    )


def build(session: Session, network: Network) -> list[Person]:
    """Writes `network` through the services, as a user would; returns people by number."""
    people = [get_owner(session)]
    people += [_person(session, i, spec) for i, spec in enumerate(network.people)]
    session.get_one(WorkspaceRow, people[0].workspace_id).currency = network.currency
    for a, b, tie, strength in network.ties:
        if a != b:
            connect_people(session, a=people[a], b=people[b], kind=tie, strength=strength)
    for group, touch, at, initiated, note in network.interactions:
        members = [people[i] for i in sorted(group)]
        first = members[0] if initiated else None
        log_interaction(session, people=members, kind=touch, at=at, note=note, initiated_by=first)
    for name, day, clock, cost, met in network.events:
        event = add_event(
            session, name=name, starts_on=day, starts_time=clock, cost=cost, currency="EUR"
        )
        record_met(session, event=event, people=[people[i] for i in sorted(met)])
    for who, body in network.notes:
        add_note(session, person=people[who], body=body)
    if network.offering:
        set_offering(session, one_liner=network.offering[0], results=network.offering[1])
    for field, operator, value, weight in network.criteria:
        add_criterion(session, field=field, operator=operator, value=value, weight=weight)
    _build_give_and_take(session, network, people)
    _build_followups(session, network, people)
    return people


def _build_give_and_take(session: Session, network: Network, people: list[Person]) -> None:
    for giver, receiver, kind, value in network.gives:
        if giver != receiver:
            a, b = people[giver], people[receiver]
            record_give(
                session, giver=a, receiver=b, kind=kind, on=TODAY, value=value, currency="USD"
            )
    for (referrer, prospect, *via), moves, value in network.referrals:
        referral = add_referral(
            session,
            referrer=people[referrer],
            prospect=people[prospect],
            receiver=people[0],
            currency="USD",
            at=NOW,
            via=[people[i] for i in via],
            value=value,
        )
        for step, status in enumerate(moves, start=1):
            if can_move(referral.status, status, reopen=True):
                at = NOW + timedelta(days=step)
                move_referral(session, referral=referral, status=status, at=at, reopen=True)


def _build_followups(session: Session, network: Network, people: list[Person]) -> None:
    for who, due, rule, done, snooze in network.followups:
        person = people[who]
        followup = schedule_followup(
            session, person=person, due_on=due, reason="catch up", rule=rule
        )
        if snooze:
            until = TODAY + timedelta(days=9)
            snooze_followup(session, followup=followup, until=until, today=TODAY)
        if done:
            complete_followup(session, followup=followup, now=NOW)


def _person(session: Session, index: int, spec: PersonSpec) -> Person:
    nickname, industry, country, im, label, place, street, region, postcode = spec.words
    fields = PersonFields(
        name=spec.name,
        emails=[f"p{index}.{n}@example.com" for n in range(spec.emails)],
        phones=[f"+1415555{index:02d}{n:02d}" for n in range(spec.phones)],
        linkedin=f"linkedin.com/in/person-{index}" if spec.linkedin else None,
        ims=[f"skype:{im}.{index}"] if spec.linkedin else [],
        nickname=nickname if spec.linkedin else None,
        industry=industry,
        org=spec.past_org,
        city=spec.city,
        country=country,
        tags=spec.tags,
        birthday=spec.birthday,
        handle_labels={f"p{index}.0@example.com": label},
    )
    person = create_person(session, fields=fields)
    if spec.city:
        street = f"{index + 1} {street}"
        add_address(
            session,
            person=person,
            label=place,
            street=street,
            city=spec.city,
            region=region,
            postcode=postcode,
        )
    if spec.org:
        edit_person(session, person=person, fields=PersonFields(org=spec.org, title=spec.title))
    return person


FULL = Network(
    people=[
        PersonSpec("Ann Lee", 2, 1, True, "Acme", "Globex", "CFO", "Leeds", TAGS[:2], (1980, 6, 1)),
        PersonSpec("Bob Ng", 1, 0, False, "Initech", None, None, None, TAGS[2:], (None, 2, 29)),
        PersonSpec("Cy Diaz", 0, 2, False, None, None, None, "Lyon", (), None),
    ],
    ties=[(0, 1, TieKind.FRIEND, 0.8), (2, 1, TieKind.MENTOR, None), (3, 1, TieKind.KNOWS, 0.2)],
    interactions=[(frozenset({0, 1, 2}), InteractionKind.COFFEE, NOW, True, "flat white")],
    events=[("Chamber mixer", TODAY, time(18, 30), Decimal("25.50"), frozenset({1, 2}))],
    gives=[(0, 3, LedgerKind.INTRODUCTION, None), (1, 0, LedgerKind.HELP, Decimal("10.00"))],
    referrals=[((1, 3, 2), (ReferralStatus.MET, ReferralStatus.WON), Decimal("1200.00"))],
    followups=[(1, TODAY, "monthly", True, False), (2, TODAY, None, False, True)],
    notes=[(1, "Met at the mixer"), (1, "Likes sailing")],
    offering=("Tax help for founders", "Fewer surprises"),
    criteria=[(IcpField.INDUSTRY, IcpOperator.IS, "software", 2.0)],
    currency="EUR",
)  # fmt: skip


# --- comparing workspaces -------------------------------------------------------------------


@contextmanager
def fresh_workspaces(engine: Engine, count: int) -> Iterator[list[Workspace]]:
    """Uniquely named workspaces on one connection, all rolled back afterwards."""
    with engine.connect() as connection:
        outer = connection.begin()
        try:
            yield [
                open_workspace(bind=connection, name=f"arch-{uuid.uuid4().hex[:10]}")
                for _ in range(count)
            ]
        finally:
            outer.rollback()


def has_id(table_name: str) -> bool:
    return [c.name for c in metadata.tables[table_name].primary_key.columns] == ["id"]


def canonical(archive: dict[str, Any]) -> dict[str, list[str]]:
    """Each table's rows with every id replaced by its rank in its table, sorted.

    Ids differ between workspaces, but an import keeps their order, so ranks agree.
    """
    tables = archive["tables"]
    ranks = {
        name: {row["id"]: rank for rank, row in enumerate(sorted(rows, key=lambda r: r["id"]))}
        for name, rows in tables.items()
        if has_id(name)
    }
    result: dict[str, list[str]] = {}
    for table in archived_tables():
        rows = []
        for row in tables[table.name]:
            row = dict(row)
            if has_id(table.name):
                row["id"] = ranks[table.name][row["id"]]
            for column in table.columns:
                for key in column.foreign_keys:
                    target = key.column.table.name
                    if target != "workspace" and row.get(column.name) is not None:
                        row[column.name] = ranks[target][row[column.name]]
            rows.append(json.dumps(row, sort_keys=True))
        result[table.name] = sorted(rows)
    return result


def assert_archive_holds_every_row(session: Session, archive: dict[str, Any]) -> None:
    wid = session.info["workspace_id"]
    assert set(archive["tables"]) == {t.name for t in archived_tables()}
    for table in archived_tables():
        stored = session.scalar(select(func.count()).where(table.c.workspace_id == wid))
        rows = archive["tables"][table.name]
        assert len(rows) == stored, table.name
        expected = {c.name for c in table.columns} - {"workspace_id"}
        assert all(set(row) == expected for row in rows), table.name


def round_trip(source: Workspace, target: Workspace) -> tuple[dict[str, Any], dict[str, Any]]:
    with source.transaction() as session:
        archive = export_archive(session)
        assert_archive_holds_every_row(session, archive)
    archive = json.loads(json.dumps(archive))  # it must survive being a file
    with target.transaction() as session:
        counts = import_archive(session, archive)
        copied = export_archive(session)
    assert counts == {name: len(rows) for name, rows in archive["tables"].items()}
    return archive, copied


# --- the round trip -------------------------------------------------------------------------


def test_round_trip_of_a_network_touching_every_table(engine: Engine) -> None:
    with fresh_workspaces(engine, 2) as (source, target):
        with source.transaction() as session:
            people = build(session, FULL)
            # What only the nurture commands write: a setting, and a tier set by hand.
            set_setting(session, key="cadence.inner", value="21")
            set_tier(session, person=people[1], tier=Tier.INNER)
        archive, copied = round_trip(source, target)
        assert all(archive["tables"].values()), "the sample must put rows in every table"
        assert copied["tables"]["setting"] == [{"key": "cadence.inner", "value": "21"}]
        assert [p["tier"] for p in copied["tables"]["person"]].count("inner") == 1
        assert canonical(copied) == canonical(archive)
        assert copied["workspace"]["currency"] == "EUR"
        assert [row["starts_time"] for row in copied["tables"]["event"]] == ["18:30:00"]
        with target.transaction() as session:
            owners = session.scalars(
                select(Person).where(Person.workspace_id == target.id, Person.is_me)
            ).all()
            assert len(owners) == 1


def texts(value: Any) -> Iterator[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(network=networks())
def test_round_trip_reproduces_every_row_of_random_workspaces(
    engine: Engine, network: Network
) -> None:
    with fresh_workspaces(engine, 2) as (source, target):
        with source.transaction() as session:
            build(session, network)
        archive, copied = round_trip(source, target)
        assert canonical(copied) == canonical(archive)
        assert copied["workspace"] | {"name": None} == archive["workspace"] | {"name": None}
        stored = [text for text in texts(archive) if not unicodedata.is_normalized("NFC", text)]
        assert stored == [], "the services store text NFC"


def test_an_archive_with_decomposed_text_imports_it_composed(workspace: Workspace) -> None:
    """An archive written by hand or by an older version: its text is stored as all text is."""
    archive = sample_archive(workspace)
    ann = next(row for row in archive["tables"]["person"] if row["name"] == "Ann Lee")
    ann["name"] = "Ann Le\u0301e"  # e + combining acute
    ann["nickname"] = "\uf900"  # a compatibility ideograph, NFC U+8C48
    with workspace.transaction() as session:
        import_archive(session, archive)
        assert "Ann Lée" in person_names(session)
        stored = session.scalar(select(Person.nickname).where(Person.name == "Ann Lée"))
    assert stored == "\u8c48"


def test_archive_header_names_format_version_and_schema(session: Session) -> None:
    archive = export_archive(session)
    assert archive["format"] == FORMAT
    assert archive["version"] == VERSION
    assert archive["schema"]
    assert datetime.fromisoformat(archive["exported_at"]).tzinfo is not None
    assert set(archive["workspace"]) == {"name", "currency", "phone_region"}


def test_streamed_archive_is_the_same_json(engine: Engine) -> None:
    with fresh_workspaces(engine, 1) as (source,), source.transaction() as session:
        build(session, FULL)
        out = io.StringIO()
        counts = write_archive(session, out)
        streamed = json.loads(out.getvalue())
        built = export_archive(session)
    assert streamed["tables"] == built["tables"]
    assert counts == {name: len(rows) for name, rows in built["tables"].items()}


def test_every_foreign_key_points_to_an_earlier_table_with_an_id() -> None:
    """The import maps ids table by table; a new table that breaks this needs code there."""
    seen: set[str] = {"workspace"}
    for table in archived_tables():
        assert "workspace_id" in table.c, table.name
        for key in table.foreign_keys:
            target = key.column.table.name
            assert target in seen, (table.name, target)
            assert target != table.name, table.name
            assert target == "workspace" or has_id(target), (table.name, target)
        seen.add(table.name)


# --- the owner and tie order ----------------------------------------------------------------


def test_archive_owner_merges_into_the_existing_owner(engine: Engine) -> None:
    with fresh_workspaces(engine, 2) as (source, target):
        with source.transaction() as session:
            fields = PersonFields(name="Pat Owner", emails=["pat@example.com"])
            edit_person(session, person=get_owner(session), fields=fields)
            archive = export_archive(session)
        with target.transaction() as session:
            owner_id = get_owner(session).id
            import_archive(session, archive)
            owner = get_owner(session)
            assert (owner.id, owner.name) == (owner_id, "Pat Owner")
            assert [h.value for h in owner.handles] == ["pat@example.com"]


def test_an_organisation_contact_and_a_title_at_none_travel_in_the_archive(
    engine: Engine,
) -> None:
    with fresh_workspaces(engine, 2) as (source, target):
        with source.transaction() as session:
            fields = PersonFields(name="Acme Ltd", kind=ContactKind.ORGANISATION)
            create_person(session, fields=fields)
            create_person(session, fields=PersonFields(name="Sara Quinn", title="Coach"))
        archive, copied = round_trip(source, target)
        assert canonical(copied) == canonical(archive)
        with target.transaction() as session:
            people = [PersonSummary.of(p) for p in search_people(session, limit=None)]
            found = {p.name: (p.kind, p.org, p.title) for p in people}
    assert found["Acme Ltd"] == (ContactKind.ORGANISATION, "Acme Ltd", None)
    assert found["Sara Quinn"] == (ContactKind.PERSON, None, "Coach")


def test_a_tie_whose_new_ids_swap_keeps_its_roles(engine: Engine) -> None:
    with fresh_workspaces(engine, 2) as (source, target):
        with source.transaction() as session:
            ann = create_person(session, fields=PersonFields(name="Ann"))
            connect_people(session, a=get_owner(session), b=ann, kind=TieKind.MENTOR)
            archive = json.loads(json.dumps(export_archive(session)))
        # Renumber the owner above Ann, as an archive from another database might have it:
        # the tie is then stored Ann first, with `reversed` saying the owner is the mentor.
        owner = next(row for row in archive["tables"]["person"] if row["is_me"])
        owner["id"] = 10**6
        (tie,) = archive["tables"]["relationship"]
        assert not tie["reversed"]
        tie.update(person_a_id=tie["person_b_id"], person_b_id=owner["id"], reversed=True)
        with target.transaction() as session:
            import_archive(session, archive)
            me = get_owner(session)
            tie = session.scalars(
                select(Relationship).where(Relationship.workspace_id == target.id)
            ).one()
            assert tie.person_a_id < tie.person_b_id
            assert tie.label_for(me.id) == "mentor"
            assert tie.label_for(tie.other(me.id)) == "mentee"


# --- refusing ---------------------------------------------------------------------------------


def sample_archive(workspace: Workspace) -> dict[str, Any]:
    """The archive of another workspace on the same connection (SQLite allows one writer)."""
    source = open_workspace(bind=workspace.bind, name=f"src-{uuid.uuid4().hex[:10]}")
    with source.transaction() as session:
        build(session, FULL)
        archive: dict[str, Any] = json.loads(json.dumps(export_archive(session)))
    return archive


def person_names(session: Session) -> list[str]:
    wid = session.info["workspace_id"]
    query = select(Person.name).where(Person.workspace_id == wid).order_by(Person.id)
    return list(session.scalars(query))


def test_import_refuses_a_workspace_with_data_and_changes_nothing(workspace: Workspace) -> None:
    archive = sample_archive(workspace)
    with workspace.transaction() as session:
        create_person(session, fields=PersonFields(name="Zoe Kept"))
    with (
        pytest.raises(Conflict, match="not empty") as raised,
        workspace.transaction() as session,
    ):
        import_archive(session, archive)
    assert "--force" in (raised.value.hint or "")
    with workspace.transaction() as session:
        assert person_names(session) == ["Me", "Zoe Kept"]


def test_import_with_force_replaces_everything(workspace: Workspace) -> None:
    archive = sample_archive(workspace)
    with workspace.transaction() as session:
        zoe = create_person(session, fields=PersonFields(name="Zoe Gone", emails=["ann@x.org"]))
        connect_people(session, a=get_owner(session), b=zoe)
        add_criterion(session, field=IcpField.CITY, operator=IcpOperator.IS, value="Leeds")
    with workspace.transaction() as session:
        import_archive(session, archive, force=True)
        copied = export_archive(session)
        assert "Zoe Gone" not in person_names(session)
    assert canonical(copied) == canonical(archive)


def test_an_empty_offering_does_not_count_as_data(workspace: Workspace) -> None:
    archive = sample_archive(workspace)
    with workspace.transaction() as session:
        set_offering(session)  # an empty row, as `goodword me show` used to leave
    with workspace.transaction() as session:
        import_archive(session, archive)
        assert get_offering(session).one_liner == "Tax help for founders"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something-else"}, "not a goodword archive"),
        ({"version": VERSION + 1}, "newer goodword"),
        ({"schema": "29991231_9999"}, "newer goodword"),
        ({"version": "1"}, "version"),
        ({"workspace": {"currency": "euro", "phone_region": "GB"}}, "currency"),
        ({"workspace": {"currency": "XYZ", "phone_region": "GB"}}, "currency 'XYZ' is not"),
        (
            {
                "tables": {
                    "event": [
                        {
                            "id": 1,
                            "name": "E",
                            "starts_on": "2026-01-01",
                            "cost_amount": "5",
                            "cost_currency": "GPB",
                        }
                    ]
                }
            },
            "'event' row 1: cost_currency 'GPB' is not an ISO 4217 .* Did you mean GBP",
        ),
        ({"tables": []}, "tables"),
        ({"tables": {"gizmo": []}}, "gizmo"),
        ({"tables": {"person": [{"id": 1, "name": "A", "shoe_size": 9}]}}, "shoe_size"),
        ({"tables": {"person": [{"id": "x", "name": "A"}]}}, "integer id"),
        ({"tables": {"event": [{"id": 1, "name": "E", "starts_on": "soon"}]}}, "starts_on"),
        (
            {
                "tables": {
                    "event": [
                        {"id": 1, "name": "E", "starts_on": "2026-01-01", "starts_time": "25:00"}
                    ]
                }
            },
            "starts_time '25:00' is not a valid time",
        ),
        ({"tables": {"note": [{"id": 1, "person_id": 77, "body": "hi"}]}}, "person #77"),
        ({"tables": {"tag": [{"id": 1, "name": "a"}, {"id": 1, "name": "b"}]}}, "repeat an id"),
        ({"tables": {"tag": [{"id": 1}]}}, "cannot be stored"),
    ],
)
def test_import_rejects_a_bad_archive_and_changes_nothing(
    workspace: Workspace, change: dict[str, Any], message: str
) -> None:
    with workspace.transaction() as session:
        archive = export_archive(session) | change
    with pytest.raises(InvalidInput, match=message), workspace.transaction() as session:
        import_archive(session, archive)
    with workspace.transaction() as session:
        assert person_names(session) == ["Me"]


def test_import_rejects_two_owners(workspace: Workspace) -> None:
    archive = sample_archive(workspace)
    people = archive["tables"]["person"]
    people.append(dict(people[0], id=max(p["id"] for p in people) + 1))
    with (
        pytest.raises(InvalidInput, match="more than one owner"),
        workspace.transaction() as session,
    ):
        import_archive(session, archive)


def test_import_takes_a_currency_in_small_letters_as_its_iso_code(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        archive = export_archive(session)
    archive["workspace"]["currency"] = "eur"
    archive["tables"]["event"] = [
        {"id": 1, "name": "Gala", "starts_on": "2026-01-01", "cost_amount": "5",
         "cost_currency": "gbp"}
    ]  # fmt: skip
    with workspace.transaction() as session:
        import_archive(session, archive)
    with workspace.transaction() as session:
        stored = export_archive(session)
    assert stored["workspace"]["currency"] == "EUR"
    assert [row["cost_currency"] for row in stored["tables"]["event"]] == ["GBP"]
