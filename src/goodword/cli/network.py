"""Who knows whom, events, and interactions: `knows`, `event`, `met`, `log`."""

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from goodword.cli import render
from goodword.cli.confirm import confirm_delete, counted
from goodword.cli.options import Currency, Json, Limit, Note, Yes, parse_choice
from goodword.cli.state import state
from goodword.clock import utcnow
from goodword.events.models import Event
from goodword.events.queries import EventRow, count_met_at, list_events, resolve_event
from goodword.events.schemas import EventView
from goodword.events.service import add_event, delete_event, edit_event
from goodword.interactions.models import InteractionKind
from goodword.people.queries import resolve_person
from goodword.profiles.service import log_my_interaction, record_met_refs
from goodword.relationships.kinds import TIE_WORDS, parse_tie_kind
from goodword.relationships.service import connect_people
from goodword.text import parse_currency, parse_day_and_time, parse_money, parse_when

event_app = typer.Typer(help="Events you go to.", no_args_is_help=True)
Refs = Annotated[list[str], typer.Argument(metavar="REF...", help="People: id, e-mail or name.")]


def register(app: typer.Typer) -> None:
    app.command("knows")(knows)
    app.add_typer(event_app, name="event")
    app.command("met")(met)
    app.command("log")(log)


def knows(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="REF", help="A person; plays the kind's first role.")],
    b: Annotated[str, typer.Argument(metavar="REF", help="Another person.")],
    strength: Annotated[
        float | None, typer.Option(metavar="0..1", help="How strong the tie is, 0 to 1.")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            metavar="KIND",
            help=f"The first REF's role: {', '.join(TIE_WORDS)}.",
        ),
    ] = "knows",
    note: Note = None,
) -> None:
    """Record that two people know each other (`me` for you)."""
    tie_kind, swapped = parse_tie_kind(kind)
    with state(ctx).workspace().transaction() as session:
        first, second = resolve_person(session, a), resolve_person(session, b)
        # `Ann --kind adviser Bob` is the client tie `Bob --kind client Ann`.
        plays_first, plays_second = (second, first) if swapped else (first, second)
        tie = connect_people(
            session, a=plays_first, b=plays_second, kind=tie_kind, strength=strength, note=note
        )
        role = tie.label_for(first.id)
    render.done(f"{first.name} ({role}) — {second.name}")


@event_app.command("add")
def event_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The event's name.")],
    on: Annotated[
        str,
        typer.Option(
            metavar="DATE", help="The day, YYYY-MM-DD, or YYYY-MM-DDTHH:MM with its local time."
        ),
    ],
    place: Annotated[str | None, typer.Option(metavar="PLACE", help="Where it is.")] = None,
    cost: Annotated[
        str | None, typer.Option(metavar="AMOUNT", help="What it cost you, e.g. 45.00.")
    ] = None,
    currency: Currency = None,
    json: Json = False,
) -> None:
    """Add an event."""
    starts_on, starts_time = parse_day_and_time(on, what="event date")
    amount = parse_money(cost, what="cost") if cost is not None else None
    code = parse_currency(currency) if currency else None
    with state(ctx).workspace().transaction() as session:
        event = add_event(
            session,
            name=name,
            starts_on=starts_on,
            starts_time=starts_time,
            place=place,
            cost=amount,
            currency=code,
        )
        view = EventView.of(EventRow(event=event, met=0))
    if json:
        render.emit_json(view)
    else:
        render.done(f"Added event {view.name} on {view.when} (#{view.id})")


@event_app.command("list")
def event_list(ctx: typer.Context, limit: Limit = 0, json: Json = False) -> None:
    """List events, newest first, with how many people you met at each."""
    with state(ctx).workspace().read() as session:
        found = [EventView.of(row) for row in list_events(session, limit=limit or None)]
    if json:
        render.emit_json(found)
    else:
        render.events(found)
    render.cut_short(len(found), limit)


EventRef = Annotated[str, typer.Argument(metavar="ID|NAME", help="The event: id or name.")]


