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
