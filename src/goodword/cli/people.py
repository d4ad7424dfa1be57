"""`goodword person …`: add, list, show, edit, merge, delete."""

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from goodword.cli import render, render_network
from goodword.cli.confirm import confirm_delete, counted
from goodword.cli.options import (
    AsOf,
    Birthday,
    City,
    Country,
    Emails,
    Ims,
    Industry,
    Json,
    LinkedIn,
    Nickname,
    Note,
    Org,
    Phones,
    Tags,
    Title,
    Yes,
    moment,
)
from goodword.cli.state import state
from goodword.people.models import ContactKind
from goodword.people.queries import count_people, resolve_person, search_people, summary_of
from goodword.people.schemas import PersonSummary
from goodword.people.service import (
    PersonFields,
    add_note,
    edit_person,
    remove_handles,
    untag_person,
)
from goodword.profiles.forget import delete_person, person_footprint
from goodword.profiles.merge import merge_people
from goodword.profiles.service import add_contact
from goodword.text import clean_name, parse_birthday

person_app = typer.Typer(
    help="Add, find, show, edit, merge and delete people.", no_args_is_help=True
)

Ref = Annotated[
    str, typer.Argument(metavar="REF", help="Id, e-mail, or (unique) name; `me` is you.")
]
_ORGANISATION_HELP = "An organisation's own contact (a firm's switchboard, info@), not a person."


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")


def _fields(
    name: str | None,
    emails: list[str] | None,
    phones: list[str] | None,
    org: str | None,
    title: str | None,
    industry: str | None,
    city: str | None,
    country: str | None,
    tags: list[str] | None,
    linkedin: str | None,
    birthday: str | None,
    *,
    nickname: str | None,
    ims: list[str] | None,
    kind: ContactKind | None = None,
) -> PersonFields:
    return PersonFields(
        kind=kind,
        nickname=nickname,
        ims=ims or (),
        name=name,
        emails=emails or (),
        phones=phones or (),
        org=org,
        title=title,
        industry=industry,
        city=city,
        country=country,
        tags=tags or (),
        linkedin=linkedin,
        birthday=parse_birthday(birthday) if birthday else None,
    )


@person_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Their full name.")],
    email: Emails = None,
    phone: Phones = None,
    org: Org = None,
    title: Title = None,
    industry: Industry = None,
    city: City = None,
    country: Country = None,
    tag: Tags = None,
    linkedin: LinkedIn = None,
    birthday: Birthday = None,
    nickname: Nickname = None,
    im: Ims = None,
    note: Note = None,
    met_at: Annotated[
        str | None, typer.Option(metavar="EVENT", help="Event (id or name) where you met.")
    ] = None,
    introduced_by: Annotated[
        str | None, typer.Option(metavar="REF", help="Who introduced you.")
    ] = None,
    organisation: Annotated[bool, typer.Option("--organisation", help=_ORGANISATION_HELP)] = False,
    json: Json = False,
) -> None:
    """Add a person (or, with --organisation, an organisation's own contact)."""
    fields = _fields(
        name,
        email,
        phone,
        org,
        title,
        industry,
        city,
        country,
        tag,
        linkedin,
        birthday,
        nickname=nickname,
        ims=im,
        kind=_kind(organisation) if organisation else None,
    )
    with state(ctx).workspace().transaction() as session:
        person = add_contact(
            session, fields=fields, note=note, met_at=met_at, introduced_by=introduced_by
        )
        summary = summary_of(session, person.id)
    _report(summary, json, "Added", fields)


def _kind(organisation: bool) -> ContactKind:
    return ContactKind.ORGANISATION if organisation else ContactKind.PERSON


def _report(
    summary: PersonSummary, json: bool, verb: str, fields: PersonFields | None = None
) -> None:
    if fields is not None:
        # Warned, not refused: the user typed it for a reason, but should know it matches
        # only its exact text.
        given = {clean_name(v) for v in (*fields.phones, *fields.links, *fields.ims)}
        render.kept_as_typed([h for h in summary.as_typed if h.value in given])
    if json:
        render.emit_json(summary)
    else:
        render.done(f"{verb} {summary.name} (#{summary.id})")


@person_app.command("list")
def list_(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="Match name, e-mail, phone, org, title, industry, city, country, tag or note.",
        ),
    ] = None,
    tag: Annotated[
        str | None, typer.Option(metavar="TAG", help="Only people with this tag.")
    ] = None,
    limit: Annotated[
        int, typer.Option(min=0, metavar="N", help="At most this many (0: all).")
    ] = 100,
    json: Json = False,
) -> None:
    """List people, optionally matching a query or tag."""
    with state(ctx).workspace().read() as session:
        found = [
            PersonSummary.of(p)
            for p in search_people(session, query=query, tag=tag, limit=limit or None)
        ]
        paged = bool(limit) and len(found) == limit
        total = count_people(session, query=query, tag=tag) if paged else None
    if json:
        render.emit_json(found)
    else:
        render.people(found, total=total)
    if limit and len(found) == limit:
        render.warn(f"Showing the first {limit}; pass --limit 0 for all, or a larger --limit.")


