"""The daily agenda's rules: who to contact today, why, and how urgently. Pure.

It takes plain facts per person (gathered in bulk elsewhere) and `today`, never the clock,
so every rule is tested on fixed dates. Each rule gives a reason; a person gets one entry,
the most urgent reason first and the others under `also`.

Rules that hold throughout: a follow-up planned for a later date (or snoozed) holds the
person's other reasons back until then, so planning or snoozing one answers them; a person
whose tier is set to `none` appears only for follow-ups planned explicitly; and "contact
since" means a contact the owner made (an interaction other than being at the same event,
a follow-up done, a give), on or after the day that called for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from goodword.nurture.ladder import LadderFacts, Rung, next_rung, next_step, rung_of
from goodword.nurture.tiers import effective, score_floor
from goodword.people.tier import Tier
from goodword.settings.keys import Settings

# Contact volume (channel-weighted: a coffee is 1, an e-mail 0.3) that made a tie strong once.
STRONG_VOLUME = 3.0
# How long an unanswered referral still calls for a thank-you before it is history.
THANK_LATE_DAYS = 14


class Kind(StrEnum):
    FOLLOWUP = "followup"
    THANK = "thank"
    EVENT = "event"
    GIVE_BACK = "give_back"
    BRIEF = "brief"
    RECONNECT = "reconnect"
    LADDER = "ladder"
    STAY_IN_TOUCH = "stay_in_touch"


@dataclass(frozen=True)
class Planned:
    """A follow-up the owner scheduled and has not done."""

    id: int
    due_on: date
    snoozed_until: date | None = None
    reason: str | None = None
    rule: str | None = None

    @property
    def next_on(self) -> date:
        return self.snoozed_until or self.due_on


@dataclass(frozen=True)
class MetAt:
    event: str
    on: date


@dataclass(frozen=True)
class Received:
    """A referral this person gave the owner; `won_on` when it became business."""

    referral_id: int
    prospect: str
    received_on: date
    won_on: date | None = None


_NEVER_MET = LadderFacts(0, 0, 0, False, 0, 0)


@dataclass(frozen=True)
class PersonFacts:
    person_id: int
    tier_set: Tier | None = None
    suggested: Tier = Tier.NONE
    score: float = 0.0
    is_contact: bool = True
    last_seen: date | None = None  # any contact at all, being at the same event included
    last_reached: date | None = None  # a contact the owner made
    met_at: tuple[MetAt, ...] = ()
    received: tuple[Received, ...] = ()
    gave: int = 0  # ledger entries they gave the owner
    got: int = 0  # … the owner gave them
    gave_kinds: tuple[str, ...] = ()
    last_gift: date | None = None
    volume: float = 0.0
    ladder: LadderFacts = _NEVER_MET
    planned: tuple[Planned, ...] = ()

    @property
    def tier(self) -> Tier:
        return effective(self.tier_set, self.suggested)

    @property
    def rung(self) -> Rung | None:
        return rung_of(self.ladder)


@dataclass(frozen=True)
class Rules:
    cadence: dict[Tier, int]
    event_days: int
    thank_days: int
    step_days: int
    dormant_days: int
    give_back_margin: int
    limit: int

    @property
    def recent_days(self) -> int:
        """How far back an event or a referral can still call for action."""
        return max(self.step_days, self.event_days + 1, THANK_LATE_DAYS + 1)

    @classmethod
    def of(cls, settings: Settings) -> Rules:
        return cls(
            cadence={
                Tier.INNER: settings["cadence.inner"],
                Tier.ACTIVE: settings["cadence.active"],
                Tier.POTENTIAL: settings["cadence.potential"],
            },
            event_days=-(-settings["agenda.event_hours"] // 24),
            thank_days=-(-settings["agenda.thank_hours"] // 24),
            step_days=settings["agenda.step_days"],
            dormant_days=settings["agenda.dormant_days"],
            give_back_margin=settings["agenda.give_back_margin"],
            limit=settings["agenda.limit"],
        )


@dataclass(frozen=True)
class Reason:
    kind: Kind
    action: str
    reason: str
    priority: float
    due_on: date
    followup_id: int | None = None


@dataclass(frozen=True)
class Entry:
    person_id: int
    main: Reason
    also: tuple[Reason, ...]


def build(facts: list[PersonFacts], today: date, rules: Rules) -> list[Entry]:
    """Everyone with something to do today, most urgent first."""
    entries = []
    for person in facts:
        found = reasons(person, today, rules)
        if found:
            entries.append(Entry(person.person_id, found[0], tuple(found[1:])))
    entries.sort(key=lambda e: (-e.main.priority, e.main.due_on, e.person_id))
    return entries


def reasons(person: PersonFacts, today: date, rules: Rules) -> list[Reason]:
    """Every reason to contact `person` today, most urgent first."""
    found = [_planned(p, today) for p in person.planned if p.next_on <= today]
    held = any(p.next_on > today for p in person.planned)
    if not held and person.tier_set != Tier.NONE:
        found += _thanks(person, today, rules) + _events(person, today, rules)
        found += _give_back(person, rules) + _developing(person, today, rules)
    return sorted(found, key=lambda r: (-r.priority, r.due_on, r.kind))


def _days(later: date, earlier: date | None) -> int | None:
    return None if earlier is None else (later - earlier).days


def _answered(person: PersonFacts, since: date) -> bool:
    return person.last_reached is not None and person.last_reached >= since


def _planned(planned: Planned, today: date) -> Reason:
    late = (today - planned.next_on).days
    why = f"Follow-up #{planned.id} you planned for {planned.due_on}"
    if planned.snoozed_until:
        why += f", snoozed until {planned.snoozed_until}"
    if planned.rule:
        why += f", repeating {planned.rule}"
    return Reason(
        Kind.FOLLOWUP,
        planned.reason or "Follow up as you planned",
        why + (f" ({late} days late)" if late > 0 else ""),
        80.0 + min(late, 10),
        planned.next_on,
        planned.id,
    )


def _thanks(person: PersonFacts, today: date, rules: Rules) -> list[Reason]:
    """Thank within a day of a referral and again when it is won, until thanked."""
    found = []
    for r in person.received:
        moments = [(r.received_on, False)] + ([(r.won_on, True)] if r.won_on else [])
        for on, won in moments:
            late = (today - on).days
            if not 0 <= late <= THANK_LATE_DAYS or _answered(person, on):
                continue
            action = (
                f"Thank them: {r.prospect} became a client"
                if won
                else f"Thank them for referring {r.prospect}"
            )
            what = "won" if won else "received"
            why = f"Referral #{r.referral_id} {what} on {on}; thank within {rules.thank_days} day"
            found.append(
                Reason(Kind.THANK, action, why + ("s" if rules.thank_days != 1 else ""),
                       (88.0 if won else 92.0) + min(late, 5), on + timedelta(rules.thank_days))
            )  # fmt: skip
    return found


def _events(person: PersonFacts, today: date, rules: Rules) -> list[Reason]:
    """Follow up within hours of an event; late ones wait a while before the ladder's step."""
    found = []
    for met in person.met_at:
        late = (today - met.on).days
        if not 0 <= late < max(rules.step_days, rules.event_days + 1) or _answered(person, met.on):
            continue
        due = met.on + timedelta(rules.event_days)
        why = f"Met at {met.event} on {met.on}; follow up within {rules.event_days * 24} hours"
        if today > due:
            why = f"Met at {met.event} on {met.on}, {late} days ago, with no contact since"
        score = min(1.0, person.score / 0.3)
        found.append(Reason(Kind.EVENT, f"Follow up after {met.event}", why, 78.0 + 7 * score, due))
    return found


