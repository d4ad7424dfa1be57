"""The ladder rung derived from the data, and the tier suggested from the advocate score."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.nurture.ladder import LadderFacts, Rung, next_rung, next_step, rung_of
from goodword.nurture.tiers import CODES, Sizes, suggest
from goodword.people.tier import Tier


def facts(contacts: int = 0, reached: int = 0, one_to_ones: int = 0, briefed: bool = False,
          referrals_from: int = 0, referrals_to: int = 0) -> LadderFacts:  # fmt: skip
    return LadderFacts(contacts, reached, one_to_ones, briefed, referrals_from, referrals_to)


@pytest.mark.parametrize(
    ("given_facts", "rung"),
    [
        (facts(), None),
        (facts(contacts=1), Rung.MET),  # met at an event, nothing since
        (facts(contacts=3), Rung.MET),  # seen at three events: still never reached out
        (facts(contacts=1, reached=1), Rung.MET),  # one e-mail is the meeting itself
        (facts(contacts=2, reached=1), Rung.FOLLOWED_UP),
        (facts(contacts=2, reached=2, one_to_ones=1), Rung.FIRST_ONE_TO_ONE),
        (facts(contacts=3, reached=3, one_to_ones=2), Rung.SECOND_MEETING),
        (facts(contacts=3, reached=3, one_to_ones=2, briefed=True), Rung.BRIEFED),
        (facts(contacts=1, briefed=True), Rung.BRIEFED),
        (facts(contacts=1, referrals_from=1), Rung.REFERRING),  # referred without a briefing
        (facts(contacts=1, referrals_to=2), Rung.MET),  # you referring them is not their rung
        (facts(contacts=4, referrals_from=2, referrals_to=1), Rung.REFERRAL_PARTNER),
    ],
)
def test_the_rung_is_the_highest_the_data_supports(
    given_facts: LadderFacts, rung: Rung | None
) -> None:
    assert rung_of(given_facts) == rung


def test_every_rung_but_the_top_has_a_next_step() -> None:
    assert next_rung(None) == Rung.MET
    for lower, upper in zip(list(Rung), list(Rung)[1:], strict=False):
        assert next_rung(lower) == upper
        assert next_step(lower)
    assert next_rung(Rung.REFERRAL_PARTNER) is None
    assert next_step(Rung.REFERRAL_PARTNER) is None
    assert next_step(Rung.FIRST_ONE_TO_ONE) == (
        "Book a second meeting: one cup of coffee is never enough"
    )


@given(st.lists(st.integers(0, 3), min_size=6, max_size=6))
def test_more_happening_never_lowers_the_rung(extra: list[int]) -> None:
    order = list(Rung)
    base = facts(contacts=1)
    more = facts(
        contacts=1 + extra[0], reached=extra[1], one_to_ones=extra[2], briefed=extra[3] > 1,
        referrals_from=extra[4], referrals_to=extra[5],
    )  # fmt: skip
    assert order.index(rung_of(more) or Rung.MET) >= order.index(rung_of(base) or Rung.MET)


def tiers(scores: list[float], sizes: Sizes) -> list[Tier]:
    codes = suggest(np.asarray(scores), np.arange(1, len(scores) + 1, dtype=np.int64), sizes)
    return [CODES[c] for c in codes.tolist()]


def test_tiers_are_suggested_by_rank_up_to_each_tiers_size() -> None:
    found = tiers([0.9, 0.8, 0.7, 0.6, 0.5, 0.4], Sizes(inner=2, active=2, potential=1))

    assert found == [Tier.INNER, Tier.INNER, Tier.ACTIVE, Tier.ACTIVE, Tier.POTENTIAL, Tier.NONE]


def test_a_score_below_a_tiers_floor_falls_to_the_tier_it_reaches() -> None:
    # Only one reaches inner's floor (0.3); the next ones take active and potential places.
    found = tiers([0.5, 0.2, 0.1, 0.01], Sizes(inner=3, active=1, potential=5))

    assert found == [Tier.INNER, Tier.ACTIVE, Tier.POTENTIAL, Tier.NONE]


def test_equal_scores_rank_the_older_contact_first() -> None:
    assert tiers([0.5, 0.5], Sizes(inner=1, active=0, potential=0)) == [Tier.INNER, Tier.NONE]
