"""Setting a person's stay-in-touch tier."""

from __future__ import annotations

from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.people.models import Person
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
