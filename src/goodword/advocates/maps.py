"""The network map's read model, for the web page and its JSON twin alike."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.advocates.engine import network_for
from goodword.advocates.netmap import pick
from goodword.advocates.scoring import Weights, roles, score_contacts
from goodword.people.queries import summaries_by_id

RINGS = ("you", "top advocate", "contact", "ideal client")


class MapNode(BaseModel):
    id: int
    name: str
    x: float
    y: float
    ring: str
    roles: list[str]
    tags: list[str]
    score: float | None  # the advocate score, for the owner's contacts


class NetworkMap(BaseModel):
    """`edges` are [source id, target id, strength]."""

    nodes: list[MapNode]
    edges: list[tuple[int, int, float]]


def network_map(session: Session, *, now: datetime) -> NetworkMap:
    network = network_for(session, now=now)
    scores = score_contacts(network)
    picked = pick(network, scores)
    ids = [network.person(int(node)) for node in picked.nodes]
    people = summaries_by_id(session, set(ids))
    weights = Weights()
    nodes = []
    for at, person in enumerate(ids):
        row = int(picked.row[at])
        node = int(picked.nodes[at])
        summary = people[person]
        nodes.append(
            MapNode(
                id=person,
                name=summary.name,
                x=float(picked.xy[at, 0]),
                y=float(picked.xy[at, 1]),
                ring=RINGS[int(picked.ring[at])],
                roles=[]
                if at == 0
                else roles(network, node, scores, row if row >= 0 else None, weights),
                tags=summary.tags,
                score=round(float(scores.score[row]), 4) if row >= 0 else None,
            )
        )
    edges = [
        (ids[int(a)], ids[int(b)], round(float(s), 3))
        for (a, b), s in zip(picked.edges.tolist(), picked.strength.tolist(), strict=True)
    ]
    return NetworkMap(nodes=nodes, edges=edges)
