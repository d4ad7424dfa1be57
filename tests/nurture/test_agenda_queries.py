"""The agenda, tiers and ladder on real databases, with a fixed day: the same on SQLite and
PostgreSQL (the `session` fixture runs each test on both)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from goodword.events.service import add_event, record_met
from goodword.followups.service import complete_followup, schedule_followup, snooze_followup
from goodword.interactions.models import InteractionKind
from goodword.interactions.service import log_interaction
from goodword.nurture.queries import daily_agenda, person_card, tier_of
from goodword.nurture.service import parse_tier, set_tier
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.people.tier import Tier
from goodword.referrals.models import LedgerKind
from goodword.referrals.service import add_referral, record_give
from goodword.relationships.service import connect_people
from goodword.settings.service import set_setting

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 12, tzinfo=UTC)


def person(session: Session, name: str, **fields: Any) -> Person:
    return create_person(session, fields=PersonFields(name=name, **fields))


def at(days_ago: int) -> datetime:
    return NOW - timedelta(days=days_ago)


def world(session: Session) -> dict[str, Person]:
    me = get_owner(session)
    names = ["Ann", "Bob", "Cara", "Dan", "Eve", "Fay", "Gus"]
    p = {name: person(session, f"{name} Lee") for name in names}
    breakfast = add_event(session, name="Chamber breakfast", starts_on=TODAY - timedelta(days=1))
    record_met(session, event=breakfast, people=[p["Ann"], p["Bob"], p["Dan"]])
    log_interaction(session, people=[me, p["Bob"]], kind=InteractionKind.EMAIL, at=NOW)
    add_referral(session, referrer=p["Cara"], prospect=person(session, "Dev Patel"), receiver=me,
                 currency="USD", at=NOW)  # fmt: skip
    set_tier(session, person=p["Dan"], tier=Tier.NONE)
    schedule_followup(session, person=p["Dan"], due_on=TODAY, reason="Send Dan the slides")
    eve = schedule_followup(session, person=p["Eve"], due_on=TODAY - timedelta(days=2))
    snooze_followup(session, followup=eve, until=TODAY + timedelta(days=3), today=TODAY)
    # Fay is not tied to me at all.
    connect_people(session, a=p["Fay"], b=p["Ann"], strength=0.9, since=at(365).date())
    for _ in range(3):
        record_give(session, giver=p["Gus"], receiver=me, kind=LedgerKind.HELP, on=TODAY)
    return p


def by_name(session: Session, **options: Any) -> dict[str, Any]:
    found = daily_agenda(session, now=NOW, today=TODAY, everything=True, **options)
    return {item.person.name: item for item in found.items}


def test_each_reason_picks_its_people_and_leaves_out_the_rest(session: Session) -> None:
    world(session)

    items = by_name(session)

    assert items["Ann Lee"].kind == "event"
    assert "Met at Chamber breakfast on 2026-12-02" in items["Ann Lee"].reason
    assert items["Cara Lee"].kind == "thank"
    assert items["Cara Lee"].action == "Thank them for referring Dev Patel"
    assert items["Dan Lee"].kind == "followup"  # tier none: only what was planned
    assert items["Dan Lee"].action == "Send Dan the slides"
    assert items["Dan Lee"].also == []
    assert items["Gus Lee"].kind == "give_back"
    assert "Gave you 3 times (help)" in items["Gus Lee"].reason
    # Bob was written to since; Eve's follow-up is snoozed; Fay is only someone else's tie.
    assert not {"Bob Lee", "Eve Lee", "Fay Lee", "Me", "Dev Patel"} & items.keys()


def test_log_give_and_followup_done_clear_what_they_answer(session: Session) -> None:
    p = world(session)
    me = get_owner(session)
    log_interaction(session, people=[me, p["Ann"], p["Cara"]], kind=InteractionKind.CALL, at=NOW)
    record_give(session, giver=me, receiver=p["Gus"], kind=LedgerKind.INTRODUCTION, on=TODAY)
    record_give(session, giver=me, receiver=p["Gus"], kind=LedgerKind.HELP, on=TODAY)
    [dans] = [f for f in _open_followups(session) if f.person_id == p["Dan"].id]
    complete_followup(session, followup=dans, now=NOW)

    assert not {"Ann Lee", "Cara Lee", "Dan Lee", "Gus Lee"} & by_name(session).keys()


def _open_followups(session: Session) -> list[Any]:
    from sqlalchemy import select

    from goodword.followups.models import Followup

    return list(session.scalars(select(Followup).where(Followup.done_at.is_(None))))


def test_a_snoozed_follow_up_comes_back_on_its_date(session: Session) -> None:
    world(session)
    later = TODAY + timedelta(days=3)

    found = daily_agenda(session, now=NOW + timedelta(days=3), today=later, everything=True)

    assert "Eve Lee" in {item.person.name for item in found.items}


def test_the_daily_limit_leaves_the_rest_for_later(session: Session) -> None:
    world(session)

    limited = daily_agenda(session, now=NOW, today=TODAY, limit=2, everything=False)
    assert (len(limited.items), limited.limit) == (2, 2)
    assert len(limited.later) == 2
    assert limited.items[0].priority >= limited.items[1].priority >= limited.later[0].priority

    set_setting(session, key="agenda.limit", value="3")
    by_setting = daily_agenda(session, now=NOW, today=TODAY, everything=False)
    assert (len(by_setting.items), len(by_setting.later)) == (3, 1)
    assert by_setting.later[0].name == limited.later[-1].name


def test_one_entry_per_person_with_the_other_reasons_under_also(session: Session) -> None:
    p = world(session)
    me = get_owner(session)
    add_referral(session, referrer=p["Ann"], prospect=person(session, "Eli Moss"), receiver=me,
                 currency="USD", at=NOW)  # fmt: skip

    ann = by_name(session)["Ann Lee"]

    assert ann.kind == "thank"
    assert [a.kind for a in ann.also] == ["event"]


def test_the_tier_is_suggested_and_can_be_set_and_set_back_to_auto(session: Session) -> None:
    me = get_owner(session)
    ann, bob = person(session, "Ann Lee"), person(session, "Bob Stone")
    for days in (3, 10, 20):
        log_interaction(session, people=[me, ann], kind=InteractionKind.COFFEE, at=at(days))
    connect_people(session, a=me, b=bob, strength=0.05, since=at(365).date())

    suggested = tier_of(session, person=ann, now=NOW)
    assert (suggested.value, suggested.set_by_you) == (suggested.suggested, False)
    assert "#1 of 2 contacts" in suggested.reason
    assert tier_of(session, person=bob, now=NOW).suggested == "none"

    set_tier(session, person=bob, tier=parse_tier("Inner"))
    bobs = tier_of(session, person=bob, now=NOW)
    assert (bobs.value, bobs.suggested, bobs.set_by_you, bobs.cadence_days) == (
        "inner", "none", True, 30,
    )  # fmt: skip

    set_tier(session, person=bob, tier=parse_tier("auto"))
    assert tier_of(session, person=bob, now=NOW).value == "none"


def test_a_bad_tier_and_the_owners_tier_are_refused(session: Session) -> None:
    from goodword.errors import InvalidInput

    with pytest.raises(InvalidInput, match="use one of: inner, active, potential, none, auto"):
        parse_tier("close")
    with pytest.raises(InvalidInput):
        set_tier(session, person=get_owner(session), tier=Tier.INNER)


def rung(session: Session, who: Person) -> str | None:
    return person_card(session, person=who, now=NOW).ladder.rung


def test_person_show_derives_each_rung_of_the_ladder(session: Session) -> None:
    me = get_owner(session)
    ann, cara, dev = (person(session, n) for n in ("Ann Lee", "Cara Diaz", "Dev Patel"))
    stranger = person(session, "Nobody Known")
    event = add_event(session, name="Mixer", starts_on=TODAY - timedelta(days=30))
    record_met(session, event=event, people=[ann])

    assert rung(session, stranger) is None
    assert rung(session, ann) == "met"
    log_interaction(session, people=[me, ann], kind=InteractionKind.EMAIL, at=at(20))
    assert rung(session, ann) == "followed up"
    log_interaction(session, people=[me, ann, cara], kind=InteractionKind.MEETING, at=at(15))
    assert rung(session, ann) == "followed up"  # a group meeting is not a one-to-one
    log_interaction(session, people=[me, ann], kind=InteractionKind.COFFEE, at=at(10))
    assert rung(session, ann) == "first 1:1"
    log_interaction(session, people=[me, ann], kind=InteractionKind.VIDEO, at=at(8))
    assert rung(session, ann) == "second meeting"
    log_interaction(session, people=[me, ann], kind=InteractionKind.BRIEF, at=at(6))
    assert rung(session, ann) == "briefed"
    add_referral(session, referrer=ann, prospect=dev, receiver=me, currency="USD", at=at(4))
    assert rung(session, ann) == "referring"
    add_referral(session, referrer=me, prospect=cara, receiver=ann, currency="USD", at=at(2))
    card = person_card(session, person=ann, now=NOW)
    assert (card.ladder.rung, card.ladder.next, card.ladder.next_step) == (
        "referral partner", None, None,
    )  # fmt: skip
    assert card.tier.value in {"inner", "active", "potential", "none"}
    before = person_card(session, person=ann, now=NOW, as_of=at(7))
    assert before.ladder.rung == "second meeting"  # as it stood before the briefing
