"""The offering in an advocate's words: problems as items, phrases to listen for, the ICP."""

from __future__ import annotations

import pytest

from goodword.nurture.brief_text import (
    both,
    criterion_words,
    either,
    ideal_client,
    problem_items,
    trigger_phrase,
)
from goodword.offering.fit import Criterion


@pytest.mark.parametrize(
    ("problem", "heard"),
    [
        ("Books months behind", "our books are months behind"),
        ("Cash flow unclear", "our cash flow is unclear"),
        ("Invoices unpaid for months.", "our invoices are unpaid for months"),
        ("VAT returns late", "our VAT returns are late"),
        ("No idea where the cash goes", "we have no idea where the cash goes"),
        ("Too many spreadsheets", "we have too many spreadsheets"),
        ("Lack of time", "we lack time"),
        ("Can't find good staff", "we can't find good staff"),
        ("Struggling to hire", "we're struggling to hire"),
        ("We never know what we owe", "we never know what we owe"),
        ("Our payroll is a mess", "our payroll is a mess"),
        ("The books are behind", "the books are behind"),
        ("Surprise tax bills", "surprise tax bills"),
        ("Late payments", "late payments"),
    ],
)
def test_a_problem_becomes_what_someone_who_has_it_says(problem: str, heard: str) -> None:
    assert trigger_phrase(problem) == heard


@pytest.mark.parametrize(
    ("problems", "items"),
    [
        ("Books behind; tax bills\n- no cash view", ["Books behind", "tax bills", "no cash view"]),
        ("Messy books, late filings and tax bills", ["Messy books", "late filings", "tax bills"]),
        (
            "When the books are behind, owners cannot plan their next year of trading at all",
            ["When the books are behind, owners cannot plan their next year of trading at all"],
        ),
        (None, []),
    ],
)
def test_problems_split_into_items_by_list_marks_and_short_commas(
    problems: str | None, items: list[str]
) -> None:
    assert problem_items(problems) == items


@pytest.mark.parametrize(
    ("criterion", "words"),
    [
        (Criterion("industry", "is", "Fintech"), "works in Fintech"),
        (Criterion("industry", "any-of", "retail, hospitality"), "works in retail or hospitality"),
        (Criterion("title", "contains", "CFO"), "has a job title with CFO in it"),
        (Criterion("org", "is", "Acme"), "works at Acme"),
        (Criterion("city", "any-of", "Leeds,York,Hull"), "is based in Leeds, York or Hull"),
        (Criterion("country", "is", "GB"), "is based in United Kingdom"),
        (Criterion("tag", "is", "needs:bookkeeping"), "needs bookkeeping"),
        (Criterion("tag", "is", "founder"), "is known as founder"),
    ],
)
def test_each_icp_criterion_reads_as_what_someone_who_fits_does(
    criterion: Criterion, words: str
) -> None:
    assert criterion_words(criterion) == words


def test_the_ideal_client_lists_the_weightiest_criteria_first() -> None:
    criteria = [Criterion("city", "is", "Leeds"), Criterion("industry", "is", "Retail", 3.0)]

    assert ideal_client(criteria) == ["works in Retail", "is based in Leeds"]


def test_lists_join_with_or_and_and() -> None:
    assert (either([]), either(["a"]), either(["a", "b", "c"])) == ("", "a", "a, b or c")
    assert both(["a", "b"]) == "a and b"
