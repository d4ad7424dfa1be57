"""The give/take balance: pure, over plain entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    giver_id: int
    receiver_id: int
    kind: str


@dataclass(frozen=True)
class Balance:
    """What `me` gave a person and got from them; positive means you have given more."""

    person_id: int
    given: int
    received: int
    given_by_kind: dict[str, int]
    received_by_kind: dict[str, int]

    @property
    def net(self) -> int:
        return self.given - self.received


def balances(entries: Iterable[Entry], *, me: int) -> dict[int, Balance]:
    """Per person, what passed between them and the owner; entries between others are ignored."""
    given: dict[int, Counter[str]] = {}
    received: dict[int, Counter[str]] = {}
    for entry in entries:
        if entry.giver_id == me and entry.receiver_id != me:
            given.setdefault(entry.receiver_id, Counter())[entry.kind] += 1
        elif entry.receiver_id == me and entry.giver_id != me:
            received.setdefault(entry.giver_id, Counter())[entry.kind] += 1
    return {
        pid: Balance(
            person_id=pid,
            given=sum(given.get(pid, Counter()).values()),
            received=sum(received.get(pid, Counter()).values()),
            given_by_kind=dict(given.get(pid, Counter())),
            received_by_kind=dict(received.get(pid, Counter())),
        )
        for pid in given.keys() | received.keys()
    }


# "Clearly more": at least this many more entries, or anything while you have given nothing.
OWE_MARGIN = 2


@dataclass(frozen=True)
class Totals:
    """Everything you gave and got across `balances`."""

    given: int
    received: int

    @property
    def ratio(self) -> float | None:
        """Given per received (2.0: you gave twice what you got); None when you got nothing."""
        return round(self.given / self.received, 2) if self.received else None


def totals(balances: Iterable[Balance]) -> Totals:
    given = received = 0
    for b in balances:
        given += b.given
        received += b.received
    return Totals(given=given, received=received)


def owes(balance: Balance) -> bool:
    """Whether they gave you clearly more than you gave them: something while you gave
    nothing, or at least `OWE_MARGIN` entries more."""
    return balance.received > 0 and (
        balance.given == 0 or balance.received - balance.given >= OWE_MARGIN
    )


def owe_most(balances: Iterable[Balance], *, top: int | None = None) -> list[Balance]:
    """The people you owe, the largest debt first (then who gave most, then by id)."""
    owed = sorted((b for b in balances if owes(b)), key=lambda b: (b.net, -b.received, b.person_id))
    return owed[:top]
