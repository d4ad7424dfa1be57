"""Who knows whom: one tie per pair, labels from each side."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people, find_tie
from goodword.storage.session import workspace_id

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def tie_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Relationship)
            .where(Relationship.workspace_id == workspace_id(session))
        )
        or 0
    )


# --- storing ties ---------------------------------------------------------------------------


def test_a_pair_has_one_tie_whichever_way_round_it_is_stated(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    first = connect_people(session, a=ann, b=bob, strength=0.4)
    second = connect_people(session, a=bob, b=ann, strength=0.6, note="golf partners")
    assert first.id == second.id
    assert tie_count(session) == 1
    assert find_tie(session, bob.id, ann.id) is first
    assert (first.strength, first.note) == (0.6, "golf partners")


@pytest.mark.parametrize("owner_first", [True, False])
@pytest.mark.parametrize(
    ("kind", "first_role", "second_role"),
    [
        (TieKind.MENTOR, "mentor", "mentee"),
        (TieKind.INTRODUCED, "introduced", "introduced by"),
        (TieKind.SUPPLIER, "supplier", "customer"),
        (TieKind.CLIENT, "client", "adviser"),
        (TieKind.FRIEND, "friend", "friend"),
        (TieKind.KNOWS, "knows", "knows"),
    ],
)
def test_each_side_of_a_tie_has_its_own_label(
    session: Session, kind: TieKind, first_role: str, second_role: str, owner_first: bool
) -> None:
    # The owner has the lower id, so both storage orders of the pair are exercised.
    me, ann = get_owner(session), add(session, "Ann Lee")
    a, b = (me, ann) if owner_first else (ann, me)
    tie = connect_people(session, a=a, b=b, kind=kind)
    assert tie.label_for(a.id) == first_role
    assert tie.label_for(b.id) == second_role


def test_restating_a_tie_the_other_way_round_swaps_the_roles(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    connect_people(session, a=ann, b=bob, kind=TieKind.MENTOR)
    tie = connect_people(session, a=bob, b=ann, kind=TieKind.MENTOR)
    assert (tie.label_for(bob.id), tie.label_for(ann.id)) == ("mentor", "mentee")


def test_restating_a_tie_as_plain_knows_keeps_its_kind(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    connect_people(session, a=bob, b=ann, kind=TieKind.INTRODUCED)
    tie = connect_people(session, a=ann, b=bob, strength=0.9)
    assert (tie.label_for(bob.id), tie.label_for(ann.id)) == ("introduced", "introduced by")
    assert tie.strength == 0.9


def test_a_tie_with_oneself_is_invalid(session: Session) -> None:
    ann = add(session, "Ann Lee")
    with pytest.raises(InvalidInput, match="cannot have a tie with themselves"):
        connect_people(session, a=ann, b=ann)
    assert tie_count(session) == 0


@pytest.mark.parametrize("strength", [-0.01, 1.01, 2.0, float("nan"), float("inf")])
def test_a_strength_outside_zero_to_one_is_invalid(session: Session, strength: float) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    with pytest.raises(InvalidInput, match="out of range"):
        connect_people(session, a=ann, b=bob, strength=strength)
    assert tie_count(session) == 0


@pytest.mark.parametrize("strength", [0.0, 1.0])
def test_the_ends_of_the_strength_range_are_valid(session: Session, strength: float) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    assert connect_people(session, a=ann, b=bob, strength=strength).strength == strength


def test_an_inferred_tie_never_overrides_a_stated_one(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    connect_people(session, a=ann, b=bob, kind=TieKind.MENTOR, strength=0.8)
    tie = connect_people(
        session, a=bob, b=ann, kind=TieKind.COLLEAGUE, strength=0.2, source=TieSource.INFERRED
    )
    assert (tie.strength, tie.source, tie.label_for(ann.id)) == (0.8, TieSource.STATED, "mentor")


def test_a_stated_tie_overrides_an_inferred_one(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    connect_people(session, a=ann, b=bob, strength=0.2, source=TieSource.INFERRED)
    tie = connect_people(session, a=ann, b=bob, strength=0.9)
    assert (tie.strength, tie.source) == (0.9, TieSource.STATED)


def test_a_tie_keeps_the_earliest_known_since_date(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    connect_people(session, a=ann, b=bob, since=NOW.date())
    tie = connect_people(session, a=ann, b=bob, since=NOW.date() - timedelta(days=400))
    assert tie.since == NOW.date() - timedelta(days=400)
