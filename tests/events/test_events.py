"""Events, who you met there, and finding an event by what the user types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import Ambiguous, InvalidInput, NotFound
from goodword.events.models import Attendance
from goodword.events.queries import list_events, resolve_event
from goodword.events.service import add_event, delete_event, edit_event, record_met
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.workspace import Workspace, open_workspace

ON = date(2026, 3, 12)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def met_at(session: Session, event_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Attendance.person_id)
            .where(Attendance.event_id == event_id)
            .order_by(Attendance.person_id)
        )
    )


def test_an_event_keeps_its_place_and_cost(session: Session) -> None:
    event = add_event(
        session,
        name="  Chamber   breakfast ",
        starts_on=ON,
        place=" Town  Hall",
        cost=Decimal("25.00"),
        currency="EUR",
    )
    assert (event.name, event.place, event.cost_amount, event.cost_currency) == (
        "Chamber breakfast",
        "Town Hall",
        Decimal("25.00"),
        "EUR",
    )


def test_an_event_needs_a_name(session: Session) -> None:
    with pytest.raises(InvalidInput, match="needs a name"):
        add_event(session, name="   ", starts_on=ON)


def test_recording_who_you_met_twice_records_them_once(session: Session) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    event = add_event(session, name="Chamber breakfast", starts_on=ON)
    assert record_met(session, event=event, people=[ann]) == [ann]
    assert record_met(session, event=event, people=[ann, bob, bob]) == [bob]
    assert record_met(session, event=event, people=[ann, bob]) == []
    assert met_at(session, event.id) == sorted([ann.id, bob.id])
    assert [(row.event.id, row.met) for row in list_events(session)] == [(event.id, 2)]


def test_you_do_not_meet_yourself_at_an_event(session: Session) -> None:
    me, ann = get_owner(session), add(session, "Ann Lee")
    event = add_event(session, name="Chamber breakfast", starts_on=ON)
    assert record_met(session, event=event, people=[me, ann]) == [ann]
    assert met_at(session, event.id) == [ann.id]


def test_events_are_listed_newest_first_with_how_many_you_met(session: Session) -> None:
    ann = add(session, "Ann Lee")
    old = add_event(session, name="Expo", starts_on=date(2025, 10, 1))
    new = add_event(session, name="Mixer", starts_on=ON)
    record_met(session, event=old, people=[ann])
    assert [(row.event.name, row.met) for row in list_events(session)] == [
        ("Mixer", 0),
        ("Expo", 1),
    ]
    assert new.id != old.id


@pytest.mark.parametrize("ref", ["{id}", "#{id}", " {id} ", "chamber BREAKFAST", "breakf"])
def test_an_event_is_found_by_id_exact_name_or_unique_part_of_its_name(
    session: Session, ref: str
) -> None:
    event = add_event(session, name="Chamber breakfast", starts_on=ON)
    add_event(session, name="Rotary lunch", starts_on=ON)
    assert resolve_event(session, ref.format(id=event.id)) is event


def test_an_event_named_decomposed_is_the_event_stored_composed(session: Session) -> None:
    fete = add_event(session, name="Fête de la musique", starts_on=ON)
    assert resolve_event(session, "Fe\u0302te") is fete


def test_an_exact_name_wins_over_a_longer_name_containing_it(session: Session) -> None:
    mixer = add_event(session, name="Mixer", starts_on=ON)
    add_event(session, name="Mixer at the Marriott", starts_on=ON)
    assert resolve_event(session, "mixer") is mixer


def test_an_ambiguous_name_lists_every_candidate_with_its_date(session: Session) -> None:
    spring = add_event(session, name="Chamber mixer (spring)", starts_on=date(2026, 4, 2))
    winter = add_event(session, name="Chamber mixer (winter)", starts_on=date(2026, 1, 8))
    with pytest.raises(Ambiguous, match="'chamber mixer' matches 2 events") as caught:
        resolve_event(session, "chamber mixer")
    message = str(caught.value)
    assert f"Chamber mixer (winter) on 2026-01-08 (#{winter.id})" in message
    assert f"Chamber mixer (spring) on 2026-04-02 (#{spring.id})" in message
    assert message.index("winter") < message.index("spring")


@pytest.mark.parametrize("ref", ["Gala", "#999999", "999999"])
def test_an_unknown_event_is_not_found(session: Session, ref: str) -> None:
    add_event(session, name="Chamber breakfast", starts_on=ON)
    with pytest.raises(NotFound):
        resolve_event(session, ref)


@pytest.mark.parametrize(("name", "ref"), [("100% Club", "100%"), ("Q1_mixer", "q1_m")])
def test_percent_and_underscore_in_a_name_match_only_themselves(
    session: Session, name: str, ref: str
) -> None:
    wanted = add_event(session, name=name, starts_on=ON)
    add_event(session, name=name.replace("%", " members").replace("_", "-"), starts_on=ON)
    assert resolve_event(session, ref) is wanted


def test_an_event_of_another_workspace_is_not_found(workspace: Workspace) -> None:
    other = open_workspace(bind=workspace.bind, name=f"{workspace.name}-other")
    with other.transaction() as session:
        theirs = add_event(session, name="Their gala", starts_on=ON).id
    with workspace.transaction() as session:
        for ref in (str(theirs), "Their gala"):
            with pytest.raises(NotFound):
                resolve_event(session, ref)
        assert list_events(session) == []


def test_a_name_many_events_share_lists_ten_and_says_there_are_more(session: Session) -> None:
    for month in range(1, 13):
        add_event(session, name=f"Chamber mixer {month}", starts_on=date(2026, month, 1))
    with pytest.raises(Ambiguous, match="matches more than 10 events") as caught:
        resolve_event(session, "mixer")
    assert str(caught.value).count(" on 2026-") == 10


def test_a_cost_without_a_currency_is_in_the_workspace_currency(session: Session) -> None:
    event = add_event(session, name="Gala", starts_on=date(2026, 5, 1), cost=Decimal("80"))
    free = add_event(session, name="Walk", starts_on=date(2026, 5, 2))
    assert (event.cost_currency, free.cost_currency) == ("USD", None)


@pytest.mark.parametrize("ref", ["cafe du monde", "CAFÉ DU MONDE", "Café du Monde", "du monde"])
def test_an_event_is_found_ignoring_case_and_accents(session: Session, ref: str) -> None:
    event = add_event(session, name="Café du Monde", starts_on=ON)
    add_event(session, name="Rotary lunch", starts_on=ON)
    assert resolve_event(session, ref) is event


def test_a_misspelt_event_name_finds_the_one_close_event(session: Session) -> None:
    event = add_event(session, name="GM Chamber Breakfast", starts_on=ON)
    add_event(session, name="Rotary lunch", starts_on=ON)
    assert resolve_event(session, "GM Chamber Brekfast") is event


def test_an_unknown_event_suggests_the_near_ones_with_their_ids(session: Session) -> None:
    first = add_event(session, name="GM Chamber Breakfast", starts_on=ON)
    second = add_event(session, name="GM Chamber Brunch", starts_on=ON)
    with pytest.raises(NotFound) as caught:
        resolve_event(session, "GM Chamber Breakfest club")
    message = str(caught.value)
    assert message.startswith("No event matches 'GM Chamber Breakfest club'. Did you mean ")
    assert f"'GM Chamber Breakfast' (#{first.id})" in message
    assert f"(#{second.id})" in message


def test_deleting_an_event_removes_who_you_met_there_but_not_the_people(
    session: Session,
) -> None:
    ann, bob = add(session, "Ann Lee"), add(session, "Bob Stone")
    gone = add_event(session, name="Chamber breakfast", starts_on=ON)
    kept = add_event(session, name="Gala", starts_on=ON)
    record_met(session, event=gone, people=[ann, bob])
    record_met(session, event=kept, people=[ann])
    gone_id = gone.id

    removed = delete_event(session, event=gone)

    assert removed == 2
    assert met_at(session, gone_id) == []
    assert met_at(session, kept.id) == [ann.id]
    assert [row.event.name for row in list_events(session)] == ["Gala"]
    people = session.scalars(select(Person.name).where(Person.id.in_([ann.id, bob.id])))
    assert sorted(people) == ["Ann Lee", "Bob Stone"]


def test_editing_an_event_changes_only_what_is_given(session: Session) -> None:
    event = add_event(session, name="Chamber breakfast", starts_on=ON, place="Town Hall")

    edit_event(session, event=event, name=" GM  Chamber Breakfast", cost=Decimal("25"))

    assert (event.name, event.starts_on, event.place) == ("GM Chamber Breakfast", ON, "Town Hall")
    assert (event.cost_amount, event.cost_currency) == (Decimal("25"), "USD")
    edit_event(session, event=event, place="", currency="GBP", starts_on=date(2026, 3, 13))
    assert (event.place, event.cost_currency, event.starts_on) == (None, "GBP", date(2026, 3, 13))


def test_a_free_event_loses_its_cost_and_currency(session: Session) -> None:
    event = add_event(session, name="Meetup", starts_on=ON, cost=Decimal("10"), currency="EUR")

    edit_event(session, event=event, free=True)

    assert (event.cost_amount, event.cost_currency) == (None, None)


def test_a_currency_needs_a_cost_to_label(session: Session) -> None:
    event = add_event(session, name="Free meetup", starts_on=ON)

    with pytest.raises(InvalidInput, match="no cost"):
        edit_event(session, event=event, currency="GBP")
    with pytest.raises(InvalidInput, match="needs a name"):
        edit_event(session, event=event, name="  ")
