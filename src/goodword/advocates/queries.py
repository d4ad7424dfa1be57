"""Ranking advocates and scoring one person, for the CLI and the web alike."""

from __future__ import annotations

from datetime import datetime

import numpy as np
from sqlalchemy.orm import Session

from goodword.advocates.engine import kept_answer, scored_for
from goodword.advocates.network import Network
from goodword.advocates.schemas import AdvocateRow, PersonCard, PersonScores
from goodword.advocates.scoring import (
    ICP_MATCH,
    AdvocateScores,
    Weights,
    reasons,
    roles,
)
from goodword.errors import InvalidInput
from goodword.people.models import Person
from goodword.people.queries import summaries_by_id
from goodword.profiles.queries import person_detail

ROLES = ("advocate", "hidden advocate", "prospect", "client", "referral partner")


def rank_advocates(
    session: Session,
    *,
    now: datetime,
    as_of: datetime | None = None,
    top: int = 20,
    role: str | None = None,
) -> list[AdvocateRow]:
    """The owner's contacts, best advocate first.

    Raises: InvalidInput for an unknown role.
    """
    if role is not None:
        check_role(role)
    # The ranking is the network's and the names the database's: it holds as long as both.
    return kept_answer(
        session,
        now=now,
        as_of=as_of,
        key=("advocates", top, role),
        compute=lambda: _ranked(session, now=now, as_of=as_of, top=top, role=role),
    )


def _ranked(
    session: Session, *, now: datetime, as_of: datetime | None, top: int, role: str | None
) -> list[AdvocateRow]:
    network, scores = scored_for(session, now=now, as_of=as_of)
    weights = Weights()
    order = np.lexsort((network.person_ids[scores.nodes], -scores.score))
    picked: list[tuple[int, list[str]]] = []
    for row in order.tolist():
        found = roles(network, int(scores.nodes[row]), scores, row, weights)
        if role is None or role in found:
            picked.append((row, found))
        if len(picked) >= top:
            break
    people = summaries_by_id(session, {network.person(int(scores.nodes[r])) for r, _ in picked})
    return [
        AdvocateRow(
            person=people[network.person(int(scores.nodes[row]))],
            score=float(scores.score[row]),
            components=scores.components(row),
            reasons=reasons(network, scores, row, weights),
            roles=found,
        )
        for row, found in picked
    ]


def check_role(role: str) -> None:
    """Raises: InvalidInput naming the roles there are."""
    if role not in ROLES:
        raise InvalidInput(f"Unknown role '{role}'; use one of: {', '.join(ROLES)}.")


def roles_by_person(session: Session, *, now: datetime) -> dict[int, list[str]]:
    """The roles of everyone who holds one, by person id: for filtering and labelling lists.
    Kept with the network until the data changes; callers must not change it."""
    return kept_answer(
        session, now=now, key=("roles_by_person",), compute=lambda: _roles_by_person(session, now)
    )


def _roles_by_person(session: Session, now: datetime) -> dict[int, list[str]]:
    network, scores = scored_for(session, now=now)
    weights = Weights()
    rows = {int(node): row for row, node in enumerate(scores.nodes.tolist())}
    ties = network.owner_ties
    # Whoever is neither a contact, a possible client nor someone who referred holds no role.
    candidates = np.flatnonzero(
        (network.fits.score >= ICP_MATCH) | ties.client | (ties.referrals_from > 0)
    ).tolist()
    found = {}
    for node in sorted({*rows, *candidates} - {network.owner}):
        if held := roles(network, node, scores, rows.get(node), weights):
            found[network.person(node)] = held
    return found


def person_scores(
    session: Session,
    *,
    person_id: int,
    now: datetime,
    as_of: datetime | None = None,
    scored: tuple[Network, AdvocateScores] | None = None,
) -> PersonScores:
    """Where one person stands: tie strength to the owner, fit, advocate score, roles.

    `scored`: the network and its scores when the caller already has them.
    """
    network, scores = scored or scored_for(session, now=now, as_of=as_of)
    node = network.node(person_id)
    if node is None or node == network.owner:
        return PersonScores(
            strength_to_me=None, fit=0.0, matched=[], advocate_score=None, components={},
            roles=[], reasons=[],
        )  # fmt: skip
    row = _row_of(scores, node)
    weights = Weights()
    strength = network.graph.weight(network.owner, node)
    return PersonScores(
        strength_to_me=round(strength, 6) if row is not None else None,
        fit=float(network.fits.score[node]),
        matched=network.fits.matched_of(node),
        advocate_score=None if row is None else float(scores.score[row]),
        components={} if row is None else scores.components(row),
        roles=roles(network, node, scores, row, weights),
        reasons=_person_reasons(network, scores, row, node, weights),
    )


def person_card(
    session: Session,
    *,
    person: Person,
    now: datetime,
    as_of: datetime | None = None,
    scored: tuple[Network, AdvocateScores] | None = None,
) -> PersonCard:
    """Everything `person show` prints, scores as they stood at `as_of` when given."""
    detail = person_detail(session, person=person, now=as_of or now)
    scores = person_scores(session, person_id=person.id, now=now, as_of=as_of, scored=scored)
    return PersonCard(**dict(detail), scores=scores)


def _row_of(scores: AdvocateScores, node: int) -> int | None:
    at = np.flatnonzero(scores.nodes == node)
    return int(at[0]) if len(at) else None


def _person_reasons(
    network: Network, scores: AdvocateScores, row: int | None, node: int, weights: Weights
) -> list[str]:
    matched = network.fits.matched_of(node)
    out = [f"Fits your ideal client profile: {', '.join(matched)}"] if matched else []
    if row is None:
        return [*out, "Not among your direct contacts: no tie to you recorded"]
    return out + reasons(network, scores, row, weights)
