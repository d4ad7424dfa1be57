"""Bulk inserts write what the ORM would: columns in any order, enums, booleans and defaults."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from goodword.people.models import Handle, HandleKind, Person
from goodword.people.schemas import PersonSummary
from goodword.storage.bulk import CHUNK, insert_rows, insert_values, reserve_ids
from goodword.storage.session import workspace_id


def test_rows_given_out_of_column_order_land_in_the_right_columns(session: Session) -> None:
    wid = workspace_id(session)
    (pid,) = reserve_ids(session, Person, 1)
    # The table lists id, workspace_id, name, …; these columns come in another order.
    insert_values(
        session, Person, ("name", "city", "id", "workspace_id"), [("Ann Lee", "Lyon", pid, wid)]
    )
    insert_values(
        session,
        Handle,
        ("is_primary", "value", "kind", "person_id", "workspace_id", "label"),
        [(True, "ann@example.com", HandleKind.EMAIL, pid, wid, "work")],
    )
    person = session.get_one(Person, pid)
    assert (person.name, person.city, person.is_me) == ("Ann Lee", "Lyon", False)
    assert person.created_at is not None  # a Python-side default, filled once for the batch
    handle = session.scalars(select(Handle).where(Handle.person_id == pid)).one()
    assert (handle.kind, handle.value, handle.label, handle.is_primary) == (
        HandleKind.EMAIL,
        "ann@example.com",
        "work",
        True,
    )


def test_more_rows_than_one_chunk_are_all_written_with_their_own_values(session: Session) -> None:
    wid = workspace_id(session)
    count = CHUNK * 2 + 7
    ids = reserve_ids(session, Person, count)
    # The city is empty in every row but the last, so chunks differ in the columns they fill.
    insert_rows(
        session,
        Person,
        (
            {
                "id": pid,
                "workspace_id": wid,
                "name": f"Person {n}",
                "city": "Oslo" if pid == ids[-1] else None,
            }
            for n, pid in enumerate(ids)
        ),
    )
    insert_rows(
        session,
        Handle,
        (
            {"workspace_id": wid, "person_id": pid, "kind": "phone", "value": f"+1415555{n:04d}"}
            for n, pid in enumerate(ids)
        ),
    )
    last = PersonSummary.of(session.get_one(Person, ids[-1]))
    assert (last.name, last.phones, last.city) == (
        f"Person {count - 1}",
        [f"+1415555{count - 1:04d}"],
        "Oslo",
    )
    cities = session.scalars(select(Person.city).where(Person.id.in_(ids))).all()
    assert (len(cities), cities.count(None)) == (count, count - 1)


def test_no_rows_write_nothing(session: Session) -> None:
    before = session.scalars(select(Person.id)).all()
    insert_rows(session, Person, iter([]))
    insert_values(session, Person, ("name",), [])
    assert session.scalars(select(Person.id)).all() == before


def test_a_defaulted_column_given_as_null_reaches_the_database(session: Session) -> None:
    # Not silently dropped from the statement (which would then lack a value it lists):
    # the database itself refuses the NULL.
    wid = workspace_id(session)
    (pid,) = reserve_ids(session, Person, 1)
    insert_values(session, Person, ("id", "workspace_id", "name"), [(pid, wid, "Ann Lee")])
    with pytest.raises(IntegrityError), session.begin_nested():
        insert_values(
            session,
            Handle,
            ("workspace_id", "person_id", "kind", "value", "is_primary"),
            [(wid, pid, HandleKind.EMAIL, "ann@example.com", None)],
        )


def test_empty_text_and_false_are_values_not_nulls(session: Session) -> None:
    wid = workspace_id(session)
    (pid,) = reserve_ids(session, Person, 1)
    insert_values(session, Person, ("id", "workspace_id", "name", "city"), [(pid, wid, "Ann", "")])
    insert_values(
        session,
        Handle,
        ("workspace_id", "person_id", "kind", "value", "label", "is_primary"),
        [(wid, pid, HandleKind.PHONE, "+14155550100", "", False)],
    )
    assert session.get_one(Person, pid).city == ""
    handle = session.scalars(select(Handle).where(Handle.person_id == pid)).one()
    assert (handle.label, handle.is_primary) == ("", False)
