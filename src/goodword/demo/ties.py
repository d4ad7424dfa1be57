"""Who knows whom in the demo network: clusters, weak ties and a few super-connectors.

Each new person is attached to someone met earlier (a direct contact while there are few
people per contact, else anyone earlier: a random recursive tree keeps every person within
a few hops of the owner), to colleagues at the same organisation, sometimes to a stranger
in the same city, and now and then to a hub — which is what gives hubs their degree.
"""

from __future__ import annotations

import random
from array import array
from datetime import datetime, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING

from goodword.demo.plan import Plan
from goodword.demo.vocabulary import TIE_NOTES
from goodword.relationships.kinds import TieKind, TieSource

if TYPE_CHECKING:
    from goodword.demo.generate import Ids, Row

ANCHOR_KINDS: tuple[tuple[TieKind, float], ...] = (
    (TieKind.KNOWS, 40),
    (TieKind.FRIEND, 18),
    (TieKind.CLIENT, 9),
    (TieKind.INTRODUCED, 8),
    (TieKind.SUPPLIER, 7),
    (TieKind.MENTOR, 6),
    (TieKind.FAMILY, 5),
    (TieKind.PARTNER, 4),
    (TieKind.COLLEAGUE, 3),  # former colleagues
)
ASYMMETRIC = frozenset({TieKind.INTRODUCED, TieKind.SUPPLIER, TieKind.MENTOR, TieKind.CLIENT})
ANCHORS_PER_DIRECT = 12  # below this many people per direct contact, each is anchored to one
CONNECTOR_SHARE = 0.15  # of anchors to direct contacts, the share that lands on a connector
HUB_TIES = 120  # roughly how many strangers link to each hub


class TieMaker:
    def __init__(self, plan: Plan, rng: random.Random, ids: Ids, *, now: datetime) -> None:
        self.plan, self.rng, self.ids = plan, rng, ids
        self.created, self.today = now, now.date()
        people, directs = plan.people, plan.directs
        self.p_direct = min(1.0, directs * ANCHORS_PER_DIRECT / max(1, people - directs))
        self.p_hub = min(0.08, len(plan.hubs) * HUB_TIES / max(1, people))
        self.hub_set = set(plan.hubs)
        self.hubs_by_city: dict[int, list[int]] = {}
        self.kind_names = [k for k, _ in ANCHOR_KINDS]
        self.kind_weights = list(accumulate(w for _, w in ANCHOR_KINDS))
        # Ties among direct contacts, so a meeting can bring colleagues along.
        self.direct_neighbours: dict[int, list[int]] = {}

    def for_person(
        self, i: int, city: int, colleagues: array[int] | None, neighbours: array[int]
    ) -> list[Row]:
        """Ties from person `i` to people generated before them, each pair at most once."""
        rng, seen = self.rng, {i}
        rows: list[Row] = []
        for planned in self.plan.ties.pop(i, ()):
            self._add(
                rows, seen, planned.other, i, planned.kind, TieSource.STATED, planned.strength
            )
        if i >= self.plan.directs:
            self._anchor(rows, seen, i)
        if colleagues:
            source = TieSource.IMPORTED if rng.random() < 0.6 else TieSource.STATED
            self._add(
                rows,
                seen,
                colleagues[-1],
                i,
                TieKind.COLLEAGUE,
                source,
                self._strength(0.2, 0.3, 0.8),
            )
            if len(colleagues) >= 2 and rng.random() < 0.4:
                other = colleagues[rng.randrange(len(colleagues))]
                self._add(rows, seen, other, i, TieKind.COLLEAGUE, source, None)
        if neighbours and rng.random() < 0.45:
            for _ in range(2 if rng.random() < 0.3 else 1):
                source = TieSource.IMPORTED if rng.random() < 0.7 else TieSource.INFERRED
                other = neighbours[rng.randrange(len(neighbours))]
                self._add(
                    rows, seen, other, i, TieKind.KNOWS, source, self._strength(0.1, 0.1, 0.3)
                )
        if self.plan.hubs and rng.random() < self.p_hub:
            self._hub(rows, seen, i, city)
        if i in self.hub_set:
            self.hubs_by_city.setdefault(city, []).append(i)
        return rows

    def _anchor(self, rows: list[Row], seen: set[int], i: int) -> None:
        rng, plan = self.rng, self.plan
        if rng.random() < self.p_direct:
            if plan.connectors and rng.random() < CONNECTOR_SHARE:
                other = plan.connectors[rng.randrange(len(plan.connectors))]
            else:
                other = rng.randrange(plan.directs)
        else:
            other = rng.randrange(plan.directs, i) if i > plan.directs else rng.randrange(i)
        kind = rng.choices(self.kind_names, cum_weights=self.kind_weights)[0]
        source = TieSource.STATED if rng.random() < 0.55 else TieSource.IMPORTED
        self._add(rows, seen, other, i, kind, source, self._strength(0.3, 0.2, 0.9))

    def _hub(self, rows: list[Row], seen: set[int], i: int, city: int) -> None:
        rng = self.rng
        local = self.hubs_by_city.get(city)
        pool = local if local and rng.random() < 0.7 else [h for h in self.plan.hubs[:64] if h < i]
        if pool:
            other = pool[rng.randrange(len(pool))]
            source = TieSource.STATED if rng.random() < 0.5 else TieSource.IMPORTED
            self._add(rows, seen, other, i, TieKind.KNOWS, source, None)

    def _strength(self, chance: float, low: float, high: float) -> float | None:
        """Most ties carry no stated strength; goodword computes one from interactions."""
        if self.rng.random() >= chance:
            return None
        return round(self.rng.uniform(low, high), 2)

    def _add(
        self,
        rows: list[Row],
        seen: set[int],
        j: int,
        i: int,
        kind: TieKind,
        source: TieSource,
        strength: float | None,
    ) -> None:
        if j in seen or j >= i:
            return
        seen.add(j)
        rng = self.rng
        note = TIE_NOTES[rng.randrange(len(TIE_NOTES))] if rng.random() < 0.03 else None
        since = self.today - timedelta(days=rng.randint(60, 5000)) if rng.random() < 0.3 else None
        rows.append(
            {
                "workspace_id": self.ids.workspace,
                "person_a_id": self.ids.person + j,
                "person_b_id": self.ids.person + i,
                "kind": kind,
                "reversed": kind in ASYMMETRIC and rng.random() < 0.5,
                "strength": strength,
                "source": source,
                "note": note,
                "since": since,
                "created_at": self.created,
            }
        )
        if i < self.plan.directs:
            self.direct_neighbours.setdefault(i, []).append(j)
            self.direct_neighbours.setdefault(j, []).append(i)
