"""The owner's network as compact arrays: the graph plus what scoring needs per person.

Pure: built by `signals.load_network` from the store, saved beside the database as a
snapshot (`save`/`load`) so a command starts without reading every row again.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from goodword.offering.fit import Criterion, Fits
from goodword.relationships.graph import Graph

# Bumped whenever the arrays saved change meaning, so an old snapshot is rebuilt, not misread.
FORMAT = 1


@dataclass(frozen=True)
class OwnerTies:
    """Per person, what passed between them and the owner (zero for everyone else)."""

    referrals_from: NDArray[np.int32]  # referrals they gave the owner
    referrals_won: NDArray[np.int32]  # … of which won
    referrals_to: NDArray[np.int32]  # referrals the owner gave them
    gave_owner: NDArray[np.int32]  # ledger entries they gave the owner
    got_from_owner: NDArray[np.int32]  # … the owner gave them
    briefed: NDArray[np.bool_]  # told about the offering (an interaction of kind brief)
    client: NDArray[np.bool_]  # won business or a client tie


@dataclass(frozen=True)
class Network:
    person_ids: NDArray[np.int64]  # node i is person person_ids[i]; sorted
    owner: int
    graph: Graph
    fits: Fits
    industry: NDArray[np.int32]  # a code per distinct industry, -1 when unknown
    connector: NDArray[np.uint32]  # bit r set: the person has connector role r
    owner_ties: OwnerTies
    data_version: int
    as_of_day: float
    now_day: float

    @property
    def n(self) -> int:
        return len(self.person_ids)

    def node(self, person_id: int) -> int | None:
        i = int(np.searchsorted(self.person_ids, person_id))
        return i if i < self.n and int(self.person_ids[i]) == person_id else None

    def nodes(self, person_ids: NDArray[np.int64]) -> NDArray[np.int64]:
        """Node indices of persons known to be in the network."""
        return np.searchsorted(self.person_ids, person_ids).astype(np.int64)

    def person(self, node: int) -> int:
        return int(self.person_ids[node])

    def blocked_owner(self) -> NDArray[np.bool_]:
        """Paths and reach never pass through the owner: it is their network being searched."""
        blocked = np.zeros(self.n, dtype=np.bool_)
        blocked[self.owner] = True
        return blocked


def save(network: Network, path: Path) -> None:
    """Writes next to `path` first and renames, so a reader never sees half a snapshot."""
    arrays: dict[str, Any] = {
        "person_ids": network.person_ids,
        "indptr": network.graph.indptr,
        "indices": network.graph.indices,
        "weights": network.graph.weights,
        "fit": network.fits.score,
        "matched": network.fits.matched,
        "industry": network.industry,
        "connector": network.connector,
    }
    for f in fields(OwnerTies):
        arrays[f"owner_{f.name}"] = getattr(network.owner_ties, f.name)
    meta = {
        "format": FORMAT,
        "owner": network.owner,
        "data_version": network.data_version,
        "as_of_day": network.as_of_day,
        "now_day": network.now_day,
        "criteria": [vars(c) for c in network.fits.criteria],
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Named for its writer: two processes (or threads) building at once must not interleave.
    partial = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.partial.npz")
    np.savez(partial, **arrays)
    partial.replace(path)


def load(path: Path) -> Network | None:
    """The snapshot at `path`, or None when there is none or it is of another format."""
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode())
            if meta.get("format") != FORMAT:
                return None
            graph = Graph(indptr=data["indptr"], indices=data["indices"], weights=data["weights"])
            criteria = tuple(Criterion(**c) for c in meta["criteria"])
            owner_ties = OwnerTies(**{f.name: data[f"owner_{f.name}"] for f in fields(OwnerTies)})
            return Network(
                person_ids=data["person_ids"],
                owner=int(meta["owner"]),
                graph=graph,
                fits=Fits(score=data["fit"], matched=data["matched"], criteria=criteria),
                industry=data["industry"],
                connector=data["connector"],
                owner_ties=owner_ties,
                data_version=int(meta["data_version"]),
                as_of_day=float(meta["as_of_day"]),
                now_day=float(meta["now_day"]),
            )
    except (OSError, KeyError, ValueError):
        return None
