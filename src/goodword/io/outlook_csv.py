"""Outlook CSV as plain records (no database): Outlook desktop's 92 columns, Outlook.com,
Google's "Outlook CSV" export option, and Thunderbird's address book export.

The Outlook layouts share column names but not their order or number, so everything is found
by header name. `Title` in Outlook is the name prefix (Dr., Mrs.), never the job title.
"""

from __future__ import annotations

from pathlib import Path

from goodword.io.addressbook import (
    BadDate,
    ContactPlan,
    HandleColumn,
    birthday_at,
    make_birthday,
    read_contacts,
)
from goodword.io.addresses import AddressColumns, AddressNames, address_columns
from goodword.io.csvfile import Birthday, BirthdayReader, Layout, Table, read_table
from goodword.io.records import Batch

EXPECTED = "'First Name', 'Last Name', 'E-mail Address', 'Company', 'Job Title'"

# Phone columns and the label each gives its number, in the order a person would rank them.
OUTLOOK_PHONES = {
    "primary phone": "main",
    "mobile phone": "mobile",
    "business phone": "work",
    "business phone 2": "work",
    "home phone": "home",
    "home phone 2": "home",
    "company main phone": "company",
    "assistant's phone": "assistant",
    "other phone": "other",
    "car phone": "car",
    "callback": "callback",
    "pager": "pager",
    "radio phone": "radio",
    "isdn": "isdn",
    "tty/tdd phone": "tty",
    "telex": "telex",
    "business fax": "work fax",
    "home fax": "home fax",
    "other fax": "fax",
}
# The first is the primary address; the bare names are for hand-made files saved from Excel.
OUTLOOK_EMAILS = (
    "e-mail address",
    "e-mail 2 address",
    "e-mail 3 address",
    "email",
    "e-mail",
    "email address",
)
OUTLOOK_WEB = {"web page": None, "personal web page": "personal"}
# Outlook desktop says `Country/Region`, Google's Outlook option `Country`; only Google's
# option writes the whole address in one cell (`Home Address`).
OUTLOOK_ADDRESS = AddressNames(
    street=("street", "street 2", "street 3"),
    po_box=("address po box",),
    region=("state",),
    postcode=("postal code",),
    country=("country/region", "country"),
    formatted=("address",),
)
OUTLOOK_PLACES = {"business": "work", "home": "home", "other": "other"}
THUNDERBIRD_ADDRESS = AddressNames(
    street=("address", "address 2"), region=("state",), postcode=("zipcode",), country=("country",)
)
THUNDERBIRD_PLACES = {"work": "work", "home": "home"}
THUNDERBIRD_PHONES = {
    "mobile number": "mobile",
    "work phone": "work",
    "home phone": "home",
    "pager number": "pager",
    "fax number": "fax",
}


def parse_outlook_csv(path: Path) -> Batch:
    """Every contact of an Outlook, Outlook.com or Thunderbird export; categories become tags.

    Raises: MalformedFile naming the line for a broken file or a header that is not Outlook's.
    """
    table = read_table(
        path,
        accept=(Layout.OUTLOOK, Layout.THUNDERBIRD),
        what="an Outlook CSV",
        expected=EXPECTED,
    )
    plan = thunderbird_plan(table) if table.layout is Layout.THUNDERBIRD else outlook_plan(table)
    return read_contacts(table, plan)


def outlook_plan(table: Table) -> ContactPlan:
    """Business address first: goodword is for professional networks."""
    present = table.present(*OUTLOOK_EMAILS)
    emails = [HandleColumn("email", at, preferred=n == 0) for n, at in enumerate(present)]
    phones = [HandleColumn("phone", table.index(k), label) for k, label in OUTLOOK_PHONES.items()]
    web = [HandleColumn("url", table.index(key), label) for key, label in OUTLOOK_WEB.items()]
    im = HandleColumn("im", table.index("imaddress", "im address"))  # Outlook.com: `IMAddress`
    return ContactPlan(
        given=table.present("first name", "middle name", "last name", "suffix"),
        full=table.present("nickname", "display name", "name", "full name"),
        handles=tuple(spec for spec in (*emails, *phones, *web, im) if spec.value != table.width),
        org=table.index("company"),
        title=table.index("job title"),
        addresses=_addresses(table, OUTLOOK_ADDRESS, OUTLOOK_PLACES),
        tags=table.index("categories"),
        notes=(table.index("notes"),),
        nickname=table.index("nickname"),
        birthday=birthday_at(table.index("birthday")),
    )


def thunderbird_plan(table: Table) -> ContactPlan:
    """Thunderbird keeps the birthday in three cells and the company under `Organization`."""
    emails = [
        HandleColumn("email", table.index("primary email"), preferred=True),
        HandleColumn("email", table.index("secondary email")),
    ]
    phones = [HandleColumn("phone", table.index(k), lab) for k, lab in THUNDERBIRD_PHONES.items()]
    web = [
        HandleColumn("url", table.index("web page 1"), "work"),
        HandleColumn("url", table.index("web page 2"), "home"),
    ]
    return ContactPlan(
        given=table.present("first name", "last name"),
        full=table.present("display name", "nickname"),
        handles=tuple(spec for spec in (*emails, *phones, *web) if spec.value != table.width),
        org=table.index("organization"),
        title=table.index("job title"),
        addresses=_addresses(table, THUNDERBIRD_ADDRESS, THUNDERBIRD_PLACES),
        tags=table.width,
        notes=(table.index("notes"),),
        nickname=table.index("nickname"),
        birthday=_birthday_in_parts(
            table.index("birth year"), table.index("birth month"), table.index("birth day")
        ),
    )


def _addresses(
    table: Table, names: AddressNames, places: dict[str, str]
) -> tuple[AddressColumns, ...]:
    """One group per place (`Business …`, `Home …`), labelled by it; the first is preferred."""
    groups = (
        address_columns(table, f"{place} ", names, label=label, preferred=n == 0)
        for n, (place, label) in enumerate(places.items())
    )
    return tuple(group for group in groups if group is not None)


def _birthday_in_parts(year_at: int, month_at: int, day_at: int) -> BirthdayReader:
    def read(row: list[str]) -> Birthday | None:
        year, month, day = row[year_at].strip(), row[month_at].strip(), row[day_at].strip()
        if not (month or day):
            return None
        text = f"{year or '--'}-{month}-{day}"
        try:
            return make_birthday(int(year) if year else None, int(month), int(day), text)
        except ValueError:
            raise BadDate(text) from None

    return read
