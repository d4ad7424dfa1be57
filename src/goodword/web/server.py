"""Running the app under uvicorn on one workspace (what `goodword serve` starts)."""

from __future__ import annotations

import threading
import webbrowser

from goodword.web.app import create_app, local_hosts
from goodword.workspace import Workspace

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD = frozenset({"0.0.0.0", "::", ""})


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in WILDCARD else host
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}/"


def serve(workspace: Workspace, *, host: str, port: int, open_browser: bool) -> None:
    """Serves until interrupted. A wildcard address answers any Host (its names are unknown);
    any other answers only its own."""
    import uvicorn  # imported here: only serving needs it

    allowed = None if host in WILDCARD else local_hosts(host, port)
    app = create_app(workspace, allowed_hosts=allowed)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url_of(host, port),)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
