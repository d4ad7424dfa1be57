"""All terminal output: JSON for scripts, Rich tables and lines for people."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from goodword.people.models import ContactKind

if TYPE_CHECKING:  # every command imports this module; each needs only its own views
    from goodword.events.schemas import EventView
    from goodword.followups.schemas import FollowupView
    from goodword.interactions.schemas import InteractionView
    from goodword.io.dedupe import DuplicatePair
    from goodword.io.report import ImportReport
    from goodword.offering.schemas import CriterionView, OfferingView
    from goodword.people.schemas import NoteView, PersonSummary, TypedHandle
    from goodword.profiles.schemas import PersonDetail, TimelineItem
    from goodword.referrals.schemas import (
        BalanceView,
        LedgerEntryView,
        LedgerTotals,
        ReferralView,
    )

_WHEN = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def emit_json(data: BaseModel | Sequence[BaseModel] | dict[str, Any]) -> None:
    """Plain `print`, so nothing but the document reaches stdout."""
    if isinstance(data, BaseModel):
        plain: Any = data.model_dump(mode="json")
    elif isinstance(data, dict):
        plain = {k: _plain(v) for k, v in data.items()}
    else:
        plain = [item.model_dump(mode="json") for item in data]
    print(json.dumps(plain, indent=2, ensure_ascii=False))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def done(message: str) -> None:
    out.print(message, markup=False)


def error(message: str) -> None:
    err.print(f"Error: {message}", markup=False)


def warn(message: str) -> None:
    err.print(message, markup=False)


def cut_short(shown: int, limit: int) -> None:
    """Says a listing stopped at its --limit, so a full page is not taken for everything."""
    if limit and shown == limit:
        warn(f"Showing the first {limit}; pass a larger --limit, or --limit 0 for all.")


def ask(question: str) -> bool:
    """A y/N question on stderr, so stdout keeps only what the command prints."""
    return typer.confirm(question, default=False, err=True)


_READS_AS = {"phone": "a phone number", "url": "a web address", "im": "an IM handle"}


def kept_as_typed(handles: Sequence[TypedHandle]) -> None:
    for handle in handles:
        what = _READS_AS.get(handle.kind, handle.kind)
        warn(
            f"Kept '{handle.value}' as typed: it does not read as {what}, "
            "so only the same text will match it."
        )


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    table = Table(title=title, title_justify="left")
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    for index, column in enumerate(columns):
        # A date cut to `2026-06…` or broken over two lines cannot be read: names wrap instead.
        dates = [row[index] for row in cells if row[index]]
        whole = bool(dates) and all(_WHEN.fullmatch(value) for value in dates)
        width = max(map(len, dates)) if whole else None
        table.add_column(column, no_wrap=whole, min_width=width)
    for row in cells:
        # Text, not markup: a name like "Ann [work] Lee" is shown as typed.
        table.add_row(*(Text(value) for value in row))
    out.print(table)


def people(found: Sequence[PersonSummary], *, total: int | None = None) -> None:
    table(
        f"People ({len(found)}{f' of {total}' if total and total > len(found) else ''})",
        ["id", "name", "org", "title", "emails", "tags"],
        ((p.id, p.name, p.org, p.title, ", ".join(p.emails), ", ".join(p.tags)) for p in found),
    )


def person(detail: PersonDetail) -> None:
    you = "  — you" if detail.is_me else ""
    out.print(f"[bold]{escape(detail.name)}[/bold] (#{detail.id}){you}")
    facts = {
        "kind": None if detail.kind == ContactKind.PERSON else detail.kind.value,
        "nickname": detail.nickname,
        "org": detail.org,
        "title": detail.title,
        "emails": ", ".join(detail.emails),
        "phones": _phones(detail),
        "links": _handles(detail.links, detail),
        "im": _handles(detail.ims, detail),
        "industry": detail.industry,
        "city": ", ".join(x for x in (detail.city, detail.country) if x),
        "birthday": detail.birthday,
        "tags": ", ".join(detail.tags),
    }
    for key, value in facts.items():
        if value:
            out.print(f"  {key}: {value}", markup=False)
    for address in detail.addresses:
        label = f"address ({address.label})" if address.label else "address"
        out.print(f"  {label}: {address.text.replace(chr(10), ', ')}", markup=False)
    # The notes with their ids (from the timeline, oldest first), so `note edit ID` can be used.
    for item in reversed([i for i in detail.timeline if i.domain == "note"]):
        out.print(f"  note #{item.id}: {item.summary}", markup=False)
    if detail.ties:
        table(
            "Ties",
            ["strength", "person", "their role", "evidence"],
            (
                (f"{t.strength:.2f}", f"{t.person.name} (#{t.person.id})", t.kind, t.evidence)
                for t in detail.ties
            ),
        )
    if detail.timeline:
        table(
            "Timeline",
            ["on", "what", "detail"],
            ((i.on[:10], _in_words(i), i.summary) for i in detail.timeline),
        )


def _in_words(item: TimelineItem) -> str:
    """What a timeline row is, as a person says it: `coffee`, `note`, `follow-up due`."""
    match item.domain:
        case "interaction" | "note":
            return item.type
        case "followup":
            return "follow-up due" if item.type == "open" else f"follow-up {item.type}"
        case "event":
            return "met at an event"
        case "ledger":
            return f"{item.type} (ledger)"
        case _:
            return f"{item.domain} {item.type}"


_PHONE_LABELS = {"cell": "mobile", "cell voice": "mobile", "work cell": "work mobile"}


def _phones(detail: PersonDetail) -> str:
    typed = {handle.value for handle in detail.as_typed}
    return ", ".join(
        phone.display
        + (f" ({_PHONE_LABELS.get(phone.label, phone.label)})" if phone.label else "")
        + (" (as typed)" if phone.value in typed else "")
        for phone in detail.phone_numbers
    )


def _handles(values: list[str], person: PersonSummary) -> str:
    """The values, each kept as typed (not normalised) marked so."""
    typed = {handle.value for handle in person.as_typed}
    return ", ".join(f"{v} (as typed)" if v in typed else v for v in values)


def events(found: Sequence[EventView]) -> None:
    table(
        "Events",
        ["id", "on", "name", "place", "cost", "met"],
        (
            (e.id, e.when, e.name, e.place, f"{e.cost} {e.currency}" if e.cost else "", e.met)
            for e in found
        ),
    )


def notes(name: str, found: Sequence[NoteView]) -> None:
    table(
        f"Notes about {name}",
        ["id", "written", "note"],
        ((n.id, n.created_at[:16].replace("T", " "), n.body) for n in found),
    )


def interactions(found: Sequence[InteractionView]) -> None:
    table(
        "Interactions",
        ["id", "at", "kind", "with", "note"],
        (
            (
                i.id,
                i.at[:16].replace("T", " "),
                i.kind,
                ", ".join(p.name for p in i.people if not p.is_me),
                i.note,
            )
            for i in found
        ),
    )


def referrals(found: Sequence[ReferralView], *, title: str = "Referrals") -> None:
    table(
        title,
        ["id", "received", "from", "prospect", "to", "status", "value"],
        (
            (
                r.id,
                r.received_on,
                r.referrer.name,
                r.prospect.name,
                r.receiver.name,
                r.status,
                f"{r.value} {r.currency}" if r.value is not None else "",
            )
            for r in found
        ),
    )


def ledger(
    entries: Sequence[LedgerEntryView], balances: Sequence[BalanceView], overall: LedgerTotals
) -> None:
    table(
        "Balance with you (given − received)",
        ["person", "given", "received", "net"],
        ((f"{b.person.name} (#{b.person.id})", b.given, b.received, b.net) for b in balances),
    )
    table(
        "Entries",
        ["id", "on", "giver", "receiver", "kind", "value", "note"],
        (
            (
                e.id,
                e.on,
                e.giver.name,
                e.receiver.name,
                e.kind,
                f"{e.value} {e.currency}" if e.value is not None else "",
                # A referral's own entry says so: it is counted once, and changes with it.
                f"{e.note or ''} (referral #{e.referral_id})".strip() if e.referral_id else e.note,
            )
            for e in entries
        ),
    )
    ratio = f"{overall.give_get_ratio:g}" if overall.give_get_ratio is not None else "—"
    out.print(
        f"Given {overall.given}, received {overall.received}: give/get ratio {ratio}",
        markup=False,
    )
    if overall.owe_most:
        table(
            "You owe most (they gave clearly more)",
            ["person", "given", "received", "they gave"],
            (
                (
                    f"{b.person.name} (#{b.person.id})",
                    b.given,
                    b.received,
                    ", ".join(f"{n} {k}" for k, n in sorted(b.received_by_kind.items())),
                )
                for b in overall.owe_most
            ),
        )


def followups(found: Sequence[FollowupView]) -> None:
    table(
        "Follow-ups",
        ["id", "due", "status", "person", "reason", "repeats", "snoozed until"],
        (
            (f.id, f.due_on, f.status, f.person.name, f.reason, f.rule, f.snoozed_until)
            for f in found
        ),
    )


def criteria(found: Sequence[CriterionView]) -> None:
    table(
        "Ideal client profile",
        ["id", "field", "operator", "value", "weight"],
        ((c.id, c.field, c.operator, c.value, c.weight) for c in found),
    )


def offering(me: PersonSummary, what: OfferingView, *, currency: str) -> None:
    out.print(f"[bold]{escape(me.name)}[/bold] (#{me.id}) {escape(', '.join(me.emails))}")
    if me.country:
        out.print(f"  Country: {me.country}", markup=False)
    out.print(f"  Currency: {currency}", markup=False)
    for label, value in (
        ("One-liner", what.one_liner),
        ("Problems solved", what.problems),
        ("For whom", what.for_whom),
        ("Typical results", what.results),
    ):
        out.print(f"  {label}: {value or '—'}", markup=False)


def counts(title: str, values: dict[str, int]) -> None:
    """Keys stay snake_case for --json; people read them as words (`open follow-ups`)."""
    table(title, ["", "count"], ((_words(key), value) for key, value in values.items()))


def _words(key: str) -> str:
    return key.replace("_", " ").replace("followup", "follow-up")


def import_report(report: ImportReport) -> None:
    verb = "Would import" if report.dry_run else "Imported"
    chosen = f" as {report.description} ({report.format})" if report.detected else ""
    out.print(
        f"{verb} {report.file}{chosen}: {report.created} created, {report.merged} merged, "
        f"{report.unchanged} unchanged, {report.skipped} skipped; "
        f"{report.ties_created} ties and {report.interactions_created} interactions added"
        f"{_photos(report.photos_not_kept)}.",
        markup=False,
    )
    for merge in report.merges[:20]:
        out.print(
            f"  line {merge.line}: {merge.name} → #{merge.person_id} ({merge.how})", markup=False
        )
    for skip in report.skipped_items[:20]:
        out.print(f"  line {skip.line}: skipped, {skip.reason}", markup=False)
    for kept in report.kept_as_typed[:20]:
        out.print(f"  line {kept.line}: {kept.kind} '{kept.value}' kept as typed", markup=False)
    listed = (report.merges, report.skipped_items, report.kept_as_typed)
    hidden = sum(max(len(items) - 20, 0) for items in listed)
    if hidden:
        out.print(f"  … and {hidden} more (see --json)", markup=False)


def _photos(count: int) -> str:
    if not count:
        return ""
    return f"; {count} photo{'' if count == 1 else 's'} not kept"


def duplicates(pairs: Sequence[DuplicatePair], merged: Sequence[DuplicatePair]) -> None:
    table(
        "Likely duplicates",
        ["score", "keep", "other", "why"],
        (
            (
                f"{p.score:.0f}",
                f"{p.keep.name} (#{p.keep.id})",
                f"{p.other.name} (#{p.other.id})",
                p.reason,
            )
            for p in pairs
        ),
    )
    if merged:
        out.print(f"Merged {len(merged)} sure pairs.")
    elif pairs:
        out.print(
            "Merge the sure ones with `goodword dedupe --apply`, or any pair with "
            "`goodword person merge KEEP OTHER`."
        )
