"""The relationship ladder, derived from what happened, never a field to maintain. Pure.

met → followed up → first 1:1 → second meeting → briefed → referring → referral partner.
A person stands on the highest rung the data supports, even when lower rungs were skipped
(someone who refers you without a briefing is referring), and the next step is what the
owner can do to move them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rung(StrEnum):
    MET = "met"
    FOLLOWED_UP = "followed up"
    FIRST_ONE_TO_ONE = "first 1:1"
    SECOND_MEETING = "second meeting"
    BRIEFED = "briefed"
    REFERRING = "referring"
    REFERRAL_PARTNER = "referral partner"


RUNGS: tuple[Rung, ...] = tuple(Rung)

# What moves a person from each rung to the next; the top rung has none.
NEXT_STEPS: dict[Rung, str] = {
    Rung.MET: "Follow up: a note or a call about what you talked of",
    Rung.FOLLOWED_UP: "Invite them to a one-to-one, coffee or a call",
    Rung.FIRST_ONE_TO_ONE: "Book a second meeting: one cup of coffee is never enough",
    Rung.SECOND_MEETING: "Brief them on your offering (goodword brief --for REF)",
    Rung.BRIEFED: "Ask whom they know among your ideal clients",
    Rung.REFERRING: "Give them a referral back: make it a partnership",
}


@dataclass(frozen=True)
class LadderFacts:
    """What counts towards the ladder between the owner and one person.

    `contacts`: every record of meeting (events met at, interactions of any kind, follow-ups
    done, gives); `reached`: those the owner made deliberately (not being at an event);
    `one_to_ones`: meetings, coffees, calls and video calls of just the two of them.
    """

    contacts: int
    reached: int
    one_to_ones: int
    briefed: bool
    referrals_from: int
    referrals_to: int


def rung_of(facts: LadderFacts) -> Rung | None:
    """None for someone never met: no contact recorded at all."""
    if facts.referrals_from and facts.referrals_to:
        return Rung.REFERRAL_PARTNER
    if facts.referrals_from:
        return Rung.REFERRING
    if facts.briefed:
        return Rung.BRIEFED
    if facts.one_to_ones >= 2:
        return Rung.SECOND_MEETING
    if facts.one_to_ones == 1:
        return Rung.FIRST_ONE_TO_ONE
    # A follow-up is a second contact, at least one of them the owner's doing.
    if facts.contacts >= 2 and facts.reached >= 1:
        return Rung.FOLLOWED_UP
    if facts.contacts >= 1:
        return Rung.MET
    return None


def next_rung(rung: Rung | None) -> Rung | None:
    if rung is None:
        return Rung.MET
    at = RUNGS.index(rung)
    return RUNGS[at + 1] if at + 1 < len(RUNGS) else None


def next_step(rung: Rung | None) -> str | None:
    """The action that moves a person up from `rung`; None at the top or before meeting."""
    return NEXT_STEPS.get(rung) if rung is not None else None
