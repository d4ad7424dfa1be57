"""The give/get ratio and the people you owe: what the ledger view adds to the balances."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.referrals.ledger import Entry, balances, owe_most, owes, totals

ME = 0


def entries(*moves: tuple[int, int]) -> list[Entry]:
    return [Entry(giver, receiver, "help") for giver, receiver in moves]


def test_ratio_is_what_you_gave_per_what_you_got() -> None:
    found = balances(entries((ME, 1), (ME, 1), (ME, 2), (1, ME), (2, ME), (3, 4)), me=ME)

    overall = totals(found.values())

    assert (overall.given, overall.received) == (3, 2)
    assert overall.ratio == 1.5


def test_no_ratio_when_you_got_nothing() -> None:
    assert totals(balances(entries((ME, 1)), me=ME).values()).ratio is None


@pytest.mark.parametrize(
    ("given", "received", "owed"),
    [(0, 1, True), (1, 3, True), (2, 3, False), (1, 1, False), (3, 0, False), (0, 0, False)],
)
def test_you_owe_whoever_gave_clearly_more(given: int, received: int, owed: bool) -> None:
    moves = [(ME, 1)] * given + [(1, ME)] * received
    found = balances(entries(*moves), me=ME)

    assert any(owes(b) for b in found.values()) is owed


def test_the_largest_debt_comes_first() -> None:
    moves = [(1, ME)] * 4 + [(ME, 1)] + [(2, ME)] * 2 + [(3, ME)] * 5 + [(ME, 4)] * 2
    found = balances(entries(*moves), me=ME)

    assert [b.person_id for b in owe_most(found.values())] == [3, 1, 2]
    assert [b.person_id for b in owe_most(found.values(), top=1)] == [3]


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4))))
def test_totals_count_every_entry_between_you_and_someone_else(
    moves: list[tuple[int, int]],
) -> None:
    found = balances(entries(*moves), me=ME)

    overall = totals(found.values())

    assert overall.given == sum(1 for g, r in moves if g == ME and r != ME)
    assert overall.received == sum(1 for g, r in moves if r == ME and g != ME)
    assert all(b.received > b.given for b in owe_most(found.values()))
