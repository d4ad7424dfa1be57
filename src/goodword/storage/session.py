"""Sessions know their workspace, so every query can be scoped to it."""

from __future__ import annotations

from sqlalchemy.orm import Session


def workspace_id(session: Session) -> int:
    """The workspace a session was opened for (set by `Workspace.transaction`)."""
    value = session.info.get("workspace_id")
    if not isinstance(value, int):
        raise RuntimeError("This session was not opened through Workspace.transaction().")
    return value
