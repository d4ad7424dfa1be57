"""Which ties what happened implies: the one rule `log`, `met`, referrals, gives, the
importers and the demo share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from goodword.relationships.inference import GROUP_LIMIT, chain, met_together, referral_pairs


def test_everyone_in_a_small_group_knows_everyone_else() -> None:
    assert met_together([3, 1, 2, 1]) == [(1, 2), (1, 3), (2, 3)]


def test_in_a_big_group_only_the_host_knows_each_person() -> None:
    people = list(range(1, GROUP_LIMIT + 3))
    assert met_together(people, host=5) == [(p, 5) if p < 5 else (5, p) for p in people if p != 5]


def test_a_big_group_without_its_host_implies_no_tie() -> None:
    assert met_together(range(GROUP_LIMIT + 1)) == []
    assert met_together(range(GROUP_LIMIT + 1), host=99) == []


def test_importers_keys_follow_the_same_rule() -> None:
    assert met_together(["b@x.io", "a@x.io"], limit=2) == [("a@x.io", "b@x.io")]
    assert met_together(["a@x.io", "b@x.io", "c@x.io"], limit=2) == []


def test_a_direct_referral_ties_the_referrer_to_receiver_and_prospect() -> None:
    assert referral_pairs(referrer=5, receiver=1, prospect=9) == [(1, 5), (5, 9)]


def test_a_referral_through_introducers_ties_each_link_of_the_chain_only() -> None:
    pairs = referral_pairs(referrer=5, receiver=1, prospect=9, via=[7, 3])
    assert pairs == [(1, 5), (5, 7), (3, 7), (3, 9)]
    assert (5, 9) not in pairs


@given(st.lists(st.integers(0, 20), max_size=12), st.integers(1, 10), st.integers(0, 20))
def test_implied_pairs_are_distinct_people_lower_first_once(
    people: list[int], limit: int, host: int
) -> None:
    for pairs in (met_together(people, limit=limit, host=host), chain(people)):
        assert all(a < b for a, b in pairs)
        assert {p for pair in pairs for p in pair} <= set(people) | {host}
    together = met_together(people, limit=limit, host=host)
    assert len(together) == len(set(together))
