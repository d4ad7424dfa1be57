"""Sessions know their workspace, so every query can be scoped to it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from goodword.storage.base import WorkspaceRow


def workspace_id(session: Session) -> int:
    """The workspace a session was opened for (set by `Workspace.transaction`)."""
    value = session.info.get("workspace_id")
    if not isinstance(value, int):
        raise RuntimeError("This session was not opened through Workspace.transaction().")
    return value


def workspace_currency(session: Session) -> str:
    """The currency amounts are in when the user names none."""
    return session.get_one(WorkspaceRow, workspace_id(session)).currency
