"""Give first and referrals: `give`, `got`, `referral …`, `ledger`."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from goodword.cli import render
from goodword.cli.confirm import ask_to_delete
from goodword.cli.options import Currency, Json, Limit, Note, Value, Yes, parse_choice
from goodword.cli.state import state
from goodword.clock import utcnow
from goodword.errors import InvalidInput
from goodword.people.queries import resolve_person
from goodword.people.service import get_owner
from goodword.profiles.service import (
    correct_referral,
    give_referral,
    receive_referral,
    record_my_give,
)
from goodword.referrals.models import LedgerKind, ReferralStatus
from goodword.referrals.queries import (
    ledger,
    ledger_totals,
    ledger_views,
    list_referrals,
    referral_views,
    same_day_referral,
)
from goodword.referrals.schemas import ReferralView
from goodword.referrals.service import (
    check_own_entry,
    delete_ledger_entry,
    delete_referral,
    edit_ledger_entry,
    get_ledger_entry,
    get_referral,
    move_referral,
)
from goodword.text import parse_currency, parse_date, parse_money, parse_when


class LedgerGroup(TyperGroup):
    """`ledger [REF]` lists and `ledger edit|delete ID` corrects: a first word that names no
    subcommand is the REF of `ledger show`, so the listing keeps its short form."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] != "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


referral_app = typer.Typer(help="Referrals through their pipeline.", no_args_is_help=True)
ledger_app = typer.Typer(
    cls=LedgerGroup, help="The give/take ledger: list, correct and delete entries."
)
ReferralId = Annotated[int, typer.Argument(metavar="ID", help="The referral's id.")]
EntryId = Annotated[int, typer.Argument(metavar="ID", help="The ledger entry's id.")]
Kind = Annotated[
    str,
    typer.Option(
        metavar="KIND",
        help="referral, introduction, recommendation, information, help, gift or other.",
    ),
]
On = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="When, YYYY-MM-DD or YYYY-MM-DDTHH:MM (default today)."),
]
NewKind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="referral, introduction, recommendation, information, help, gift or other.",
    ),
]
NewOn = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="When, YYYY-MM-DD or YYYY-MM-DDTHH:MM."),
]


def register(app: typer.Typer) -> None:
    app.command("give")(give)
    app.command("got")(got)
    app.add_typer(referral_app, name="referral")
    app.add_typer(ledger_app, name="ledger")


def _record(
    ctx: typer.Context,
    ref: str,
    kind: str,
    value: str | None,
    currency: str | None,
    note: str | None,
    on: str | None,
    *,
    giving: bool,
) -> None:
    ledger_kind = parse_choice(LedgerKind, kind, what="ledger kind")
    amount = parse_money(value, what="value") if value is not None else None
    day = parse_date(on) if on else utcnow().date()
    code = parse_currency(currency) if currency else None
    with state(ctx).workspace().transaction() as session:
        entry, giver, receiver = record_my_give(
            session,
            ref=ref,
            giving=giving,
            kind=ledger_kind,
            on=day,
            value=amount,
            currency=code,
            note=note,
        )
        text = f"Recorded #{entry.id}: {giver.name} gave {receiver.name} {entry.kind}"
        twin = same_day_referral(session, entry=entry)
        doubt = (
            f"Referral #{twin.id} from {giver.name} on {day} is already in the ledger, so "
            f"#{entry.id} probably counts it twice; `goodword ledger delete {entry.id}` removes it."
            if twin is not None
            else None
        )
    render.done(text)
    if doubt:
        render.warn(doubt)


def give(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="Who you gave to.")],
    kind: Kind,
    value: Value = None,
    currency: Currency = None,
    note: Note = None,
    on: On = None,
) -> None:
    """Record something you gave: a referral, introduction, recommendation, help …"""
    _record(ctx, ref, kind, value, currency, note, on, giving=True)


def got(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="Who gave to you.")],
    kind: Kind,
    value: Value = None,
    currency: Currency = None,
    note: Note = None,
    on: On = None,
) -> None:
    """Record something you received."""
    _record(ctx, ref, kind, value, currency, note, on, giving=False)


