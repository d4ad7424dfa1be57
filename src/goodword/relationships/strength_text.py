"""The one-line reason behind a tie's strength, in the words a user would use: pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

# What a contact of each kind is called, singular and plural.
_NOUNS = {
    "meeting": ("meeting", "meetings"),
    "coffee": ("coffee", "coffees"),
    "brief": ("brief", "briefs"),
    "video": ("video call", "video calls"),
    "call": ("call", "calls"),
    "event": ("event", "events"),
    "email": ("email", "emails"),
    "message": ("message", "messages"),
    "co-attendance": ("event attended together", "events attended together"),
}
_YEAR = 365.0
_NAMED_KINDS = 3


def number(value: float) -> str:
    """A strength as people write it: 0.8, 0.75, 1."""
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _counted(kinds: Counter[str]) -> str:
    """The three commonest kinds by name, the rest as a number, so a table row stays short."""
    ranked = sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
    words = []
    for kind, count in ranked[:_NAMED_KINDS]:
        one, many = _NOUNS.get(kind, (kind, kind + "s"))
        words.append(f"{count} {one if count == 1 else many}")
    if rest := sum(count for _, count in ranked[_NAMED_KINDS:]):
        words.append(f"{rest} more")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def ago(days: float) -> str:
    """'today', 'yesterday', '12 days ago', '3 months ago', '5 years ago'."""
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    if days < 60:
        return f"{int(days)} days ago"
    if days < 2 * _YEAR:
        return f"{int(days / 30.44)} months ago"
    return f"{int(days / _YEAR)} years ago"


def contact_summary(seen: Sequence[tuple[str, float]]) -> str | None:
    """Counts by kind in the last year (or in all, when none is that recent), and the last."""
    if not seen:
        return None
    recent = Counter(kind for kind, days in seen if days <= _YEAR)
    last = ago(min(days for _, days in seen))
    if recent:
        return f"{_counted(recent)} in the last year, last {last}"
    return f"{_counted(Counter(kind for kind, _ in seen))}, last {last}"


def tie_reason(
    seen: Sequence[tuple[str, float]],
    *,
    by_first: int,
    by_second: int,
    prior: float | None,
    explicit: bool,
    source: str,
    since: date | None,
    other_name: str,
) -> str:
    """`seen`: (kind, days ago) of each contact counted. Names the other person's initiative."""
    parts = []
    if explicit and prior is not None:
        parts.append(f"stated {number(prior)}, set by you")
    summary = contact_summary(seen)
    parts.append(summary or "no contact recorded")
    if by_first + by_second:
        parts.append(f"{other_name} initiated {by_second} of {by_first + by_second}")
    if not explicit:
        parts.append(source if prior is None else f"{source} {number(prior)}")
    if since is not None:
        parts.append(f"known since {since.isoformat()}")
    return "; ".join(parts)
