"""The ties the demo's activity implies, as `log`, `met`, `referral add` and `give` infer them.

The diary and the referral book write touches, attendance, referrals and ledger entries
for people the network already ties in most cases, not all: a prospect the owner only
e-mailed, two companions brought to one coffee, a referrer and a prospect named together.
Those pairs get the inferred `knows` tie the commands would have created, found in bulk:
the pairs come from the rows in memory (they scale with the owner's contacts, not the
network) and the ties already stored among them are read in a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from sqlalchemy import select

from goodword.demo.generate import Batch, Row
from goodword.demo.writer import TABLES, TableWriter
from goodword.relationships.inference import met_together, pair, referral_pairs
from goodword.relationships.kinds import TieKind, TieSource

LOWS_PER_QUERY = 500
Pair = tuple[int, int]


def implied_ties(writer: TableWriter, rows: Batch, *, owner: int, now: datetime) -> list[Row]:
    """Rows for `relationship`: each pair the activity implies that has no tie, dated by its
    earliest evidence."""
    implied: dict[Pair, date] = {}
    for found, day in _evidence(rows, owner):
        for key in found:
            if key not in implied or day < implied[key]:
                implied[key] = day
    for row in rows["relationship"]:
        implied.pop(pair(_id(row, "person_a_id"), _id(row, "person_b_id")), None)
    missing = set(implied) - _stored(writer, implied)
    return [
        {
            "workspace_id": writer.workspace_id,
            "person_a_id": a,
            "person_b_id": b,
            "kind": TieKind.KNOWS,
            "reversed": False,
            "strength": None,
            "source": TieSource.INFERRED,
            "note": None,
            "since": implied[a, b],
            "created_at": now,
        }
        for a, b in sorted(missing)
    ]


def _evidence(rows: Batch, owner: int) -> Iterable[tuple[list[Pair], date]]:
    """(pairs, day) for every interaction, attendance, referral and ledger entry."""
    people: dict[int, list[int]] = defaultdict(list)
    for row in rows["participant"]:
        people[_id(row, "interaction_id")].append(_id(row, "person_id"))
    for row in rows["interaction"]:
        at = row["at"]
        assert isinstance(at, datetime)
        yield met_together(people[_id(row, "id")], host=owner), at.date()
    events = {_id(row, "id"): row["starts_on"] for row in rows["event"]}
    for row in rows["attendance"]:
        yield [pair(owner, _id(row, "person_id"))], _day(events[_id(row, "event_id")])
    chains: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for row in rows["referral_via"]:
        chains[_id(row, "referral_id")].append((_id(row, "position"), _id(row, "person_id")))
    for row in rows["referral"]:
        via = [person for _, person in sorted(chains[_id(row, "id")])]
        found = referral_pairs(
            referrer=_id(row, "referrer_id"),
            receiver=_id(row, "receiver_id"),
            prospect=_id(row, "prospect_id"),
            via=via,
        )
        yield found, _day(row["received_on"])
    for row in rows["ledger_entry"]:
        yield [pair(_id(row, "giver_id"), _id(row, "receiver_id"))], _day(row["occurred_on"])


def _stored(writer: TableWriter, pairs: Mapping[Pair, date]) -> set[Pair]:
    """The pairs among `pairs` the network already ties, read by their lower person."""
    table = TABLES["relationship"]
    lows = sorted({a for a, _ in pairs})
    found: set[Pair] = set()
    for start in range(0, len(lows), LOWS_PER_QUERY):
        query = select(table.c.person_a_id, table.c.person_b_id).where(
            table.c.workspace_id == writer.workspace_id,
            table.c.person_a_id.in_(lows[start : start + LOWS_PER_QUERY]),
        )
        found.update((a, b) for a, b in writer.connection.execute(query) if (a, b) in pairs)
    return found


def _id(row: Row, column: str) -> int:
    value = row[column]
    assert isinstance(value, int)
    return value


def _day(value: object) -> date:
    assert isinstance(value, date)
    return value