@referral_app.command("add")
def referral_add(
    ctx: typer.Context,
    from_: Annotated[str, typer.Option("--from", metavar="REF", help="Who referred.")],
    prospect: Annotated[str, typer.Option(metavar="REF", help="Who was referred (added if new).")],
    to: Annotated[
        str, typer.Option(metavar="REF", help="Who received the referral (default: you).")
    ] = "me",
    via: Annotated[
        list[str] | None,
        typer.Option(metavar="REF", help="Introduced through, in order (repeatable)."),
    ] = None,
    value: Value = None,
    currency: Currency = None,
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Record a referral received (or one you passed on with --to)."""
    amount, code, at = _terms(value, currency, on)
    with state(ctx).workspace().transaction() as session:
        referral = receive_referral(
            session,
            from_ref=from_,
            prospect_ref=prospect,
            to_ref=to,
            via_refs=via or (),
            currency=code,
            at=at,
            value=amount,
            note=note,
        )
        [view] = referral_views(session, [referral])
    _show(view, json, f"Referral #{view.id}: {view.referrer.name} → {view.prospect.name}")


@referral_app.command("give")
def referral_give(
    ctx: typer.Context,
    to: Annotated[str, typer.Option(metavar="REF", help="Who you referred the prospect to.")],
    prospect: Annotated[str, typer.Option(metavar="REF", help="Who you referred (added if new).")],
    value: Value = None,
    currency: Currency = None,
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Record a referral you gave someone: your give in the ledger, listed with --given."""
    amount, code, at = _terms(value, currency, on)
    with state(ctx).workspace().transaction() as session:
        referral = give_referral(
            session,
            to_ref=to,
            prospect_ref=prospect,
            currency=code,
            at=at,
            value=amount,
            note=note,
        )
        [view] = referral_views(session, [referral])
    _show(
        view,
        json,
        f"Referral #{view.id}: you referred {view.prospect.name} to {view.receiver.name}",
    )


def _terms(
    value: str | None, currency: str | None, on: str | None
) -> tuple[Decimal | None, str | None, datetime]:
    """A referral's value, currency and date as typed; the date defaults to now."""
    amount = parse_money(value, what="value") if value is not None else None
    at = parse_when(on, what="referral date") if on else utcnow()
    return amount, parse_currency(currency) if currency else None, at


def _show(view: ReferralView, json: bool, done: str) -> None:
    if json:
        render.emit_json(view)
    else:
        render.done(done)


@referral_app.command("move")
def referral_move(
    ctx: typer.Context,
    referral_id: ReferralId,
    status: Annotated[
        str,
        typer.Argument(metavar="STATUS", help="received, contacted, met, proposal, won, lost."),
    ],
    value: Value = None,
    on: On = None,
    reopen: Annotated[
        bool, typer.Option("--reopen", help="Move a won or lost referral again.")
    ] = False,
) -> None:
    """Move a referral forward along its pipeline (optionally setting its value): received,
    contacted, met, proposal, then won or lost; steps may be skipped, not taken back."""
    new_status = parse_choice(ReferralStatus, status, what="referral status")
    amount = parse_money(value, what="value") if value is not None else None
    at = parse_when(on, what="date") if on else utcnow()
    with state(ctx).workspace().transaction() as session:
        referral = move_referral(
            session,
            referral=get_referral(session, referral_id),
            status=new_status,
            at=at,
            value=amount,
            reopen=reopen,
        )
        text = f"Referral #{referral.id} is now {referral.status}"
    render.done(text)


@referral_app.command("list")
def referral_list(
    ctx: typer.Context,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS",
            help="Only at this status: received, contacted, met, proposal, won, lost.",
        ),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", metavar="REF", help="Only those this person referred.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only those received on or after this day.")
    ] = None,
    given: Annotated[
        bool, typer.Option("--given", help="The referrals you gave, instead of those you received.")
    ] = False,
    limit: Limit = 0,
    json: Json = False,
) -> None:
    """List referrals (those you received, or with --given those you gave), newest first,
    with their history."""
    if given and from_:
        raise InvalidInput("--from and --given do not go together: you referred each one you gave.")
    wanted = parse_choice(ReferralStatus, status, what="referral status") if status else None
    day = parse_date(since, what="--since date") if since else None
    with state(ctx).workspace().read() as session:
        found = list_referrals(
            session,
            owner=get_owner(session),
            given=given,
            status=wanted,
            referrer=resolve_person(session, from_) if from_ else None,
            since=day,
            limit=limit or None,
        )
        views = referral_views(session, found)
    if json:
        render.emit_json(views)
    else:
        render.referrals(views, title="Referrals you gave" if given else "Referrals")
    render.cut_short(len(views), limit)


