"""Stay-in-touch tiers, in a module of their own so pure rules can name them. Pure."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    """How often to stay in touch; a person without one follows the suggested tier."""

    INNER = "inner"
    ACTIVE = "active"
    POTENTIAL = "potential"
    NONE = "none"
