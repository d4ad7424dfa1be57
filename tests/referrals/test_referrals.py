"""The referral pipeline, its ledger entry, and the give/take balance."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.people.models import Person
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.referrals.ledger import Balance, Entry, balances
from goodword.referrals.models import LedgerEntry, LedgerKind, Referral, ReferralStatus
from goodword.referrals.queries import ledger, list_referrals
from goodword.referrals.service import (
    add_referral,
    get_referral,
    move_referral,
    record_give,
)
from goodword.storage.session import workspace_id
from goodword.workspace import Workspace, open_workspace

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def add(session: Session, name: str) -> Person:
    return create_person(session, fields=PersonFields(name=name))


def ledger_entries(session: Session) -> list[LedgerEntry]:
    return list(
        session.scalars(
            select(LedgerEntry)
            .where(LedgerEntry.workspace_id == workspace_id(session))
            .order_by(LedgerEntry.id)
        )
    )


# --- referrals ------------------------------------------------------------------------------


def test_a_referral_is_also_a_gift_from_the_referrer_in_the_ledger(session: Session) -> None:
    me, ann, cat = get_owner(session), add(session, "Ann Lee"), add(session, "Cat Wu")
    referral = add_referral(
        session,
        referrer=ann,
        prospect=cat,
        receiver=me,
        currency="EUR",
        value=Decimal("1500.00"),
        note="  needs a tax adviser ",
        at=AT,
    )
    [entry] = ledger_entries(session)
    assert (entry.giver_id, entry.receiver_id, entry.kind) == (ann.id, me.id, LedgerKind.REFERRAL)
    assert entry.referral_id == referral.id
    assert (entry.value, entry.currency, entry.occurred_on) == (
        Decimal("1500.00"),
        "EUR",
        AT.date(),
    )
    assert entry.note == "Referred Cat Wu"
    assert (referral.status, referral.received_on, referral.note) == (
        ReferralStatus.RECEIVED,
        AT.date(),
        "needs a tax adviser",
    )
    assert ledger(session, me=me).balances[ann.id].received == 1


def test_a_referral_keeps_its_introduction_chain_in_order(session: Session) -> None:
    me, ann, cat = get_owner(session), add(session, "Ann Lee"), add(session, "Cat Wu")
    dan, eve = add(session, "Dan Ode"), add(session, "Eve Park")
    referral = add_referral(
        session, referrer=ann, prospect=cat, receiver=me, via=[eve, dan], currency="USD", at=AT
    )
    assert [v.person_id for v in referral.via] == [eve.id, dan.id]


def test_moving_a_referral_records_every_step_with_its_date_in_order(
    workspace: Workspace,
) -> None:
    with workspace.transaction() as session:
        me, ann, cat = get_owner(session), add(session, "Ann Lee"), add(session, "Cat Wu")
        referral_id = add_referral(
            session, referrer=ann, prospect=cat, receiver=me, currency="USD", at=AT
        ).id
    moves = [
        (ReferralStatus.CONTACTED, AT + timedelta(days=1), None),
        (ReferralStatus.MET, AT + timedelta(days=8), None),
        (ReferralStatus.PROPOSAL, AT + timedelta(days=20), Decimal("2000.00")),
        (ReferralStatus.WON, AT + timedelta(days=30), Decimal("2400.00")),
    ]
    for status, when, value in moves:
        with workspace.transaction() as session:
            referral = get_referral(session, referral_id)
            move_referral(session, referral=referral, status=status, at=when, value=value)
    with workspace.transaction() as session:
        [referral] = list_referrals(session)
        assert [(s.status, s.at, s.value) for s in referral.steps] == [
            (ReferralStatus.RECEIVED, AT, None),
            *moves,
        ]
        assert (referral.status, referral.value) == (ReferralStatus.WON, Decimal("2400.00"))
        assert referral.status.is_closed


def test_moving_a_referral_to_the_status_it_has_is_invalid(session: Session) -> None:
    me, ann, cat = get_owner(session), add(session, "Ann Lee"), add(session, "Cat Wu")
    referral = add_referral(session, referrer=ann, prospect=cat, receiver=me, currency="USD", at=AT)
    with pytest.raises(InvalidInput, match=f"#{referral.id} is already received"):
        move_referral(session, referral=referral, status=ReferralStatus.RECEIVED, at=AT)
    assert len(referral.steps) == 1


def test_restating_the_status_with_a_new_value_updates_the_value(session: Session) -> None:
    me, ann, cat = get_owner(session), add(session, "Ann Lee"), add(session, "Cat Wu")
    referral = add_referral(session, referrer=ann, prospect=cat, receiver=me, currency="USD", at=AT)
    move_referral(session, referral=referral, status=ReferralStatus.PROPOSAL, at=AT)
    move_referral(
        session, referral=referral, status=ReferralStatus.PROPOSAL, at=AT, value=Decimal("900")
    )
    assert referral.value == Decimal("900")
    assert [s.status for s in referral.steps][-2:] == [ReferralStatus.PROPOSAL] * 2


def test_a_won_value_reaches_the_referrers_ledger_entry(session: Session) -> None:
    me, ann, cat = get_owner(session), add(session, "Ann Lee"), add(session, "Cat Wu")
    referral = add_referral(session, referrer=ann, prospect=cat, receiver=me, currency="USD", at=AT)
    move_referral(
        session, referral=referral, status=ReferralStatus.WON, at=AT, value=Decimal("5000")
    )
    session.expire_all()
    [entry] = [e for e in ledger_entries(session) if e.referral_id == referral.id]
    assert (entry.value, entry.currency) == (Decimal("5000.00"), "USD")


def a_referral(session: Session, *, at: datetime = AT) -> Referral:
    me, ann, cat = get_owner(session), add(session, "Ann Lee"), add(session, "Cat Wu")
    return add_referral(session, referrer=ann, prospect=cat, receiver=me, currency="USD", at=at)


def history(referral: Referral) -> list[tuple[ReferralStatus, datetime]]:
    return [(s.status, s.at) for s in referral.steps]


@pytest.mark.parametrize(
    ("moves", "refused", "message"),
    [
        ([ReferralStatus.PROPOSAL], ReferralStatus.CONTACTED, "is proposal, so it can move to won"),
        ([ReferralStatus.WON], ReferralStatus.CONTACTED, "is won, which closed it"),
        ([ReferralStatus.LOST], ReferralStatus.WON, "is lost, which closed it"),
    ],
)
def test_a_refused_move_changes_nothing(
    session: Session,
    moves: list[ReferralStatus],
    refused: ReferralStatus,
    message: str,
) -> None:
    referral = a_referral(session)
    for n, status in enumerate(moves, start=1):
        move_referral(session, referral=referral, status=status, at=AT + timedelta(days=n))
    before = (referral.status, history(referral))

    with pytest.raises(Conflict, match=message):
        move_referral(session, referral=referral, status=refused, at=AT + timedelta(days=9))

    assert (referral.status, history(referral)) == before


def test_reopening_a_won_referral_keeps_its_whole_history(session: Session) -> None:
    referral = a_referral(session)
    won, reopened = AT + timedelta(days=5), AT + timedelta(days=9)
    move_referral(session, referral=referral, status=ReferralStatus.WON, at=won)

    move_referral(
        session, referral=referral, status=ReferralStatus.PROPOSAL, at=reopened, reopen=True
    )

    assert referral.status == ReferralStatus.PROPOSAL
    assert history(referral) == [
        (ReferralStatus.RECEIVED, AT),
        (ReferralStatus.WON, won),
        (ReferralStatus.PROPOSAL, reopened),
    ]


def test_a_won_referrals_value_can_be_restated_without_reopening_it(session: Session) -> None:
    referral = a_referral(session)
    move_referral(session, referral=referral, status=ReferralStatus.WON, at=AT)

    move_referral(
        session, referral=referral, status=ReferralStatus.WON, at=AT, value=Decimal("800")
    )

    assert (referral.status, referral.value) == (ReferralStatus.WON, Decimal("800"))


def test_a_move_dated_a_day_before_the_last_step_is_refused(session: Session) -> None:
    referral = a_referral(session)
    move_referral(session, referral=referral, status=ReferralStatus.MET, at=AT + timedelta(days=3))

    with pytest.raises(
        Conflict, match=r"moved to met on 2026-03-05; .* cannot be dated 2026-03-04"
    ):
        move_referral(
            session, referral=referral, status=ReferralStatus.WON, at=AT + timedelta(days=2)
        )
    assert referral.status == ReferralStatus.MET


def test_a_move_dated_earlier_the_same_day_follows_the_last_step(session: Session) -> None:
    referral = a_referral(session, at=AT.replace(hour=15))

    move_referral(session, referral=referral, status=ReferralStatus.WON, at=AT.replace(hour=12))

    assert history(referral) == [
        (ReferralStatus.RECEIVED, AT.replace(hour=15)),
        (ReferralStatus.WON, AT.replace(hour=15)),
    ]


def test_referrals_are_listed_by_who_gave_them_status_referrer_and_day(session: Session) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")
    cat, dev, eve = add(session, "Cat Wu"), add(session, "Dev Ode"), add(session, "Eve Park")

    def refer(referrer: Person, prospect: Person, receiver: Person, day: int) -> int:
        at = AT.replace(day=day)
        return add_referral(
            session, referrer=referrer, prospect=prospect, receiver=receiver, currency="USD", at=at
        ).id

    from_ann, from_bob = refer(ann, cat, me, 2), refer(bob, dev, me, 5)
    between_others, given = refer(ann, eve, bob, 6), refer(me, cat, bob, 7)
    move_referral(
        session,
        referral=get_referral(session, from_bob),
        status=ReferralStatus.WON,
        at=AT.replace(day=8),
    )

    def ids(**filters: object) -> list[int]:
        return [r.id for r in list_referrals(session, **filters)]  # type: ignore[arg-type]

    assert ids() == [given, between_others, from_bob, from_ann]
    assert ids(owner=me) == [between_others, from_bob, from_ann]
    assert ids(owner=me, given=True) == [given]
    assert ids(owner=me, status=ReferralStatus.WON) == [from_bob]
    assert ids(owner=me, referrer=ann) == [between_others, from_ann]
    assert ids(owner=me, referrer=me) == [given]
    assert ids(owner=me, since=date(2026, 3, 5)) == [between_others, from_bob]
    assert ids(owner=me, since=date(2026, 3, 5), limit=1) == [between_others]


@pytest.mark.parametrize(
    ("referrer", "prospect", "receiver", "via"),
    [
        ("ann", "ann", "me", []),
        ("ann", "cat", "ann", []),
        ("me", "cat", "me", []),
        ("ann", "cat", "me", ["cat"]),
        ("ann", "cat", "me", ["ann"]),
        ("ann", "cat", "me", ["dan", "dan"]),
        ("ann", "cat", "me", ["me"]),
    ],
)
def test_a_person_in_two_roles_of_one_referral_is_invalid(
    session: Session, referrer: str, prospect: str, receiver: str, via: list[str]
) -> None:
    people = {
        "me": get_owner(session),
        "ann": add(session, "Ann Lee"),
        "cat": add(session, "Cat Wu"),
        "dan": add(session, "Dan Ode"),
    }
    with pytest.raises(InvalidInput, match="must be different people"):
        add_referral(
            session,
            referrer=people[referrer],
            prospect=people[prospect],
            receiver=people[receiver],
            via=[people[p] for p in via],
            currency="USD",
            at=AT,
        )
    assert list_referrals(session) == []
    assert ledger_entries(session) == []


def test_a_referral_of_another_workspace_is_not_found(workspace: Workspace) -> None:
    other = open_workspace(bind=workspace.bind, name=f"{workspace.name}-other")
    with other.transaction() as session:
        theirs = add_referral(
            session,
            referrer=add(session, "Ann Lee"),
            prospect=add(session, "Cat Wu"),
            receiver=get_owner(session),
            currency="USD",
            at=AT,
        ).id
    with workspace.transaction() as session:
        assert list_referrals(session) == []
        with pytest.raises(NotFound, match=f"No referral #{theirs}"):
            get_referral(session, theirs)


# --- the ledger -----------------------------------------------------------------------------


def test_giving_to_yourself_is_invalid(session: Session) -> None:
    me = get_owner(session)
    with pytest.raises(InvalidInput, match="cannot give to themselves"):
        record_give(session, giver=me, receiver=me, kind=LedgerKind.HELP, on=AT.date())


def test_the_ledger_of_one_person_lists_only_what_passed_with_them(session: Session) -> None:
    me, ann, bob = get_owner(session), add(session, "Ann Lee"), add(session, "Bob Stone")
    on = date(2026, 3, 1)
    record_give(session, giver=me, receiver=ann, kind=LedgerKind.INTRODUCTION, on=on)
    record_give(session, giver=ann, receiver=me, kind=LedgerKind.HELP, on=on)
    record_give(session, giver=me, receiver=bob, kind=LedgerKind.GIFT, on=on)
    view = ledger(session, me=me, person=ann)
    assert [(e.giver_id, e.receiver_id) for e in view.entries] == [(me.id, ann.id), (ann.id, me.id)]
    assert set(view.balances) == {ann.id}
    assert view.balances[ann.id].net == 0


ME, ANN, BOB, CAT = 1, 2, 3, 4


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([], {}),
        (
            [Entry(ME, ANN, "referral"), Entry(ME, ANN, "help"), Entry(ANN, ME, "help")],
            {ANN: Balance(ANN, 2, 1, {"referral": 1, "help": 1}, {"help": 1})},
        ),
        (
            [Entry(BOB, ME, "referral"), Entry(BOB, ME, "referral")],
            {BOB: Balance(BOB, 0, 2, {}, {"referral": 2})},
        ),
        # Between other people, or the owner to the owner: not the owner's balance with anyone.
        ([Entry(ANN, BOB, "introduction"), Entry(ME, ME, "gift")], {}),
        (
            [Entry(ME, CAT, "gift"), Entry(ANN, CAT, "gift")],
            {CAT: Balance(CAT, 1, 0, {"gift": 1}, {})},
        ),
    ],
)
def test_balances_count_what_the_owner_gave_and_got_per_person(
    entries: list[Entry], expected: dict[int, Balance]
) -> None:
    assert balances(entries, me=ME) == expected


@pytest.mark.parametrize(("gave", "got", "net"), [(3, 1, 2), (0, 2, -2), (1, 1, 0)])
def test_net_is_what_was_given_minus_what_was_received(gave: int, got: int, net: int) -> None:
    entries = [Entry(ME, ANN, "help")] * gave + [Entry(ANN, ME, "help")] * got
    assert balances(entries, me=ME)[ANN].net == net


entries = st.lists(
    st.builds(
        Entry,
        giver_id=st.integers(1, 5),
        receiver_id=st.integers(1, 5),
        kind=st.sampled_from([k.value for k in LedgerKind]),
    ),
    max_size=30,
)


@given(entries=entries)
def test_balances_account_for_every_entry_that_involves_the_owner_once(
    entries: list[Entry],
) -> None:
    found = balances(entries, me=ME)
    mine = [e for e in entries if (e.giver_id == ME) != (e.receiver_id == ME)]
    assert ME not in found
    assert sum(b.given + b.received for b in found.values()) == len(mine)
    assert sum(b.net for b in found.values()) == sum(1 if e.giver_id == ME else -1 for e in mine)
    for pid, balance in found.items():
        assert balance.person_id == pid
        assert balance.given == sum(balance.given_by_kind.values())
        assert balance.received == sum(balance.received_by_kind.values())
        assert Counter(balance.given_by_kind) == Counter(
            e.kind for e in mine if e.receiver_id == pid
        )
