"""Which people the network map draws, and where: the owner, their contacts and the ties among
them, plus the ideal clients the top advocates know; placed in rings, computed once here so the
browser only draws.

Pure: works on the arrays of `Network` and `AdvocateScores`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from goodword.advocates.network import Network
from goodword.advocates.scoring import ICP_MATCH, AdvocateScores

MAX_CONTACTS = 2500  # the strongest contacts beyond this are left off the map
TOP_ADVOCATES = 20
ICP_PER_ADVOCATE = 15
# Sigma sizes nodes in the same units as positions: rings this far apart keep dots small.
SCALE = 100.0
MAX_EDGES = 12000


@dataclass(frozen=True)
class Picked:
    """Map nodes (network nodes, the owner first) with their ring and place, and the ties
    drawn between them as positions in `nodes`."""

    nodes: NDArray[np.int64]
    ring: NDArray[np.int8]  # 0 the owner, 1 top advocates, 2 other contacts, 3 ideal clients
    xy: NDArray[np.float64]
    row: NDArray[np.int64]  # the contact's row in the scores, -1 for everyone else
    edges: NDArray[np.int64]  # (k, 2)
    strength: NDArray[np.float32]


def pick(network: Network, scores: AdvocateScores) -> Picked:
    strongest = np.argsort(-scores.strength, kind="stable")[:MAX_CONTACTS]
    rows = strongest[np.argsort(-scores.score[strongest], kind="stable")]
    top = rows[:TOP_ADVOCATES]
    taken = np.zeros(network.n, dtype=np.bool_)
    taken[network.owner] = True
    taken[scores.nodes[rows]] = True
    icp: list[int] = []
    near: list[int] = []  # the advocate (its position in `top`) each ideal client hangs by
    for at, row in enumerate(top.tolist()):
        ids, strength = network.graph.neighbours(int(scores.nodes[row]))
        fits = network.fits.score[ids] >= ICP_MATCH
        order = np.argsort(-strength[fits], kind="stable")
        found = [int(v) for v in ids[fits][order] if not taken[v]][:ICP_PER_ADVOCATE]
        taken[found] = True
        icp += found
        near += [at] * len(found)
    nodes = np.concatenate(([network.owner], scores.nodes[rows], icp)).astype(np.int64)
    ring = np.concatenate(
        ([0], np.where(np.arange(len(rows)) < len(top), 1, 2), np.full(len(icp), 3))
    ).astype(np.int8)
    row_of = np.concatenate(([-1], rows, np.full(len(icp), -1))).astype(np.int64)
    edges, strength = _edges(network, nodes)
    xy = _layout(ring, np.asarray(near, dtype=np.int64), len(top))
    return Picked(nodes=nodes, ring=ring, xy=xy, row=row_of, edges=edges, strength=strength)


def _edges(
    network: Network, nodes: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Every tie with both ends on the map, each once, the strongest kept past MAX_EDGES."""
    position = np.full(network.n, -1, dtype=np.int64)
    position[nodes] = np.arange(len(nodes))
    graph = network.graph
    starts, ends = graph.indptr[nodes], graph.indptr[nodes + 1]
    counts = ends - starts
    source = np.repeat(np.arange(len(nodes)), counts)
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    target = position[graph.indices[at]]
    keep = target > source
    pairs = np.stack((source[keep], target[keep]), axis=1)
    strength = graph.weights[at][keep]
    order = np.argsort(-strength, kind="stable")[:MAX_EDGES]
    return pairs[order], strength[order]


def _layout(ring: NDArray[np.int8], near: NDArray[np.int64], advocates: int) -> NDArray[np.float64]:
    """Rings around the owner: advocates close, other contacts further out in score order,
    each advocate's ideal clients in an arc beyond them."""
    xy = np.zeros((len(ring), 2))
    angle = np.zeros(len(ring))
    radius = np.zeros(len(ring))
    for level, r in ((1, 1.0), (2, 2.2)):
        members = np.flatnonzero(ring == level)
        angle[members] = 2 * np.pi * np.arange(len(members)) / max(len(members), 1)
        # Many contacts spiral outward so they do not overlap on one circle.
        radius[members] = r + (0.0 if level == 1 else np.arange(len(members)) / 1500.0)
    outer = np.flatnonzero(ring == 3)
    if len(outer):
        base = 2 * np.pi * near / max(advocates, 1)
        _, first = np.unique(near, return_index=True)
        rank = np.arange(len(near)) - np.repeat(first, np.diff(np.append(first, len(near))))
        angle[outer] = base + (rank - ICP_PER_ADVOCATE / 2) * 0.02
        radius[outer] = 4.5 + (rank % 3) * 0.25
    xy[:, 0], xy[:, 1] = radius * np.cos(angle), radius * np.sin(angle)
    return np.round(xy * SCALE, 2)
