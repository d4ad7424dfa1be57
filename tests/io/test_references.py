"""REFs of a tie list resolved in bulk: the same answers as one by one, in a few queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from goodword.errors import Ambiguous, NotFound
from goodword.io.references import References
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner


def add(session: Session, name: str, *emails: str) -> Person:
    return create_person(session, fields=PersonFields(name=name, emails=emails))


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    statements: list[str] = []
    connection = session.connection()

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)


def test_ids_emails_names_and_me_resolve(session: Session) -> None:
    ann = add(session, "Ann Lee", "ann@acme.io")
    bob = add(session, "Bob Stone")
    refs = References(session, [str(bob.id), f"#{ann.id}", "ANN@Acme.io", "bob stone", "Me"])
    assert [refs.person(r) for r in (str(bob.id), f"#{ann.id}", "ANN@Acme.io")] == [
        bob.id,
        ann.id,
        ann.id,
    ]
    assert refs.person("bob stone") == bob.id
    assert refs.person("Me") == get_owner(session).id


def test_names_match_in_any_case_and_with_or_without_accents(session: Session) -> None:
    zoe = add(session, "Zoë Ångström")
    refs = References(session, ["zoe angstrom", "ZOË ÅNGSTRÖM", "Zoe  Angström"])
    assert {refs.person(r) for r in ("zoe angstrom", "ZOË ÅNGSTRÖM", "Zoe  Angström")} == {zoe.id}


def test_a_name_typed_exactly_wins_over_one_differing_only_in_accents(session: Session) -> None:
    plain, accented = add(session, "Zoe Ng"), add(session, "Zoë Ng")
    refs = References(session, ["zoe ng", "Zoë Ng", "Zoè Ng"])
    assert (refs.person("zoe ng"), refs.person("Zoë Ng")) == (plain.id, accented.id)
    with pytest.raises(Ambiguous, match=rf"Zoe Ng \(#{plain.id}\).*Zoë Ng \(#{accented.id}\)"):
        refs.person("Zoè Ng")


def test_namesakes_are_ambiguous_and_listed(session: Session) -> None:
    first, second = add(session, "Bob Stone"), add(session, "bob stone")
    with pytest.raises(Ambiguous) as caught:
        References(session, ["Bob Stone"]).person("Bob Stone")
    assert caught.value.message == (
        f"'Bob Stone' matches 2 people: Bob Stone (#{first.id}), bob stone (#{second.id})."
    )


def test_more_than_ten_namesakes_are_counted_not_all_listed(session: Session) -> None:
    for _ in range(12):
        add(session, "Sam Park")
    with pytest.raises(Ambiguous, match="matches more than 10 people"):
        References(session, ["Sam Park"]).person("Sam Park")


def test_unknown_ids_and_emails_are_not_found(session: Session) -> None:
    refs = References(session, ["#999999", "nobody@example.com"])
    for ref in ("#999999", "nobody@example.com"):
        with pytest.raises(NotFound, match=f"No person matches '{ref}'"):
            refs.person(ref)


def test_a_contained_or_misspelt_name_is_found_as_on_the_command_line(session: Session) -> None:
    margaret = add(session, "Margaret Thornbury")
    add(session, "Bob Stone")
    refs = References(session, ["Margret Thornbury", "Thornbury"])
    assert refs.person("Margret Thornbury") == margaret.id
    assert refs.person("Thornbury") == margaret.id
    with pytest.raises(NotFound, match="No person matches 'Zebulon Quartermaine'"):
        refs.person("Zebulon Quartermaine")


def test_lookups_do_not_grow_with_the_number_of_refs(session: Session) -> None:
    people = [add(session, f"Person {n}", f"p{n}@example.com") for n in range(300)]
    refs = [f"Person {n}" for n in range(300)] + [f"P{n}@Example.com" for n in range(300)]
    with counted(session) as statements:
        found = References(session, refs)
        ids = [found.person(ref) for ref in refs]
    assert ids == [p.id for p in people] * 2
    assert len(statements) <= 3
