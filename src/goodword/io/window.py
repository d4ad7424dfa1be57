"""The dates an import of meetings or mail takes: `--since` and `--until`.

A single meeting or e-mail is evidence of a relationship however old it is (a meeting three
years ago shows a tie that faded, which is what advocate scoring needs), so without `--since`
nothing is too old. A recurring series is different: it may have no end, so it is expanded
only from `HISTORY` ago unless `--since` says otherwise. Meetings more than `AHEAD` in the
future are not interactions yet: they may still move or be cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from goodword.errors import InvalidInput

HISTORY = timedelta(days=730)
AHEAD = timedelta(days=30)


@dataclass(frozen=True)
class Window:
    """From `since` (included) to `until` (excluded), aware UTC; None leaves a side open."""

    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def of_days(cls, since: date | None = None, until: date | None = None) -> Window:
        """From the start of day `since` to the end of day `until`, both in UTC.

        Raises: InvalidInput when `since` is after `until`, or `until` is the last day a date
        can hold (its end is no date).
        """
        if since is not None and until is not None and since > until:
            raise InvalidInput(f"--since {since} is after --until {until}; swap them.")
        if until == date.max:
            raise InvalidInput(f"--until {until} is too far ahead; leave it out for no end.")
        return cls(
            since=None if since is None else _midnight(since),
            until=None if until is None else _midnight(until + timedelta(days=1)),
        )

    def closed(self, now: datetime, *, history: timedelta | None) -> Window:
        """This window with `until` by default `AHEAD` of today (to the end of that day) and
        `since` by default `history` before today (None: no lower bound)."""
        today = now.astimezone(UTC).date() if now.tzinfo else now.date()
        since = self.since
        if since is None and history is not None:
            since = _midnight(today - history)
        return Window(since, self.until or _midnight(today + AHEAD + timedelta(days=1)))

    @property
    def is_set(self) -> bool:
        return self.since is not None or self.until is not None

    def holds(self, at: datetime) -> bool:
        return (self.since is None or at >= self.since) and (self.until is None or at < self.until)

    def describe(self) -> str:
        """`2024-01-01 to 2024-12-31`, `from 2024-01-01` or `up to 2024-12-31` (days included)."""
        start = None if self.since is None else f"{self.since:%Y-%m-%d}"
        end = None if self.until is None else f"{self.until - timedelta(days=1):%Y-%m-%d}"
        if start and end:
            return f"{start} to {end}"
        return f"from {start}" if start else f"up to {end}" if end else "any date"


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)
