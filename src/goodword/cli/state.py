"""What every command shares: which database, the debug flag, and opening the workspace."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer

from goodword.config import resolve_database, resolve_workspace_name
from goodword.workspace import Workspace, open_workspace


@dataclass
class State:
    db: str | None = None
    debug: bool = False
    _workspace: Workspace | None = field(default=None, repr=False)

    @property
    def target(self) -> str:
        return resolve_database(self.db)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = open_workspace(self.target, name=resolve_workspace_name())
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj
