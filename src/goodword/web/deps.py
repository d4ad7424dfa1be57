"""What routes ask for: the workspace, a read session or a write transaction, and `now`.

The transaction ends before the response is sent (`scope="function"`), so a failed commit
answers with an error instead of a success that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from goodword.clock import utcnow
from goodword.errors import InvalidInput
from goodword.workspace import Workspace


def get_workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]


def read_session(workspace: WorkspaceDep) -> Iterator[Session]:
    with workspace.read() as session:
        yield session


def write_session(workspace: WorkspaceDep) -> Iterator[Session]:
    with workspace.transaction() as session:
        yield session


def now() -> datetime:
    return utcnow()


ReadSession = Annotated[Session, Depends(read_session, scope="function")]
WriteSession = Annotated[Session, Depends(write_session, scope="function")]
Now = Annotated[datetime, Depends(now)]


def plain_query(request: Request) -> None:
    """Raises: InvalidInput for a NUL character in the query string. No stored text holds one
    (PostgreSQL cannot), and a search for one would fail in the database, not match nothing.
    """
    if any("\x00" in value for value in request.query_params.values()):
        raise InvalidInput("The query string holds a NUL character (%00); remove it.")
