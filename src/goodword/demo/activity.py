"""The owner's last two years with their direct contacts: events, touches, notes, follow-ups.

Contact frequency is heavy-tailed as in real networks: advocates and an inner circle hear
from the owner monthly, most contacts once or twice, and a good share never since meeting.
Everything here scales with the number of direct contacts, not with the whole network.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate

from goodword.demo.generate import Batch, Row, Sketch
from goodword.demo.plan import Plan
from goodword.demo.referrals import ActivityIds, Touch
from goodword.demo.stories import (
    EVENT_KINDS,
    FOLLOWUP_REASONS,
    GIVEN_BY_OWNER,
    GIVEN_TO_OWNER,
    INTERACTION_NOTES,
    PERSON_NOTES,
    RECURRING_RULES,
    fill,
)
from goodword.interactions.models import InteractionKind
from goodword.referrals.models import LedgerKind
from goodword.relationships.kinds import TieKind, TieSource

YEARS = 2
TOUCH_KINDS: tuple[tuple[InteractionKind, float], ...] = (
    (InteractionKind.EMAIL, 26),
    (InteractionKind.COFFEE, 18),
    (InteractionKind.CALL, 16),
    (InteractionKind.MEETING, 14),
    (InteractionKind.VIDEO, 14),
    (InteractionKind.MESSAGE, 12),
)
GROUP_KINDS = frozenset({InteractionKind.MEETING, InteractionKind.COFFEE, InteractionKind.VIDEO})
# The owner's tie to a contact: (kind, weight, contact plays the kind's first role).
OWNER_TIES: tuple[tuple[TieKind, float, bool], ...] = (
    (TieKind.KNOWS, 55, False),
    (TieKind.CLIENT, 15, True),
    (TieKind.FRIEND, 8, False),
    (TieKind.PARTNER, 8, False),
    (TieKind.SUPPLIER, 5, True),
    (TieKind.MENTOR, 5, True),
    (TieKind.COLLEAGUE, 4, False),
)
# (touches over two years, stated strength range) by how close the owner is to a contact.
TIERS = {
    "advocate": ((18, 30), (0.75, 0.95)),
    "inner": ((10, 24), (0.6, 0.85)),
    "regular": ((4, 8), (0.4, 0.65)),
    "light": ((1, 3), (0.2, 0.45)),
    "dormant": ((0, 0), (0.05, 0.25)),
}
# Everyone else: 5 % inner circle, 20 % regular, 45 % light, the rest dormant since meeting.
TIER_ODDS = ((0.05, "inner"), (0.25, "regular"), (0.7, "light"), (1.0, "dormant"))


class Diary:
    def __init__(
        self,
        plan: Plan,
        sketches: Mapping[int, Sketch],
        neighbours: Mapping[int, list[int]],
        ids: ActivityIds,
        rng: random.Random,
        now: datetime,
    ) -> None:
        self.plan, self.sketches, self.neighbours = plan, sketches, neighbours
        self.ids, self.rng, self.now, self.today = ids, rng, now, now.date()
        self.start = now - timedelta(days=365 * YEARS)
        names = ("event", "attendance", "interaction", "participant", "relationship", "note")
        self.rows: Batch = {name: [] for name in names}
        self.rows["followup"], self.rows["ledger_entry"] = [], []
        self.events: list[tuple[date, str]] = []
        self.met_at: dict[int, str] = {}
        self.touch_weights = list(accumulate(w for _, w in TOUCH_KINDS))

    def write_events(self) -> None:
        """About one event every two or three weeks, spread evenly over two years."""
        rng, count = self.rng, min(60, max(6, self.plan.directs // 10))
        weights = list(accumulate(k.weight for k in EVENT_KINDS))
        span = (self.now - self.start).days
        for k in range(count):
            kind = rng.choices(EVENT_KINDS, cum_weights=weights)[0]
            day = self.start.date() + timedelta(days=int((k + rng.random()) * span / count))
            day = min(day, self.today - timedelta(days=1))
            name = f"{kind.name} {day.year}" if kind.annual else f"{kind.name} ({day:%B %Y})"
            self.events.append((day, name))
            self.rows["event"].append(
                {
                    "id": self.ids.event + k,
                    "workspace_id": self.ids.workspace,
                    "name": name,
                    "starts_on": day,
                    "place": kind.place,
                    "cost_amount": kind.cost,
                    "cost_currency": "USD",
                    "created_at": self._at(day),
                }
            )

    def write_contacts(self) -> None:
        advocates, connectors = set(self.plan.advocates), set(self.plan.connectors)
        for index in range(self.plan.directs):
            if index in advocates:
                tier = "advocate"
            elif index in connectors:
                tier = "inner"
            else:
                roll = self.rng.random()
                tier = next(name for edge, name in TIER_ODDS if roll < edge)
            self._contact(index, tier)

    def _contact(self, index: int, tier: str) -> None:
        rng, (touches, strengths) = self.rng, TIERS[tier]
        first = self.start + timedelta(days=rng.randint(0, 600))
        if self.events and rng.random() < 0.4:
            event = rng.randrange(len(self.events))
            first = self._at(self.events[event][0])
            self._attend(event, index)
            self._touch([index], InteractionKind.EVENT, first, by_owner=None)
            if rng.random() < 0.15:
                other = rng.randrange(len(self.events))
                if other != event:
                    self._attend(other, index)
        window = max(1, int((self.now - first).total_seconds()) - 3600)
        moments = sorted(rng.randrange(window) for _ in range(rng.randint(*touches)))
        for offset in moments:
            kind = rng.choices(TOUCH_KINDS, cum_weights=self.touch_weights)[0][0]
            people = [index, *self._companions(index, kind)]
            roll = rng.random()
            by_owner = True if roll < 0.65 else None if roll > 0.95 else False
            self._touch(people, kind, first + timedelta(seconds=offset), by_owner)
        strength = round(rng.uniform(*strengths), 2) if rng.random() < 0.45 else None
        self._owner_tie(index, first.date(), strength)

    def _companions(self, index: int, kind: InteractionKind) -> list[int]:
        """Now and then a meeting brings along people the contact knows: they all met."""
        known = self.neighbours.get(index)
        if not known or kind not in GROUP_KINDS or self.rng.random() >= 0.12:
            return []
        return self.rng.sample(known, min(len(known), self.rng.randint(1, 2)))

    def _attend(self, event: int, index: int) -> None:
        self.met_at.setdefault(index, self.events[event][1])
        self.rows["attendance"].append(
            {
                "event_id": self.ids.event + event,
                "person_id": self.ids.person + index,
                "workspace_id": self.ids.workspace,
            }
        )

    def _touch(
        self, people: list[int], kind: InteractionKind, at: datetime, by_owner: bool | None
    ) -> None:
        """The owner and `people` took part; `by_owner` False means the first of them began it."""
        ids, rows = self.ids, self.rows
        iid = ids.interaction + len(rows["interaction"])
        initiated = None if by_owner is None else ids.owner if by_owner else ids.person + people[0]
        note = None
        if self.rng.random() < 0.35:
            sketch = self.sketches.get(people[0])
            templates = INTERACTION_NOTES[kind]
            note = fill(
                templates[self.rng.randrange(len(templates))],
                first=sketch.first if sketch else None,
                org=sketch.org if sketch else None,
                city=sketch.city if sketch else None,
                event=self.met_at.get(people[0]),
            )
        rows["interaction"].append(
            {
                "id": iid,
                "workspace_id": ids.workspace,
                "kind": kind,
                "at": at,
                "note": note,
                "initiated_by_id": initiated,
                "external_id": None,
                "created_at": at,
            }
        )
        for pid in (ids.owner, *(ids.person + p for p in people)):
            rows["participant"].append(
                {"interaction_id": iid, "person_id": pid, "workspace_id": ids.workspace}
            )

    def _owner_tie(self, index: int, since: date, strength: float | None) -> None:
        rng = self.rng
        weights = list(accumulate(w for _, w, _ in OWNER_TIES))
        kind, _, contact_first = rng.choices(OWNER_TIES, cum_weights=weights)[0]
        if index in self.plan.bni:
            kind, contact_first = TieKind.PARTNER, False
        stated = rng.random() < 0.7
        self._tie(index, kind, contact_first, strength if stated else None, stated, since)

    def _tie(
        self,
        index: int,
        kind: TieKind,
        contact_first: bool,
        strength: float | None,
        stated: bool,
        since: date,
    ) -> None:
        # The owner's id is lower than every generated person's, so the owner is person A.
        self.rows["relationship"].append(
            {
                "workspace_id": self.ids.workspace,
                "person_a_id": self.ids.owner,
                "person_b_id": self.ids.person + index,
                "kind": kind,
                "reversed": contact_first,
                "strength": strength,
                "source": TieSource.STATED if stated else TieSource.IMPORTED,
                "note": None,
                "since": since,
                "created_at": self.now,
            }
        )

    def write_prospects(
        self, touches: list[Touch], met: Mapping[int, tuple[datetime, bool]]
    ) -> None:
        """Referred prospects the owner met become contacts too; won ones are clients."""
        for touch in touches:
            people = [touch.prospect] + ([touch.referrer] if touch.referrer is not None else [])
            self._touch(people, touch.kind, touch.at, by_owner=True)
        for index, (at, won) in sorted(met.items()):
            if index >= self.plan.directs:
                kind = TieKind.CLIENT if won else TieKind.KNOWS
                self._tie(index, kind, won, round(self.rng.uniform(0.5, 0.8), 2), True, at.date())

    def write_notes(self) -> None:
        rng, advocates = self.rng, set(self.plan.advocates)
        for index in range(self.plan.directs):
            count = 2 if index in advocates else 1 if rng.random() < 0.3 else 0
            sketch = self.sketches[index]
            for _ in range(count):
                body = fill(
                    PERSON_NOTES[rng.randrange(len(PERSON_NOTES))],
                    first=sketch.first,
                    org=sketch.org,
                    city=sketch.city,
                )
                self.rows["note"].append(
                    {
                        "workspace_id": self.ids.workspace,
                        "person_id": self.ids.person + index,
                        "body": body,
                        "created_at": self._at(self.today - timedelta(days=rng.randint(1, 700))),
                    }
                )

    def write_followups(self) -> None:
        """Open ones due around today, a few done, recurring cadences, a few snoozed."""
        rng = self.rng
        chosen = rng.sample(
            range(self.plan.directs), min(self.plan.directs, max(5, self.plan.directs // 8))
        )
        for index in [*self.plan.advocates, *chosen]:
            sketch = self.sketches[index]
            reason = fill(
                FOLLOWUP_REASONS[rng.randrange(len(FOLLOWUP_REASONS))],
                first=sketch.first,
                org=sketch.org,
                event=self.met_at.get(index),
            )
            roll = 0.75 if index in self.plan.advocates else rng.random()
            self.rows["followup"].append(self._followup(index, reason, roll))

    def _followup(self, index: int, reason: str, roll: float) -> Row:
        rng, today = self.rng, self.today
        due, rule, done, snoozed = today + timedelta(days=rng.randint(-10, 14)), None, None, None
        if 0.5 <= roll < 0.7:
            due = today - timedelta(days=rng.randint(5, 200))
            done = self._at(due) + timedelta(days=rng.randint(0, 2))
        elif 0.7 <= roll < 0.85:
            rule = RECURRING_RULES[rng.randrange(len(RECURRING_RULES))]
        elif roll >= 0.85:
            due = today - timedelta(days=rng.randint(1, 10))
            snoozed = today + timedelta(days=rng.randint(3, 21))
        return {
            "workspace_id": self.ids.workspace,
            "person_id": self.ids.person + index,
            "due_on": due,
            "reason": reason,
            "rule": rule,
            "done_at": done,
            "snoozed_until": snoozed,
            "created_at": self._at(min(due, today) - timedelta(days=14)),
        }

    def write_ledger(self) -> None:
        """Give and take in both directions, most of it with advocates and connectors."""
        rng, plan = self.rng, self.plan
        close = set(plan.advocates) | set(plan.connectors)
        for index in range(plan.directs):
            count = rng.randint(3, 8) if index in close else 1 if rng.random() < 0.08 else 0
            for _ in range(count):
                self.rows["ledger_entry"].append(self._entry(index, rng.random() < 0.5))

    def _entry(self, index: int, owner_gives: bool) -> Row:
        rng, sketch = self.rng, self.sketches[index]
        kind, template = (GIVEN_BY_OWNER if owner_gives else GIVEN_TO_OWNER)[rng.randrange(5)]
        contact = self.ids.person + index
        value = Decimal(rng.randrange(25, 150)) if kind == LedgerKind.GIFT else None
        return {
            "workspace_id": self.ids.workspace,
            "giver_id": self.ids.owner if owner_gives else contact,
            "receiver_id": contact if owner_gives else self.ids.owner,
            "kind": kind,
            "value": value,
            "currency": "USD" if value is not None else None,
            "occurred_on": self.today - timedelta(days=rng.randint(1, 700)),
            "note": fill(template, first=sketch.first, org=sketch.org),
            "referral_id": None,
        }

    def _at(self, day: date) -> datetime:
        """Office hours on the US west coast, stored as UTC (a realistic spread of hours)."""
        moment = datetime.combine(day, time(16 + self.rng.randrange(8)), tzinfo=UTC)
        return min(moment, self.now - timedelta(hours=1))
