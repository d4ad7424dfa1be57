"""Which people the network map draws, and where: the owner, their contacts, the ideal clients
the top advocates know, then who else the contacts know; placed once here so the browser only
draws.

A friend of a contact earns a place by how warmly the owner could reach them: the sum, over the
contacts on the map who know them, of the owner's tie to the contact times the contact's tie to
them (a path's strength is the product of its ties). Many shared contacts and strong ties both
count. Each person hangs by one tie (`via`): contacts by the owner, an ideal client by the
advocate who knows them, a friend of a contact by the contact with the warmest path to them.

Pure: works on the arrays of `Network` and `AdvocateScores`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from goodword.advocates.network import Network
from goodword.advocates.scoring import ICP_MATCH, AdvocateScores
from goodword.relationships.graph import Graph

MAX_NODES = 5000  # the owner included; WebGL draws this many smoothly on a modest laptop
MAX_CONTACTS = 2500  # the strongest contacts beyond this are left off the map
TOP_ADVOCATES = 20
ICP_PER_ADVOCATE = 15
# Sigma sizes nodes in the same units as positions: rings this far apart keep dots small.
SCALE = 100.0
MAX_EDGES = 15000
# Rings, from the owner outwards.
YOU, TOP_ADVOCATE, CONTACT, IDEAL_CLIENT, FRIEND = range(5)
_GOLDEN_ANGLE = np.pi * (3 - np.sqrt(5))


@dataclass(frozen=True)
class Picked:
    """Map nodes (network nodes, the owner first) with their ring and place, and the ties
    drawn between them as positions in `nodes`."""

    nodes: NDArray[np.int64]
    ring: NDArray[np.int8]  # YOU, TOP_ADVOCATE, CONTACT, IDEAL_CLIENT or FRIEND
    xy: NDArray[np.float64]
    row: NDArray[np.int64]  # the contact's row in the scores, -1 for everyone else
    via: NDArray[np.int64]  # the position of the node each hangs by, -1 for the owner
    edges: NDArray[np.int64]  # (k, 2)
    strength: NDArray[np.float32]


def pick(network: Network, scores: AdvocateScores) -> Picked:
    strongest = np.argsort(-scores.strength, kind="stable")[: min(MAX_CONTACTS, MAX_NODES - 1)]
    rows = strongest[np.argsort(-scores.score[strongest], kind="stable")]
    top = rows[:TOP_ADVOCATES]
    taken = np.zeros(network.n, dtype=np.bool_)
    taken[network.owner] = True
    taken[scores.nodes[rows]] = True
    icp, icp_via = _ideal_clients(network, scores.nodes[top], taken, MAX_NODES - 1 - len(rows))
    contacts = 1 + np.arange(len(rows))
    friends, friend_via = _friends(
        network,
        scores.nodes[rows],
        scores.strength[rows],
        taken,
        MAX_NODES - 1 - len(rows) - len(icp),
    )
    nodes = np.concatenate(([network.owner], scores.nodes[rows], icp, friends)).astype(np.int64)
    ring = np.concatenate(
        (
            [YOU],
            np.where(np.arange(len(rows)) < len(top), TOP_ADVOCATE, CONTACT),
            np.full(len(icp), IDEAL_CLIENT),
            np.full(len(friends), FRIEND),
        )
    ).astype(np.int8)
    row_of = np.concatenate(([-1], rows, np.full(len(icp) + len(friends), -1))).astype(np.int64)
    via = np.concatenate(([-1], np.zeros(len(rows)), contacts[icp_via], contacts[friend_via]))
    via = via.astype(np.int64)
    edges, strength = _edges(network.graph, nodes, via)
    xy = _layout(ring, via, len(top))
    return Picked(
        nodes=nodes, ring=ring, xy=xy, row=row_of, via=via, edges=edges, strength=strength
    )


def _ideal_clients(
    network: Network, advocates: NDArray[np.int64], taken: NDArray[np.bool_], room: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each top advocate's strongest-tied ideal clients not yet on the map, with the
    advocate's position among `advocates`; marks them taken."""
    icp: list[int] = []
    near: list[int] = []
    for at, advocate in enumerate(advocates.tolist()):
        ids, strength = network.graph.neighbours(advocate)
        fits = network.fits.score[ids] >= ICP_MATCH
        order = np.argsort(-strength[fits], kind="stable")
        wanted = max(0, min(ICP_PER_ADVOCATE, room - len(icp)))
        found = [int(v) for v in ids[fits][order] if not taken[v]][:wanted]
        taken[found] = True
        icp += found
        near += [at] * len(found)
    return np.asarray(icp, dtype=np.int64), np.asarray(near, dtype=np.int64)


