"""Running the app under uvicorn on one workspace (what `goodword serve` starts).

With more than one worker, uvicorn starts that many processes sharing the port, and each
opens the workspace itself (`app_from_environment`): pages are computed in Python, which one
process runs on one core at a time, so a second process lets two requests compute at once.
What a worker keeps in memory (the network, the day's agenda) is checked against the data
version stored in the database on every request, so a write through any worker or command
reaches every worker's next answer.
"""

from __future__ import annotations

import json
import os
import threading
import webbrowser

from fastapi import FastAPI

from goodword.storage.engine import sqlite_path
from goodword.web.app import create_app, local_hosts
from goodword.workspace import Workspace, open_workspace

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD = frozenset({"0.0.0.0", "::", ""})
# How the serving process tells its workers what to open: the database, the workspace and
# the Host values to answer (JSON).
_WORKER_SETUP = "GOODWORD_SERVE_WORKER"


def default_workers() -> int:
    """Two where there are two cores or more: enough for a few browser tabs and scripts at
    once without crowding a laptop."""
    return min(2, os.cpu_count() or 1)


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in WILDCARD else host
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}/"


def serve(
    workspace: Workspace,
    *,
    target: str,
    host: str,
    port: int,
    open_browser: bool,
    workers: int = 1,
) -> None:
    """Serves until interrupted. A wildcard address answers any Host (its names are unknown);
    any other answers only its own. `target` is the database `workspace` was opened from,
    which each worker opens again when there are several."""
    import uvicorn  # imported here: only serving needs it

    allowed = None if host in WILDCARD else local_hosts(host, port)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url_of(host, port),)).start()
    options = {"host": host, "port": port, "log_level": "warning", "server_header": False}
    if workers <= 1 or _in_memory(workspace):
        uvicorn.run(create_app(workspace, allowed_hosts=allowed), **options)  # type: ignore[arg-type]
        return
    setup = {"target": target, "workspace": workspace.name, "allowed_hosts": allowed}
    os.environ[_WORKER_SETUP] = json.dumps(setup)
    workspace.close()  # each worker opens its own; this process only watches them
    uvicorn.run(
        f"{__name__}:app_from_environment",
        factory=True,
        workers=workers,
        **options,  # type: ignore[arg-type]
    )


def _in_memory(workspace: Workspace) -> bool:
    """A database in memory exists in this process alone: its workers would each see another."""
    url = workspace.engine.url
    return url.get_backend_name() == "sqlite" and sqlite_path(str(url)) is None


def app_from_environment() -> FastAPI:
    """The app of one worker process, over the workspace its serving process named."""
    setup = json.loads(os.environ[_WORKER_SETUP])
    workspace = open_workspace(setup["target"], name=setup["workspace"])
    return create_app(workspace, allowed_hosts=setup["allowed_hosts"])
