"""Recurrence rules for stay-in-touch cadences: pure, no database, no clock."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from goodword.errors import InvalidInput

_RULE = re.compile(r"^every\s+(?:(\d+)\s+)?(day|week|month|year)s?$")
_NAMED = {
    "daily": (1, "day"),
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "monthly": (1, "month"),
    "quarterly": (3, "month"),
    "yearly": (1, "year"),
    "annually": (1, "year"),
}


# A cadence longer than a century is a typo, and would overflow the calendar.
_MAX_COUNT = {"day": 36500, "week": 5200, "month": 1200, "year": 100}


@dataclass(frozen=True)
class Rule:
    count: int
    unit: str

    def __str__(self) -> str:
        if self.count == 1:
            return f"every {self.unit}"
        return f"every {self.count} {self.unit}s"


def parse_rule(text: str) -> Rule:
    """'every 30 days', 'every 2 weeks', 'monthly', 'quarterly' …

    Raises: InvalidInput naming the accepted forms.
    """
    cleaned = " ".join(text.lower().split())
    if cleaned in _NAMED:
        return Rule(*_NAMED[cleaned])
    match = _RULE.match(cleaned)
    if not match or int(match.group(1) or 1) < 1:
        raise InvalidInput(
            f"'{text}' is not a recurrence rule.",
            hint="Use e.g. 'every 30 days', 'every 2 weeks', 'monthly' or 'quarterly'.",
        )
    rule = Rule(int(match.group(1) or 1), match.group(2))
    if rule.count > _MAX_COUNT[rule.unit]:
        raise InvalidInput(f"'{text}' is too long a cadence; use at most a hundred years.")
    return rule


def next_due(rule: Rule, last_done: date) -> date:
    """The next due date counted from when it was last done (months keep the day if they can)."""
    if rule.unit == "day":
        return last_done + timedelta(days=rule.count)
    if rule.unit == "week":
        return last_done + timedelta(weeks=rule.count)
    months = rule.count * (12 if rule.unit == "year" else 1)
    total = last_done.month - 1 + months
    year, month = last_done.year + total // 12, total % 12 + 1
    return date(year, month, min(last_done.day, monthrange(year, month)[1]))
