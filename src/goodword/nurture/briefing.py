"""Gathering the advocate brief, and recording that someone was briefed.

A brief for a named person also lists the people they know, directly or through one other
person, who fit the ideal client profile: the ones they could refer soonest. Existing
clients are left out (they are won already), and so are paths through the owner (those are
the owner's contacts, not the advocate's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.advocates.scoring import ICP_MATCH
from goodword.errors import InvalidInput
from goodword.interactions.models import Interaction, InteractionKind
from goodword.interactions.service import log_interaction
from goodword.nurture.brief import BriefContent, KnownProspect
from goodword.nurture.clarity import FIELDS, Clarity, check_clarity
from goodword.offering.fit import Criterion
from goodword.offering.models import Offering
from goodword.offering.queries import find_offering
from goodword.offering.service import list_criteria
from goodword.people.models import Person
from goodword.people.queries import summaries_by_id
from goodword.people.schemas import PersonSummary
from goodword.people.service import get_owner

PROSPECT_HOPS = 2  # people they know, and people those know: whom they can introduce today
PROSPECTS_SHOWN = 10


class ClarityWarningView(BaseModel):
    kind: str
    field: str | None
    text: str
    message: str


class ClarityView(BaseModel):
    """`score` is Flesch Reading Ease (higher is easier), `grade` the Flesch–Kincaid grade."""

    score: float | None
    grade: float | None
    rating: str
    warnings: list[ClarityWarningView]

    @classmethod
    def of(cls, clarity: Clarity) -> ClarityView:
        return cls(
            score=clarity.score,
            grade=clarity.grade,
            rating=clarity.rating,
            warnings=[
                ClarityWarningView(kind=w.kind.value, field=w.field, text=w.text, message=w.message)
                for w in clarity.warnings
            ],
        )


class BriefProspectView(BaseModel):
    """`via` is the person they know them through; None when they know them directly."""

    person: PersonSummary
    fit: float
    matched: list[str]
    hops: int
    via: PersonSummary | None


@dataclass(frozen=True)
class Briefing:
    content: BriefContent
    advocate: PersonSummary | None
    prospects: list[BriefProspectView]


def gather_brief(session: Session, *, now: datetime, advocate: Person | None = None) -> Briefing:
    """Everything the brief says; for `advocate`, also the prospects they know.

    Raises: InvalidInput when there is no one-liner yet, or the advocate is you.
    """
    offering = _offering(session)
    owner = get_owner(session)
    if advocate is not None and advocate.id == owner.id:
        raise InvalidInput("A brief is for someone who refers you; name a person other than you.")
    criteria = tuple(
        Criterion(field=c.field.value, operator=c.operator.value, value=c.value, weight=c.weight)
        for c in list_criteria(session)
    )
    prospects = (
        known_prospects(session, advocate=advocate, now=now)
        if advocate is not None and criteria
        else []
    )
    people = summaries_by_id(session, {owner.id} | ({advocate.id} if advocate else set()))
    emails = people[owner.id].emails
    content = BriefContent(
        owner=owner.name,
        email=emails[0] if emails else None,
        one_liner=offering.one_liner or "",
        problems=offering.problems,
        for_whom=offering.for_whom,
        results=offering.results,
        criteria=criteria,
        clarity=check_clarity({key: getattr(offering, key) for key in FIELDS}),
        advocate=advocate.name if advocate is not None else None,
        prospects=tuple(_known(p, criteria) for p in prospects),
    )
    return Briefing(
        content=content,
        advocate=people[advocate.id] if advocate is not None else None,
        prospects=prospects,
    )


def _offering(session: Session) -> Offering:
    """Raises: InvalidInput when there is no one-liner: without it there is nothing to say."""
    offering = find_offering(session)
    if offering is None or not offering.one_liner:
        raise InvalidInput(
            "No offering to brief anyone on yet; set it with "
            "`goodword me set --one-liner … --problems … --for-whom … --results …`."
        )
    return offering


def known_prospects(
    session: Session, *, advocate: Person, now: datetime, top: int = PROSPECTS_SHOWN
) -> list[BriefProspectView]:
    """People within PROSPECT_HOPS of `advocate` who fit the ICP, best fit first, then the
    strongest tie, then the lowest id."""
    from goodword.advocates.engine import network_for
    from goodword.relationships.graph import best_paths

    network = network_for(session, now=now)
    source = network.node(advocate.id)
    if source is None:
        return []
    tree = best_paths(
        network.graph, source, max_hops=PROSPECT_HOPS, blocked=network.blocked_owner()
    )
    reached = tree.reached().astype(np.int64)
    fit = network.fits.score[reached]
    keep = (fit >= ICP_MATCH) & ~network.owner_ties.client[reached]
    chosen, fit = reached[keep], fit[keep]
    strength = tree.strength_of(chosen)
    order = np.lexsort((network.person_ids[chosen], -strength, -fit))[:top]
    paths = [tree.path(int(chosen[i])) for i in order]
    people = summaries_by_id(
        session, {network.person(n) for p in paths if p is not None for n in p.nodes[1:]}
    )
    rows = []
    for i, path in zip(order.tolist(), paths, strict=True):
        if path is None:
            continue
        node = int(chosen[i])
        via = people[network.person(path.nodes[1])] if path.hops > 1 else None
        rows.append(
            BriefProspectView(
                person=people[network.person(node)],
                fit=round(float(fit[i]), 6),
                matched=network.fits.matched_of(node),
                hops=path.hops,
                via=via,
            )
        )
    return rows


def record_briefed(session: Session, *, advocate: Person, at: datetime) -> Interaction:
    """Counts from now on in their advocate score and on the relationship ladder."""
    return log_interaction(
        session,
        people=[get_owner(session), advocate],
        kind=InteractionKind.BRIEF,
        at=at,
        note="Sent the advocate brief",
    )


def _known(view: BriefProspectView, criteria: tuple[Criterion, ...]) -> KnownProspect:
    person = view.person
    role = " at ".join(part for part in (person.title, person.org) if part) or None
    matched = tuple(c for c in criteria if c.describe() in set(view.matched))
    return KnownProspect(
        name=person.name,
        role=role,
        matched=matched,
        via=view.via.name if view.via is not None else None,
    )
