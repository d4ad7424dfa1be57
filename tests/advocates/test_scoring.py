"""The advocate score on tiny hand-made networks: reach into the ICP decides, not mere size."""

from __future__ import annotations

import numpy as np

from goodword.advocates.network import Network, OwnerTies
from goodword.advocates.scoring import score_contacts
from goodword.offering.fit import Criterion, Fits
from goodword.relationships.graph import Graph

OWNER, ADVOCATE, HUB, LONER = 0, 1, 2, 3


def network(edges: list[tuple[int, int, float]], icp: set[int], n: int) -> Network:
    a, b, w = zip(*edges, strict=True)
    fit = np.array([1.0 if i in icp else 0.0 for i in range(n)])
    zeros = np.zeros(n, dtype=np.int32)
    return Network(
        person_ids=np.arange(1, n + 1, dtype=np.int64),
        owner=OWNER,
        graph=Graph.from_edges(n, np.array(a), np.array(b), np.array(w)),
        fits=Fits(
            score=fit,
            matched=(fit > 0).reshape(n, 1),
            criteria=(Criterion("tag", "is", "founder"),),
        ),
        industry=np.full(n, -1, dtype=np.int32),
        connector=np.zeros(n, dtype=np.uint32),
        owner_ties=OwnerTies(
            referrals_from=zeros,
            referrals_won=zeros,
            referrals_to=zeros,
            gave_owner=zeros,
            got_from_owner=zeros,
            briefed=np.zeros(n, np.bool_),
            client=np.zeros(n, np.bool_),
        ),
        data_version=0,
        as_of_day=0.0,
        now_day=0.0,
    )


def hub_and_advocate() -> Network:
    """The advocate knows 30 ideal clients; the closer hub knows 120 others, 20 of whom each
    know one ideal client; the loner knows 60 people, none of them near an ideal client."""
    edges = [(OWNER, ADVOCATE, 0.6), (OWNER, HUB, 0.8), (OWNER, LONER, 0.6)]
    nxt = 4
    icp = set()
    for _ in range(30):
        edges.append((ADVOCATE, nxt, 0.5))
        icp.add(nxt)
        nxt += 1
    for k in range(120):
        edges.append((HUB, nxt, 0.5))
        if k < 20:
            edges.append((nxt, nxt + 1, 0.5))
            icp.add(nxt + 1)
            nxt += 1
        nxt += 1
    for _ in range(60):
        edges.append((LONER, nxt, 0.5))
        nxt += 1
    return network(edges, icp, nxt)


def score_of(net: Network, node: int) -> float:
    scores = score_contacts(net)
    return float(scores.score[np.flatnonzero(scores.nodes == node)[0]])


def test_an_advocate_reaching_more_ideal_clients_outranks_a_closer_hub_reaching_few() -> None:
    net = hub_and_advocate()

    assert score_of(net, ADVOCATE) > score_of(net, HUB)


def test_reach_still_tells_contacts_apart_once_each_reaches_several_ideal_clients() -> None:
    scores = score_contacts(hub_and_advocate())
    reach = dict(zip(scores.nodes.tolist(), scores.reach.tolist(), strict=True))

    assert reach[ADVOCATE] - reach[HUB] > 0.2


def test_many_ties_that_reach_no_ideal_client_make_nobody_an_advocate() -> None:
    assert score_of(hub_and_advocate(), LONER) == 0.0
