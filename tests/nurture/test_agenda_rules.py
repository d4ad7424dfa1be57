"""The agenda's rules on plain facts and a fixed day: who appears, why, and who does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.nurture.agenda import (
    Kind,
    LadderFacts,
    MetAt,
    PersonFacts,
    Planned,
    Received,
    Rules,
    build,
    reasons,
)
from goodword.people.tier import Tier
from goodword.settings.keys import Settings

TODAY = date(2026, 12, 3)
RULES = Rules.of(Settings.defaults())
MET = LadderFacts(contacts=1, reached=0, one_to_ones=0, briefed=False, referrals_from=0,
                  referrals_to=0)  # fmt: skip
FOLLOWED_UP = replace(MET, contacts=2, reached=1)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def person(**facts: object) -> PersonFacts:
    """A contact seen yesterday, suggested no tier: nothing to do unless a test adds it."""
    base: dict[str, object] = {
        "person_id": 1, "last_seen": ago(1), "last_reached": ago(1), "ladder": FOLLOWED_UP,
    }  # fmt: skip
    return PersonFacts(**{**base, **facts})  # type: ignore[arg-type]


def kinds(facts: PersonFacts, today: date = TODAY) -> list[Kind]:
    return [r.kind for r in reasons(facts, today, RULES)]


def test_a_quiet_contact_with_nothing_pending_is_not_on_the_agenda() -> None:
    assert kinds(person()) == []


# --- follow up people met at an event within 48 hours --------------------------------------


def met_at(days: int, **facts: object) -> PersonFacts:
    met: dict[str, object] = {
        "met_at": (MetAt("Chamber breakfast", ago(days)),), "last_seen": ago(days),
        "last_reached": None, "ladder": MET,
    }  # fmt: skip
    return person(**{**met, **facts})


def test_someone_met_yesterday_is_to_be_followed_up_within_48_hours() -> None:
    [found] = reasons(met_at(1), TODAY, RULES)

    assert found.kind == Kind.EVENT
    assert found.action == "Follow up after Chamber breakfast"
    assert "within 48 hours" in found.reason
    assert found.due_on == ago(1) + timedelta(days=2)


def test_someone_met_and_contacted_since_is_not_followed_up_again() -> None:
    assert kinds(met_at(1, last_reached=TODAY)) == []
    assert kinds(met_at(1, last_reached=ago(1))) == []  # a message the same evening


def test_a_missed_event_follow_up_stays_late_then_makes_way_for_the_ladder() -> None:
    [late] = reasons(met_at(5), TODAY, RULES)
    assert "5 days ago, with no contact since" in late.reason

    assert Kind.EVENT not in kinds(met_at(RULES.step_days, suggested=Tier.ACTIVE))
    assert Kind.LADDER in kinds(met_at(RULES.step_days, suggested=Tier.ACTIVE))


def test_an_event_yet_to_come_asks_for_nothing() -> None:
    assert kinds(met_at(-2)) == []


# --- thank for a referral, and again when it is won ---------------------------------------


def referred(received: int, won: int | None = None, **facts: object) -> PersonFacts:
    won_on = ago(won) if won is not None else None
    return person(received=(Received(7, "Dev Patel", ago(received), won_on),), **facts)


def test_a_referral_received_today_calls_for_a_thank_you_within_a_day() -> None:
    [found] = reasons(referred(0, last_reached=ago(3)), TODAY, RULES)

    assert (found.kind, found.action) == (Kind.THANK, "Thank them for referring Dev Patel")
    assert found.due_on == TODAY + timedelta(days=1)
    assert "Referral #7 received on 2026-12-03" in found.reason


def test_a_thanked_referral_is_not_thanked_again_until_it_is_won() -> None:
    assert kinds(referred(10, last_reached=ago(9))) == []

    [won] = reasons(referred(10, won=0, last_reached=ago(9)), TODAY, RULES)
    assert won.action == "Thank them: Dev Patel became a client"


def test_an_old_referral_is_history_not_a_thank_you() -> None:
    assert kinds(referred(40, last_reached=ago(60))) == []


# --- give back ------------------------------------------------------------------------------


def test_someone_who_gave_clearly_more_is_given_back_with_what_they_gave() -> None:
    giver = person(gave=3, got=1, gave_kinds=("referral", "help"), last_gift=ago(4))

    [found] = reasons(giver, TODAY, RULES)

    assert found.kind == Kind.GIVE_BACK
    assert found.reason == "Gave you 3 times (referral, help); you gave them 1 time"


def test_a_balance_within_the_margin_asks_for_nothing() -> None:
    assert kinds(person(gave=2, got=1, gave_kinds=("help",), last_gift=ago(4))) == []


# --- brief, reconnect, ladder, stay in touch ------------------------------------------------


def test_a_high_potential_advocate_not_briefed_is_to_be_briefed() -> None:
    assert Kind.BRIEF in kinds(person(suggested=Tier.INNER, score=0.6))
    briefed = replace(FOLLOWED_UP, briefed=True)
    assert Kind.BRIEF not in kinds(person(suggested=Tier.INNER, score=0.6, ladder=briefed))
    assert Kind.BRIEF not in kinds(person(suggested=Tier.POTENTIAL, score=0.06))


def test_a_strong_tie_silent_for_months_is_to_be_reconnected() -> None:
    dormant = person(volume=6.0, last_seen=ago(200), last_reached=ago(200))
    assert kinds(dormant) == [Kind.RECONNECT]
    assert kinds(replace(dormant, last_seen=ago(100))) == []
    assert kinds(replace(dormant, volume=1.0)) == []


def test_the_next_rung_is_suggested_once_a_relationship_has_been_quiet_a_while() -> None:
    quiet = person(suggested=Tier.POTENTIAL, last_seen=ago(20))

    [found] = [r for r in reasons(quiet, TODAY, RULES) if r.kind == Kind.LADDER]

    assert found.action == "Invite them to a one-to-one, coffee or a call"
    assert "'followed up'" in found.reason
    assert "next: 'first 1:1'" in found.reason
    assert Kind.LADDER not in kinds(replace(quiet, last_seen=ago(5)))


def test_the_ladder_does_not_repeat_the_briefing_reason() -> None:
    two_meetings = replace(FOLLOWED_UP, one_to_ones=2)
    found = kinds(person(suggested=Tier.INNER, score=0.6, ladder=two_meetings, last_seen=ago(20)))

    assert Kind.BRIEF in found
    assert Kind.LADDER not in found


@pytest.mark.parametrize(
    ("tier", "quiet", "due"),
    [(Tier.INNER, 30, True), (Tier.INNER, 29, False), (Tier.ACTIVE, 60, True),
     (Tier.ACTIVE, 59, False), (Tier.POTENTIAL, 90, True), (Tier.POTENTIAL, 89, False),
     (Tier.NONE, 400, False)],
)  # fmt: skip
def test_stay_in_touch_follows_the_tiers_cadence(tier: Tier, quiet: int, due: bool) -> None:
    facts = person(suggested=tier, last_seen=ago(quiet), ladder=replace(MET, referrals_from=1,
                   referrals_to=1))  # fmt: skip

    assert (Kind.STAY_IN_TOUCH in kinds(facts)) is due


def test_overdue_people_rank_by_score_times_how_overdue() -> None:
    # The top rung, briefed: no ladder step nor briefing to outrank staying in touch.
    partner = replace(MET, referrals_from=1, referrals_to=1, briefed=True)
    people = [
        person(person_id=1, suggested=Tier.ACTIVE, score=0.2, last_seen=ago(70), ladder=partner),
        person(person_id=2, suggested=Tier.ACTIVE, score=0.4, last_seen=ago(70), ladder=partner),
        person(person_id=3, suggested=Tier.ACTIVE, score=0.4, last_seen=ago(110), ladder=partner),
    ]

    assert [e.person_id for e in build(people, TODAY, RULES)] == [3, 2, 1]


def test_a_tier_set_by_hand_wins_over_the_suggestion() -> None:
    partner = replace(MET, referrals_from=1, referrals_to=1)
    facts = person(suggested=Tier.NONE, tier_set=Tier.INNER, last_seen=ago(31), ladder=partner)

    assert Kind.STAY_IN_TOUCH in kinds(facts)
    assert kinds(replace(facts, tier_set=None)) == []


def test_someone_who_is_not_a_contact_gets_no_cadence() -> None:
    assert kinds(person(suggested=Tier.INNER, is_contact=False, last_seen=ago(100))) == []


# --- explicit follow-ups, snoozes and tier none ---------------------------------------------


def test_a_follow_up_due_today_or_late_is_on_the_agenda_with_its_id() -> None:
    [found] = reasons(person(planned=(Planned(4, ago(2), reason="Send the deck"),)), TODAY, RULES)

    assert (found.kind, found.action, found.followup_id) == (Kind.FOLLOWUP, "Send the deck", 4)
    assert "(2 days late)" in found.reason


def test_a_snoozed_follow_up_does_not_come_back_before_its_date() -> None:
    snoozed = Planned(4, ago(2), snoozed_until=TODAY + timedelta(days=1))

    assert kinds(person(planned=(snoozed,))) == []
    assert kinds(person(planned=(snoozed,)), TODAY + timedelta(days=1)) == [Kind.FOLLOWUP]


def test_a_follow_up_planned_for_later_holds_back_the_persons_other_reasons() -> None:
    later = Planned(5, TODAY + timedelta(days=7))

    assert kinds(met_at(1, planned=(later,))) == []
    assert kinds(met_at(1)) == [Kind.EVENT]


def test_tier_none_appears_only_for_explicit_follow_ups() -> None:
    busy = met_at(1, tier_set=Tier.NONE, gave=5, gave_kinds=("help",), last_gift=ago(2),
                  received=(Received(7, "Dev Patel", TODAY),))  # fmt: skip
    assert kinds(busy) == []

    assert kinds(replace(busy, planned=(Planned(4, TODAY),))) == [Kind.FOLLOWUP]


# --- one entry per person ----------------------------------------------------------------------


def test_one_entry_per_person_the_most_urgent_first_the_others_under_also() -> None:
    many = met_at(
        1, received=(Received(7, "Dev Patel", TODAY),), gave=4, got=0, gave_kinds=("referral",),
        last_gift=TODAY, planned=(Planned(4, ago(1)),),
    )  # fmt: skip

    [entry] = build([many], TODAY, RULES)

    assert entry.main.kind == Kind.THANK
    assert [r.kind for r in entry.also] == [Kind.FOLLOWUP, Kind.EVENT, Kind.GIVE_BACK]
    priorities = [entry.main.priority, *(r.priority for r in entry.also)]
    assert priorities == sorted(priorities, reverse=True)


# --- properties over any facts ----------------------------------------------------------------

days = st.integers(-30, 400).map(ago)
any_person = st.builds(
    PersonFacts,
    person_id=st.integers(1, 50),
    tier_set=st.none() | st.sampled_from(Tier),
    suggested=st.sampled_from(Tier),
    score=st.floats(0, 1),
    is_contact=st.booleans(),
    last_seen=st.none() | days,
    last_reached=st.none() | days,
    met_at=st.lists(st.builds(MetAt, st.just("Mixer"), days), max_size=2).map(tuple),
    received=st.lists(
        st.builds(Received, st.integers(1, 9), st.just("Dev"), days, st.none() | days), max_size=2
    ).map(tuple),
    gave=st.integers(0, 6),
    got=st.integers(0, 6),
    gave_kinds=st.just(("help",)),
    last_gift=st.none() | days,
    volume=st.floats(0, 20),
    ladder=st.builds(
        LadderFacts,
        st.integers(0, 5),
        st.integers(0, 5),
        st.integers(0, 3),
        st.booleans(),
        st.integers(0, 2),
        st.integers(0, 2),
    ),
    planned=st.lists(
        st.builds(Planned, st.integers(1, 99), days, st.none() | days), max_size=2
    ).map(tuple),
)


@given(any_person)
def test_tier_none_or_a_later_plan_leaves_only_the_follow_ups_due(facts: PersonFacts) -> None:
    held = any(p.next_on > TODAY for p in facts.planned)
    found = reasons(facts, TODAY, RULES)

    if facts.tier_set == Tier.NONE or held:
        assert {r.kind for r in found} <= {Kind.FOLLOWUP}
    due = {p.id for p in facts.planned if p.next_on <= TODAY}
    assert {r.followup_id for r in found if r.kind == Kind.FOLLOWUP} == due


@given(st.lists(any_person, max_size=8, unique_by=lambda p: p.person_id))
def test_one_entry_per_person_with_a_reason_most_urgent_first(people: list[PersonFacts]) -> None:
    entries = build(people, TODAY, RULES)

    expected = {p.person_id for p in people if reasons(p, TODAY, RULES)}
    assert sorted(e.person_id for e in entries) == sorted(expected)
    mains = [e.main.priority for e in entries]
    assert mains == sorted(mains, reverse=True)
    for entry in entries:
        assert all(entry.main.priority >= r.priority for r in entry.also)
        assert all(0 <= r.priority <= 100 for r in (entry.main, *entry.also))
