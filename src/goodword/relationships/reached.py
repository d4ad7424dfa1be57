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
Candidates = tuple[Nodes, NDArray[np.int64], Strengths]
_NONE = np.iinfo(np.int64).max


def lookup(sorted_keys: NDArray[np.int64] | Nodes, keys: ArrayLike) -> NDArray[np.int64]:
    """Positions of `keys` in `sorted_keys`, -1 where absent."""
    keys = np.asarray(keys)
    at = np.searchsorted(sorted_keys, keys)
    if not len(sorted_keys):
        return np.full(at.shape, -1, np.int64)
    clipped = np.minimum(at, len(sorted_keys) - 1)
    return np.where(sorted_keys[clipped] == keys, clipped, -1).astype(np.int64)


class Reached(Protocol):
    def better(self, nodes: Nodes, strength: Strengths) -> Mask:
        """Where `strength` beats the best known; equal is not better, as it is longer."""

    def strongest(
        self, nodes: Nodes, came_from: NDArray[np.int64], strength: Strengths
    ) -> Candidates:
        """One candidate per node: the strongest, then the first (its path has lower ids)."""

    def record(self, nodes: Nodes, strength: Strengths, hop: int) -> None:
        """The best paths are now these, at `hop` hops, at their positions in `nodes`."""

    def arrays(self) -> tuple[Nodes, Strengths, NDArray[np.int64], NDArray[np.int64]]:
        """(nodes ascending, strength, hops, position in its level) of everyone reached."""


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

    def better(self, nodes: Nodes, strength: Strengths) -> Mask:
        at = lookup(self.nodes, nodes)
        return strength > np.where(at >= 0, self.strength[np.maximum(at, 0)], 0.0)

    def strongest(
        self, nodes: Nodes, came_from: NDArray[np.int64], strength: Strengths
    ) -> Candidates:
        order = np.lexsort((came_from, -strength, nodes))
        nodes, came_from, strength = nodes[order], came_from[order], strength[order]
        first = np.ones(len(nodes), np.bool_)
        np.not_equal(nodes[1:], nodes[:-1], out=first[1:])
        return nodes[first], came_from[first], strength[first]

    def record(self, nodes: Nodes, strength: Strengths, hop: int) -> None:
        at = lookup(self.nodes, nodes)
        old, slots = at >= 0, np.arange(len(nodes))
        self.strength[at[old]], self.hops[at[old]] = strength[old], hop
        self.slot[at[old]] = slots[old]
        new = np.flatnonzero(~old)
        new = new[np.argsort(nodes[new])]  # np.insert keeps the given order at one place
        where = np.searchsorted(self.nodes, nodes[new])
        self.nodes = np.insert(self.nodes, where, nodes[new])
        self.strength = np.insert(self.strength, where, strength[new])
        self.hops = np.insert(self.hops, where, hop)
        self.slot = np.insert(self.slot, where, new)

    def arrays(self) -> tuple[Nodes, Strengths, NDArray[np.int64], NDArray[np.int64]]:
        return self.nodes, self.strength, self.hops, self.slot

    def densify(self, n: int) -> Dense:
        dense = Dense(
            np.zeros(n), np.full(n, -1, np.int8), np.empty(n, np.int64), np.full(n, _NONE)
        )
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
    came_from: NDArray[np.int64]  # scratch for `strongest`, _NONE between calls

    def better(self, nodes: Nodes, strength: Strengths) -> Mask:
        better: Mask = strength > self.strength[nodes]
        return better

    def strongest(
        self, nodes: Nodes, came_from: NDArray[np.int64], strength: Strengths
    ) -> Candidates:
        # Only better candidates arrive, so the strongest of each can go straight in.
        np.maximum.at(self.strength, nodes, strength)
        top = strength == self.strength[nodes]
        np.minimum.at(self.came_from, nodes[top], came_from[top])
        won = np.flatnonzero(self.came_from != _NONE).astype(np.int32)
        first = self.came_from[won]
        self.came_from[won] = _NONE
        return won, first, self.strength[won]

    def record(self, nodes: Nodes, strength: Strengths, hop: int) -> None:
        self.strength[nodes], self.hops[nodes] = strength, hop
        self.slot[nodes] = np.arange(len(nodes))

    def arrays(self) -> tuple[Nodes, Strengths, NDArray[np.int64], NDArray[np.int64]]:
        nodes = np.flatnonzero(self.hops >= 0).astype(np.int32)
        return nodes, self.strength[nodes], self.hops[nodes].astype(np.int64), self.slot[nodes]
