"""Setting a person's stay-in-touch tier, and putting an agenda entry off."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.followups.models import Followup
from goodword.followups.service import get_followup, schedule_followup, snooze_followup
from goodword.nurture.queries import tier_of
from goodword.nurture.schemas import TierView
from goodword.people.models import Person
from goodword.people.queries import resolve_person
from goodword.people.tier import Tier

AUTO = "auto"
CHOICES = (*(t.value for t in Tier), AUTO)


def parse_tier(raw: str) -> Tier | None:
    """None for `auto`: follow the suggestion.

    Raises: InvalidInput naming the accepted tiers.
    """
    text = raw.strip().lower()
    if text == AUTO:
        return None
    try:
        return Tier(text)
    except ValueError:
        raise InvalidInput(f"Unknown tier '{raw}'; use one of: {', '.join(CHOICES)}.") from None


def set_tier(session: Session, *, person: Person, tier: Tier | None) -> Person:
    """Raises: InvalidInput for the owner, who is not someone to stay in touch with."""
    if person.is_me:
        raise InvalidInput("You are not on your own agenda; set a tier for someone else.")
    person.tier = tier
    session.flush()
    return person


def snooze_entry(
    session: Session,
    *,
    person: Person,
    until: date,
    today: date,
    followup_ids: Sequence[int] = (),
    reason: str | None = None,
) -> list[Followup]:
    """Puts a person's agenda entry off until `until`; returns the follow-ups that hold it.

    The entry's follow-ups are snoozed. An entry without one (stay in touch, thank, brief …)
    gets a follow-up planned for that day instead. Either way the agenda holds the person's
    other reasons back until then, so the whole entry returns on `until`, once.

    Raises: InvalidInput for a day not after today, or a follow-up that is someone else's;
    NotFound for an unknown follow-up; Conflict for one already done.
    """
    if until <= today:
        raise InvalidInput(f"Snooze until {until} is not in the future.")
    found = [get_followup(session, fid) for fid in dict.fromkeys(followup_ids)]
    if stranger := next((f for f in found if f.person_id != person.id), None):
        raise InvalidInput(f"Follow-up #{stranger.id} is not with {person.name}.")
    if not found:
        return [schedule_followup(session, person=person, due_on=until, reason=reason)]
    return [snooze_followup(session, followup=f, until=until, today=today) for f in found]


def choose_tier(session: Session, *, ref: str, tier: str, now: datetime) -> tuple[Person, TierView]:
    """`goodword tier REF TIER`; `auto` follows the suggestion again.

    Raises: InvalidInput for an unknown tier (named before a REF that matches no one) or for
    you; NotFound or Ambiguous for the REF.
    """
    chosen = parse_tier(tier)
    person = set_tier(session, person=resolve_person(session, ref), tier=chosen)
    return person, tier_of(session, person=person, now=now)
