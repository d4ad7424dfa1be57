"""The referral pipeline's statuses and which moves between them make sense: pure.

A referral goes forward only, received → contacted → met → proposal, and closes as won or
lost; it may skip steps (a prospect who signs at the first meeting goes from met to won). A
step back would rewrite what happened, so it is refused. A closed referral moves again only
when it is reopened on purpose, since otherwise a typo could quietly turn a client back into
a prospect.
"""

from __future__ import annotations

from enum import StrEnum


class ReferralStatus(StrEnum):
    RECEIVED = "received"
    CONTACTED = "contacted"
    MET = "met"
    PROPOSAL = "proposal"
    WON = "won"
    LOST = "lost"

    @property
    def is_closed(self) -> bool:
        return self in (ReferralStatus.WON, ReferralStatus.LOST)


# The open statuses in the order a referral passes them.
OPEN_STEPS = (
    ReferralStatus.RECEIVED,
    ReferralStatus.CONTACTED,
    ReferralStatus.MET,
    ReferralStatus.PROPOSAL,
)
CLOSES = (ReferralStatus.WON, ReferralStatus.LOST)


def next_statuses(current: ReferralStatus, *, reopen: bool = False) -> tuple[ReferralStatus, ...]:
    """Where a referral at `current` may move, in pipeline order: any later open step or a
    close; from a close nowhere, unless `reopen`, then to any other status."""
    if current.is_closed:
        return tuple(s for s in ReferralStatus if s != current) if reopen else ()
    return (*OPEN_STEPS[OPEN_STEPS.index(current) + 1 :], *CLOSES)


def can_move(current: ReferralStatus, to: ReferralStatus, *, reopen: bool = False) -> bool:
    return to in next_statuses(current, reopen=reopen)


def refusal(current: ReferralStatus, to: ReferralStatus, *, reopen: bool = False) -> str | None:
    """Why a move from `current` to `to` is refused, naming where it could go; None if it
    is allowed."""
    if can_move(current, to, reopen=reopen):
        return None
    if to == current:
        return f"is already {current}"
    if current.is_closed:
        return f"is {current}, which closed it; it moves again only when reopened"
    allowed = next_statuses(current)
    return f"is {current}, so it can move to {_either(allowed)}, not back to {to}"


def _either(statuses: tuple[ReferralStatus, ...]) -> str:
    names = [s.value for s in statuses]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
