"""The one place that reads the clock; everything else takes `now` as an argument."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Aware UTC now, so stored timestamps compare the same on every database."""
    return datetime.now(UTC)


def today() -> date:
    return utcnow().date()
