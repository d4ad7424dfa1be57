"""The import writer: matching, merging, idempotence and all-or-nothing, on real databases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.interactions.models import Interaction
from goodword.io.apply import import_batch
from goodword.io.errors import MalformedFile
from goodword.io.records import (
    ME,
    ORGANISATION,
    AddressRecord,
    Batch,
    Handle,
    InteractionRecord,
    PersonRecord,
    TieRecord,
)
from goodword.io.report import ImportReport
from goodword.people.models import Person
from goodword.people.queries import resolve_person, search_people
from goodword.people.schemas import PersonSummary
from goodword.people.service import PersonFields, create_person
from goodword.profiles.queries import ties
from goodword.relationships.models import Relationship
from goodword.storage.session import workspace_id
from goodword.workspace import Workspace

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def contacts() -> Batch:
    return Batch(
        people=[
            PersonRecord(
                key="card1",
                name="Ann Lee",
                line=1,
                org="Acme",
                title="CFO",
                tags=["Client"],
                handles=[Handle("email", "Ann@Acme.io", "work"), Handle("phone", "415 555 0100")],
                notes=["Met at the summit"],
                birthday=(None, 6, 21),
            ),
            PersonRecord(
                key="card2", name="Bob Stone", line=9, handles=[Handle("email", "bob@x.io")]
            ),
            PersonRecord(key="card3", name="Ann Lee", line=15, org="Acme", tags=["vip"]),
        ],
        ties=[TieRecord(a=ME, b="card2", line=9, since=date(2024, 3, 15))],
        interactions=[
            InteractionRecord(
                kind="meeting",
                at=NOW,
                participants=[ME, "card1", "card2"],
                line=30,
                initiated_by="card1",
                note="Budget review",
                external_id="ics:1",
            )
        ],
    )


def run(session: Session, batch: Batch) -> ImportReport:
    return import_batch(session, batch=batch, report=ImportReport(format="test", file="f.vcf"))


def test_new_people_are_created_with_handles_org_tags_notes_and_birthday(session: Session) -> None:
    report = run(session, contacts())
    assert (report.created, report.merged, report.unchanged) == (2, 1, 0)
    ann = PersonSummary.of(resolve_person(session, "ann@acme.io"))
    assert ann.emails == ["ann@acme.io"]
    assert ann.phones == ["+14155550100"]
    assert (ann.org, ann.title) == ("Acme", "CFO")
    assert ann.tags == ["client", "vip"]
    assert resolve_person(session, "ann@acme.io").birthday_month == 6


def test_reimporting_the_same_file_changes_nothing(session: Session) -> None:
    run(session, contacts())
    people = session.scalar(select(func.count()).select_from(Person))
    again = run(session, contacts())
    assert (again.created, again.merged, again.unchanged) == (0, 0, 2)
    assert (again.ties_created, again.interactions_created) == (0, 0)
    assert again.interactions_unchanged == 1
    assert session.scalar(select(func.count()).select_from(Person)) == people


def test_a_known_email_merges_into_the_existing_person(session: Session) -> None:
    known = create_person(session, fields=PersonFields(name="Ann Lee", emails=["ann@acme.io"]))
    report = run(session, contacts())
    assert report.created == 1
    assert report.merged == 1
    assert [m.person_id for m in report.merges] == [known.id]
    assert "same email" in report.merges[0].how
    assert PersonSummary.of(resolve_person(session, str(known.id))).org == "Acme"


def test_the_owner_is_recognised_by_their_address(session: Session, workspace: Workspace) -> None:
    me = resolve_person(session, "me")
    from goodword.people.service import edit_person

    edit_person(session, person=me, fields=PersonFields(emails=["dana@example.com"]))
    batch = Batch(
        people=[
            PersonRecord(
                key="dana@example.com",
                name="Dana",
                line=1,
                handles=[Handle("email", "dana@example.com")],
            ),
            PersonRecord(key="x@y.io", name="Xi Yu", line=2, handles=[Handle("email", "x@y.io")]),
        ],
        interactions=[
            InteractionRecord(
                kind="email", at=NOW, line=3, participants=["dana@example.com", "x@y.io"]
            )
        ],
    )
    report = run(session, batch)
    assert report.created == 1
    interaction = session.scalars(select(Interaction)).one()
    assert {p.person_id for p in interaction.participants} == {
        me.id,
        resolve_person(session, "x@y.io").id,
    }
    assert resolve_person(session, "me").name != "Dana"


def test_invalid_handles_are_skipped_with_the_line(session: Session) -> None:
    batch = Batch(
        people=[PersonRecord(key="a", name="Al", line=7, handles=[Handle("email", "nope")])]
    )
    report = run(session, batch)
    assert report.created == 1
    assert report.skipped_items[0].line == 7
    assert "nope" in report.skipped_items[0].reason


def test_a_tie_to_nobody_fails_the_whole_import(session: Session) -> None:
    batch = contacts()
    batch.ties.append(TieRecord(a="Nobody Known", b="card2", line=42, source="stated"))
    with pytest.raises(MalformedFile, match=r"f\.vcf:42"):
        run(session, batch)


def test_relationship_rows_name_people_by_email_or_name(session: Session) -> None:
    run(session, contacts())
    batch = Batch(
        ties=[
            TieRecord(
                a="ann@acme.io", b="Bob Stone", line=2, kind="mentor", strength=0.9, source="stated"
            )
        ]
    )
    report = run(session, batch)
    assert report.ties_created == 1
    ann = resolve_person(session, "ann@acme.io")
    [tie] = [t for t in ties(session, person_id=ann.id, now=NOW) if t.person.name == "Bob Stone"]
    assert (tie.kind, tie.strength) == ("mentee", 0.9)


def test_meeting_participants_are_all_recorded(session: Session) -> None:
    report = run(session, contacts())
    assert report.interactions_created == 1
    interaction = session.scalars(select(Interaction)).one()
    assert len(interaction.participants) == 3
    assert interaction.initiated_by_id == resolve_person(session, "ann@acme.io").id


def test_a_dry_run_reports_and_leaves_nothing(workspace: Workspace) -> None:
    with workspace.transaction(commit=False) as session:
        report = run(session, contacts())
    assert report.created == 2
    with workspace.transaction() as session:
        assert [p.name for p in search_people(session)] == [resolve_person(session, "me").name]


def switchboard(line: int = 40) -> PersonRecord:
    return PersonRecord(
        key=f"org{line}",
        name="Acme Ltd",
        line=line,
        kind=ORGANISATION,
        org="Acme Ltd",
        handles=[Handle("email", "info@acme.example"), Handle("phone", "+44 20 7946 0000")],
        notes=["Switchboard closes at 5."],
        addresses=[AddressRecord(street="1 Acme Way", city="Leeds", country="UK")],
    )


def test_an_organisation_card_is_a_contact_with_everything_it_holds(session: Session) -> None:
    report = run(session, Batch(people=[switchboard()]))
    assert (report.created, report.organisations_created, report.skipped) == (1, 1, 0)
    acme = resolve_person(session, "info@acme.example")
    summary = PersonSummary.of(acme)
    assert (summary.name, summary.kind, summary.org) == ("Acme Ltd", "organisation", "Acme Ltd")
    assert (summary.emails, summary.phones) == (["info@acme.example"], ["+442079460000"])
    assert [(a.street, a.city) for a in acme.addresses] == [("1 Acme Way", "Leeds")]
    assert [p.id for p in search_people(session, query="Acme")] == [acme.id]
    again = run(session, Batch(people=[switchboard()]))
    assert (again.created, again.merged, again.unchanged) == (0, 0, 1)


def test_an_organisation_card_matches_the_known_one_by_name_and_keeps_its_kind(
    session: Session,
) -> None:
    run(session, Batch(people=[switchboard()]))
    card = switchboard(50)
    card.handles = [Handle("email", "sales@acme.example")]
    report = run(session, Batch(people=[card]))
    assert (report.created, report.merged) == (0, 1)
    acme = PersonSummary.of(resolve_person(session, "sales@acme.example"))
    assert (acme.kind, acme.emails) == ("organisation", ["info@acme.example", "sales@acme.example"])


SARA = Handle("email", "sara@quinn.example")


def test_a_title_without_an_organisation_is_kept(session: Session) -> None:
    sara = PersonRecord(key="sara", name="Sara Quinn", line=3, title="Relationship Manager")
    sara.handles.append(SARA)
    report = run(session, Batch(people=[sara]))
    assert (report.created, report.organisations_created) == (1, 0)
    summary = PersonSummary.of(resolve_person(session, "sara@quinn.example"))
    assert (summary.kind, summary.org, summary.title) == ("person", None, "Relationship Manager")


def test_an_imported_organisation_completes_a_known_title_held_at_none(session: Session) -> None:
    create_person(
        session,
        fields=PersonFields(name="Sara Quinn", emails=["sara@quinn.example"], title="Coach"),
    )
    again = PersonRecord(key="sara", name="Sara Quinn", line=3, org="Quinn & Co", handles=[SARA])
    report = run(session, Batch(people=[again]))
    assert (report.merged, report.organisations_created) == (1, 1)
    sara = resolve_person(session, "sara@quinn.example")
    session.refresh(sara)
    assert [(e.org.name if e.org else None, e.title) for e in sara.employments] == [
        ("Quinn & Co", "Coach")
    ]


# --- relationship lists: ties between known people ---------------------------------------------


def stated(a: str, b: str, line: int, **fields: Any) -> TieRecord:
    return TieRecord(a=a, b=b, line=line, source="stated", **fields)


def stored_ties(session: Session) -> list[tuple[str, str, str, float | None, str | None]]:
    """(name of the first role, name of the second, kind, strength, note), sorted."""
    rows = session.execute(
        select(Relationship).where(Relationship.workspace_id == workspace_id(session))
    ).scalars()
    found = []
    for tie in rows:
        a, b = session.get_one(Person, tie.person_a_id), session.get_one(Person, tie.person_b_id)
        first, second = (b, a) if tie.reversed else (a, b)
        found.append((first.name, second.name, tie.kind.value, tie.strength, tie.note))
    return sorted(found)


def test_restating_known_ties_updates_them_and_restating_them_again_changes_nothing(
    session: Session,
) -> None:
    run(session, contacts())
    run(session, Batch(ties=[stated("Ann Lee", "bob@x.io", 2, kind="colleague", strength=0.4)]))
    batch = Batch(
        ties=[
            stated("Bob Stone", "ann@acme.io", 2, kind="mentor", strength=0.9, note="Golf"),
            stated("me", "Bob Stone", 3, kind="friend"),
        ]
    )
    first = run(session, batch)
    again = run(session, batch)
    assert (first.ties_created, first.ties_updated) == (0, 2)  # `me` knew Bob from the vCard
    assert (again.ties_created, again.ties_updated) == (0, 0)
    owner = resolve_person(session, "me").name
    assert stored_ties(session) == [
        ("Bob Stone", "Ann Lee", "mentor", 0.9, "Golf"),
        (owner, "Bob Stone", "friend", None, None),
    ]


def test_a_pair_named_twice_takes_its_last_row(session: Session) -> None:
    run(session, contacts())
    report = run(
        session,
        Batch(
            ties=[
                stated("Ann Lee", "Bob Stone", 2, kind="client", strength=0.2),
                stated("bob@x.io", "ann@acme.io", 3, kind="mentor", strength=0.7),
            ]
        ),
    )
    assert report.ties_created == 1
    assert ("Bob Stone", "Ann Lee", "mentor", 0.7, None) in stored_ties(session)


def test_a_row_naming_one_person_twice_is_skipped_with_its_line(session: Session) -> None:
    run(session, contacts())
    report = run(session, Batch(ties=[stated("ann@acme.io", "ANN LEE", 4)]))
    assert (report.ties_created, report.skipped) == (0, 1)
    assert report.skipped_items[0].line == 4
    assert "'ann@acme.io' and 'ANN LEE' are one person" in report.skipped_items[0].reason


def test_the_first_bad_line_is_named_and_no_tie_is_written(session: Session) -> None:
    run(session, contacts())
    before = stored_ties(session)
    ties = [stated("Ann Lee", "Bob Stone", n) for n in range(2, 500)]
    ties += [stated("Ann Lee", "Nobody Known", 500), stated("nobody@x.io", "Bob Stone", 501)]
    with pytest.raises(MalformedFile, match=r"f\.vcf:500: No person matches 'Nobody Known'"):
        run(session, Batch(ties=ties))
    assert stored_ties(session) == before


def test_me_is_named_as_typed_when_a_row_names_the_owner_twice(session: Session) -> None:
    owner = resolve_person(session, "me")
    report = run(session, Batch(ties=[stated(ME, f"#{owner.id}", 7)]))
    assert report.skipped_items[0].reason == f"'me' and '#{owner.id}' are one person (#{owner.id})"