@person_app.command("show")
def show(ctx: typer.Context, ref: Ref, as_of: AsOf = None, json: Json = False) -> None:
    """Show a person with their ties, whole timeline, and where they stand in your network."""
    from goodword.cli.render_nurture import tier_and_ladder
    from goodword.nurture.queries import person_card

    now, cutoff = moment(as_of)
    with state(ctx).workspace().read() as session:
        card = person_card(session, person=resolve_person(session, ref), now=now, as_of=cutoff)
    if json:
        render.emit_json(card)
    else:
        render.person(card)
        render_network.scores(card.scores)
        tier_and_ladder(card.tier, card.ladder)


@person_app.command("edit")
def edit(
    ctx: typer.Context,
    ref: Ref,
    name: Annotated[str | None, typer.Option(metavar="NAME", help="New name.")] = None,
    email: Emails = None,
    phone: Phones = None,
    org: Org = None,
    title: Title = None,
    industry: Industry = None,
    city: City = None,
    country: Country = None,
    tag: Tags = None,
    untag: Annotated[
        list[str] | None, typer.Option(metavar="TAG", help="Remove a tag (repeatable).")
    ] = None,
    remove_email: Annotated[
        list[str] | None,
        typer.Option(metavar="EMAIL", help="Take an e-mail off them (repeatable)."),
    ] = None,
    remove_phone: Annotated[
        list[str] | None,
        typer.Option(metavar="PHONE", help="Take a phone number off them (repeatable)."),
    ] = None,
    remove_link: Annotated[
        list[str] | None,
        typer.Option(metavar="URL", help="Take a link or LinkedIn URL off them (repeatable)."),
    ] = None,
    remove_im: Annotated[
        list[str] | None,
        typer.Option(metavar="SERVICE:HANDLE", help="Take an IM handle off them (repeatable)."),
    ] = None,
    linkedin: LinkedIn = None,
    birthday: Birthday = None,
    nickname: Nickname = None,
    im: Ims = None,
    note: Note = None,
    organisation: Annotated[
        bool | None,
        typer.Option("--organisation/--person", help=f"{_ORGANISATION_HELP} Or a person again."),
    ] = None,
    json: Json = False,
) -> None:
    """Change a person: set fields, add or remove e-mails, phones, links and tags, add a note."""
    fields = _fields(
        name,
        email,
        phone,
        org,
        title,
        industry,
        city,
        country,
        tag,
        linkedin,
        birthday,
        nickname=nickname,
        ims=im,
        kind=None if organisation is None else _kind(organisation),
    )
    with state(ctx).workspace().transaction() as session:
        person = resolve_person(session, ref)
        # Removed first, so replacing someone's only e-mail makes the new one primary.
        remove_handles(
            session,
            person=person,
            emails=remove_email or (),
            phones=remove_phone or (),
            links=remove_link or (),
            ims=remove_im or (),
        )
        person = edit_person(session, person=person, fields=fields)
        if untag:
            untag_person(session, person=person, tags=untag)
        if note:
            add_note(session, person=person, body=note)
        summary = summary_of(session, person.id)
    _report(summary, json, "Updated", fields)


@person_app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The person to keep (REF).")],
    other: Annotated[
        str, typer.Argument(metavar="OTHER", help="The duplicate to fold into KEEP (REF).")
    ],
    json: Json = False,
) -> None:
    """Merge OTHER into KEEP, keeping every handle, tag, tie, interaction and referral."""
    with state(ctx).workspace().transaction() as session:
        kept, gone = resolve_person(session, keep), resolve_person(session, other)
        gone_label = f"{gone.name} (#{gone.id})"
        merged = merge_people(session, keep=kept, other=gone)
        summary = summary_of(session, merged.id)
    _report(summary, json, f"Merged {gone_label} into")


@person_app.command("delete")
def delete(ctx: typer.Context, ref: Ref, yes: Yes = False) -> None:
    """Delete a person and everything about them from every table."""
    workspace = state(ctx).workspace()
    confirm_delete(workspace, yes=yes, describe=lambda session: _forgetting(session, ref))
    with workspace.transaction() as session:
        person = resolve_person(session, ref)
        label = f"{person.name} (#{person.id})"
        delete_person(session, person=person)
    render.done(f"Deleted {label} and everything about them.")


def _forgetting(session: Session, ref: str) -> str:
    person = resolve_person(session, ref)
    f = person_footprint(session, person=person)
    parts = [
        counted(f.ties, "tie"),
        counted(f.interactions, "interaction"),
        counted(f.ledger_entries, "ledger entry", "ledger entries"),
        counted(f.referrals, "referral"),
        counted(f.followups, "follow-up"),
        counted(f.notes, "note"),
    ]
    listed = ", ".join(p for p in parts if not p.startswith("0 "))
    return f"Deleting {person.name} (#{person.id}) removes everything about them" + (
        f": {listed}." if listed else "."
    )
