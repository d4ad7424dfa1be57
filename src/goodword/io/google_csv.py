"""Google Contacts CSV, current and legacy layouts, as plain records (no database).

Google adds, drops and renumbers columns from one export to the next (`E-mail 4 - Value`
appears only when someone has four), so every column is found by its header name, and the
numbered groups are discovered from the header rather than listed.
"""

from __future__ import annotations

import re
from pathlib import Path

from goodword.io.addressbook import (
    ContactPlan,
    HandleColumn,
    birthday_at,
    read_contacts,
    split_labels,
)
from goodword.io.addresses import AddressColumns, AddressNames, address_columns
from goodword.io.csvfile import Layout, Table, read_table
from goodword.io.records import Batch

EXPECTED = (
    "'First Name', 'Last Name', 'E-mail 1 - Value', 'Labels' "
    "(or the legacy 'Name', 'Given Name', 'Group Membership')"
)
_NUMBERED = re.compile(r"(e-mail|phone|website|im|address) ([0-9]{1,4}) - (.+)")
_KINDS = {"e-mail": "email", "phone": "phone", "website": "url", "im": "im"}
# Both layouts name an address's parts alike; `Formatted` is read only when they are blank.
_ADDRESS = AddressNames(
    street=("street", "extended address"),
    po_box=("po box",),
    region=("region",),
    postcode=("postal code",),
    country=("country",),
    formatted=("formatted",),
)


def parse_google_csv(path: Path) -> Batch:
    """Every contact of a Google Contacts export; labels become tags, ` ::: ` splits values.

    Raises: MalformedFile naming the line for a broken file or a header that is not Google's.
    """
    table = read_table(
        path,
        accept=(Layout.GOOGLE, Layout.GOOGLE_LEGACY),
        what="a Google Contacts CSV",
        expected=EXPECTED,
    )
    return read_contacts(table, google_plan(table))


def google_plan(table: Table) -> ContactPlan:
    """Column indexes for either layout: legacy says `Type` where current says `Label`."""
    legacy = table.layout is Layout.GOOGLE_LEGACY
    if legacy:
        given = ("given name", "additional name", "family name", "name suffix")
        full = ("name", "nickname")
        org, title, tags = "organization 1 - name", "organization 1 - title", "group membership"
    else:
        given = ("first name", "middle name", "last name", "name suffix")
        full = ("file as", "nickname")
        org, title, tags = "organization name", "organization title", "labels"
    label_word = "type" if legacy else "label"
    return ContactPlan(
        given=table.present(*given),
        full=table.present(*full),
        handles=_handles(table, label_word),
        org=table.index(org),
        title=table.index(title),
        addresses=_addresses(table, label_word),
        tags=table.index(tags),
        notes=(table.index("notes"),),
        nickname=table.index("nickname"),
        birthday=birthday_at(table.index("birthday")),
        tag_splitter=split_labels,
    )


def _handles(table: Table, label_word: str) -> tuple[HandleColumn, ...]:
    """E-mails, then phones, then websites, then IM, each in Google's numbering order."""
    found: list[tuple[str, int, HandleColumn]] = []
    for key in list(table.columns):
        match = _NUMBERED.fullmatch(key)
        if not match or match[1] not in _KINDS or match[3] != "value":
            continue
        index = table.index(key)
        group = f"{match[1]} {match[2]} - "
        label = table.column(group + label_word)
        service = table.column(group + "service") if match[1] == "im" else None
        spec = HandleColumn(_KINDS[match[1]], index, None, label, service_column=service)
        found.append((match[1], int(match[2]), spec))
    order = list(_KINDS)
    found.sort(key=lambda item: (order.index(item[0]), item[1]))
    return tuple(spec for _, _, spec in found)


def _addresses(table: Table, label_word: str) -> tuple[AddressColumns, ...]:
    """Every numbered address group the header has, labelled (and starred) by its own cell."""
    matches = (_NUMBERED.fullmatch(key) for key in table.columns)
    numbers = sorted({int(m[2]) for m in matches if m and m[1] == "address"})
    groups = (
        address_columns(
            table,
            f"address {n} - ",
            _ADDRESS,
            label_column=table.column(f"address {n} - {label_word}"),
        )
        for n in numbers
    )
    return tuple(group for group in groups if group is not None)
