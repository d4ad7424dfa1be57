"""Taking a wrong e-mail, phone, link or IM handle off a person."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import NotFound
from goodword.people.models import Handle, HandleKind, Person
from goodword.people.service import PersonFields, create_person, remove_handles


def ann(session: Session) -> Person:
    return create_person(
        session,
        fields=PersonFields(
            name="Ann Lee",
            emails=["ann@acme.io", "ann@gmail.com"],
            phones=["+44 161 496 0000", "pager 1234"],
            links=["https://annlee.example.com"],
            linkedin="linkedin.com/in/annlee",
            ims=["skype:ann.lee"],
        ),
    )


def values(person: Person, kind: HandleKind) -> list[str]:
    return [h.value for h in person.handles if h.kind == kind]


def test_each_value_is_matched_as_it_reads_once_normalised(session: Session) -> None:
    person = ann(session)

    remove_handles(
        session,
        person=person,
        emails=["ANN@Acme.io"],
        phones=["+441614960000"],
        links=["https://www.linkedin.com/in/annlee/", "annlee.example.com"],
        ims=["Skype:ann.lee"],
    )

    assert values(person, HandleKind.EMAIL) == ["ann@gmail.com"]
    assert values(person, HandleKind.PHONE) == ["pager 1234"]
    assert values(person, HandleKind.URL) + values(person, HandleKind.LINKEDIN) == []
    assert values(person, HandleKind.IM) == []


def test_a_value_kept_as_typed_is_matched_by_its_text(session: Session) -> None:
    person = ann(session)

    remove_handles(session, person=person, phones=[" pager  1234 "])

    assert values(person, HandleKind.PHONE) == ["+441614960000"]


def test_the_next_of_a_kind_becomes_primary_when_the_primary_goes(session: Session) -> None:
    person = ann(session)

    remove_handles(session, person=person, emails=["ann@acme.io"])

    primary = session.scalars(
        select(Handle.value).where(
            Handle.person_id == person.id, Handle.kind == HandleKind.EMAIL, Handle.is_primary
        )
    ).all()
    assert primary == ["ann@gmail.com"]


def test_a_value_they_do_not_have_is_named_and_nothing_is_removed(session: Session) -> None:
    person = ann(session)

    with pytest.raises(NotFound, match=r"Ann Lee .* has no e-mail 'bob@acme\.io'"):
        remove_handles(session, person=person, emails=["ann@acme.io", "bob@acme.io"])

    assert values(person, HandleKind.EMAIL) == ["ann@acme.io", "ann@gmail.com"]


def test_another_persons_handle_is_not_theirs_to_lose(session: Session) -> None:
    person = ann(session)
    create_person(session, fields=PersonFields(name="Bob Stone", emails=["bob@acme.io"]))

    with pytest.raises(NotFound, match=r"has no e-mail 'bob@acme\.io'"):
        remove_handles(session, person=person, emails=["bob@acme.io"])
