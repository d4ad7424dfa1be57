"""The import window of `--since` and `--until`: whole days in UTC, open sides, defaults."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from goodword.errors import InvalidInput
from goodword.io.window import Window

NOW = datetime(2024, 6, 30, 18, 45, tzinfo=UTC)


def test_days_are_whole_the_last_one_included() -> None:
    window = Window.of_days(since=date(2024, 1, 1), until=date(2024, 1, 31))
    assert window.holds(datetime(2024, 1, 1, tzinfo=UTC))
    assert window.holds(datetime(2024, 1, 31, 23, 59, tzinfo=UTC))
    assert not window.holds(datetime(2024, 2, 1, tzinfo=UTC))
    assert not window.holds(datetime(2023, 12, 31, 23, 59, tzinfo=UTC))
    assert window.describe() == "2024-01-01 to 2024-01-31"


def test_an_open_side_takes_any_date() -> None:
    assert Window().holds(datetime(1990, 1, 1, tzinfo=UTC))
    assert not Window().is_set
    assert Window.of_days(since=date(2024, 1, 1)).describe() == "from 2024-01-01"
    assert Window.of_days(until=date(2024, 1, 31)).describe() == "up to 2024-01-31"


def test_a_since_after_the_until_is_refused() -> None:
    with pytest.raises(InvalidInput, match="--since 2024-02-01 is after --until 2024-01-31"):
        Window.of_days(since=date(2024, 2, 1), until=date(2024, 1, 31))


def test_an_until_on_the_last_day_a_date_holds_is_refused_not_a_crash() -> None:
    with pytest.raises(InvalidInput, match="9999-12-31 is too far ahead"):
        Window.of_days(until=date.max)


def test_closing_a_window_ends_it_a_month_ahead_and_starts_it_history_back() -> None:
    closed = Window().closed(NOW, history=timedelta(days=730))
    assert closed == Window(datetime(2022, 7, 1, tzinfo=UTC), datetime(2024, 7, 31, tzinfo=UTC))
    assert closed.describe() == "2022-07-01 to 2024-07-30"
    assert Window().closed(NOW, history=None).since is None
    given = Window.of_days(since=date(2010, 1, 1), until=date(2011, 1, 1))
    assert given.closed(NOW, history=timedelta(days=730)) == given
