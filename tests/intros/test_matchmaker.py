"""The matchmaker pairs contacts who can help each other, never competitors, never someone
with themselves, never two people who already know each other."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.intros.matchmaker import (
    CLIENT_FOUND,
    MORE_CLIENTS,
    NEED_MET,
    SAME_CITY,
    SAME_CLIENTS,
    Contact,
    Suggestion,
    competitors,
    suggest,
    topic,
)


def nobody_tied(a: int, b: int) -> bool:
    return False


def pairs(found: list[Suggestion]) -> set[tuple[int, int]]:
    return {(s.a, s.b) for s in found}


ANN = Contact(1, "Ann", industry="Accounting", tags=("needs:Web design",))
BOB = Contact(2, "Bob", industry="Design", tags=("offers:web design",))
CARA = Contact(3, "Cara", industry="Law", city="Lyon", tags=("seeks:Startups",))
DEV = Contact(4, "Dev", title="Founder", tags=("startup",))
EVE = Contact(5, "Eve", industry="Insurance", city="lyon", tags=("seeks:startups",))
FAY = Contact(6, "Fay", industry="Law", tags=("seeks:startups",))


@pytest.mark.parametrize(
    ("people", "pair", "score", "words"),
    [
        ((ANN, BOB), (1, 2), NEED_MET, ["Ann needs Web design", "Bob offers it"]),
        ((CARA, DEV), (3, 4), CLIENT_FOUND, ["Cara seeks Startups", "Dev is one (startup)"]),
        (
            (CARA, EVE),
            (3, 5),
            SAME_CLIENTS + SAME_CITY,
            ["Cara (Law) and Eve (Insurance) both seek Startups, both in Lyon"],
        ),
        ((EVE, FAY), (5, 6), SAME_CLIENTS, ["Eve (Insurance) and Fay (Law) both seek startups"]),
        (
            (
                Contact(7, "Gus", tags=("seeks:Architects",)),
                Contact(8, "Hal", industry="Architect"),
            ),
            (7, 8),
            CLIENT_FOUND,
            ["Gus seeks Architects", "Hal is one (Architect)"],
        ),
        (
            (Contact(9, "Ivy", tags=("needs:café",)), Contact(10, "Jon", tags=("offers:CAFE",))),
            (9, 10),
            NEED_MET,
            ["Ivy needs café"],
        ),
    ],
    ids=["needs-offers", "seeks-is", "same-clients-same-city", "same-clients", "plural", "accents"],
)
def test_a_pair_is_suggested_with_a_reason_naming_what_matched(
    people: tuple[Contact, ...], pair: tuple[int, int], score: float, words: list[str]
) -> None:
    [found] = suggest(people, tied=nobody_tied)

    assert (found.a, found.b) == pair
    assert found.score == pytest.approx(score)
    for word in words:
        assert word in found.reason


@pytest.mark.parametrize(
    "people",
    [
        # competitors: same industry, same offering
        (
            Contact(1, "Ann", industry="Accounting", tags=("needs:audit", "offers:tax")),
            Contact(2, "Bob", industry="accounting", tags=("offers:audit", "offers:tax")),
        ),
        # competitors: same industry, neither says what they offer
        (
            Contact(1, "Ann", industry="Law", tags=("seeks:startups",)),
            Contact(2, "Bob", industry="LAW", tags=("seeks:startups",)),
        ),
        # one person with themselves
        (Contact(1, "Ann", tags=("needs:seo", "offers:seo")),),
        # nothing in common
        (Contact(1, "Ann", industry="Law"), Contact(2, "Bob", industry="Retail")),
        # the same clients sought, but an unknown industry cannot show they do not compete
        (
            Contact(1, "Ann", industry="Law", tags=("seeks:startups",)),
            Contact(2, "Bob", tags=("seeks:startups",)),
        ),
    ],
    ids=["same-offering", "same-industry-unstated", "self", "unrelated", "unknown-industry"],
)
def test_no_pair_is_suggested(people: tuple[Contact, ...]) -> None:
    assert suggest(people, tied=nobody_tied) == []


def test_two_advisers_with_clients_in_the_same_industries_are_partners() -> None:
    lawyer = Contact(1, "Ann", industry="Law", client_industries=("Fintech", "Retail", "SaaS"))
    banker = Contact(2, "Bob", industry="Banking", client_industries=("fintech", "Retail", "SaaS"))
    rival = Contact(3, "Cy", industry="law", client_industries=("Fintech",))

    found = suggest([lawyer, banker, rival], tied=nobody_tied)

    assert pairs(found) == {(1, 2), (2, 3)}
    assert found[0].reason == (
        "Ann (Law) and Bob (Banking) both have clients in Fintech, Retail and SaaS: "
        "partners for the same clients"
    )
    assert found[0].score == pytest.approx(SAME_CLIENTS + 2 * MORE_CLIENTS)
    assert found[0].score < NEED_MET


def test_same_industry_with_different_offerings_are_not_competitors() -> None:
    tax = Contact(1, "Ann", industry="Accounting", tags=("offers:tax", "needs:audit"))
    audit = Contact(2, "Bob", industry="Accounting", tags=("offers:audit",))

    assert not competitors(tax, audit)
    assert pairs(suggest([tax, audit], tied=nobody_tied)) == {(1, 2)}


def test_people_already_tied_are_not_suggested() -> None:
    tied = {(1, 2)}

    found = suggest([ANN, BOB, CARA, DEV], tied=lambda a, b: (min(a, b), max(a, b)) in tied)

    assert pairs(found) == {(3, 4)}


def test_matches_add_up_and_the_best_comes_first() -> None:
    both = Contact(11, "Kim", industry="Design", tags=("offers:web design", "startup"))

    found = suggest([ANN, BOB, CARA, both], tied=nobody_tied)

    assert found == sorted(found, key=lambda s: (-s.score, s.a, s.b))
    kim_and_cara = next(s for s in found if (s.a, s.b) == (3, 11))
    assert kim_and_cara.score == pytest.approx(CLIENT_FOUND)
    two_needs = Contact(12, "Lee", tags=("needs:web design", "seeks:startups"))
    [found_twice] = suggest([two_needs, both], tied=nobody_tied)
    assert found_twice.score == pytest.approx(NEED_MET + CLIENT_FOUND)
    assert len(found_twice.reasons) == 2


def test_top_keeps_the_best() -> None:
    everyone = [ANN, BOB, CARA, DEV, EVE, FAY]

    assert suggest(everyone, tied=nobody_tied, top=2) == suggest(everyone, tied=nobody_tied)[:2]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Web-Design", "web design"),
        ("Cafés", "cafe"),
        ("startups", "Startup"),
        ("Business", "business"),
    ],
)
def test_topics_compare_ignoring_case_accents_dashes_and_a_plural(a: str, b: str) -> None:
    assert topic(a) == topic(b)


TOPICS = st.sampled_from(["seo", "tax", "startups", "Design", "law", "café", "Cafe"])
INDUSTRIES = st.one_of(st.none(), st.sampled_from(["Law", "law", "Design", "Accounting"]))
TAGS = st.lists(
    st.builds(lambda p, t: p + t, st.sampled_from(["needs:", "offers:", "seeks:", ""]), TOPICS),
    max_size=4,
)


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[Contact], set[tuple[int, int]]]:
    n = draw(st.integers(0, 8))
    contacts = [
        Contact(
            i,
            f"P{i}",
            industry=draw(INDUSTRIES),
            title=draw(st.one_of(st.none(), TOPICS)),
            city=draw(st.one_of(st.none(), st.sampled_from(["Lyon", "Paris"]))),
            tags=tuple(draw(TAGS)),
            client_industries=tuple(draw(st.lists(TOPICS, max_size=2))),
        )
        for i in range(n)
    ]
    all_pairs = list(combinations(range(n), 2))
    tied = set(draw(st.lists(st.sampled_from(all_pairs), max_size=6))) if all_pairs else set()
    return contacts, tied


@given(networks())
def test_suggestions_never_pair_self_tied_or_competitors_and_each_says_why(
    drawn: tuple[list[Contact], set[tuple[int, int]]],
) -> None:
    contacts, tied = drawn
    by_id = {c.id: c for c in contacts}

    found = suggest(contacts, tied=lambda a, b: (min(a, b), max(a, b)) in tied)

    assert len(pairs(found)) == len(found)
    for s in found:
        assert s.a < s.b
        assert (s.a, s.b) not in tied
        assert not competitors(by_id[s.a], by_id[s.b])
        assert s.score > 0
        assert s.reasons
        assert by_id[s.a].name in s.reason or by_id[s.b].name in s.reason


@given(networks(), st.integers(1, 5))
def test_the_order_of_contacts_does_not_change_the_suggestions(
    drawn: tuple[list[Contact], set[tuple[int, int]]], top: int
) -> None:
    contacts, tied = drawn

    def is_tied(a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in tied

    forward = suggest(contacts, tied=is_tied, top=top)
    backward = suggest(contacts[::-1], tied=is_tied, top=top)

    assert [(s.a, s.b, s.score) for s in forward] == [(s.a, s.b, s.score) for s in backward]