def _give_back(person: PersonFacts, rules: Rules) -> list[Reason]:
    owed = person.gave - person.got
    if owed < rules.give_back_margin or person.last_gift is None:
        return []
    what = ", ".join(person.gave_kinds)
    return [
        Reason(
            Kind.GIVE_BACK,
            "Give back: a referral, an introduction or some help",
            f"Gave you {_times(person.gave)} ({what}); you gave them {_times(person.got)}",
            60.0 + 15 * min(1.0, owed / 5),
            person.last_gift,
        )
    ]


def _times(n: int) -> str:
    return f"{n} time" + ("" if n == 1 else "s")


def _developing(person: PersonFacts, today: date, rules: Rules) -> list[Reason]:
    """Briefing, reconnecting, the ladder's next step and the tier's cadence: for contacts."""
    if not person.is_contact:
        return []
    tier = person.tier
    weight = min(1.0, max(person.score, score_floor(tier)) / 0.5)
    quiet = _days(today, person.last_seen)
    briefing = tier in (Tier.INNER, Tier.ACTIVE) and not person.ladder.briefed
    found = []
    if briefing:
        found.append(
            Reason(Kind.BRIEF, "Brief them on your offering (goodword brief --for REF)",
                   f"An {tier.value}-tier advocate (score {person.score:.2f}) not yet briefed on "
                   "what you offer", 55.0 + 20 * weight, today)
        )  # fmt: skip
    if person.volume >= STRONG_VOLUME and quiet is not None and quiet >= rules.dormant_days:
        found.append(
            Reason(Kind.RECONNECT, "Reconnect: you were close once",
                   f"{person.volume:.0f} contacts' worth together, silent since "
                   f"{person.last_seen} ({quiet // 30} months)",
                   45.0 + 20 * min(1.0, person.volume / 10),
                   today - timedelta(quiet - rules.dormant_days))
        )  # fmt: skip
    if tier != Tier.NONE:
        found += _ladder(person, today, rules, weight, skip_brief=briefing)
        found += _stay_in_touch(person, tier, quiet, today, rules, weight)
    return found


def _stay_in_touch(
    person: PersonFacts, tier: Tier, quiet: int | None, today: date, rules: Rules, weight: float
) -> list[Reason]:
    """Due once the tier's cadence has passed since the last contact (at once if none)."""
    cadence = rules.cadence[tier]
    since = quiet if quiet is not None else cadence
    if since < cadence:
        return []
    last = "No contact recorded yet"
    if quiet is not None:
        last = f"Last contact {person.last_seen}, {quiet} days ago"
    return [
        Reason(Kind.STAY_IN_TOUCH, f"Stay in touch ({tier.value} tier, every {cadence} days)",
               f"{last}; your {tier.value} tier is every {cadence} days",
               20.0 + 40 * min(1.0, weight * min(since / cadence, 2.0) / 2),
               today - timedelta(since - cadence))
    ]  # fmt: skip


def _ladder(
    person: PersonFacts, today: date, rules: Rules, weight: float, *, skip_brief: bool
) -> list[Reason]:
    rung = person.rung
    step, up = next_step(rung), next_rung(rung)
    quiet = _days(today, person.last_seen)
    if rung is None or step is None or up is None or quiet is None or quiet < rules.step_days:
        return []
    if skip_brief and up == Rung.BRIEFED:
        return []  # the briefing reason already asks for it
    return [
        Reason(Kind.LADDER, step,
               f"On the ladder at '{rung.value}', quiet for {quiet} days; next: '{up.value}'",
               35.0 + 20 * weight, today - timedelta(quiet - rules.step_days))
    ]  # fmt: skip
