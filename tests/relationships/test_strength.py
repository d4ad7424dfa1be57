"""Relationship strength, the pure model: named scenarios, reasons and properties, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from goodword.relationships.strength import (
    CHANNEL_WEIGHTS,
    Contact,
    Contacts,
    StrengthParams,
    TieFacts,
    aggregate,
    base_for_source,
    explain_tie,
    strengths,
    to_day,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
NOW_DAY = to_day(NOW)
PARAMS = StrengthParams()


def ago(days: float, kind: str = "coffee", by_first: bool | None = None) -> Contact:
    return Contact(NOW - timedelta(days=days), kind, by_first)


def every(step: float, times: int, kind: str = "coffee", start: float = 0) -> list[Contact]:
    return [ago(start + step * i, kind) for i in range(times)]


def strength(
    contacts: list[Contact],
    *,
    prior: float | None = None,
    explicit: bool = False,
    source: str = "imported",
    since: date | None = None,
    prior_at: datetime | None = None,
) -> float:
    return explain(contacts, prior, explicit, source, since, prior_at).value


def explain(
    contacts: list[Contact],
    prior: float | None = None,
    explicit: bool = False,
    source: str = "imported",
    since: date | None = None,
    prior_at: datetime | None = None,
) -> object:
    return explain_tie(
        contacts,
        prior=prior,
        explicit=explicit,
        source=source,
        since=since,
        now=NOW,
        first_name="Me",
        second_name="Aoife",
        prior_at=prior_at,
    )


# --- named scenarios ------------------------------------------------------------------------

WEEKLY_COFFEES_FOR_A_YEAR = every(7, 52)
ONE_EMAIL_LAST_WEEK = [ago(6, "email")]
TWENTY_COFFEES_FIVE_YEARS_AGO = every(7, 20, start=5 * 365)

STRONGER_THAN = {
    "weekly coffees for a year > one email last week": (
        WEEKLY_COFFEES_FOR_A_YEAR,
        ONE_EMAIL_LAST_WEEK,
    ),
    "one email last week > 20 coffees five years ago": (
        ONE_EMAIL_LAST_WEEK,
        TWENTY_COFFEES_FIVE_YEARS_AGO,
    ),
    "monthly coffees > a coffee last month": (every(30, 12), [ago(30)]),
    "40 coffees this year > 20 > 10 > 5: no saturation": (every(9, 40), every(18, 20)),
    "20 coffees this year > 10": (every(18, 20), every(36, 10)),
    "10 coffees this year > 5": (every(36, 10), every(72, 5)),
    "a coffee > a call": ([ago(10)], [ago(10, "call")]),
    "a call > an event": ([ago(10, "call")], [ago(10, "event")]),
    "an event > an email": ([ago(10, "event")], [ago(10, "email")]),
    "an email > a message": ([ago(10, "email")], [ago(10, "message")]),
    "a message > being at the same event": ([ago(10, "message")], [ago(10, "co-attendance")]),
    "being at the same event > nothing": ([ago(10, "co-attendance")], []),
    "both reach out > only I reach out": (
        [ago(d, "call", by_first=d % 20 == 0) for d in range(0, 200, 10)],
        [ago(d, "call", by_first=True) for d in range(0, 200, 10)],
    ),
    "a coffee last week > a coffee last year": ([ago(7)], [ago(365)]),
}


@pytest.mark.parametrize(("stronger", "weaker"), STRONGER_THAN.values(), ids=STRONGER_THAN)
def test_named_scenarios_rank_as_people_would_rank_them(
    stronger: list[Contact], weaker: list[Contact]
) -> None:
    assert strength(stronger) > strength(weaker)


@pytest.mark.parametrize("source", ["stated", "imported", "inferred", "something new"])
def test_without_strength_or_contact_a_tie_is_as_strong_as_where_it_came_from(
    source: str,
) -> None:
    assert strength([], source=source) == base_for_source(source)
    assert base_for_source("stated") > base_for_source("imported") > base_for_source("inferred")


def test_an_explicit_strength_wins_over_any_contact() -> None:
    assert strength(WEEKLY_COFFEES_FOR_A_YEAR, prior=0.2, explicit=True) == 0.2
    assert strength([], prior=0.9, explicit=True, source="inferred") == 0.9


def test_contact_raises_an_imported_strength() -> None:
    assert strength([ago(3)], prior=0.6) > strength([], prior=0.6) == 0.6


def test_an_imported_strength_fades_toward_the_base_without_contact() -> None:
    fresh = strength([], prior=0.8, prior_at=NOW)
    year = strength([], prior=0.8, prior_at=NOW - timedelta(days=365))
    decade = strength([], prior=0.8, prior_at=NOW - timedelta(days=3650))
    assert fresh == 0.8
    assert fresh > year > decade > base_for_source("imported")
    assert decade == pytest.approx(base_for_source("imported"), abs=0.01)


def test_recent_contact_keeps_an_old_imported_strength_fresh() -> None:
    long_ago = NOW - timedelta(days=1000)
    assert strength([ago(2)], prior=0.8, prior_at=long_ago) > 0.8


def test_a_weak_imported_strength_stays_weak_as_it_fades() -> None:
    assert strength([], prior=0.1, prior_at=NOW - timedelta(days=3650)) == pytest.approx(0.1)


def test_a_long_known_tie_gets_a_modest_bonus() -> None:
    plain = strength([ago(30)])
    known = strength([ago(30)], since=date(2016, 6, 1))
    assert plain < known < plain + 0.1


def test_contacts_after_now_count_for_nothing() -> None:
    assert strength([ago(-3), ago(-300, "meeting")]) == strength([])


# --- the reason -----------------------------------------------------------------------------


def test_the_reason_counts_the_last_years_contacts_by_kind_and_who_reached_out() -> None:
    contacts = [ago(12 + d, "coffee", by_first=d < 10) for d in range(0, 25, 5)]
    contacts += [ago(40, "call", by_first=False), ago(90, "call", by_first=False)]
    contacts += [ago(400, "email", by_first=True)]
    assert explain(contacts).reason == (  # type: ignore[attr-defined]
        "5 coffees and 2 calls in the last year, last 12 days ago; Aoife initiated 5 of 8; imported"
    )


def test_the_reason_names_the_three_commonest_kinds_and_counts_the_rest() -> None:
    kinds = ["email"] * 4 + ["call"] * 3 + ["coffee"] * 2 + ["message", "video"]
    contacts = [ago(3 + i, kind) for i, kind in enumerate(kinds)]
    assert explain(contacts).reason.startswith(  # type: ignore[attr-defined]
        "4 emails, 3 calls, 2 coffees and 2 more in the last year, last 3 days ago;"
    )


def test_an_explicit_strength_says_so() -> None:
    assert explain([], 0.8, True, "stated").reason == (  # type: ignore[attr-defined]
        "stated 0.8, set by you; no contact recorded"
    )


def test_the_reason_without_contact_names_the_source_and_prior() -> None:
    assert explain([]).reason == "no contact recorded; imported"  # type: ignore[attr-defined]
    old = [ago(5 * 365 + 3)] * 2
    reason = explain(old, 0.7, since=date(2019, 3, 1)).reason  # type: ignore[attr-defined]
    assert reason == "2 coffees, last 5 years ago; imported 0.7; known since 2019-03-01"


def test_the_components_explain_the_value() -> None:
    tie = explain([ago(3, "call", by_first=True)])
    parts = tie.components  # type: ignore[attr-defined]
    assert {"recency", "frequency", "channel", "reciprocity", "duration", "prior"} <= parts.keys()
    assert parts["channel"] == CHANNEL_WEIGHTS["call"]
    assert parts["reciprocity"] == PARAMS.one_sided_credit
    assert all(0.0 <= value <= 1.0 for value in parts.values())


# --- properties -----------------------------------------------------------------------------

Row = tuple[float, str, int]  # days before now, kind, initiator (0 unknown, 1 first, 2 second)
rows = st.lists(
    st.tuples(
        st.floats(-100, 4000, allow_nan=False),
        st.sampled_from(sorted(CHANNEL_WEIGHTS)),
        st.integers(0, 2),
    ),
    max_size=12,
)
facts = st.fixed_dictionaries(
    {
        "prior": st.none() | st.floats(0, 1),
        "explicit": st.booleans(),
        "source": st.sampled_from(["stated", "imported", "inferred"]),
        "since": st.none() | st.floats(0, 8000),
        "prior_ago": st.none() | st.floats(0, 8000),
    }
)
Facts = dict[str, object]


def nan_or(value: object) -> float:
    return np.nan if value is None else float(value)  # type: ignore[arg-type]


def tie_facts(given_facts: Facts) -> TieFacts:
    return TieFacts(
        prior=np.array([nan_or(given_facts["prior"])]),
        explicit=np.array([given_facts["explicit"]]),
        base=np.array([base_for_source(str(given_facts["source"]))]),
        since_day=np.array([NOW_DAY - nan_or(given_facts["since"])]),
        prior_day=np.array([NOW_DAY - nan_or(given_facts["prior_ago"])]),
    )


def contacts_of(found: list[Row]) -> Contacts:
    return Contacts(
        pair=np.zeros(len(found), dtype=np.int64),
        day=np.array([NOW_DAY - days for days, _, _ in found], dtype=np.float64),
        weight=np.array([CHANNEL_WEIGHTS[kind] for _, kind, _ in found], dtype=np.float64),
        initiator=np.array([side for _, _, side in found], dtype=np.int8),
    )


def value(found: list[Row], given_facts: Facts, *, now_day: float = NOW_DAY) -> float:
    agg = aggregate(contacts_of(found), 1, as_of_day=now_day, params=PARAMS)
    return float(strengths(agg, tie_facts(given_facts), now_day=now_day, params=PARAMS).value[0])


@given(found=rows, given_facts=facts)
def test_strength_is_between_zero_and_one_and_the_same_every_time(
    found: list[Row], given_facts: Facts
) -> None:
    first = value(found, given_facts)
    assert 0.0 <= first <= 1.0
    assert value(found, given_facts) == first


@given(found=rows, extra=rows.filter(bool), given_facts=facts, at=st.integers(0, 12))
def test_adding_a_contact_never_lowers_strength(
    found: list[Row], extra: list[Row], given_facts: Facts, at: int
) -> None:
    more = [*found[:at], extra[0], *found[at:]]
    assert value(more, given_facts) >= value(found, given_facts)


@given(found=rows.filter(bool), given_facts=facts, which=st.integers(0, 11), by=st.floats(0, 4000))
def test_a_more_recent_contact_never_lowers_strength(
    found: list[Row], given_facts: Facts, which: int, by: float
) -> None:
    i = which % len(found)
    days, kind, side = found[i]
    later = [*found[:i], (max(days - by, 0.0), kind, side), *found[i + 1 :]]
    assume(days >= 0)
    assert value(later, given_facts) >= value(found, given_facts)


@given(found=rows.filter(bool), given_facts=facts, which=st.integers(0, 11))
def test_a_more_reciprocal_tie_is_never_weaker(
    found: list[Row], given_facts: Facts, which: int
) -> None:
    """Flip one contact, unknown or initiated by the side that reached out more, to the other
    side, when that narrows the gap between the two sides' (channel- and recency-weighted)
    initiative."""
    i = which % len(found)
    days, kind, side = found[i]
    assume(days >= 0)
    agg = aggregate(contacts_of(found), 1, as_of_day=NOW_DAY, params=PARAMS)
    lasting = PARAMS.lasting_share
    trace = lasting * agg.weight[0] + (1 - lasting) * agg.recent[0]
    more, fewer = (1, 2) if trace[1] > trace[2] else (2, 1)
    assume(side in (0, more))
    decay = 2.0 ** (-days / PARAMS.half_life_days)
    share = CHANNEL_WEIGHTS[kind] * (lasting + (1 - lasting) * decay)
    gap = trace[more] - trace[fewer]
    assume(share <= (2 * gap if side == 0 else gap))
    flipped = [*found[:i], (days, kind, fewer), *found[i + 1 :]]
    assert value(flipped, given_facts) >= value(found, given_facts)


@given(found=rows, future=rows, given_facts=facts)
def test_contacts_after_the_day_asked_about_are_ignored(
    found: list[Row], future: list[Row], given_facts: Facts
) -> None:
    later = [(-abs(days) - 1e-3, kind, side) for days, kind, side in future]
    assert value(found + later, given_facts) == value(found, given_facts)


@given(found=rows, given_facts=facts, explicit=st.floats(0, 1))
def test_an_explicit_strength_always_wins(
    found: list[Row], given_facts: Facts, explicit: float
) -> None:
    assert value(found, {**given_facts, "prior": explicit, "explicit": True}) == explicit


@given(found=rows, given_facts=facts, later=st.floats(0, 2000))
def test_cached_aggregates_rescale_to_a_later_day(
    found: list[Row], given_facts: Facts, later: float
) -> None:
    past = [row for row in found if row[0] >= 0]
    cached = aggregate(contacts_of(past), 1, as_of_day=NOW_DAY, params=PARAMS)
    then = NOW_DAY + later
    rescaled = strengths(cached, tie_facts(given_facts), now_day=then, params=PARAMS)
    assert rescaled.value[0] == pytest.approx(value(past, given_facts, now_day=then), abs=1e-12)


moments = st.datetimes(datetime(2010, 1, 1), datetime(2027, 1, 1), timezones=st.just(UTC))
contact_lists = st.lists(
    st.builds(
        Contact,
        at=moments,
        kind=st.sampled_from(sorted(CHANNEL_WEIGHTS)),
        initiated_by_first=st.none() | st.booleans(),
    ),
    max_size=8,
)
tie_details = st.fixed_dictionaries(
    {
        "prior": st.none() | st.floats(0, 1),
        "explicit": st.booleans(),
        "source": st.sampled_from(["stated", "imported", "inferred"]),
        "since": st.none() | st.dates(date(2000, 1, 1), date(2027, 1, 1)),
        "prior_at": st.none() | moments,
    }
)


@given(ties=st.lists(st.tuples(contact_lists, tie_details), min_size=1, max_size=5))
def test_one_tie_explained_has_exactly_its_value_among_many(
    ties: list[tuple[list[Contact], dict[str, Any]]],
) -> None:
    sides = {None: 0, True: 1, False: 2}
    flat = [(i, c) for i, (contacts, _) in enumerate(ties) for c in contacts]
    many = Contacts(
        pair=np.array([i for i, _ in flat], dtype=np.int64),
        day=np.array([to_day(c.at) for _, c in flat], dtype=np.float64),
        weight=np.array([CHANNEL_WEIGHTS[c.kind] for _, c in flat], dtype=np.float64),
        initiator=np.array([sides[c.initiated_by_first] for _, c in flat], dtype=np.int8),
    )
    details = [d for _, d in ties]
    facts = TieFacts(
        prior=np.array([nan_or(d["prior"]) for d in details]),
        explicit=np.array([d["explicit"] for d in details]),
        base=np.array([base_for_source(d["source"]) for d in details]),
        since_day=np.array([np.nan if d["since"] is None else to_day(d["since"]) for d in details]),
        prior_day=np.array(
            [np.nan if d["prior_at"] is None else to_day(d["prior_at"]) for d in details]
        ),
    )
    agg = aggregate(many, len(ties), as_of_day=NOW_DAY, params=PARAMS)
    values = strengths(agg, facts, now_day=NOW_DAY, params=PARAMS).value
    for i, (contacts, d) in enumerate(ties):
        alone = explain_tie(contacts, now=NOW, first_name="Me", second_name="Aoife", **d)
        assert alone.value == values[i]


def test_aggregates_refuse_a_tie_index_out_of_range() -> None:
    bad = replace(contacts_of([(1.0, "coffee", 0)]), pair=np.array([3], dtype=np.int64))
    with pytest.raises(ValueError, match="tie index"):
        aggregate(bad, 2, as_of_day=NOW_DAY, params=PARAMS)


def test_aggregates_refuse_an_unknown_initiator() -> None:
    bad = replace(contacts_of([(1.0, "coffee", 0)]), initiator=np.array([3], dtype=np.int8))
    with pytest.raises(ValueError, match="initiator"):
        aggregate(bad, 1, as_of_day=NOW_DAY, params=PARAMS)


def test_a_tie_stated_without_strength_and_untouched_for_years_fades_to_a_guess() -> None:
    now = datetime(2026, 12, 3, tzinfo=UTC)

    def stated(recorded: datetime) -> float:
        return explain_tie(
            [], prior=None, explicit=False, source="stated", since=None, now=now,
            first_name="you", second_name="Ann", prior_at=recorded,
        ).value  # fmt: skip

    assert stated(now) == 0.5
    assert stated(now - timedelta(days=3 * 365)) < 0.3
    assert stated(now - timedelta(days=3 * 365)) >= 0.2
