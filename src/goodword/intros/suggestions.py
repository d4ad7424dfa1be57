"""Introductions you can make between your contacts: the matchmaker over your network."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.advocates.engine import network_for
from goodword.intros.matchmaker import Contact, suggest
from goodword.intros.schemas import IntroSuggestion
from goodword.people.models import ContactKind, Employment, Organisation, Person, PersonTag, Tag
from goodword.people.queries import summaries_by_id
from goodword.storage.session import workspace_id

# Ids bound per query: well under SQLite's and PostgreSQL's parameter limits.
_BATCH = 5000


def suggest_introductions(
    session: Session, *, now: datetime, top: int = 10
) -> list[IntroSuggestion]:
    """The best introductions between people you know, best first, each with its reasons.

    Your contacts are your neighbours in the network (a tie, or interactions, with you); two
    of them already tied or in touch in the same network are never suggested.
    """
    network = network_for(session, now=now)
    graph = network.graph
    nodes, weights = graph.neighbours(network.owner)
    closest = nodes[np.argsort(-weights, kind="stable")]
    contacts = _contacts(session, [network.person(int(n)) for n in closest])

    def tied(a: int, b: int) -> bool:
        na, nb = network.node(a), network.node(b)
        return na is not None and nb is not None and graph.weight(na, nb) > 0

    found = suggest(contacts, tied=tied, top=top)
    people = summaries_by_id(session, {pid for s in found for pid in (s.a, s.b)})
    return [
        IntroSuggestion(
            people=[people[s.a], people[s.b]],
            reason=s.reason,
            reasons=list(s.reasons),
            score=s.score,
        )
        for s in found
    ]


def _contacts(session: Session, ids: Sequence[int]) -> list[Contact]:
    """What the matchmaker compares of each person (organisation cards left out), in `ids`
    order; a person's own industry comes first, else their employer's."""
    wid = workspace_id(session)
    rows: dict[int, tuple[str, str | None, str | None]] = {}
    jobs: dict[int, tuple[str | None, str | None]] = {}
    tags: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        for pid, name, industry, city in session.execute(
            select(Person.id, Person.name, Person.industry, Person.city).where(
                Person.workspace_id == wid,
                Person.id.in_(batch),
                Person.kind == ContactKind.PERSON,
            )
        ):
            rows[pid] = (name, industry, city)
        for pid, title, org_industry in session.execute(
            select(Employment.person_id, Employment.title, Organisation.industry)
            .outerjoin(Organisation, Organisation.id == Employment.org_id)
            .where(
                Employment.workspace_id == wid,
                Employment.person_id.in_(batch),
                Employment.ended_on.is_(None),
            )
            .order_by(Employment.id)
        ):
            jobs[pid] = (title, org_industry)  # the latest current job, as `person show`
        for pid, tag in session.execute(
            select(PersonTag.person_id, Tag.name)
            .join(Tag, Tag.id == PersonTag.tag_id)
            .where(PersonTag.workspace_id == wid, PersonTag.person_id.in_(batch))
            .order_by(Tag.name)
        ):
            tags[pid].append(tag)
    out = []
    for pid in ids:
        if pid not in rows:
            continue
        name, industry, city = rows[pid]
        title, org_industry = jobs.get(pid, (None, None))
        out.append(
            Contact(
                id=pid, name=name, industry=industry or org_industry, title=title, city=city,
                tags=tuple(tags.get(pid, ())),
            )
        )  # fmt: skip
    return out