@referral_app.command("edit")
def referral_edit(
    ctx: typer.Context,
    referral_id: ReferralId,
    from_: Annotated[
        str | None, typer.Option("--from", metavar="REF", help="Who referred.")
    ] = None,
    prospect: Annotated[
        str | None, typer.Option(metavar="REF", help="Who was referred (added if new).")
    ] = None,
    value: Value = None,
    currency: Currency = None,
    note: Note = None,
    on: NewOn = None,
    json: Json = False,
) -> None:
    """Correct a referral; its ledger entry changes with it."""
    amount = parse_money(value, what="value") if value is not None else None
    with state(ctx).workspace().transaction() as session:
        referral = correct_referral(
            session,
            referral_id=referral_id,
            from_ref=from_,
            prospect_ref=prospect,
            on=parse_date(on, what="referral date") if on else None,
            value=amount,
            currency=parse_currency(currency) if currency else None,
            note=note,
        )
        [view] = referral_views(session, [referral])
    if json:
        render.emit_json(view)
    else:
        render.done(f"Updated referral #{view.id}: {view.referrer.name} → {view.prospect.name}")


@referral_app.command("delete")
def referral_delete(ctx: typer.Context, referral_id: ReferralId, yes: Yes = False) -> None:
    """Delete a referral with its history and its ledger entry (the people stay)."""
    workspace = state(ctx).workspace()
    with workspace.read() as session:
        [view] = referral_views(session, [get_referral(session, referral_id)])
    entry = f" and its ledger entry #{view.ledger_entry_id}" if view.ledger_entry_id else ""
    ask_to_delete(
        f"Deleting referral #{view.id} ({view.referrer.name} → {view.prospect.name}) also "
        f"removes its history{entry}; the people stay.",
        yes=yes,
    )
    with workspace.transaction() as session:
        delete_referral(session, referral=get_referral(session, referral_id))
    render.done(f"Deleted referral #{view.id}{entry}.")


@ledger_app.command("show")
def show_ledger(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(metavar="REF", help="Only entries with this person.")
    ] = None,
    limit: Limit = 0,
    json: Json = False,
) -> None:
    """The give/take ledger, each person's balance with you, your give/get ratio and the
    people you owe most."""
    with state(ctx).workspace().read() as session:
        person = resolve_person(session, ref) if ref else None
        view = ledger(session, me=get_owner(session), person=person, limit=limit or None)
        entries, balances = ledger_views(session, view.entries, view.balances)
        overall = ledger_totals(view.balances, balances)
    if json:
        render.emit_json(
            {"entries": entries, "balances": balances, **overall.model_dump(mode="json")}
        )
    else:
        render.ledger(entries, balances, overall)
    render.cut_short(len(entries), limit)


@ledger_app.command("edit")
def ledger_edit(
    ctx: typer.Context,
    entry_id: EntryId,
    kind: NewKind = None,
    value: Value = None,
    currency: Currency = None,
    note: Note = None,
    on: NewOn = None,
    json: Json = False,
) -> None:
    """Correct a ledger entry (a referral's own entry changes through `referral edit`)."""
    ledger_kind = parse_choice(LedgerKind, kind, what="ledger kind") if kind else None
    amount = parse_money(value, what="value") if value is not None else None
    with state(ctx).workspace().transaction() as session:
        entry = edit_ledger_entry(
            session,
            entry=get_ledger_entry(session, entry_id),
            kind=ledger_kind,
            on=parse_date(on) if on else None,
            value=amount,
            currency=parse_currency(currency) if currency else None,
            note=note,
        )
        [view], _ = ledger_views(session, [entry], {})
    if json:
        render.emit_json(view)
    else:
        render.done(f"Updated #{view.id}: {view.giver.name} gave {view.receiver.name} {view.kind}")


@ledger_app.command("delete")
def ledger_delete(ctx: typer.Context, entry_id: EntryId, yes: Yes = False) -> None:
    """Delete a ledger entry (a referral's own entry goes with `referral delete`)."""
    workspace = state(ctx).workspace()
    with workspace.read() as session:
        entry = get_ledger_entry(session, entry_id)
        check_own_entry(entry)
        [view], _ = ledger_views(session, [entry], {})
    ask_to_delete(
        f"Deleting ledger entry #{view.id} ({view.giver.name} gave {view.receiver.name} "
        f"{view.kind} on {view.on}) changes your balance with them.",
        yes=yes,
    )
    with workspace.transaction() as session:
        delete_ledger_entry(session, entry=get_ledger_entry(session, entry_id))
    render.done(f"Deleted ledger entry #{view.id}.")
