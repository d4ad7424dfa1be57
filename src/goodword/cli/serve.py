"""`goodword serve`: the web app and its JSON API on this machine."""

import importlib
from typing import Annotated

import typer

from goodword.cli import render
from goodword.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(metavar="HOST", help="Address to listen on (127.0.0.1: this machine only)."),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, metavar="PORT", help="Port to listen on.")
    ] = 8000,
    open_: Annotated[bool, typer.Option("--open", help="Open the app in your browser.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=16,
            metavar="N",
            help="Processes answering requests (default: 2 on a machine with 2 cores or more).",
        ),
    ] = None,
) -> None:
    """Serve the web app and its JSON API (/api/v1, docs at /docs) until Ctrl-C."""
    try:
        # By name: the CLI starts the web adapter as uvicorn would, and neither imports the
        # other's code (the layer contract keeps them apart).
        server = importlib.import_module("goodword.web.server")
    except ModuleNotFoundError as exc:
        render.error(f"The web app needs its extra packages ({exc.name} is missing).")
        render.error("Install them with: pip install 'goodword[web]'")
        raise typer.Exit(1) from None
    workspace = state(ctx).workspace()
    if host not in server.LOOPBACK:
        render.warn(
            f"Listening on {host}: anyone who can reach this address can read and change your "
            "network. There is no authentication yet; use 127.0.0.1 unless you mean it."
        )
    render.done(f"goodword is serving {state(ctx).target} at {server.url_of(host, port)}")
    render.done("Press Ctrl-C to stop.")
    server.serve(
        workspace,
        target=state(ctx).target,
        host=host,
        port=port,
        open_browser=open_,
        workers=workers or server.default_workers(),
    )
