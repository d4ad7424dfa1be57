"""Prospect fit against the ICP: the weighted share of criteria met, with what matched."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.offering.fit import Criterion, FieldValues, fit_all, fit_of


@pytest.mark.parametrize(
    ("criterion", "value", "meets"),
    [
        (Criterion("industry", "is", "Software"), "software", True),
        (Criterion("industry", "is", "Software"), "Software & SaaS", False),
        (Criterion("title", "contains", "founder"), "Co-Founder & CEO", True),
        (Criterion("title", "contains", "cafe"), "Café Owner", True),
        (Criterion("city", "is", "Malmo"), "Malmö", True),
        (Criterion("tag", "any-of", "fintech, saas"), "SaaS", True),
        (Criterion("tag", "any-of", "fintech, saas"), "retail", False),
        (Criterion("country", "is", "GB"), "United Kingdom", True),
        (Criterion("country", "is", "United States"), "US", True),
        (Criterion("country", "is", "GB"), "Ireland", False),
    ],
)
def test_a_criterion_compares_without_case_or_accents(
    criterion: Criterion, value: str, meets: bool
) -> None:
    assert criterion.matches(value) is meets


def test_fit_is_the_weighted_share_of_criteria_met_and_lists_them() -> None:
    criteria = [
        Criterion("industry", "is", "Software", weight=3),
        Criterion("title", "contains", "founder", weight=1),
        Criterion("city", "is", "Boston", weight=1),
    ]

    fits = fit_of(criteria, {"industry": ["Software"], "title": ["Founder"], "city": ["Leeds"]})

    assert fits.score[0] == pytest.approx(4 / 5)
    assert fits.matched_of(0) == ["industry is Software", "title contains founder"]


def test_any_of_a_persons_values_meets_a_criterion() -> None:
    criteria = [Criterion("org", "is", "Acme")]

    assert fit_of(criteria, {"org": ["Globex", "acme"]}).score[0] == 1.0


def test_no_criteria_means_no_fit() -> None:
    assert fit_of([], {"industry": ["Software"]}).score[0] == 0.0


@given(
    values=st.lists(st.sampled_from(["Software", "Retail", "Law", "software "]), max_size=30),
    weight=st.floats(min_value=0.1, max_value=10),
)
def test_everyone_at_once_equals_one_at_a_time(values: list[str], weight: float) -> None:
    criteria = [Criterion("industry", "is", "software", weight), Criterion("tag", "is", "x")]
    many = fit_all(
        criteria,
        {"industry": FieldValues.of(np.arange(len(values)), values)},
        n=len(values),
    )
    for i, value in enumerate(values):
        assert many.score[i] == fit_of(criteria, {"industry": [value]}).score[0]
        assert 0.0 <= many.score[i] <= 1.0
