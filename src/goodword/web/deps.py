"""What routes ask for: the workspace, a read session or a write transaction, `now`, and the
uploads waiting to be imported.

The transaction ends before the response is sent (`scope="function"`), so a failed commit
answers with an error instead of a success that did not happen.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from goodword.clock import utcnow
from goodword.errors import InvalidInput
from goodword.web.uploads import Uploads
from goodword.workspace import Workspace


def get_workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]


def get_uploads(request: Request) -> Uploads:
    uploads: Uploads = request.app.state.uploads
    return uploads


UploadsDep = Annotated[Uploads, Depends(get_uploads)]


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


async def no_nul(request: Request) -> None:
    """Raises: InvalidInput for a NUL character anywhere in the query, form or JSON body.

    No stored text holds one (PostgreSQL cannot), so a NUL would fail inside the database
    instead of being refused here with a message.
    """
    values: list[object] = list(request.query_params.values())
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/json"):
        with contextlib.suppress(ValueError):  # FastAPI reports a malformed body itself
            values.append(json.loads(await request.body()))
    elif kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        values += [v for v in (await request.form()).values() if isinstance(v, str)]
    if any(_holds_nul(value) for value in values):
        raise InvalidInput("The request holds a NUL character (\\0); remove it.")


def _holds_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False
