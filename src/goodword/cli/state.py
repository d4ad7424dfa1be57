"""What every command shares: which database, the debug flag, and opening the workspace."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

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
            with self.noting_creation():
                self._workspace = open_workspace(self.target, name=resolve_workspace_name())
        return self._workspace

    @contextmanager
    def noting_creation(self) -> Iterator[None]:
        """Says where a database file the block creates is, so a relative `GOODWORD_DB` in the
        wrong folder is noticed at once instead of as a network gone missing."""
        created = new_database_file(self.target)
        yield
        if created is not None and created.exists():
            from goodword.cli import render  # imported here: only a new file needs it

            render.warn(f"Created a new database at {created}")

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def new_database_file(target: str) -> Path | None:
    """The absolute path of the SQLite file `target` names, if that file does not exist yet."""
    if "://" in target or target == ":memory:":
        return None
    path = Path(target).expanduser().resolve()
    return None if path.exists() else path


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj
