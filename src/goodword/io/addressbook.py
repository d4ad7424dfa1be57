"""Address books as CSV (Google, Outlook, Thunderbird): rows into contact records.

The column indexes are worked out once from the header (`ContactPlan`), so each row costs
only list indexing; birthdays, labels, tags and postal addresses are read the ways these
exporters write them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, TypeVar

from goodword.io.addresses import AddressColumns, address_record, each_value, place_of
from goodword.io.csvfile import (
    MULTI,
    REMEMBERED,
    Birthday,
    BirthdayReader,
    Table,
)
from goodword.io.extras import Extra, extra_columns, extra_items, extras_note
from goodword.io.records import (
    ORGANISATION,
    PERSON,
    AddressRecord,
    Batch,
    Handle,
    PersonRecord,
    Skip,
    paused_gc,
)
from goodword.text import NO_YEAR, is_birthday, is_linkedin, lowered

T = TypeVar("T")


class BadDate(ValueError):
    """A date cell we cannot read; the importer keeps its text in the notes instead."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def make_birthday(year: int | None, month: int, day: int, text: str) -> Birthday | None:
    """Raises: BadDate for an impossible date; 0/0 means no birthday, year 1604 no year."""
    if month == 0 and day == 0:
        return None
    if year == NO_YEAR or year == 0:
        year = None
    if not is_birthday(year, month, day):
        raise BadDate(text)
    return year, month, day


def parse_birthday(text: str) -> Birthday | None:
    """`--06-21`, `1980-06-21`, `6/21/1980` (or 21/6/1980 when the day comes first), `0/0/00`.

    Raises: BadDate for any other text.
    """
    raw = text.strip()
    if not raw:
        return None
    value = raw.split(" ", 1)[0].split("T", 1)[0]
    try:
        if value.startswith("--"):
            return make_birthday(None, int(value[2:4]), int(value[-2:]), raw)
        if "/" in value:
            first, second, last = value.split("/")
            month, day = int(first), int(second)
            month, day = (day, month) if month > 12 else (month, day)
            return make_birthday(_full_year(int(last), len(last)), month, day, raw)
        iso_year, iso_month, iso_day = value.split("-")
        return make_birthday(int(iso_year), int(iso_month), int(iso_day), raw)
    except ValueError:  # not three numbers
        raise BadDate(raw) from None


def _full_year(year: int, digits: int) -> int:
    """Outlook writes two-digit years in some locales; `00` in `0/0/00` stays 0 (no year)."""
    if digits > 2 or year == 0:
        return year
    return year + (1900 if year >= 30 else 2000)


def birthday_at(index: int) -> BirthdayReader:
    """A reader for a birthday kept in one cell."""

    def read(row: list[str]) -> Birthday | None:
        return parse_birthday(row[index]) if row[index] else None

    return read


def first_value(cell: str) -> str:
    """The first of several values packed into one cell, for fields we keep only one of."""
    if MULTI in cell:
        cell = cell.split(MULTI, 1)[0]
    return cell.strip()


def split_tags(cell: str) -> tuple[str, ...]:
    """Outlook's categories as tags: `;` between them (and ` ::: ` where Google wrote them)."""
    return _tags(cell.replace(MULTI, ";").split(";"))


def split_labels(cell: str) -> tuple[str, ...]:
    """Google's labels as tags: only ` ::: ` separates them, so a `;` stays inside a label."""
    return _tags(cell.split(MULTI))


def _tags(parts: list[str]) -> tuple[str, ...]:
    """Google's `* myContacts` is on every contact, so it says nothing and is dropped; its other
    system groups (`* starred`, legacy `* Friends`) carry intent and become plain tags.
    """
    tags: dict[str, None] = {}
    for part in parts:
        tag = part.strip().lstrip("*").strip()
        folded = tag.casefold()
        if not tag or folded in ("mycontacts", "my contacts"):
            continue
        tags["starred" if folded == "starred" else tag] = None
    return tuple(tags)


def google_label(cell: str) -> tuple[str | None, bool]:
    """Google marks the primary value's label with `* ` (`* Work`)."""
    label = first_value(cell)
    preferred = label.startswith("*")
    label = lowered(label.lstrip("*").strip())
    return label or None, preferred


# The IM services Google Contacts names in `IM n - Service`, and the URI schemes vCard gives
# them (see vcard_fields.IM_SERVICES), so one handle from either file is the same handle.
GOOGLE_IM_SERVICES = {
    "AIM": "aim",
    "Google Talk": "gtalk",
    "ICQ": "icq",
    "Jabber": "xmpp",
    "MSN": "msnim",
    "QQ": "qq",
    "Skype": "skype",
    "Yahoo": "ymsgr",
}
_IM_SCHEMES = {"".join(name.split()).lower(): scheme for name, scheme in GOOGLE_IM_SERVICES.items()}


def im_value(service: str, handle: str) -> str:
    """`service:handle`, the form IM handles are kept in, from a service named in its own cell.

    Google's services become vCard's schemes (`Jabber` → `xmpp`), others a scheme made of
    their name (`Microsoft Teams` → `microsoftteams`); a handle that already carries the
    scheme, or has no service beside it, stays as written.
    """
    handle = handle.strip()
    scheme = lowered("".join(service.split()))
    scheme = _IM_SCHEMES.get(scheme, scheme)
    if not scheme or not handle or handle.lower().startswith(f"{scheme}:"):
        return handle
    return f"{scheme}:{handle}"


class HandleColumn(NamedTuple):
    """Where a handle's value sits, and its label: fixed, or read from a label cell.

    An IM handle may have its service in a cell of its own (Google's `IM 1 - Service`).
    """

    kind: str
    value: int
    label: str | None = None
    label_column: int | None = None
    preferred: bool = False
    service_column: int | None = None


@dataclass(frozen=True)
class ContactPlan:
    """Column indexes for one address-book layout; a missing column is the blank cell.

    Labels and tag cells repeat from row to row (`* Work`, `* myContacts ::: Clients`), so
    each distinct text is parsed once and remembered here for the rest of the file.
    """

    given: tuple[int, ...]  # joined with spaces: first, middle, last, suffix
    full: tuple[int, ...]  # fall-backs when those are empty: Name, Display Name, Nickname
    handles: tuple[HandleColumn, ...]
    org: int
    title: int
    addresses: tuple[AddressColumns, ...]  # groups present in the header, in the file's order
    tags: int
    notes: tuple[int, ...]
    nickname: int
    birthday: BirthdayReader | None = None
    extras: tuple[Extra, ...] = ()  # columns kept only as a note (see `extras`)
    tag_splitter: Callable[[str], tuple[str, ...]] = split_tags
    seen: dict[tuple[Callable[[str], Any], str], Any] = field(default_factory=dict, compare=False)

    def remembered(self, parse: Callable[[str], T], cell: str) -> T:
        """`parse(cell)`, computed once per distinct cell text (up to a few thousand)."""
        key = (parse, cell)
        found: T | None = self.seen.get(key)
        if found is None:
            found = parse(cell)
            if len(self.seen) < REMEMBERED:
                self.seen[key] = found
        return found


def read_contacts(table: Table, plan: ContactPlan) -> Batch:
    batch = Batch()
    plan = replace(plan, extras=extra_columns(table))  # what the plan left unread
    with paused_gc():
        for line, row in table.rows:
            add_contact(batch, plan, line, row)
    return batch


