"""The network a command works on: loaded from its snapshot when the data has not changed
since, built from the store (and the snapshot written) when it has.

The snapshot sits beside a SQLite file, or in the user's cache directory for a server
database, and is keyed by the workspace's data version, which every committed write renews.
Strengths fade with time, so a snapshot serves the day after it was scored and is then
scored again: with a 120-day half-life a day moves any strength by under 0.6 %, while
reading a million-person network again costs far more than the answer it would change.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from goodword.advocates import network as snapshot
from goodword.advocates.network import Network
from goodword.advocates.signals import day_of, load_network
from goodword.config import cache_dir
from goodword.storage.base import WorkspaceRow
from goodword.storage.engine import sqlite_path
from goodword.storage.session import workspace_id

_SERVES_DAYS = 1.0


def network_for(session: Session, *, now: datetime, as_of: datetime | None = None) -> Network:
    """The network at `as_of` (default: now), scored at `now`."""
    version = session.scalar(
        select(WorkspaceRow.data_version).where(WorkspaceRow.id == workspace_id(session))
    )
    path = None if as_of is not None else snapshot_path(session)
    if path is not None:
        cached = snapshot.load(path)
        if (
            cached is not None
            and cached.data_version == version
            and 0 <= day_of(now) - cached.now_day < _SERVES_DAYS
        ):
            return cached
    built = load_network(session, now=now, as_of=as_of, data_version=version or 0)
    if path is not None:
        with contextlib.suppress(OSError):  # a read-only folder costs speed, not answers
            snapshot.save(built, path)
    return built


def snapshot_path(session: Session) -> Path | None:
    """Where this workspace's snapshot lives; None when it must not be cached.

    A session on a bare connection (inside someone else's transaction) sees data that may
    yet be rolled back, so it never reads or writes a snapshot.
    """
    bind = session.get_bind()
    if not isinstance(bind, Engine):
        return None
    wid = workspace_id(session)
    url = bind.url
    if url.get_backend_name() == "sqlite":
        file = sqlite_path(str(url))
        return None if file is None else file.with_name(f"{file.name}.graph-{wid}.npz")
    key = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:16]
    return cache_dir() / f"graph-{key}-{wid}.npz"
