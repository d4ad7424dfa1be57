"""The network map's read model, for the web page and its JSON twin alike.

Thousands of people are drawn, so the answer is columns rather than one object per person,
and roles, rings and tags are numbers indexing the lists that name them: a fifth of the bytes.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.advocates.engine import scored_for
from goodword.advocates.netmap import pick
from goodword.advocates.queries import ROLES
from goodword.advocates.scoring import Weights, roles
from goodword.people.queries import names_and_tags

RINGS = ("you", "top advocate", "contact", "ideal client", "friend of a contact")


class MapNodes(BaseModel):
    """One entry per person in each list, the owner first."""

    id: list[int]
    name: list[str]
    x: list[float]
    y: list[float]
    ring: list[int]  # into `NetworkMap.rings`
    via: list[int]  # the position of the person each hangs by: you, an advocate, a contact
    roles: list[list[int]]  # into `NetworkMap.roles`
    tags: list[list[int]]  # into `NetworkMap.tags`
    score: list[float | None]  # the advocate score, for the owner's contacts


class NetworkMap(BaseModel):
    """`edges` are [source position, target position, strength], positions in `nodes`."""

    rings: list[str]
    roles: list[str]
    tags: list[str]
    nodes: MapNodes
    edges: list[tuple[int, int, float]]


def network_map(session: Session, *, now: datetime) -> NetworkMap:
    network, scores = scored_for(session, now=now)
    picked = pick(network, scores)
    ids = [network.person(int(node)) for node in picked.nodes]
    people = names_and_tags(session, set(ids))
    tags = sorted({tag for _, found in people.values() for tag in found})
    tag_code = {tag: code for code, tag in enumerate(tags)}
    role_code = {role: code for code, role in enumerate(ROLES)}
    weights = Weights()
    rows = picked.row.tolist()
    node_roles = [
        []
        if at == 0
        else [
            role_code[role]
            for role in roles(network, node, scores, row if row >= 0 else None, weights)
        ]
        for at, (node, row) in enumerate(zip(picked.nodes.tolist(), rows, strict=True))
    ]
    return NetworkMap(
        rings=list(RINGS),
        roles=list(ROLES),
        tags=tags,
        nodes=MapNodes(
            id=ids,
            name=[people[person][0] for person in ids],
            x=picked.xy[:, 0].tolist(),
            y=picked.xy[:, 1].tolist(),
            ring=picked.ring.tolist(),
            via=picked.via.tolist(),
            roles=node_roles,
            tags=[[tag_code[tag] for tag in people[person][1]] for person in ids],
            score=[round(float(scores.score[row]), 4) if row >= 0 else None for row in rows],
        ),
        edges=[
            (a, b, round(s, 3))
            for (a, b), s in zip(picked.edges.tolist(), picked.strength.tolist(), strict=True)
        ],
    )
