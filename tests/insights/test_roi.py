"""Attribution, event returns, funnel and concentration, worked out by hand on small books."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.insights.roi import (
    Deal,
    Facts,
    Model,
    Outing,
    Period,
    roi_report,
    split,
)

OWNER = 0
ANN, BOB, CAT, DAN = 1, 2, 3, 4  # advocates
NOBODY = 99


def deal(
    rid: int,
    referrer: int,
    prospect: int,
    value: str | None,
    *,
    via: tuple[int, ...] = (),
    status: str = "won",
    currency: str = "USD",
    received: date = date(2026, 2, 1),
    won: date | None = date(2026, 3, 1),
) -> Deal:
    return Deal(
        id=rid,
        referrer=referrer,
        via=via,
        prospect=prospect,
        status=status,
        value=Decimal(value) if value is not None else None,
        currency=currency,
        received_on=received,
        won_on=won if status == "won" else None,
    )


# Chains of length 1, 2 and 3, one lost deal worth more than all the rest, one in euros.
DEALS = [
    deal(1, ANN, 11, "1000"),
    deal(2, ANN, 12, "900", via=(BOB,)),
    deal(3, CAT, 13, "1000", via=(BOB, DAN), won=date(2026, 5, 1)),
    deal(4, CAT, 14, "5000", status="lost"),
    deal(5, DAN, 15, "200", currency="EUR"),
]


def rows(facts: Facts, model: Model, period: Period = Period()) -> list[tuple[object, ...]]:
    report = roi_report(facts, model=model, period=period)
    return [(r.person, r.currency, str(r.won), r.count) for r in report.advocates]


def test_last_touch_credits_the_referrer_with_the_whole_value() -> None:
    assert rows(Facts(deals=DEALS), Model.LAST_TOUCH) == [
        (DAN, "EUR", "200.00", 1),
        (ANN, "USD", "1900.00", 2),
        (CAT, "USD", "1000.00", 1),
    ]


def test_first_touch_credits_whoever_knew_the_prospect() -> None:
    assert rows(Facts(deals=DEALS), Model.FIRST_TOUCH) == [
        (DAN, "EUR", "200.00", 1),
        (ANN, "USD", "1000.00", 1),
        (DAN, "USD", "1000.00", 1),
        (BOB, "USD", "900.00", 1),
    ]


def test_linear_splits_each_value_evenly_along_its_chain_to_the_cent() -> None:
    # 900 / 2 = 450 each; 1000 / 3 = 333.34 to the referrer, 333.33 to each other link.
    assert rows(Facts(deals=DEALS), Model.LINEAR) == [
        (DAN, "EUR", "200.00", 1),
        (ANN, "USD", "1450.00", 2),
        (BOB, "USD", "783.33", 2),
        (CAT, "USD", "333.34", 1),
        (DAN, "USD", "333.33", 1),
    ]


@pytest.mark.parametrize("model", list(Model))
def test_a_lost_referral_counts_in_the_funnel_but_brings_no_revenue(model: Model) -> None:
    report = roi_report(Facts(deals=DEALS), model=model, period=Period())

    assert all(r.won < 5000 for r in report.advocates)
    assert {c: str(v) for c, v in report.sources.won.items()} == {"EUR": "200.00", "USD": "2900.00"}
    assert (report.funnel.referrals, report.funnel.won, report.funnel.lost) == (5, 4, 1)
    assert report.funnel.rates["referral_to_won"] == pytest.approx(0.8)
    assert report.funnel.rates["closed_won"] == pytest.approx(0.8)


def test_amounts_in_two_currencies_are_never_added_together() -> None:
    report = roi_report(Facts(deals=DEALS), model=Model.LAST_TOUCH, period=Period())

    assert {(t.currency, t.advocates, t.top) for t in report.top_share} == {
        ("EUR", 1, 1),
        ("USD", 2, 1),
    }
    usd = next(t for t in report.top_share if t.currency == "USD")
    assert usd.share == pytest.approx(1900 / 2900)


def test_since_and_until_select_business_by_the_day_it_was_won() -> None:
    march = Period(since=date(2026, 3, 1), until=date(2026, 3, 31))

    assert rows(Facts(deals=DEALS), Model.LAST_TOUCH, march) == [
        (DAN, "EUR", "200.00", 1),
        (ANN, "USD", "1900.00", 2),
    ]
    assert rows(Facts(deals=DEALS), Model.LAST_TOUCH, Period(since=date(2026, 4, 1))) == [
        (CAT, "USD", "1000.00", 1)
    ]
    assert rows(Facts(deals=DEALS), Model.LAST_TOUCH, Period(until=date(2026, 2, 28))) == []


def event(eid: int, met: set[int], cost: str | None, currency: str | None = "USD") -> Outing:
    return Outing(
        id=eid,
        starts_on=date(2026, 1, 10),
        cost=Decimal(cost) if cost is not None else None,
        currency=currency,
        met=frozenset(met),
    )


def test_an_event_earns_through_advocates_met_there_and_clients_met_there() -> None:
    facts = Facts(
        deals=DEALS,
        events=[
            event(1, {ANN}, "100"),  # Ann referred 1000 + 900 afterwards
            event(2, {NOBODY}, "50"),  # nothing came of it
            event(3, {12, BOB}, "300", "EUR"),  # met client 12 directly: all of deal 2
        ],
    )

    report = roi_report(facts, model=Model.LAST_TOUCH, period=Period())

    found = [
        (e.event, e.currency, str(e.direct), str(e.through_advocates), e.cost, e.roi, e.clients)
        for e in report.events
    ]
    assert found == [
        (1, "USD", "0.00", "1900.00", Decimal("100"), 19.0, 2),
        (2, "USD", "0.00", "0.00", Decimal("50"), 0.0, 0),
        (3, "EUR", "0.00", "0.00", Decimal("300"), 0.0, 0),
        (3, "USD", "900.00", "0.00", None, None, 1),
    ]


def test_an_event_earns_the_share_its_advocates_have_under_the_model() -> None:
    facts = Facts(deals=DEALS, events=[event(1, {BOB}, "100")])

    by_model = {
        m: [str(e.through_advocates) for e in roi_report(facts, model=m, period=Period()).events]
        for m in Model
    }

    # Bob is a middle link: nothing by last touch, deal 2 by first touch, his shares linearly.
    assert by_model == {
        Model.LAST_TOUCH: ["0.00"],
        Model.FIRST_TOUCH: ["900.00"],
        Model.LINEAR: ["783.33"],
    }


def test_meeting_an_advocate_after_their_referral_earns_the_event_nothing() -> None:
    late = Outing(7, date(2026, 2, 2), Decimal("10"), "USD", frozenset({ANN}))

    [row] = roi_report(
        Facts(deals=DEALS, events=[late]), model=Model.LAST_TOUCH, period=Period()
    ).events

    assert (row.revenue, row.roi) == (Decimal(0), 0.0)


def test_funnel_counts_people_met_advocates_and_the_median_wait_for_a_first_referral() -> None:
    first_met = {
        ANN: date(2026, 1, 1),  # first referral 2026-02-01: 31 days
        CAT: date(2026, 1, 22),  # 10 days
        DAN: date(2026, 3, 1),  # met after referring: counted as 0 days
        BOB: date(2025, 6, 1),
        NOBODY: date(2026, 1, 5),
    }

    funnel = roi_report(
        Facts(deals=DEALS, first_met=first_met), model=Model.LAST_TOUCH, period=Period()
    ).funnel

    assert (funnel.met, funnel.advocates, funnel.referrals) == (5, 3, 5)
    assert funnel.median_days_to_first_referral == 10.0
    assert funnel.rates["met_to_advocate"] == pytest.approx(3 / 5)
    assert funnel.rates["referrals_per_advocate"] == pytest.approx(5 / 3)


def test_direct_clients_are_client_ties_nobody_referred() -> None:
    facts = Facts(
        deals=DEALS,
        clients={11: date(2026, 3, 1), 50: date(2026, 1, 1), 51: None},
        given_on=[date(2026, 1, 3), date(2025, 1, 3)],
    )

    everything = roi_report(facts, model=Model.LAST_TOUCH, period=Period()).sources
    this_year = roi_report(facts, model=Model.LAST_TOUCH, period=Period(since=date(2026, 1, 1)))

    assert (everything.clients_through_advocates, everything.direct_clients) == (4, 2)
    assert everything.share_through_advocates == pytest.approx(4 / 6)
    assert everything.given == 2
    # A client tie of unknown date is outside any bounded period.
    assert (this_year.sources.direct_clients, this_year.sources.given) == (1, 1)


def test_clients_per_advocate_tests_the_five_or_ten_claim() -> None:
    many = [deal(100 + k, ANN, 200 + k, "10") for k in range(10)]
    many += [deal(300 + k, BOB, 400 + k, "10") for k in range(5)]
    many += [deal(500, CAT, 600, "10")]

    per = roi_report(Facts(deals=many), model=Model.LAST_TOUCH, period=Period())

    c = per.clients_per_advocate
    assert (c.advocates, c.most, c.median, c.five_or_more, c.ten_or_more) == (3, 10, 5.0, 2, 1)
    [usd] = per.top_share
    assert (usd.top, usd.share) == (1, pytest.approx(100 / 160))


def test_a_won_referral_without_a_value_counts_as_a_client_but_no_money() -> None:
    report = roi_report(Facts(deals=[deal(1, ANN, 11, None)]), model=Model.LINEAR, period=Period())

    assert [(r.person, str(r.won), r.count) for r in report.advocates] == [(ANN, "0.00", 1)]
    assert report.sources.clients_through_advocates == 1
    assert report.top_share == []


@given(
    cents=st.integers(min_value=0, max_value=10**12),
    parts=st.integers(min_value=1, max_value=12),
)
def test_a_split_adds_back_to_the_value_and_differs_by_at_most_a_cent(
    cents: int, parts: int
) -> None:
    value = Decimal(cents) / 100

    shares = split(value, parts)

    assert sum(shares) == value
    assert max(shares) - min(shares) <= Decimal("0.01")
    assert shares == sorted(shares, reverse=True)
