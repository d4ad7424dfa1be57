"""Nurture: `agenda`, `tier` and `settings`."""

from typing import Annotated

import typer

from goodword.cli import render
from goodword.cli.options import Json
from goodword.cli.state import state
from goodword.clock import utcnow
from goodword.text import parse_date

settings_app = typer.Typer(
    help="Workspace settings: stay-in-touch cadences, the agenda's daily limit …",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.command("agenda")(agenda)
    app.command("tier")(tier)
    app.add_typer(settings_app, name="settings")


def agenda(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The day to plan, YYYY-MM-DD (default: today)."),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="At most this many today (default: agenda.limit)."),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Everything, nothing left for later.")
    ] = False,
    json: Json = False,
) -> None:
    """Today's actions: who to follow up, thank, brief or stay in touch with, and why."""
    from goodword.cli.render_nurture import agenda as show
    from goodword.nurture.queries import daily_agenda

    now = utcnow()
    day = parse_date(date, what="agenda date") if date else now.date()
    # Scores as they stand now, which the graph snapshot serves: another day's plan differs
    # in what falls due, not in who your advocates are.
    with state(ctx).workspace().read() as session:
        found = daily_agenda(session, now=now, today=day, limit=limit, everything=all_)
    if json:
        render.emit_json(found)
    else:
        show(found)


def tier(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="Id, e-mail, or (unique) name.")],
    value: Annotated[
        str,
        typer.Argument(
            metavar="TIER",
            help="inner, active, potential, none, or auto (the tier suggested from the score).",
        ),
    ],
) -> None:
    """Set a person's stay-in-touch tier (auto: the one suggested from their advocate score)."""
    from goodword.nurture.service import choose_tier, parse_tier

    parse_tier(value)  # before opening: a bad tier creates no database
    with state(ctx).workspace().transaction() as session:
        person, view = choose_tier(session, ref=ref, tier=value, now=utcnow())
        name = person.name
    how = "set by you" if view.set_by_you else "auto"
    cadence = f", every {view.cadence_days} days" if view.cadence_days else ""
    render.done(f"{name}: tier {view.value} ({how}{cadence}; suggested: {view.suggested})")


@settings_app.command("list")
def settings_list(ctx: typer.Context, json: Json = False) -> None:
    """List every setting with its value and default."""
    from goodword.cli.render_nurture import settings as show
    from goodword.settings.queries import list_settings

    with state(ctx).workspace().read() as session:
        found = list_settings(session)
    if json:
        render.emit_json(found)
    else:
        show(found)


@settings_app.command("set")
def settings_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(metavar="KEY", help="e.g. cadence.inner, agenda.limit.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="A whole number.")],
) -> None:
    """Change a setting (see `settings list` for the keys)."""
    from goodword.settings.service import set_setting

    with state(ctx).workspace().transaction() as session:
        view = set_setting(session, key=key, value=value)
    default = " (the default)" if view.is_default else f" (default {view.default})"
    render.done(f"{view.key} = {view.value} {view.unit}{default}")
