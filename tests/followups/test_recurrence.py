"""Stay-in-touch cadences: parsing rules and counting the next due date (pure)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.errors import InvalidInput
from goodword.followups.recurrence import Rule, next_due, parse_rule


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("every 30 days", Rule(30, "day")),
        ("every 1 day", Rule(1, "day")),
        ("every day", Rule(1, "day")),
        ("every week", Rule(1, "week")),
        ("every 2 weeks", Rule(2, "week")),
        ("every 6 months", Rule(6, "month")),
        ("every 1 year", Rule(1, "year")),
        ("  Every   3   MONTHS ", Rule(3, "month")),
        ("daily", Rule(1, "day")),
        ("weekly", Rule(1, "week")),
        ("fortnightly", Rule(2, "week")),
        ("monthly", Rule(1, "month")),
        ("Quarterly", Rule(3, "month")),
        ("yearly", Rule(1, "year")),
        ("annually", Rule(1, "year")),
    ],
)
def test_a_rule_is_read_from_plain_words(text: str, rule: Rule) -> None:
    assert parse_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        "every 0 days",
        "every -1 days",
        "every 1.5 weeks",
        "every",
        "every 3 fortnights",
        "sometimes",
        "monthly-ish",
        "",
    ],
)
def test_anything_else_is_not_a_rule_and_the_error_shows_the_accepted_forms(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not a recurrence rule") as caught:
        parse_rule(text)
    assert caught.value.hint is not None
    assert "every 30 days" in caught.value.hint


@pytest.mark.parametrize(
    ("rule", "last_done", "due"),
    [
        ("every 30 days", date(2026, 1, 15), date(2026, 2, 14)),
        ("every 2 weeks", date(2026, 12, 25), date(2027, 1, 8)),
        ("monthly", date(2026, 1, 15), date(2026, 2, 15)),
        ("monthly", date(2025, 1, 31), date(2025, 2, 28)),
        ("monthly", date(2024, 1, 31), date(2024, 2, 29)),
        ("monthly", date(2026, 3, 31), date(2026, 4, 30)),
        ("monthly", date(2026, 12, 31), date(2027, 1, 31)),
        ("quarterly", date(2026, 11, 30), date(2027, 2, 28)),
        ("every 12 months", date(2026, 5, 5), date(2027, 5, 5)),
        ("yearly", date(2024, 2, 29), date(2025, 2, 28)),
        ("every 4 years", date(2024, 2, 29), date(2028, 2, 29)),
    ],
)
def test_the_next_due_date_counts_from_the_last_time_and_clamps_to_month_end(
    rule: str, last_done: date, due: date
) -> None:
    assert next_due(parse_rule(rule), last_done) == due


rules = st.builds(
    Rule, count=st.integers(1, 100), unit=st.sampled_from(["day", "week", "month", "year"])
)
# Leaves room for 100 years after the latest date, so every sum fits in a `date`.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31))


@given(rule=rules, last_done=dates)
def test_the_next_due_date_is_always_after_the_last_time(rule: Rule, last_done: date) -> None:
    assert next_due(rule, last_done) > last_done


@given(rule=rules)
def test_a_rule_reads_back_from_how_it_is_written(rule: Rule) -> None:
    assert parse_rule(str(rule)) == rule


@given(count=st.integers(1, 120), last_done=dates)
def test_months_keep_the_day_of_the_month_when_the_month_has_it(
    count: int, last_done: date
) -> None:
    due = next_due(Rule(count, "month"), last_done)
    months_later = (due.year - last_done.year) * 12 + due.month - last_done.month
    assert months_later == count
    assert due.day == min(last_done.day, monthrange(due.year, due.month)[1])
