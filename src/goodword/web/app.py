"""The app factory: one workspace, the API, the pages, the static files and the guards."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from goodword import __version__
from goodword.config import cache_dir
from goodword.web import api, errors, pages
from goodword.web.deps import no_nul
from goodword.web.security import LocalOnly, check_csrf
from goodword.web.templating import HERE
from goodword.web.uploads import Uploads
from goodword.workspace import Workspace


def create_app(
    workspace: Workspace, *, allowed_hosts: Iterable[str] | None, uploads: Path | None = None
) -> FastAPI:
    """The web app over `workspace`; `allowed_hosts` are the Host values it answers
    (`127.0.0.1:8000`, …), or None to answer any (a server bound to every address).
    Files uploaded for import wait in `uploads` (default: `uploads` in the cache folder)."""
    app = FastAPI(
        title="goodword",
        version=__version__,
        summary="Relationship-first networking: find and nurture the advocates who refer you.",
        dependencies=[Depends(check_csrf), Depends(no_nul)],
    )
    app.state.workspace = workspace
    app.state.uploads = Uploads(
        uploads or cache_dir() / "uploads",
        workspace=_identity(workspace),
    )
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(LocalOnly, allowed_hosts=allowed_hosts)
    return app


def _identity(workspace: Workspace) -> str:
    """Which database and workspace an upload is for: servers of others share the folder."""
    url = workspace.engine.url.render_as_string(hide_password=True)
    return hashlib.sha256(f"{url}\n{workspace.name}".encode()).hexdigest()


def local_hosts(host: str, port: int) -> list[str]:
    """The Host values a browser sends for a server on `host`: loopback has two names."""
    names = {host}
    if host in ("127.0.0.1", "localhost", "::1"):
        names |= {"127.0.0.1", "localhost"}
    bracketed = [f"[{n}]" if ":" in n else n for n in names]
    return sorted({*bracketed, *(f"{n}:{port}" for n in bracketed)})
