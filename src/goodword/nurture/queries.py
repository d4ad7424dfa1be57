"""The daily agenda, and a person's tier and rung, for the CLI and the web alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlalchemy.orm import Session

from goodword.advocates.engine import kept_answer, scored_for
from goodword.advocates.network import Network
from goodword.advocates.queries import person_card as advocate_card
from goodword.advocates.scoring import AdvocateScores
from goodword.errors import InvalidInput
from goodword.nurture import agenda as rules
from goodword.nurture.gather import Contacts, gather, names_by_id, tiers_set
from goodword.nurture.ladder import RUNGS, next_rung, next_step
from goodword.nurture.schemas import (
    Agenda,
    AgendaItem,
    AgendaReason,
    LadderView,
    LaterItem,
    NurtureCard,
    TierCount,
    TierOverview,
    TierSuggestion,
    TierView,
)
from goodword.nurture.tiers import CODES, FLOORS, ORDER, Sizes, suggest
from goodword.people.models import Person
from goodword.people.queries import count_people, summaries_by_id
from goodword.people.schemas import PersonSummary
from goodword.people.tier import Tier
from goodword.settings.keys import Settings
from goodword.settings.queries import load_settings


@dataclass(frozen=True)
class _Scored:
    network: Network
    scores: AdvocateScores
    contacts: Contacts
    rank: dict[int, int]  # person id → place among the contacts, best advocate first


def _scored(
    session: Session, settings: Settings, *, now: datetime, as_of: datetime | None = None
) -> _Scored:
    network, scores = scored_for(session, now=now, as_of=as_of)
    ids = network.person_ids[scores.nodes]
    sizes = Sizes(
        settings["tier.inner.size"], settings["tier.active.size"], settings["tier.potential.size"]
    )
    codes = suggest(scores.score, ids, sizes)
    order = np.lexsort((ids, -scores.score))
    id_list, score_list = ids.tolist(), scores.score.tolist()
    contacts = Contacts(
        owner_id=network.person(network.owner),
        score=dict(zip(id_list, score_list, strict=True)),
        suggested=dict(zip(id_list, (CODES[c] for c in codes.tolist()), strict=True)),
    )
    rank = dict(zip(ids[order].tolist(), range(1, len(order) + 1), strict=True))
    return _Scored(network, scores, contacts, rank)


# Cadences, windows and dormancy are counted back and forth from the day in days.
_EARLIEST, _LATEST = date(1900, 1, 1), date(9000, 12, 31)


def daily_agenda(
    session: Session, *, now: datetime, today: date, limit: int | None = None, everything: bool
) -> Agenda:
    """The actions for `today`, one entry per person, most urgent first: `limit` of them (the
    workspace's daily limit unless given) and the rest for later, or all with `everything`.
    Advocate scores (and so suggested tiers) are taken at `now`.

    Raises: InvalidInput for a day so far off that counting cadences from it leaves the
    calendar.
    """
    if not _EARLIEST <= today <= _LATEST:
        raise InvalidInput(
            f"The agenda's date must be between {_EARLIEST} and {_LATEST}, not {today}."
        )
    # The same day's agenda stays the answer until the data changes (see `kept_answer`); it
    # takes scores from the network, and the network's moment holds as long as it does.
    return kept_answer(
        session,
        now=now,
        key=("agenda", today, limit, everything),
        compute=lambda: _agenda(session, now=now, today=today, limit=limit, everything=everything),
    )


def _agenda(
    session: Session, *, now: datetime, today: date, limit: int | None, everything: bool
) -> Agenda:
    settings = load_settings(session)
    scored = _scored(session, settings, now=now)
    plan = rules.Rules.of(settings)
    facts = gather(session, contacts=scored.contacts, today=today, recent_days=plan.recent_days)
    found = rules.build(facts, today, plan)
    cut = len(found) if everything else (limit or settings["agenda.limit"])
    now_, later = found[:cut], found[cut:]
    people = summaries_by_id(session, {e.person_id for e in now_})
    names = names_by_id(session, {e.person_id for e in later})
    return Agenda(
        date=today.isoformat(),
        limit=cut,
        items=[_item(entry, people) for entry in now_],
        later=[
            LaterItem(
                person_id=e.person_id,
                name=names[e.person_id],
                kind=e.main.kind.value,
                action=e.main.action,
                priority=round(e.main.priority, 1),
                due_on=e.main.due_on.isoformat(),
            )
            for e in later
        ],
    )


def _item(entry: rules.Entry, people: dict[int, PersonSummary]) -> AgendaItem:
    main = entry.main
    return AgendaItem(
        person=people[entry.person_id],
        action=main.action,
        reason=main.reason,
        priority=round(main.priority, 1),
        due_on=main.due_on.isoformat(),
        kind=main.kind.value,
        followup_id=main.followup_id,
        also=[_reason(r) for r in entry.also],
    )


def _reason(reason: rules.Reason) -> AgendaReason:
    return AgendaReason(
        kind=reason.kind.value,
        action=reason.action,
        reason=reason.reason,
        priority=round(reason.priority, 1),
        due_on=reason.due_on.isoformat(),
        followup_id=reason.followup_id,
    )


def person_card(
    session: Session, *, person: Person, now: datetime, as_of: datetime | None = None
) -> NurtureCard:
    """`person show`: the advocate layer's card, with the tier and the rung on the ladder."""
    settings = load_settings(session)
    scored = _scored(session, settings, now=now, as_of=as_of)
    card = advocate_card(
        session, person=person, now=now, as_of=as_of, scored=(scored.network, scored.scores)
    )
    ladder = _ladder(session, person, scored, (as_of or now).date())
    tier = _tier_view(person, scored, settings)
    return NurtureCard(**dict(card), tier=tier, ladder=ladder)


def tier_of(session: Session, *, person: Person, now: datetime) -> TierView:
    settings = load_settings(session)
    return _tier_view(person, _scored(session, settings, now=now), settings)


def ladder_of(session: Session, *, person: Person, now: datetime) -> LadderView:
    """Where the relationship stands and the step that moves it up, without the rest of the
    card (a page that shows only this need not read the person's whole history)."""
    scored = _scored(session, load_settings(session), now=now)
    return _ladder(session, person, scored, now.date())


def _ladder(session: Session, person: Person, scored: _Scored, today: date) -> LadderView:
    found = gather(session, contacts=scored.contacts, today=today, only=person.id)
    rung = found[0].rung if found else None
    up = next_rung(rung) if rung is not None else None
    return LadderView(
        rung=rung.value if rung else None,
        next=up.value if up else None,
        next_step=next_step(rung),
        rungs=[r.value for r in RUNGS],
    )


def _tier_view(person: Person, scored: _Scored, settings: Settings) -> TierView:
    suggested = scored.contacts.suggested.get(person.id, Tier.NONE)
    value = person.tier or suggested
    cadence = settings[f"cadence.{value.value}"] if value != Tier.NONE else None
    return TierView(
        value=value.value,
        suggested=suggested.value,
        set_by_you=person.tier is not None,
        cadence_days=cadence,
        reason=_why(person, scored, suggested),
    )


def _why(person: Person, scored: _Scored, suggested: Tier) -> str:
    if person.is_me:
        return "You are not on your own agenda"
    rank = scored.rank.get(person.id)
    if rank is None:
        return "Not among your direct contacts: no tie to you recorded"
    score = scored.contacts.score[person.id]
    floors = "; ".join(f"{t.value} from {FLOORS[t]:.2f}" for t in ORDER)
    return (
        f"Suggested {suggested.value}: advocate score {score:.2f}, #{rank} of "
        f"{len(scored.rank)} contacts ({floors}, as many as each tier holds)"
    )


def tier_overview(session: Session, *, now: datetime, top: int = 10) -> TierOverview:
    """How many people each tier holds, and the `top` contacts (best advocate score first)
    whose tier is not yet the suggested one set by you: `tier REF auto` follows a suggestion
    that may change, applying it keeps it."""
    settings = load_settings(session)
    scored = _scored(session, settings, now=now)
    chosen = tiers_set(session)
    suggested = scored.contacts.suggested
    tier_of_id = {pid: chosen.get(pid, tier) for pid, tier in suggested.items()} | chosen
    others = count_people(session) - 1  # everyone but you
    counts = [
        TierCount(
            tier=tier.value,
            people=sum(1 for t in tier_of_id.values() if t == tier),
            set_by_you=sum(1 for t in chosen.values() if t == tier),
            cadence_days=settings[f"cadence.{tier.value}"],
        )
        for tier in ORDER
    ]
    placed = sum(c.people for c in counts)
    none_set = sum(1 for t in chosen.values() if t == Tier.NONE)
    counts.append(TierCount(tier=Tier.NONE.value, people=others - placed, set_by_you=none_set,
                            cadence_days=None))  # fmt: skip
    pending = sorted(
        (pid for pid, tier in suggested.items() if chosen.get(pid, Tier.NONE) != tier),
        key=scored.rank.__getitem__,
    )[:top]
    people = summaries_by_id(session, set(pending))
    return TierOverview(
        counts=counts,
        suggestions=[
            TierSuggestion(
                person=people[pid],
                score=round(scored.contacts.score[pid], 6),
                rank=scored.rank[pid],
                current=tier_of_id[pid].value,
                set_by_you=pid in chosen,
                suggested=suggested[pid].value,
            )
            for pid in pending
        ],
    )
