"""`goodword followup …`: schedule, complete, snooze and list follow-ups."""

from typing import Annotated

import typer

from goodword.cli import render
from goodword.cli.confirm import ask_to_delete
from goodword.cli.options import Json, Yes
from goodword.cli.state import state
from goodword.clock import utcnow
from goodword.followups.queries import followup_views, list_followups
from goodword.followups.service import (
    complete_followup,
    delete_followup,
    edit_followup,
    get_followup,
    schedule_followup,
    snooze_followup,
)
from goodword.people.queries import resolve_person
from goodword.text import parse_date

followup_app = typer.Typer(help="Follow-ups: what to do for whom, and when.", no_args_is_help=True)
FollowupId = Annotated[int, typer.Argument(metavar="ID", help="The follow-up's id.")]
Reason = Annotated[str | None, typer.Option(metavar="TEXT", help="Why, or what to do.")]
Every = Annotated[
    str | None,
    typer.Option(metavar="RULE", help="Repeat: 'every 30 days', 'monthly', 'quarterly' …"),
]


def register(app: typer.Typer) -> None:
    app.add_typer(followup_app, name="followup")


@followup_app.command("add")
def add(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="Who to follow up with.")],
    on: Annotated[
        str, typer.Option(metavar="DATE", help="Due date, YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
    ],
    reason: Reason = None,
    every: Every = None,
) -> None:
    """Schedule a follow-up, once or on a cadence."""
    due = parse_date(on, what="due date")
    with state(ctx).workspace().transaction() as session:
        person = resolve_person(session, ref)
        followup = schedule_followup(session, person=person, due_on=due, reason=reason, rule=every)
        text = f"Follow-up #{followup.id} with {person.name} due {followup.due_on}"
    render.done(text + (f", {followup.rule}" if followup.rule else ""))


@followup_app.command("done")
def done(ctx: typer.Context, followup_id: FollowupId) -> None:
    """Mark a follow-up done (a recurring one schedules its next)."""
    with state(ctx).workspace().transaction() as session:
        following = complete_followup(
            session, followup=get_followup(session, followup_id), now=utcnow()
        )
        text = f"Follow-up #{followup_id} done"
        if following is not None:
            text += f"; next #{following.id} due {following.due_on}"
    render.done(text)


@followup_app.command("snooze")
def snooze(
    ctx: typer.Context,
    followup_id: FollowupId,
    until: Annotated[
        str,
        typer.Option(
            metavar="DATE", help="Snooze until this date, YYYY-MM-DD or YYYY-MM-DDTHH:MM."
        ),
    ],
) -> None:
    """Put a follow-up off until a later date."""
    day = parse_date(until, what="snooze date")
    with state(ctx).workspace().transaction() as session:
        followup = snooze_followup(
            session, followup=get_followup(session, followup_id), until=day, today=utcnow().date()
        )
        text = f"Follow-up #{followup.id} snoozed until {followup.snoozed_until}"
    render.done(text)


@followup_app.command("edit")
def edit(
    ctx: typer.Context,
    followup_id: FollowupId,
    on: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="New due date, YYYY-MM-DD or YYYY-MM-DDTHH:MM (ends a snooze)."
        ),
    ] = None,
    reason: Reason = None,
    every: Every = None,
    once: Annotated[bool, typer.Option("--once", help="Stop repeating.")] = False,
    json: Json = False,
) -> None:
    """Correct a follow-up: its due date, reason or cadence."""
    due = parse_date(on, what="due date") if on else None
    with state(ctx).workspace().transaction() as session:
        followup = edit_followup(
            session,
            followup=get_followup(session, followup_id),
            due_on=due,
            reason=reason,
            rule=every,
            once=once,
        )
        [view] = followup_views(session, [followup], today=utcnow().date())
    if json:
        render.emit_json(view)
    else:
        repeats = f", {view.rule}" if view.rule else ""
        render.done(f"Follow-up #{view.id} with {view.person.name} due {view.due_on}{repeats}")


@followup_app.command("delete")
def delete(ctx: typer.Context, followup_id: FollowupId, yes: Yes = False) -> None:
    """Delete a follow-up (a recurring one stops; the person stays)."""
    workspace = state(ctx).workspace()
    with workspace.read() as session:
        followup = get_followup(session, followup_id)
        [view] = followup_views(session, [followup], today=utcnow().date())
    repeats = f" (it repeats {view.rule}; no next one is scheduled)" if view.rule else ""
    ask_to_delete(
        f"Deleting follow-up #{view.id} with {view.person.name} due {view.due_on}{repeats}.",
        yes=yes,
    )
    with workspace.transaction() as session:
        delete_followup(session, followup=get_followup(session, followup_id))
    render.done(f"Deleted follow-up #{view.id}.")


@followup_app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include done ones.")] = False,
    limit: Annotated[
        int, typer.Option(min=0, metavar="N", help="At most this many, soonest first (0: all).")
    ] = 0,
    json: Json = False,
) -> None:
    """List open follow-ups by due date."""
    with state(ctx).workspace().read() as session:
        found = list_followups(
            session, today=utcnow().date(), include_done=all_, limit=limit or None
        )
    if json:
        render.emit_json(found)
    else:
        render.followups(found)
    render.cut_short(len(found), limit)
