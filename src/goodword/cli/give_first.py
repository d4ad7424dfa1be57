"""Give first: `suggest-intros` finds introductions you can make, `introduce` records one."""

from typing import Annotated

import typer

from goodword.cli import render
from goodword.cli.options import Json, Note
from goodword.cli.state import state
from goodword.clock import utcnow
from goodword.text import parse_when

Top = Annotated[int, typer.Option(min=1, metavar="N", help="At most this many.")]


def register(app: typer.Typer) -> None:
    app.command("suggest-intros")(suggest_intros)
    app.command("introduce")(introduce)


def suggest_intros(ctx: typer.Context, top: Top = 10, json: Json = False) -> None:
    """Introductions you can make between your contacts (needs and offers, clients sought,
    partners for the same clients), best first, with the reasons."""
    from goodword.cli import render_network
    from goodword.intros.suggestions import suggest_introductions

    with state(ctx).workspace().read() as session:
        rows = suggest_introductions(session, now=utcnow(), top=top)
    if json:
        render.emit_json(rows)
    else:
        render_network.intro_suggestions(rows)


def introduce(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="REF", help="One person: id, e-mail or name.")],
    b: Annotated[str, typer.Argument(metavar="REF", help="The person you introduced them to.")],
    note: Note = None,
    at: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="When: YYYY-MM-DD or YYYY-MM-DDTHH:MM (default now)."),
    ] = None,
    json: Json = False,
) -> None:
    """Record an introduction you made: an introduction given to both, a tie between them and
    an e-mail between the three of you."""
    from goodword.intros.schemas import IntroductionView
    from goodword.intros.service import introduce_people
    from goodword.people.queries import summaries_by_id

    when = parse_when(at, what="introduction date") if at is not None else utcnow()
    with state(ctx).workspace().transaction() as session:
        made = introduce_people(session, a_ref=a, b_ref=b, at=when, note=note)
        people = summaries_by_id(session, {p.id for p in made.people})
        view = IntroductionView(
            people=[people[p.id] for p in made.people],
            ledger_entry_ids=[e.id for e in made.gives],
            tie_kind=made.tie.kind.value,
            tie_was_new=made.tie_was_new,
            interaction_id=made.interaction.id,
        )
    if json:
        render.emit_json(view)
    else:
        first, second = view.people
        kept = "" if view.tie_was_new else f" (they were already tied: {view.tie_kind}, kept)"
        render.done(
            f"Introduced {first.name} and {second.name}: an introduction given to each "
            f"(#{view.ledger_entry_ids[0]}, #{view.ledger_entry_ids[1]}), a tie{kept} "
            f"and e-mail #{view.interaction_id}."
        )