def _friends(
    network: Network,
    contacts: NDArray[np.int64],
    closeness: NDArray[np.float64],
    taken: NDArray[np.bool_],
    room: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Up to `room` people the `contacts` know who are not yet on the map, the warmest to
    reach first (equal warmth: lower node first), each with the position among `contacts` of
    the one with the warmest path to them; marks them taken."""
    if room <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    source, at = _rows(network.graph, contacts)
    target = network.graph.indices[at].astype(np.int64)
    warmth = closeness[source] * network.graph.weights[at]
    free = ~taken[target]
    source, target, warmth = source[free], target[free], warmth[free]
    total = np.bincount(target, weights=warmth, minlength=network.n)
    candidates = np.flatnonzero(total > 0)
    chosen = candidates[np.lexsort((candidates, -total[candidates]))][:room]
    # The warmest path to each chosen person: the first entry per target, warmest first.
    order = np.lexsort((source, -warmth, target))
    target, source = target[order], source[order]
    first = np.searchsorted(target, chosen)
    taken[chosen] = True
    return chosen, source[first]


def _rows(graph: Graph, nodes: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Every tie of `nodes` in one gather: the position in `nodes` it belongs to, and its
    place in the graph's `indices` and `weights`."""
    starts, ends = graph.indptr[nodes], graph.indptr[nodes + 1]
    counts = ends - starts
    source = np.repeat(np.arange(len(nodes)), counts)
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return source, at.astype(np.int64)


def _edges(
    graph: Graph, nodes: NDArray[np.int64], via: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Every tie with both ends on the map, each once. Past MAX_EDGES the tie each person
    hangs by is kept first, so no one drawn floats unconnected, then the strongest."""
    position = np.full(graph.n, -1, dtype=np.int64)
    position[nodes] = np.arange(len(nodes))
    source, at = _rows(graph, nodes)
    target = position[graph.indices[at]]
    keep = target > source
    pairs = np.stack((source[keep], target[keep]), axis=1)
    strength = graph.weights[at][keep]
    hung = np.flatnonzero(via >= 0)
    by = np.sort(np.stack((via[hung], hung), axis=1), axis=1)
    size = len(nodes)
    tree = np.isin(pairs[:, 0] * size + pairs[:, 1], by[:, 0] * size + by[:, 1])
    order = np.lexsort((-strength, ~tree))[:MAX_EDGES]
    return pairs[order], strength[order]


def _layout(ring: NDArray[np.int8], via: NDArray[np.int64], advocates: int) -> NDArray[np.float64]:
    """Rings around the owner: advocates close, other contacts further out in score order,
    each advocate's ideal clients in an arc beyond them, and outermost each contact's friends
    in a small sunflower on the contact's side of the map."""
    xy = np.zeros((len(ring), 2))
    angle = np.zeros(len(ring))
    radius = np.zeros(len(ring))
    for level, r in ((TOP_ADVOCATE, 1.0), (CONTACT, 2.2)):
        members = np.flatnonzero(ring == level)
        angle[members] = 2 * np.pi * np.arange(len(members)) / max(len(members), 1)
        # Many contacts spiral outward so they do not overlap on one circle.
        radius[members] = r + (0.0 if level == TOP_ADVOCATE else np.arange(len(members)) / 1500.0)
    outer = np.flatnonzero(ring == IDEAL_CLIENT)
    if len(outer):
        rank = _rank_within(via[outer])
        angle[outer] = 2 * np.pi * (via[outer] - 1) / max(advocates, 1)
        angle[outer] += (rank - ICP_PER_ADVOCATE / 2) * 0.02
        radius[outer] = 4.5 + (rank % 3) * 0.25
    xy[:, 0], xy[:, 1] = radius * np.cos(angle), radius * np.sin(angle)
    friends = np.flatnonzero(ring == FRIEND)
    if len(friends):
        side = angle[via[friends]]
        rank = _rank_within(via[friends])
        spread = 0.04 * np.sqrt(rank + 0.5)
        xy[friends, 0] = 6.0 * np.cos(side) + spread * np.cos(rank * _GOLDEN_ANGLE)
        xy[friends, 1] = 6.0 * np.sin(side) + spread * np.sin(rank * _GOLDEN_ANGLE)
    return np.round(xy * SCALE, 2)


def _rank_within(groups: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each entry's place among the entries of its group so far (groups need not be sorted)."""
    order = np.argsort(groups, kind="stable")
    ordered = groups[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    rank = np.empty(len(groups), dtype=np.int64)
    rank[order] = np.arange(len(groups)) - np.repeat(starts, np.diff(np.r_[starts, len(groups)]))
    return rank
