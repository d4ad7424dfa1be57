"""Advocate intelligence: `advocates`, `prospects`, `path` and `who-knows`."""

from typing import Annotated

import typer

from goodword.cli import render, render_network
from goodword.cli.options import AsOf, Json, moment
from goodword.cli.state import state
from goodword.errors import InvalidInput

Top = Annotated[int, typer.Option(min=1, metavar="N", help="At most this many.")]
MaxHops = Annotated[
    int, typer.Option(metavar="N", help="Longest chain of introductions to consider.")
]


def register(app: typer.Typer) -> None:
    app.command("advocates")(advocates)
    app.command("prospects")(prospects)
    app.command("path")(path)
    app.command("who-knows")(who_knows)


def advocates(
    ctx: typer.Context,
    top: Top = 20,
    role: Annotated[
        str | None,
        typer.Option(
            metavar="ROLE",
            help="Only people with this role: advocate, hidden advocate, prospect, client, "
            "referral partner.",
        ),
    ] = None,
    as_of: AsOf = None,
    json: Json = False,
) -> None:
    """Your contacts ranked by how much business they can bring you, with the reasons."""
    from goodword.advocates.queries import rank_advocates

    now, cutoff = moment(as_of)
    with state(ctx).workspace().read() as session:
        rows = rank_advocates(session, now=now, as_of=cutoff, top=top, role=role)
    if json:
        render.emit_json(rows)
    else:
        render_network.advocates(rows)


def prospects(ctx: typer.Context, top: Top = 20, as_of: AsOf = None, json: Json = False) -> None:
    """People who fit your ideal client profile, with the warmest way to reach each."""
    from goodword.intros.queries import rank_prospects

    now, cutoff = moment(as_of)
    with state(ctx).workspace().read() as session:
        rows = rank_prospects(session, now=now, as_of=cutoff, top=top)
    if json:
        render.emit_json(rows)
    else:
        render_network.prospects(rows)


def path(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(metavar="[REF]", help="The person to reach: id, e-mail or name.")
    ] = None,
    org: Annotated[
        str | None, typer.Option(metavar="ORG", help="Reach people at this organisation.")
    ] = None,
    icp: Annotated[
        bool, typer.Option("--icp", help="Reach every person who fits your ICP.")
    ] = False,
    max_hops: MaxHops = 3,
    top: Top = 5,
    as_of: AsOf = None,
    json: Json = False,
) -> None:
    """Warm-introduction paths from you: whom to ask, who is in between, and why it holds."""
    from goodword.intros import queries
    from goodword.people.queries import resolve_person

    if sum(x is not None and x is not False for x in (ref, org, icp)) != 1:
        raise InvalidInput("Name one target: a REF, --org ORG or --icp.")
    now, cutoff = moment(as_of)
    with state(ctx).workspace().read() as session:
        if ref is not None:
            person = resolve_person(session, ref)
            rows = queries.paths_to_person(
                session, person_id=person.id, now=now, as_of=cutoff, max_hops=max_hops, top=top
            )
        elif org is not None:
            rows = queries.paths_to_org(
                session, org=org, now=now, as_of=cutoff, max_hops=max_hops, top=top
            )
        else:
            rows = queries.paths_to_icp(session, now=now, as_of=cutoff, max_hops=max_hops, top=top)
    if json:
        render.emit_json(rows)
    else:
        render_network.paths(rows)


def who_knows(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="An organisation, title, industry or tag.")
    ],
    top: Top = 10,
    as_of: AsOf = None,
    json: Json = False,
) -> None:
    """Who in your network can introduce you to people matching QUERY, best placed first."""
    from goodword.intros.queries import who_knows as find

    now, cutoff = moment(as_of)
    with state(ctx).workspace().read() as session:
        rows = find(session, query=query, now=now, as_of=cutoff, top=top)
    if json:
        render.emit_json(rows)
    else:
        render_network.who_knows(rows)
