"""`goodword me …` and `goodword icp …`: who you are, what you offer, who you serve."""

from typing import Annotated

import typer

from goodword.cli import render
from goodword.cli.options import Json, parse_choice
from goodword.cli.state import state
from goodword.offering.models import IcpField, IcpOperator
from goodword.offering.schemas import CriterionView, OfferingView
from goodword.offering.service import (
    add_criterion,
    get_offering,
    list_criteria,
    remove_criterion,
    set_me,
)
from goodword.people.queries import summary_of
from goodword.people.service import get_owner
from goodword.storage.session import workspace_currency

me_app = typer.Typer(help="You: your name, e-mail and offering.")
icp_app = typer.Typer(help="Your ideal client profile (ICP).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(me_app, name="me")
    app.add_typer(icp_app, name="icp")


@me_app.callback(invoke_without_command=True)
def me(ctx: typer.Context) -> None:
    """Show or set who you are and what you offer (`me` alone shows it)."""
    if ctx.invoked_subcommand is None:
        show(ctx, json=False)


@me_app.command("show")
def show(ctx: typer.Context, json: Json = False) -> None:
    """Show you and your offering."""
    with state(ctx).workspace().read() as session:
        me_ = summary_of(session, get_owner(session).id)
        what = OfferingView.of(get_offering(session))
        currency = workspace_currency(session)
    if json:
        render.emit_json({"me": me_, "offering": what, "currency": currency})
    else:
        render.offering(me_, what, currency=currency)


@me_app.command("set")
def set_(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Your name.")] = None,
    email: Annotated[
        list[str] | None,
        typer.Option("--email", metavar="EMAIL", help="Your e-mail (repeatable)."),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            metavar="CC",
            help="Your country as two letters (GB, US): where phone numbers typed without "
            "a country code are from.",
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            metavar="CODE",
            help="Your currency (ISO 4217, such as GBP): what amounts are in when none is named.",
        ),
    ] = None,
    one_liner: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What you do, in one line.")
    ] = None,
    problems: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The problems you solve.")
    ] = None,
    for_whom: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The people you solve them for.")
    ] = None,
    results: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The results you typically get.")
    ] = None,
) -> None:
    """Set your name, e-mail, country, currency and offering."""
    with state(ctx).workspace().transaction() as session:
        owner = set_me(
            session,
            name=name,
            emails=email or (),
            country=country,
            currency=currency,
            one_liner=one_liner,
            problems=problems,
            for_whom=for_whom,
            results=results,
        )
        me_ = summary_of(session, owner.id)
        what = OfferingView.of(get_offering(session))
        home_currency = workspace_currency(session)
    render.offering(me_, what, currency=home_currency)


@icp_app.command("add")
def icp_add(
    ctx: typer.Context,
    field: Annotated[
        str, typer.Argument(metavar="FIELD", help="industry, title, org, city, country or tag.")
    ],
    operator: Annotated[str, typer.Argument(metavar="OPERATOR", help="is, contains or any-of.")],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The value; for any-of, comma-separated.")
    ],
    weight: Annotated[
        float, typer.Option(metavar="WEIGHT", help="How much this criterion counts.")
    ] = 1.0,
) -> None:
    """Add a criterion to your ideal client profile."""
    with state(ctx).workspace().transaction() as session:
        criterion = add_criterion(
            session,
            field=parse_choice(IcpField, field, what="ICP field"),
            operator=parse_choice(IcpOperator, operator, what="ICP operator"),
            value=value,
            weight=weight,
        )
        view = CriterionView.of(criterion)
    render.done(f"Added ICP criterion #{view.id}: {view.field} {view.operator} {view.value}")


@icp_app.command("list")
def icp_list(ctx: typer.Context, json: Json = False) -> None:
    """List your ICP criteria."""
    with state(ctx).workspace().read() as session:
        found = [CriterionView.of(c) for c in list_criteria(session)]
    if json:
        render.emit_json(found)
    else:
        render.criteria(found)


@icp_app.command("remove")
def icp_remove(
    ctx: typer.Context,
    criterion_id: Annotated[int, typer.Argument(metavar="ID", help="The criterion's id.")],
) -> None:
    """Remove an ICP criterion."""
    with state(ctx).workspace().transaction() as session:
        remove_criterion(session, criterion_id=criterion_id)
    render.done(f"Removed ICP criterion #{criterion_id}")
