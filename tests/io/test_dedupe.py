"""Finding people recorded twice, and merging only the sure pairs, on real databases."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.interactions.models import Interaction, InteractionKind
from goodword.interactions.service import log_interaction
from goodword.io.dedupe import (
    MAX_GROUP,
    SURE_SCORE,
    DuplicatePair,
    find_duplicates,
    merge_sure_duplicates,
)
from goodword.people.models import ContactKind, Note, Person
from goodword.people.queries import resolve_person
from goodword.people.schemas import PersonSummary
from goodword.people.service import PersonFields, add_note, create_person, edit_person, get_owner
from goodword.profiles.queries import ties
from goodword.relationships.service import connect_people
from goodword.storage.session import workspace_id

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def add(session: Session, name: str, **fields: object) -> Person:
    return create_person(session, fields=PersonFields(name=name, **fields))  # type: ignore[arg-type]


def pairs_of(session: Session) -> list[tuple[str, str, float, str]]:
    return [(p.keep.name, p.other.name, p.score, p.reason) for p in find_duplicates(session)]


def people_count(session: Session) -> int:
    wid = workspace_id(session)
    return session.scalar(select(func.count()).where(Person.workspace_id == wid)) or 0


def test_same_name_at_the_same_org_is_a_sure_pair(session: Session) -> None:
    first = add(session, "Ann Lee", emails=["ann@acme.io"], org="Acme")
    second = add(session, "Ann Lee", emails=["ann.lee@gmail.com"], org="ACME ")

    [pair] = find_duplicates(session)

    assert (pair.keep.id, pair.other.id) == (first.id, second.id)  # the older record is kept
    assert (pair.score, pair.reason) == (SURE_SCORE, "same name and organisation")
    assert pair.sure


def test_an_organisation_recorded_twice_is_a_sure_pair(session: Session) -> None:
    first = add(session, "Acme Ltd", kind=ContactKind.ORGANISATION, emails=["info@acme.example"])
    second = add(session, "Acme Ltd", kind=ContactKind.ORGANISATION, phones=["+442079460000"])
    add(session, "Ann Lee", org="Acme Ltd")

    [pair] = find_duplicates(session)

    assert (pair.keep.id, pair.other.id, pair.sure) == (first.id, second.id, True)
    assert pair.keep.kind == pair.other.kind == ContactKind.ORGANISATION
    merge_sure_duplicates(session, [pair])
    acme = PersonSummary.of(resolve_person(session, "info@acme.example"))
    assert (acme.kind, acme.phones) == (ContactKind.ORGANISATION, ["+442079460000"])


def test_apply_merges_a_sure_pair_losslessly(session: Session) -> None:
    owner = get_owner(session)
    keep = add(session, "Ann Lee", emails=["ann@acme.io"], org="Acme", title="CFO", tags=["vip"])
    other = add(
        session,
        "Ann Lee",
        emails=["ann.lee@gmail.com"],
        phones=["+1 415 555 0100"],
        linkedin="linkedin.com/in/annlee",
        org="Acme",
        tags=["golf"],
        city="Boston",
        birthday=(None, 6, 21),
    )
    add_note(session, person=other, body="Met at the summit")
    carol = add(session, "Carol Diaz")
    connect_people(session, a=other, b=carol)
    coffee = log_interaction(
        session, people=[owner, other], kind=InteractionKind.COFFEE, at=NOW, initiated_by=other
    ).id

    merged = merge_sure_duplicates(session, find_duplicates(session))

    assert [(p.keep.id, p.other.id) for p in merged] == [(keep.id, other.id)]
    assert session.get(Person, other.id) is None
    ann = PersonSummary.of(resolve_person(session, "ann.lee@gmail.com"))
    assert ann.id == keep.id
    assert ann.emails == ["ann@acme.io", "ann.lee@gmail.com"]
    assert (ann.phones, ann.links) == (["+14155550100"], ["https://www.linkedin.com/in/annlee"])
    assert (ann.org, ann.title, sorted(ann.tags)) == ("Acme", "CFO", ["golf", "vip"])
    assert ann.city == "Boston"
    person = session.get_one(Person, keep.id)
    assert (person.birthday_month, person.birthday_day) == (6, 21)
    notes = session.scalars(select(Note.body).where(Note.person_id == keep.id)).all()
    assert "Met at the summit" in notes
    assert [t.person.name for t in ties(session, person_id=keep.id, now=NOW)] == ["Carol Diaz"]
    had = session.get_one(Interaction, coffee)
    assert had.initiated_by_id == keep.id
    assert sorted(p.person_id for p in had.participants) == sorted([owner.id, keep.id])
    assert find_duplicates(session) == []


def test_similar_names_at_the_same_org_are_listed_but_not_merged(session: Session) -> None:
    add(session, "Jon Smith", org="Globex")
    add(session, "John Smith", org="Globex")

    pairs = find_duplicates(session)

    [(keep, other, score, reason)] = [(p.keep.name, p.other.name, p.score, p.reason) for p in pairs]
    assert (keep, other, reason) == (
        "Jon Smith",
        "John Smith",
        "similar name at the same organisation",
    )
    assert 90 <= score < SURE_SCORE
    assert merge_sure_duplicates(session, pairs) == []
    assert people_count(session) == 3  # both, and you


def test_namesakes_at_different_orgs_are_not_listed(session: Session) -> None:
    add(session, "Sam Park", org="Acme")
    add(session, "Sam Park", org="Initech")
    add(session, "Jon Smith", org="Globex")
    add(session, "John Smith", org="Initech")

    assert find_duplicates(session) == []


def test_namesakes_where_one_names_no_org_are_listed_but_not_sure(session: Session) -> None:
    add(session, "Sam Park", org="Acme")
    add(session, "sam  park")

    pairs = find_duplicates(session)

    assert [(p.score, p.reason, p.sure) for p in pairs] == [(90.0, "same name", False)]
    assert merge_sure_duplicates(session, pairs) == []


def test_three_records_of_one_person_merge_into_the_oldest(session: Session) -> None:
    people = [add(session, "Ann Lee", emails=[f"ann{n}@acme.io"], org="Acme") for n in range(3)]

    pairs = find_duplicates(session)
    merged = merge_sure_duplicates(session, pairs)

    assert len(pairs) == 3
    assert [(p.keep.id, p.other.id) for p in merged] == [
        (people[0].id, people[1].id),
        (people[0].id, people[2].id),
    ]
    ann = PersonSummary.of(session.get_one(Person, people[0].id))
    assert ann.emails == ["ann0@acme.io", "ann1@acme.io", "ann2@acme.io"]
    assert find_duplicates(session) == []


def test_you_are_never_a_duplicate(session: Session) -> None:
    edit_person(session, person=get_owner(session), fields=PersonFields(name="Dana Whitfield"))
    add(session, "Dana Whitfield")

    assert find_duplicates(session) == []


def test_a_very_common_name_is_not_listed_pairwise(session: Session) -> None:
    for _ in range(MAX_GROUP + 1):
        add(session, "Alex Kim")

    assert find_duplicates(session) == []


def test_pairs_are_sorted_surest_first_and_carry_both_people(session: Session) -> None:
    add(session, "Jon Smith", org="Globex")
    add(session, "John Smith", org="Globex")
    add(session, "Ann Lee", org="Acme")
    add(session, "Ann Lee", org="Acme")

    pairs = find_duplicates(session)

    assert [p.keep.name for p in pairs] == ["Ann Lee", "Jon Smith"]
    assert [p.sure for p in pairs] == [True, False]
    assert all(isinstance(p, DuplicatePair) for p in pairs)
    assert all(isinstance(p.keep, PersonSummary) and p.keep.org for p in pairs)