def add_contact(batch: Batch, plan: ContactPlan, line: int, row: list[str]) -> None:
    """One row becomes a contact (a person, or an organisation) or a skip with its reason."""
    handles = _handles(plan, row)
    org = first_value(row[plan.org]) if row[plan.org] else ""
    name, kind = _name_and_kind(plan, row, org, handles)
    if not name:
        batch.skipped.append(Skip(line, "no name or e-mail"))
        return
    # Most files have no addresses or nickname: those rows skip the calls altogether.
    addresses = _addresses(plan, row) if plan.addresses else []
    city, country = place_of(addresses) if addresses else (None, None)
    nickname = row[plan.nickname]
    tags = row[plan.tags]
    person = PersonRecord(
        key=f"line:{line}",
        name=name,
        line=line,
        handles=handles,
        org=org or None,
        title=first_value(row[plan.title]) or None,
        kind=kind,
        city=city,
        country=country,
        tags=list(plan.remembered(plan.tag_splitter, tags)) if tags else [],
        notes=[n.replace("\r\n", "\n") for i in plan.notes if (n := row[i].strip())],
        nickname=(first_value(nickname) or None) if nickname else None,
        addresses=addresses,
    )
    if plan.extras and (items := extra_items(plan.extras, row)):
        # Our own CSV export keeps the industry in a custom field; any other goes in a note.
        industry = next((name for name in items if name.casefold() == "industry"), None)
        person.industry = items.pop(industry) if industry else None
        if items:
            person.notes.append(extras_note(items))
    if plan.birthday is not None:
        try:
            person.birthday = plan.birthday(row)
        except BadDate as exc:
            person.notes.append(f"Birthday (not understood): {exc.text}")
    batch.people.append(person)


def _name_and_kind(
    plan: ContactPlan, row: list[str], org: str, handles: list[Handle]
) -> tuple[str, str]:
    """A row naming a company but no person (or the company again, as a display name) is
    the organisation's own card, as Google and Outlook write one: it is named after the
    company, not after the local part of its `info@` address.

    A name in the name columns is a person's, even the company's own (a consultant trading
    under their name), as a vCard with N is: goodword exports a person that way, and an
    organisation with those columns empty.
    """
    given = " ".join(" ".join([row[i] for i in plan.given]).split())
    name = given or _full_name(plan, row)
    if org and not given and name in ("", org):
        return org, ORGANISATION
    if not name:  # someone known only by an address
        name = next((h.value for h in handles if h.kind == "email"), "").partition("@")[0]
    return name, PERSON


def _full_name(plan: ContactPlan, row: list[str]) -> str:
    for i in plan.full:
        if full := row[i].strip():
            return full
    return ""


def _handles(plan: ContactPlan, row: list[str]) -> list[Handle]:
    handles: list[Handle] = []
    for kind, at, label, label_at, preferred, service_at in plan.handles:
        cell = row[at]
        if not cell:
            continue
        if label_at is not None:
            label, preferred = plan.remembered(google_label, row[label_at])
        values = cell.split(MULTI) if MULTI in cell else [cell]
        if service_at is not None:
            services = row[service_at].split(MULTI)  # one per value, in the same order
            values = [
                im_value(services[n] if n < len(services) else "", value)
                for n, value in enumerate(values)
            ]
        for text in values:
            value = text.strip()
            if not value or (kind == "email" and value[:3].lower() == "/o="):
                continue  # `/o=…` is an Exchange directory name, meaningless outside that server
            linkedin = kind == "url" and is_linkedin(value)
            handles.append(Handle("linkedin" if linkedin else kind, value, label, preferred))
            preferred = False  # of several values in one cell, the first is the primary
    return handles


def _addresses(plan: ContactPlan, row: list[str]) -> list[AddressRecord]:
    found: list[AddressRecord] = []
    for cells, label, label_at, preferred in plan.addresses:
        texts = [row[i] for i in cells]
        if not any(texts):
            continue
        if label_at is not None:
            label, preferred = plan.remembered(google_label, row[label_at])
        for parts in each_value(texts):
            if (address := address_record(parts, label, preferred)) is not None:
                found.append(address)
                preferred = False  # of several addresses in one group, the first is the primary
    return found
