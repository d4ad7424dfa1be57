"""Answers kept in memory until a workspace's data changes.

Every committed write renews the workspace's data version (`Workspace.transaction`), so what
was read from the stored data alone holds while the version it was read at is current. A
long-running process (the web server) keeps such reads instead of repeating them on every
request; each use reads the version (one indexed row) and a write anywhere, by any process,
makes the next use read afresh. What also depends on the moment (tie strengths fade) keeps
only what it read and computes the rest each time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from goodword.storage.base import WorkspaceRow
from goodword.storage.engine import WRITE_LOCK, sqlite_path
from goodword.storage.session import workspace_id

T = TypeVar("T")
# Workspaces kept, the least recently used dropped first, and answers kept for each.
_PLACES_MAX = 4
_ANSWERS_MAX = 256


@dataclass
class _Place:
    version: int
    answers: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)


_places: OrderedDict[tuple[str, int], _Place] = OrderedDict()
_lock = threading.Lock()


def data_version(session: Session) -> int:
    """The token every committed write of the session's workspace renews."""
    found = session.scalar(
        select(WorkspaceRow.data_version).where(WorkspaceRow.id == workspace_id(session))
    )
    return found or 0


def database_key(session: Session) -> str | None:
    """Which database the session reads (a SQLite file, or a server URL and schema: databases
    reached through one URL differ by search_path alone); None when nothing read through it
    may be kept: a bare connection (inside someone else's transaction, which may yet be
    rolled back) or a database in memory (each engine has its own)."""
    bind = session.get_bind()
    if not isinstance(bind, Engine):
        return None
    url = bind.url
    if url.get_backend_name() == "sqlite":
        file = sqlite_path(str(url))
        return None if file is None else str(file)
    return f"{url.render_as_string(hide_password=True)}|{bind.dialect.default_schema_name}"


def writes(session: Session) -> bool:
    """Whether the session is a write transaction: what it reads may yet be rolled back, and
    its data version is renewed only when it commits."""
    return WRITE_LOCK in session.get_bind().get_execution_options()


def kept_while_unchanged(session: Session, *, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` — which must read nothing but the stored data — kept until the workspace's
    data version changes. Callers share what is kept, so they must not change it. A write
    transaction, or a session whose reads are never kept (`database_key`), computes afresh."""
    database = database_key(session)
    if database is None or writes(session):
        return compute()
    version = data_version(session)
    where = (database, workspace_id(session))
    with _lock:
        place = _places.get(where)
        if place is not None and place.version == version and key in place.answers:
            place.answers.move_to_end(key)
            _places.move_to_end(where)
            found: T = place.answers[key]
            return found
    value = compute()  # outside the lock: two requests at once compute the same answer
    with _lock:
        place = _places.get(where)
        if place is None or place.version != version:
            place = _places[where] = _Place(version)
        place.answers[key] = value
        _places.move_to_end(where)
        while len(place.answers) > _ANSWERS_MAX:
            place.answers.popitem(last=False)
        while len(_places) > _PLACES_MAX:
            _places.popitem(last=False)
    return value
