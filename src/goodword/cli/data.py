"""Database and sample-data commands: init, db upgrade|current, demo, summary."""

from typing import Annotated

import typer

from goodword.cli import render
from goodword.cli.options import Json
from goodword.cli.state import state
from goodword.clock import utcnow
from goodword.errors import Conflict
from goodword.people.service import set_home_currency
from goodword.profiles.stats import network_counts
from goodword.storage import schema
from goodword.text import parse_currency

db_app = typer.Typer(help="Create and upgrade the database schema.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.add_typer(db_app, name="db")
    app.command("demo")(demo)
    app.command("summary")(summary)


def init(
    ctx: typer.Context,
    currency: Annotated[
        str | None,
        typer.Option(
            metavar="CODE",
            help="The workspace's currency (ISO 4217, such as GBP; default USD); "
            "`me set --currency` changes it later.",
        ),
    ] = None,
) -> None:
    """Create (or upgrade) the database and the workspace, ready to use."""
    st = state(ctx)
    code = parse_currency(currency) if currency is not None else None
    with st.noting_creation():
        schema.upgrade_database(st.target)
    workspace = st.workspace()
    if code is not None:
        with workspace.transaction() as session:
            set_home_currency(session, code=code)
    render.done(f"Ready: workspace '{workspace.name}' at {st.target}")


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Apply every pending migration."""
    st = state(ctx)
    with st.noting_creation():
        before, after = schema.upgrade_database(st.target)
    render.done(f"Schema at {after}" + (f" (was {before})" if before != after else " (no change)"))


@db_app.command("current")
def current(ctx: typer.Context, json: Json = False) -> None:
    """Show the schema revision of the database and the newest this version knows."""
    st = state(ctx)
    with st.noting_creation():
        revision = schema.database_revision(st.target)
    head = schema.head_revision()
    if json:
        render.emit_json({"current": revision, "head": head, "up_to_date": revision == head})
    else:
        render.done(f"current: {revision or 'none'}  head: {head}")


def demo(
    ctx: typer.Context,
    people: Annotated[
        int, typer.Option(min=10, metavar="N", help="How many people in the network.")
    ] = 5000,
    seed: Annotated[
        int, typer.Option(metavar="SEED", help="Random seed; the same seed gives the same data.")
    ] = 42,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing (and succeed) if there is data.")
    ] = False,
) -> None:
    """Fill an empty database with a realistic sample network."""
    # Imported here: the generator's name lists are not needed by any other command.
    from goodword.demo import fill_demo, require_empty

    workspace = state(ctx).workspace()
    try:
        require_empty(workspace)
    except Conflict:
        if not if_empty:
            raise
        render.warn("The database already holds a network; leaving it as it is.")
        return
    render.warn(f"Creating a sample network of {people:,} people…")
    filled = fill_demo(workspace, people=people, seed=seed, now=utcnow())
    render.done(
        f"Demo network for {filled.owner}: {filled.people:,} people, {filled.ties:,} ties, "
        f"{filled.interactions:,} interactions, {filled.referrals} referrals."
    )


def summary(ctx: typer.Context, json: Json = False) -> None:
    """Count what the network holds."""
    with state(ctx).workspace().read() as session:
        counts = network_counts(session)
    if json:
        render.emit_json(dict(counts))
    else:
        render.counts("Your network", counts)
