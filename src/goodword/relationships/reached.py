"""What one path search knows so far: the best path to each person it has reached.

A search from someone with a dozen ties reaches a few thousand people out of a million, so
it keeps them in short sorted arrays and never allocates a million-long one. A search from a
super-connector reaches most of the network; then sorted arrays cost more than plain
person-indexed ones, and it switches to those (`Sparse.densify`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray

Nodes = NDArray[np.int32]
Mask = NDArray[np.bool_]
Strengths = NDArray[np.float64]
_NONE = np.iinfo(np.int32).max
Slots = NDArray[np.int32]  # positions in a level: fewer than 2**31 people


def lookup(sorted_keys: NDArray[np.int64] | Nodes, keys: ArrayLike) -> NDArray[np.int64]:
    """Positions of `keys` in `sorted_keys`, -1 where absent."""
    keys = np.asarray(keys)
    at = np.searchsorted(sorted_keys, keys)
    if not len(sorted_keys):
        return np.full(at.shape, -1, np.int64)
    clipped = np.minimum(at, len(sorted_keys) - 1)
    return np.where(sorted_keys[clipped] == keys, clipped, -1).astype(np.int64)


@dataclass(frozen=True)
class Located:
    """Per node asked about: reached or not, and its best path's strength (0.0 if not), hops
    (-1 if not) and position in its level (meaningless if not)."""

    found: Mask
    strength: Strengths
    hops: NDArray[np.int64]
    slot: NDArray[np.int64]


class Reached(Protocol):
    def advance(
        self, nodes: Nodes, came_from: Slots, strength: Strengths, blocked: Mask | None, hop: int
    ) -> NDArray[np.intp]:
        """Keeps the candidate paths of `hop` hops that become best and says which they are,
        one per node, in the order given (their node sequences'): each beats the best known
        (equal does not, it is longer), its node is not blocked, and it is the strongest
        candidate for its node, then the first. A winner's place in that order is its slot."""

    def everyone(self) -> Nodes:
        """Everyone reached, the source included, ascending."""

    def locate(self, nodes: ArrayLike) -> Located:
        """Where the best path to each node stands; unreached (or not a node) is not found."""


@dataclass
class Sparse:
    """Sorted arrays of the people reached; lookups are binary searches."""

    nodes: Nodes
    strength: Strengths
    hops: NDArray[np.int64]
    slot: NDArray[np.int64]

    @classmethod
    def start(cls, source: int) -> Sparse:
        one = np.zeros(1, np.int64)
        return cls(np.array([source], np.int32), np.ones(1), one, one.copy())

    def advance(
        self, nodes: Nodes, came_from: Slots, strength: Strengths, blocked: Mask | None, hop: int
    ) -> NDArray[np.intp]:
        at = lookup(self.nodes, nodes)
        keep = strength > np.where(at >= 0, self.strength[np.maximum(at, 0)], 0.0)
        if blocked is not None:
            keep &= ~blocked[nodes]
        offered = np.flatnonzero(keep)
        won = offered[_first_strongest(nodes[offered], strength[offered])]
        self._record(nodes[won], strength[won], at[won], hop)
        return won

    def _record(self, nodes: Nodes, strength: Strengths, at: NDArray[np.int64], hop: int) -> None:
        old, slots = at >= 0, np.arange(len(nodes))
        self.strength[at[old]], self.hops[at[old]] = strength[old], hop
        self.slot[at[old]] = slots[old]
        new = np.flatnonzero(~old)
        order = np.argsort(np.concatenate((self.nodes, nodes[new])))
        self.nodes = np.concatenate((self.nodes, nodes[new]))[order]
        self.strength = np.concatenate((self.strength, strength[new]))[order]
        self.hops = np.concatenate((self.hops, np.full(len(new), hop)))[order]
        self.slot = np.concatenate((self.slot, new))[order]

    def everyone(self) -> Nodes:
        return self.nodes

    def locate(self, nodes: ArrayLike) -> Located:
        at = lookup(self.nodes, nodes)
        found, at = at >= 0, np.maximum(at, 0)
        strength = np.where(found, self.strength[at], 0.0)
        return Located(found, strength, np.where(found, self.hops[at], -1), self.slot[at])

    def densify(self, n: int) -> Dense:
        dense = Dense(np.zeros(n), np.full(n, -1, np.int8), np.empty(n, np.int64))
        dense.strength[self.nodes] = self.strength
        dense.hops[self.nodes] = self.hops
        dense.slot[self.nodes] = self.slot
        return dense


@dataclass
class Dense:
    """Arrays over all people; -1 hops where unreached. Lookups are plain indexing."""

    strength: Strengths
    hops: NDArray[np.int8]
    slot: NDArray[np.int64]

    def advance(
        self, nodes: Nodes, came_from: Slots, strength: Strengths, blocked: Mask | None, hop: int
    ) -> NDArray[np.intp]:
        # Most candidates beat what is known when this many people are new, so rather than
        # filtering them out first, the losers offer nothing.
        beats = strength > self.strength[nodes]
        if blocked is not None:
            beats &= ~blocked[nodes]
        np.maximum.at(self.strength, nodes, np.where(beats, strength, 0.0))
        offered = np.flatnonzero(beats & (strength == self.strength[nodes]))
        reaching, via = nodes[offered], came_from[offered]
        first = np.full(len(self.strength), _NONE, np.int32)
        np.minimum.at(first, reaching, via)
        won: NDArray[np.intp] = offered[via == first[reaching]]
        winners = nodes[won]
        self.hops[winners], self.slot[winners] = hop, np.arange(len(won))
        return won

    def everyone(self) -> Nodes:
        return np.flatnonzero(self.hops >= 0).astype(np.int32)

    def locate(self, nodes: ArrayLike) -> Located:
        nodes = np.asarray(nodes, np.int64)
        inside = (nodes >= 0) & (nodes < len(self.hops))
        at = np.where(inside, nodes, 0)
        hops = np.where(inside, self.hops[at], -1).astype(np.int64)
        found = hops >= 0
        return Located(found, np.where(found, self.strength[at], 0.0), hops, self.slot[at])


def _first_strongest(nodes: Nodes, strength: Strengths) -> NDArray[np.intp]:
    """Positions of the strongest entry for each node, the first of equals, ascending."""
    # Group by node keeping the order within: the key is unique, so any sort will do.
    order = np.argsort(nodes.astype(np.int64) * max(len(nodes), 1) + np.arange(len(nodes)))
    grouped, strength = nodes[order], strength[order]
    starts = np.ones(len(nodes), np.bool_)
    np.not_equal(grouped[1:], grouped[:-1], out=starts[1:])
    group = np.cumsum(starts) - 1
    top = strength == np.maximum.reduceat(strength, np.flatnonzero(starts))[group]
    tops = np.cumsum(top)
    first = top & (tops - (tops - top)[starts][group] == 1)
    return np.sort(order[first])