@event_app.command("edit")
def event_edit(
    ctx: typer.Context,
    ref: EventRef,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="New name.")] = None,
    on: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="New day, YYYY-MM-DD, or YYYY-MM-DDTHH:MM with its local time (a day alone "
            "clears the time).",
        ),
    ] = None,
    place: Annotated[
        str | None, typer.Option(metavar="PLACE", help="Where it was ('' clears it).")
    ] = None,
    cost: Annotated[
        str | None,
        typer.Option(metavar="AMOUNT", help="What it cost you, e.g. 45.00 ('' clears it)."),
    ] = None,
    currency: Annotated[
        str | None, typer.Option(metavar="CODE", help="Currency code of the cost.")
    ] = None,
    json: Json = False,
) -> None:
    """Correct an event's name, date, place or cost."""
    starts_on, starts_time = (
        parse_day_and_time(on, what="event date") if on is not None else (None, None)
    )
    free = cost is not None and not cost.strip()
    amount = parse_money(cost, what="cost") if cost is not None and not free else None
    code = parse_currency(currency) if currency is not None else None
    with state(ctx).workspace().transaction() as session:
        event = edit_event(
            session,
            event=resolve_event(session, ref),
            name=name,
            starts_on=starts_on,
            starts_time=starts_time,
            place=place,
            cost=amount,
            currency=code,
            free=free,
        )
        view = EventView.of(EventRow(event=event, met=count_met_at(session, event=event)))
    if json:
        render.emit_json(view)
    else:
        render.done(f"Updated event {view.name} on {view.when} (#{view.id})")


@event_app.command("delete")
def event_delete(ctx: typer.Context, ref: EventRef, yes: Yes = False) -> None:
    """Delete an event and who you met there; the people stay."""
    workspace = state(ctx).workspace()
    confirm_delete(workspace, yes=yes, describe=lambda session: _unmeeting(session, ref))
    with workspace.transaction() as session:
        event = resolve_event(session, ref)
        label = _event_label(event)
        met = delete_event(session, event=event)
    render.done(f"Deleted {label}{_attendance(met, 'and')}")


def _event_label(event: Event) -> str:
    return f"event '{event.name}' on {event.when} (#{event.id})"


def _attendance(met: int, joiner: str) -> str:
    if not met:
        return "."
    people = counted(met, "person", "people")
    return f" {joiner} the record that you met {people} there; the people stay."


def _unmeeting(session: Session, ref: str) -> str:
    event = resolve_event(session, ref)
    met = count_met_at(session, event=event)
    return f"Deleting {_event_label(event)}{_attendance(met, 'also removes')}"


def met(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(metavar="EVENT", help="The event: id or name.")],
    refs: Refs,
) -> None:
    """Record people you met at an event; names not yet known are added."""
    with state(ctx).workspace().transaction() as session:
        met_at = record_met_refs(session, event_ref=event, refs=refs)
        names = ", ".join(p.name for p in met_at.people)
        created = ", ".join(p.name for p in met_at.created)
    render.done(f"Met at {met_at.event_name}: {names}")
    if created:
        render.warn(f"New people added: {created}")


def log(
    ctx: typer.Context,
    refs: Refs,
    kind: Annotated[
        str,
        typer.Option(
            metavar="KIND", help="meeting, coffee, call, video, email, message, event or brief."
        ),
    ],
    at: Annotated[
        str | None, typer.Option(metavar="DATE", help="When: YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
    ] = None,
    note: Note = None,
    they_initiated: Annotated[
        bool, typer.Option("--they-initiated", help="They reached out, not you.")
    ] = False,
) -> None:
    """Log an interaction you had with one or more people (they all took part)."""
    interaction_kind = parse_choice(InteractionKind, kind, what="interaction kind")
    when = parse_when(at, what="interaction date") if at else utcnow()
    with state(ctx).workspace().transaction() as session:
        interaction, people = log_my_interaction(
            session,
            refs=refs,
            kind=interaction_kind,
            at=when,
            note=note,
            they_initiated=they_initiated,
        )
        label = f"Logged {interaction.kind} #{interaction.id} with " + ", ".join(
            p.name for p in people
        )
    render.done(label)
