"""`goodword interaction …`: list, correct and delete what `goodword log` recorded."""

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from goodword.cli import render
from goodword.cli.confirm import confirm_delete
from goodword.cli.options import Json, Limit, Yes, parse_choice
from goodword.cli.state import state
from goodword.interactions.models import InteractionKind
from goodword.interactions.queries import get_interaction, list_interactions, views_of
from goodword.interactions.schemas import InteractionView
from goodword.interactions.service import delete_interaction, edit_interaction
from goodword.people.queries import resolve_person
from goodword.text import parse_when

interaction_app = typer.Typer(
    help="List, correct and delete interactions (record them with `goodword log`).",
    no_args_is_help=True,
)
InteractionId = Annotated[int, typer.Argument(metavar="ID", help="The interaction's id.")]


def register(app: typer.Typer) -> None:
    app.add_typer(interaction_app, name="interaction")


@interaction_app.command("list")
def list_(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(metavar="[REF]", help="Only those this person took part in."),
    ] = None,
    limit: Limit = 100,
    json: Json = False,
) -> None:
    """List interactions, newest first, with their ids."""
    with state(ctx).workspace().read() as session:
        person = resolve_person(session, ref) if ref is not None else None
        found = list_interactions(session, person=person, limit=limit or None)
    if json:
        render.emit_json(found)
    else:
        render.interactions(found)
    render.cut_short(len(found), limit)


@interaction_app.command("edit")
def edit(
    ctx: typer.Context,
    interaction_id: InteractionId,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND", help="meeting, coffee, call, video, email, message, event or brief."
        ),
    ] = None,
    at: Annotated[
        str | None, typer.Option(metavar="DATE", help="When: YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="New note ('' clears it).")
    ] = None,
    they_initiated: Annotated[
        bool | None,
        typer.Option("--they-initiated/--i-initiated", help="Who reached out: them, or you."),
    ] = None,
    json: Json = False,
) -> None:
    """Correct an interaction's kind, date, note or who reached out."""
    interaction_kind = (
        parse_choice(InteractionKind, kind, what="interaction kind") if kind is not None else None
    )
    when = parse_when(at, what="interaction date") if at is not None else None
    with state(ctx).workspace().transaction() as session:
        interaction = edit_interaction(
            session,
            interaction=get_interaction(session, interaction_id),
            kind=interaction_kind,
            at=when,
            note=note,
            they_initiated=they_initiated,
        )
        (view,) = views_of(session, [interaction])
    if json:
        render.emit_json(view)
    else:
        render.done(f"Updated {_label(view)}")


@interaction_app.command("delete")
def delete(ctx: typer.Context, interaction_id: InteractionId, yes: Yes = False) -> None:
    """Delete an interaction; the people who took part stay."""
    workspace = state(ctx).workspace()
    confirm_delete(workspace, yes=yes, describe=lambda session: _deleting(session, interaction_id))
    with workspace.transaction() as session:
        interaction = get_interaction(session, interaction_id)
        (view,) = views_of(session, [interaction])
        delete_interaction(session, interaction=interaction)
    render.done(f"Deleted {_label(view)}; the people stay.")


def _deleting(session: Session, interaction_id: int) -> str:
    (view,) = views_of(session, [get_interaction(session, interaction_id)])
    return f"Deleting {_label(view)} removes it from their timelines (the people stay)."


def _label(view: InteractionView) -> str:
    others = [p.name for p in view.people if not p.is_me] or [p.name for p in view.people]
    return f"{view.kind} #{view.id} on {view.at[:10]} with {', '.join(others)}"
