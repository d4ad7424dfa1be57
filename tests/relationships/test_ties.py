"""Who knows whom: one tie per pair, labels from each side, and how strong a tie is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people, find_tie
from goodword.relationships.strength import TieEvidence, tie_strength
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


# --- tie_strength (pure) --------------------------------------------------------------------


def evidence(
    *,
    source: str = "stated",
    stated: float | None = None,
    interactions: int = 0,
    days_ago: float | None = None,
) -> TieEvidence:
    last = NOW - timedelta(days=days_ago) if days_ago is not None else None
    return TieEvidence(source=source, stated=stated, interactions=interactions, last_at=last)


@pytest.mark.parametrize(
    ("stated", "interactions", "days_ago"),
    [(0.9, 0, None), (0.1, 50, 0), (0.0, 20, 1), (1.0, 1, 900), (0.5, 3, 30)],
)
def test_a_stated_strength_wins_over_any_interactions(
    stated: float, interactions: int, days_ago: float | None
) -> None:
    strength, reason = tie_strength(
        evidence(stated=stated, interactions=interactions, days_ago=days_ago), now=NOW
    )
    assert strength == stated
    assert f"stated {stated:.2f}" in reason


@pytest.mark.parametrize(
    ("source", "expected"), [("stated", 0.5), ("imported", 0.3), ("inferred", 0.2)]
)
def test_without_contact_a_tie_is_as_strong_as_where_it_came_from(
    source: str, expected: float
) -> None:
    assert tie_strength(evidence(source=source), now=NOW) == (expected, source)


@pytest.mark.parametrize(
    ("weaker", "stronger"),
    [
        ({"interactions": 1, "days_ago": 10}, {"interactions": 5, "days_ago": 10}),
        ({"interactions": 5, "days_ago": 10}, {"interactions": 20, "days_ago": 10}),
        ({"interactions": 5, "days_ago": 365}, {"interactions": 5, "days_ago": 7}),
        ({"interactions": 5, "days_ago": 30}, {"interactions": 5, "days_ago": 0}),
        ({"interactions": 0}, {"interactions": 1, "days_ago": 700}),
    ],
)
def test_more_and_more_recent_contact_makes_a_tie_stronger(
    weaker: dict[str, float], stronger: dict[str, float]
) -> None:
    low, _ = tie_strength(evidence(source="imported", **weaker), now=NOW)  # type: ignore[arg-type]
    high, _ = tie_strength(evidence(source="imported", **stronger), now=NOW)  # type: ignore[arg-type]
    assert low < high


def test_the_reason_names_the_count_and_the_last_contact() -> None:
    _, reason = tie_strength(evidence(interactions=3, days_ago=2), now=NOW)
    assert reason == "stated; 3 interactions, last 2026-05-30"
    _, reason = tie_strength(evidence(interactions=1, days_ago=2), now=NOW)
    assert reason.endswith("1 interaction, last 2026-05-30")


sources = st.sampled_from(["stated", "imported", "inferred", "something new"])
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@given(
    source=sources,
    stated=st.none() | st.floats(0, 1),
    interactions=st.integers(0, 10_000),
    last_at=st.none() | moments,
)
def test_strength_is_always_between_zero_and_one(
    source: str, stated: float | None, interactions: int, last_at: datetime | None
) -> None:
    strength, reason = tie_strength(TieEvidence(source, stated, interactions, last_at), now=NOW)
    assert 0.0 <= strength <= 1.0
    assert reason


@given(
    source=sources,
    counts=st.tuples(st.integers(1, 500), st.integers(1, 500)).map(sorted),
    days=st.tuples(st.floats(0, 5000), st.floats(0, 5000)).map(sorted),
)
def test_strength_never_falls_with_more_or_more_recent_contact(
    source: str, counts: list[int], days: list[float]
) -> None:
    def strength(count: int, days_ago: float) -> float:
        return tie_strength(
            evidence(source=source, interactions=count, days_ago=days_ago), now=NOW
        )[0]

    fewer, more = counts
    recent, older = days
    assert strength(fewer, older) <= strength(more, older)
    assert strength(more, older) <= strength(more, recent)
