"""Which moves the referral pipeline allows: forward, skipping if need be; a close only reopened."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.referrals.pipeline import (
    OPEN_STEPS,
    ReferralStatus,
    can_move,
    next_statuses,
    refusal,
)

RECEIVED, CONTACTED, MET, PROPOSAL, WON, LOST = ReferralStatus


@pytest.mark.parametrize(
    ("current", "to", "reopen", "allowed"),
    [
        # Forward one step at a time, or skipping steps.
        (RECEIVED, CONTACTED, False, True),
        (CONTACTED, MET, False, True),
        (MET, PROPOSAL, False, True),
        (PROPOSAL, WON, False, True),
        (PROPOSAL, LOST, False, True),
        (RECEIVED, PROPOSAL, False, True),
        (RECEIVED, WON, False, True),
        (CONTACTED, LOST, False, True),
        (MET, WON, False, True),
        # Backwards, or staying put.
        (CONTACTED, RECEIVED, False, False),
        (PROPOSAL, MET, False, False),
        (PROPOSAL, RECEIVED, False, False),
        (MET, MET, False, False),
        # Reopening is for closed referrals; it does not let an open one go back.
        (PROPOSAL, CONTACTED, True, False),
        (MET, PROPOSAL, True, True),
        # A close moves again only when reopened, then anywhere but where it is.
        (WON, CONTACTED, False, False),
        (WON, LOST, False, False),
        (LOST, WON, False, False),
        (LOST, PROPOSAL, False, False),
        (WON, CONTACTED, True, True),
        (WON, RECEIVED, True, True),
        (WON, LOST, True, True),
        (LOST, WON, True, True),
        (LOST, PROPOSAL, True, True),
        (WON, WON, True, False),
    ],
)
def test_a_move_is_allowed_forward_and_out_of_a_close_only_when_reopened(
    current: ReferralStatus, to: ReferralStatus, reopen: bool, allowed: bool
) -> None:
    assert can_move(current, to, reopen=reopen) is allowed
    assert (refusal(current, to, reopen=reopen) is None) is allowed


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (RECEIVED, (CONTACTED, MET, PROPOSAL, WON, LOST)),
        (CONTACTED, (MET, PROPOSAL, WON, LOST)),
        (MET, (PROPOSAL, WON, LOST)),
        (PROPOSAL, (WON, LOST)),
        (WON, ()),
        (LOST, ()),
    ],
)
def test_next_statuses_lists_the_moves_in_pipeline_order(
    current: ReferralStatus, expected: tuple[ReferralStatus, ...]
) -> None:
    assert next_statuses(current) == expected


@pytest.mark.parametrize(
    ("current", "to", "reason"),
    [
        (PROPOSAL, CONTACTED, "is proposal, so it can move to won or lost, not back to contacted"),
        (MET, RECEIVED, "is met, so it can move to proposal, won or lost, not back to received"),
        (WON, CONTACTED, "is won, which closed it; it moves again only when reopened"),
        (LOST, WON, "is lost, which closed it; it moves again only when reopened"),
        (CONTACTED, CONTACTED, "is already contacted"),
    ],
)
def test_a_refusal_names_the_current_status_and_where_it_can_go(
    current: ReferralStatus, to: ReferralStatus, reason: str
) -> None:
    assert refusal(current, to) == reason


def rank(status: ReferralStatus) -> int:
    return OPEN_STEPS.index(status) if status in OPEN_STEPS else len(OPEN_STEPS)


@given(moves=st.lists(st.sampled_from(ReferralStatus), max_size=12))
def test_without_reopening_a_referral_only_ever_moves_forward_and_stops_at_a_close(
    moves: list[ReferralStatus],
) -> None:
    status, path = RECEIVED, [RECEIVED]
    for to in moves:
        if can_move(status, to):
            status = to
            path.append(to)
    assert all(rank(a) < rank(b) for a, b in itertools.pairwise(path))
    assert [s for s in path if s.is_closed] in ([], [path[-1]])


@given(current=st.sampled_from(ReferralStatus), reopen=st.booleans())
def test_a_referral_never_moves_to_the_status_it_has(current: ReferralStatus, reopen: bool) -> None:
    assert current not in next_statuses(current, reopen=reopen)
    assert refusal(current, current, reopen=reopen) == f"is already {current}"
