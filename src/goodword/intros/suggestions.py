"""Introductions you can make between your contacts: the matchmaker over your network."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from goodword.advocates.engine import network_for
from goodword.intros.matchmaker import Contact, suggest
from goodword.intros.schemas import IntroSuggestion
from goodword.people.models import ContactKind, Employment, Organisation, Person, PersonTag, Tag
from goodword.people.queries import summaries_by_id
from goodword.relationships.kinds import TieKind
from goodword.relationships.models import Relationship
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
    closest = nodes[np.argsort(-weights, kind="stable")].tolist()
    node_of = {network.person(n): n for n in closest}
    contacts = _contacts(session, list(node_of))

    def tied(a: int, b: int) -> bool:
        return graph.weight(node_of[a], node_of[b]) > 0

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
    order."""
    wid = workspace_id(session)
    names: dict[int, tuple[str, str | None]] = {}
    for batch in _batches(ids):
        for pid, name, city in session.execute(
            select(Person.id, Person.name, Person.city).where(
                Person.workspace_id == wid,
                Person.id.in_(batch),
                Person.kind == ContactKind.PERSON,
            )
        ):
            names[pid] = (name, city)
    industries, titles = _work(session, list(names))
    tags: dict[int, list[str]] = defaultdict(list)
    for batch in _batches(ids):
        for pid, tag in session.execute(
            select(PersonTag.person_id, Tag.name)
            .join(Tag, Tag.id == PersonTag.tag_id)
            .where(PersonTag.workspace_id == wid, PersonTag.person_id.in_(batch))
            .order_by(Tag.name)
        ):
            tags[pid].append(tag)
    clients = _clients(session, set(names))
    client_industries, _ = _work(session, sorted({c for cs in clients.values() for c in cs}))
    return [
        Contact(
            id=pid,
            name=names[pid][0],
            industry=industries.get(pid),
            title=titles.get(pid),
            city=names[pid][1],
            tags=tuple(tags.get(pid, ())),
            client_industries=tuple(
                sorted(
                    {client_industries[c] for c in clients.get(pid, ()) if c in client_industries}
                )
            ),
        )
        for pid in ids
        if pid in names
    ]


def _work(session: Session, ids: Sequence[int]) -> tuple[dict[int, str], dict[int, str]]:
    """Each person's industry (their own, else their employer's) and current title."""
    wid = workspace_id(session)
    industries: dict[int, str] = {}
    titles: dict[int, str] = {}
    for batch in _batches(ids):
        for pid, industry in session.execute(
            select(Person.id, Person.industry).where(
                Person.workspace_id == wid, Person.id.in_(batch)
            )
        ):
            if industry:
                industries[pid] = industry
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
            # The latest current job, as `person show` names it.
            if title:
                titles[pid] = title
            if org_industry and pid not in industries:
                industries[pid] = org_industry
    return industries, titles


def _clients(session: Session, advisers: set[int]) -> dict[int, set[int]]:
    """Adviser → the people a `client` tie names their clients."""
    found: dict[int, set[int]] = defaultdict(set)
    wid = workspace_id(session)
    for batch in _batches(sorted(advisers)):
        for a, b, flipped in session.execute(
            select(Relationship.person_a_id, Relationship.person_b_id, Relationship.reversed).where(
                Relationship.workspace_id == wid,
                Relationship.kind == TieKind.CLIENT,
                or_(Relationship.person_a_id.in_(batch), Relationship.person_b_id.in_(batch)),
            )
        ):
            # The kind's first role is the client: person B when the tie is stored reversed.
            client, adviser = (b, a) if flipped else (a, b)
            if adviser in advisers:
                found[adviser].add(client)
    return found


def _batches(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _BATCH):
        yield ids[start : start + _BATCH]
