"""Sessions know their workspace, so every query can be scoped to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

from goodword.config import region_override
from goodword.errors import InvalidInput, NotFound
from goodword.storage.base import WorkspaceRow
from goodword.storage.folding import folded
from goodword.text import clean_name, contains_pattern, fold, parse_region

T = TypeVar("T")


def workspace_id(session: Session) -> int:
    """The workspace a session was opened for (set by `Workspace.transaction`)."""
    value = session.info.get("workspace_id")
    if not isinstance(value, int):
        raise RuntimeError("This session was not opened through Workspace.transaction().")
    return value


def workspace_currency(session: Session) -> str:
    """The currency amounts are in when the user names none."""
    return session.get_one(WorkspaceRow, workspace_id(session)).currency


def phone_region(session: Session) -> str:
    """The country national phone numbers are read in: `GOODWORD_REGION`, else the workspace's.

    Raises: InvalidInput when `GOODWORD_REGION` is not a country code.
    """
    if override := region_override():
        try:
            return parse_region(override)
        except InvalidInput as exc:
            raise InvalidInput(f"GOODWORD_REGION: {exc.message}") from None
    return session.get_one(WorkspaceRow, workspace_id(session)).phone_region


def get_scoped(session: Session, model: type[T], row_id: int, *, what: str, hint: str) -> T:
    """A row by id, only if it belongs to the session's workspace.

    Raises: NotFound naming `what`; another workspace's row is reported as missing too.
    """
    row = session.get(model, row_id)
    if row is None or getattr(row, "workspace_id", None) != workspace_id(session):
        raise NotFound(f"No {what} #{row_id}.", hint=hint)
    return row


def by_name(
    session: Session, query: Select[T], column: Any, text: str, *, limit: int
) -> Sequence[T]:
    """Rows whose `column` is `text` as typed, else ignoring case and accents, else contains
    it: how a REF names things, so `siobhan` finds Siobhán as search does.

    At most `limit` rows; an empty result means nothing matched either way.
    """
    typed = clean_name(text)
    key = fold(typed)
    for condition in (
        column == typed,
        folded(column) == key,
        folded(column).like(contains_pattern(key), escape="\\"),
    ):
        if found := session.scalars(query.where(condition).limit(limit)).all():
            return found
    return []
