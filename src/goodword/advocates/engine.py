"""The network a command works on: kept in memory, else loaded from its snapshot when the data
has not changed since, else built from the store (and the snapshot written).

The snapshot sits beside a SQLite file, or in the user's cache directory for a server
database, and is keyed by the workspace's data version, which every committed write renews.
Strengths fade with time, so a snapshot serves the day after it was scored and is then
scored again: with a 120-day half-life a day moves any strength by under 0.6 %, while
reading a million-person network again costs far more than the answer it would change.

A long-running process (the web server) keeps the last network of each workspace, its
advocate scores and what `kept_answer` computes from it in memory under the same rule: reading the
snapshot and scoring every contact again cost more than most pages. A write anywhere (this
process, a command, another server) renews the data version, so the next request loads
afresh. A transaction that writes may read what is kept (as it would the snapshot) but never
keeps or saves anything: what it sees may yet be rolled back, and its version is renewed
only when it commits.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from sqlalchemy.orm import Session

from goodword.advocates import network as snapshot
from goodword.advocates.network import Network
from goodword.advocates.scoring import AdvocateScores, score_contacts
from goodword.advocates.signals import day_of, load_network
from goodword.config import cache_dir
from goodword.storage.memo import data_version, database_key, writes
from goodword.storage.session import workspace_id

_SERVES_DAYS = 1.0
# A network scored a little after a request's `now` serves it too: a request that began while
# another was scoring it need not score it again (strengths fade by under 0.6 % a day).
_AHEAD_DAYS = 1 / 24
# Networks kept in memory, the least recently used dropped first: a process serves one
# workspace, or a handful (tests, a script walking several databases).
_KEPT_MAX = 4
# Answers kept per network (`kept_answer`): the agenda, paths to the ideal clients and to the
# people last looked at.
_DERIVED_MAX = 64

T = TypeVar("T")


@dataclass
class _Kept:
    """A network and, once asked for, its advocate scores (pure functions of the network)."""

    network: Network
    _scores: AdvocateScores | None = None
    _derived: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def scores(self) -> AdvocateScores:
        with self._lock:
            if self._scores is None:
                self._scores = _frozen(score_contacts(self.network))
            return self._scores

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._derived:
                self._derived.move_to_end(key)
                found: T = self._derived[key]
                return found
        value = compute()  # outside the lock: two requests at once compute the same answer
        with self._lock:
            self._derived[key] = value
            while len(self._derived) > _DERIVED_MAX:
                self._derived.popitem(last=False)
        return value


_kept: OrderedDict[Path, _Kept] = OrderedDict()
_kept_lock = threading.Lock()
# One load or build at a time: requests arriving together after a write wait for the first
# instead of each reading the whole network again.
_loading = threading.Lock()


def network_for(session: Session, *, now: datetime, as_of: datetime | None = None) -> Network:
    """The network at `as_of` (default: now), scored at `now`."""
    return _network(session, now=now, as_of=as_of).network


def scored_for(
    session: Session, *, now: datetime, as_of: datetime | None = None
) -> tuple[Network, AdvocateScores]:
    """The network as `network_for` gives it, with every contact's advocate score."""
    kept = _network(session, now=now, as_of=as_of)
    return kept.network, kept.scores()


def kept_answer(
    session: Session,
    *,
    now: datetime,
    key: Hashable,
    compute: Callable[[], T],
    as_of: datetime | None = None,
) -> T:
    """`compute()`, kept with the workspace's network as long as that serves: for an answer
    that depends on nothing but the stored data, the network scored at `now` and `key`.
    Callers share what is kept, so they must not change it.

    An answer as of another moment, a write transaction, or one whose network is never kept
    (see `snapshot_path`) is always computed afresh.
    """
    if as_of is not None or writes(session) or snapshot_path(session) is None:
        return compute()
    return _network(session, now=now, as_of=None).derived(key, compute)


def _network(session: Session, *, now: datetime, as_of: datetime | None) -> _Kept:
    version = data_version(session)
    path = None if as_of is not None else snapshot_path(session)
    if path is None:
        return _Kept(load_network(session, now=now, as_of=as_of, data_version=version))
    if (kept := _kept_now(path, version, now)) is not None:
        return kept
    if writes(session):
        return _Kept(_stored_or_built(session, path, version, now, save=False))
    with _loading:
        if (kept := _kept_now(path, version, now)) is not None:
            return kept
        kept = _Kept(_frozen(_stored_or_built(session, path, version, now, save=True)))
        with _kept_lock:
            _kept[path] = kept
            _kept.move_to_end(path)
            while len(_kept) > _KEPT_MAX:
                _kept.popitem(last=False)
        return kept


def _stored_or_built(
    session: Session, path: Path, version: int, now: datetime, *, save: bool
) -> Network:
    """The snapshot at `path` while it serves, else the network read afresh (and saved, when
    `save`: never from a write, which may yet be rolled back)."""
    network = snapshot.load(path)
    if network is not None and _serves(network, version, now):
        return network
    network = load_network(session, now=now, data_version=version)
    if save:
        with contextlib.suppress(OSError):  # a read-only folder costs speed, not answers
            snapshot.save(network, path)
    return network


def _kept_now(path: Path, version: int, now: datetime) -> _Kept | None:
    with _kept_lock:
        kept = _kept.get(path)
        if kept is None or not _serves(kept.network, version, now):
            return None
        _kept.move_to_end(path)
        return kept


def _serves(network: Network, version: int, now: datetime) -> bool:
    age = day_of(now) - network.now_day
    return network.data_version == version and -_AHEAD_DAYS <= age < _SERVES_DAYS


def _frozen(value: T) -> T:
    """`value` with every array in it made read-only: it is shared by every request, so a
    caller changing it in place would fail at once instead of changing the next answer."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            _frozen(getattr(value, f.name))
    return value


def snapshot_path(session: Session) -> Path | None:
    """Where this workspace's snapshot lives; None when it must not be cached.

    A session on a bare connection (inside someone else's transaction) sees data that may
    yet be rolled back, so it never reads or writes a snapshot.
    """
    database = database_key(session)
    if database is None:
        return None
    wid = workspace_id(session)
    if session.get_bind().dialect.name == "sqlite":
        file = Path(database)
        return file.with_name(f"{file.name}.graph-{wid}.npz")
    key = hashlib.sha256(database.encode()).hexdigest()[:16]
    return cache_dir() / f"graph-{key}-{wid}.npz"
